"""Who may do what: the facilitator's login (:mod:`review.access.login`), the participants' signed
tokens, session codes and join links, and the limits on guessing them. Imports only the base
modules.
"""
