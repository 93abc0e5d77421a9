"""The live room: a session and its rules (:mod:`review.room.sessions`), the phones' lane and the
published copy that keeps each person hidden (:mod:`review.room.live`, :mod:`review.room.anonymity`:
the one anonymity rule), admission, the counts and aggregates a screen may show
(:mod:`review.room.summaries`), pseudonyms and sort tables, and a session's life from open to
deleted.
"""
