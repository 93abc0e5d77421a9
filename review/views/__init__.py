"""What the screens show of a session: the projector's results views (:mod:`review.views.results`) and
the discussion's starting points (:mod:`review.views.discussion`).
"""
