"""How guards report what happened: an event type from `lockdown.privacy.EVENT_TYPES`, nothing else."""

from __future__ import annotations

from collections.abc import Callable

EventSink = Callable[[str], None]
"""Receives an event type such as "prohibited_app_closed"; may be called from a watcher thread."""
