"""What a session is made of, before anyone sorts: statements and statement sets with their themes,
grids, the rules for a set and its files, and the text rules every form, import and export shares
(:mod:`review.content.text`). Imports only the base modules (errors, i18n).
"""
