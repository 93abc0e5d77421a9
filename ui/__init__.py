"""The Streamlit app's own layer, between the pages and the domain (:mod:`review`).

- :mod:`ui.http`: plain HTTP routes and the middleware every request meets;
- :mod:`ui.screens`: the parts of the pages, drawn with Streamlit;
- :mod:`ui.state` (the process's store and the visitor's choices), :mod:`ui.auth` (the
  facilitator's cookie) and :mod:`ui.priority` (submits before page runs): what both share.
"""
