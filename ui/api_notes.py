"""HTTP endpoints for the notes (issue 10); added to app.py's routes."""

from __future__ import annotations

from starlette.routing import Route

ROUTES: list[Route] = []
