"""REVIEW: the domain of a live Q-sort session (no Streamlit here).

Imports go one way: the app and its pages call into this package; this package
talks to DuckDB and to files under ``data/``.
"""
