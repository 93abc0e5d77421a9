"""Deployment: several app processes behind nginx (``python -m deploy.cluster --help``)."""
