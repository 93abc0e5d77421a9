"""Streamlit view helpers: the parts of the pages (results, room, discussion, analysis, library,
trajectories, data tools), the phone's sorting board and the notes component, and the small display
rules (text, style, language). They draw what the domain hands them.
"""
