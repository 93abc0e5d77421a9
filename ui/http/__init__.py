"""The HTTP layer: plain routes next to Streamlit's (the API, exports, notes, reports), the middleware
every request meets first (edge, upload gate, device cookie) and the precompressed static files. No
Streamlit elements are drawn here.
"""
