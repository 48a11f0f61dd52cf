"""What happens during the exam, as typed events, and the one dispatcher that routes them.

Watchers (the process guard, the focus keeper, the screen covers, the network client's status)
emit these frozen dataclasses. `EventDispatcher` sends each one two ways: to the exam server as
its wire type alone (`Event.wire`, one of `lockdown.privacy.EVENT_TYPES`), so a program's name
never leaves the machine; and whole to the student's screen, so the kiosk can say what was closed.
No Qt here: the kiosk's side is a bridge in `lockdown.ui` that queues events into Qt's thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """Something that happened; `wire` is all of it the exam server may receive."""

    wire: ClassVar[str]


@dataclass(frozen=True)
class ExamStarted(Event):
    wire: ClassVar[str] = "exam_started"


@dataclass(frozen=True)
class ExamEnded(Event):
    wire: ClassVar[str] = "exam_ended"


@dataclass(frozen=True)
class FocusLost(Event):
    """Another window took the front; the focus keeper brought the kiosk back."""

    wire: ClassVar[str] = "focus_lost"


@dataclass(frozen=True)
class ProhibitedAppClosed(Event):
    """The process guard closed a program; `name` is shown to the student and never sent."""

    wire: ClassVar[str] = "prohibited_app_closed"
    name: str


@dataclass(frozen=True)
class ScreenCountChanged(Event):
    """A screen was plugged in or out; the new one is covered."""

    wire: ClassVar[str] = "screen_count_changed"
    count: int


@dataclass(frozen=True)
class ConnectionLost(Event):
    wire: ClassVar[str] = "connection_lost"


@dataclass(frozen=True)
class ConnectionRestored(Event):
    wire: ClassVar[str] = "connection_restored"


@dataclass(frozen=True)
class BuildUnverified(Event):
    wire: ClassVar[str] = "build_unverified"


@dataclass(frozen=True)
class QuitRequested(Event):
    wire: ClassVar[str] = "quit_requested"


@dataclass(frozen=True)
class WindowHidden(Event):
    """Another program unmapped or iconified the kiosk window (X11); it was shown again."""

    wire: ClassVar[str] = "window_hidden"


@dataclass(frozen=True)
class WindowMoved(Event):
    """Another program reparented the kiosk window or sent it to another desktop (X11); undone."""

    wire: ClassVar[str] = "window_moved"


@dataclass(frozen=True)
class WindowCovered(Event):
    """Another program's window was put over the kiosk, or the kiosk below it (X11); undone."""

    wire: ClassVar[str] = "window_covered"


GuardName = Literal["process_guard"]


@dataclass(frozen=True)
class GuardFailed(Event):
    """A guard kept failing: the exam goes on without its protection, and people must know."""

    wire: ClassVar[str] = "guard_failed"
    guard: GuardName


EventSink = Callable[[Event], None]
"""Receives events; may be called from a watcher thread."""


class EventDispatcher:
    """Sends each event's type to the exam server and the whole event to the student's screen.

    An EventSink itself, handed to every watcher. A receiver that fails is logged and neither
    keeps the event from the other one nor breaks the watcher that emitted it.
    """

    def __init__(self, server: Callable[[str], None], student: EventSink) -> None:
        self._server = server
        self._student = student

    def __call__(self, event: Event) -> None:
        log.info("event: %s", event.wire)
        try:
            self._server(event.wire)
        except Exception:
            log.exception("the event %s could not be queued for the server", event.wire)
        try:
            self._student(event)
        except Exception:
            log.exception("the event %s could not be shown", event.wire)
