"""What the facilitator keeps for later sessions: statement sets with their versions, and the
reflective questions of the discussion.
"""
