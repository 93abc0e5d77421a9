"""Viewpoints: by-person factor analysis (:mod:`review.analysis.qmethod`, matching R qmethod) and what
a session's analysis may show the room (:mod:`review.analysis.viewpoints`).
"""
