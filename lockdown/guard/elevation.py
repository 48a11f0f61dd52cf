"""Refuse to run with administrator or root rights (CNIL: the software must not need them)."""

from __future__ import annotations

from lockdown.errors import ElevatedError
from lockdown.platform import SessionFacts, get_backend


def refuse_elevated(backend: SessionFacts | None = None) -> None:
    """Raise ElevatedError when lockdown runs elevated; the CLI turns it into one line and exit 2."""
    reason = (backend or get_backend()).elevated()
    if reason:
        raise ElevatedError("elevated.refused", reason=reason)
