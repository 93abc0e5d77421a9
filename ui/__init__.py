"""Streamlit glue shared by the pages: cached store, language, the sort board."""
