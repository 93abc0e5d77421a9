"""A session's data leaving and entering: the default group export, the research exports (CSV, XLSX,
PQMethod, JSON) and imports of whole studies.
"""
