"""The one error the report runner raises for a bad request."""

from __future__ import annotations

__all__ = [
    "ReportsError",
]


class ReportsError(Exception):
    """A problem with the request (paths, config, parameters, kernel), found before running."""
