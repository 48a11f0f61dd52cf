"""What the exam needs from a user interface, and nothing of how it is drawn.

`lockdown.app` runs the exam through this interface; the Qt implementation is
`lockdown.ui.frontend.QtFrontend`, and the tests drive the exam with scripted ones. The front end
makes the operations bound to its windows when asked; which ones run, and in what order, is
`lockdown.app`'s list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, Protocol

from lockdown.config import ExamConfig
from lockdown.guard.environment import Finding
from lockdown.guard.events import Event, EventSink
from lockdown.guard.processes import RunningApp
from lockdown.i18n import Language
from lockdown.integrity.pending import PendingCheck
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.session.operations import Operation
from lockdown.taskbar import ExamTools

EndReason = Literal["quit_url", "quit_shortcut", "signal", "reconfigure"]
"""How the kiosk ended; "reconfigure": the student opened another exam by a `seb(s)://` link the
configuration allows (`Frontend.next_configuration()`)."""
Review = Literal["start", "leave", "blocked"]
WindowOperation = Literal["screen_covers", "clipboard_clear", "clipboard_keep", "keyboard_grab",
                          "focus_keeper", "window_watch"]
"""The operations only the front end can make: they need its windows or its toolkit."""


class Frontend(Protocol):
    """The screens of one exam, in the order `lockdown.app` asks for them."""

    def show_notice(self, check: PendingCheck) -> bool:
        """The notice; True when the student continues, False when they cancel.

        Continuing waits for `check` to finish, showing its progress, if the student was faster.
        """

    def screen_count(self) -> int:
        """How many screens are connected now."""

    def review_environment(self, findings: Sequence[Finding], screens_ok: bool,
                           running: Sequence[RunningApp],
                           close: Callable[[Sequence[RunningApp]], list[RunningApp]]) -> Review:
        """Show what was found; the student starts, leaves, or is blocked."""

    def open_kiosk(self, keys: SebKeys, tools: ExamTools) -> None:
        """Create and show the kiosk window full screen and start loading the exam page; its
        taskbar shows `tools` (the OS's sources, the permitted programs)."""

    def window_operation(self, kind: WindowOperation, events: EventSink) -> Operation | None:
        """Make one operation bound to the kiosk (after `open_kiosk()`); it reports to `events`.
        None when there is nothing to do (the X11 window watch where Qt has no X window)."""

    def kiosk_window_id(self) -> int:
        """The kiosk's native window id, for the operating system's capture protection."""

    def show(self, event: Event) -> None:
        """Tell the student what happened, if it concerns them; may be called from any thread."""

    def run_kiosk(self) -> EndReason:
        """Run the kiosk until the exam ends; returns why it ended."""

    def next_configuration(self) -> tuple[bytes, str] | None:
        """After `run_kiosk()` returned "reconfigure": the other exam's configuration, as the
        kiosk downloaded it with the exam's browser session (its bytes, its URL); else None."""

    def close(self) -> None:
        """Close every window; nothing of the interface stays."""


FrontendFactory = Callable[[ExamConfig, Language], Frontend]


class Entrance(Protocol):
    """What the student sees before an exam's configuration is known: the road in from the LMS."""

    def choose_source(self) -> str | None:
        """The start window: the exam file or link the student opens, or None when they leave."""

    def sign_in(self, url: str) -> tuple[bytes, str] | None:
        """The sign-in window on `url` until the site serves the configuration: (its bytes, its
        URL), or None when the student leaves. The site's session carries over to the kiosk."""

    def close(self) -> None:
        """Free what the sign-in kept (its browser session); nothing of it stays."""
