"""What the exam needs from a user interface, and nothing of how it is drawn.

`lockdown.app` runs the exam through this interface; the Qt implementation is
`lockdown.ui.frontend.QtFrontend`, and the tests drive the exam with scripted ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, Protocol

from lockdown.config import ExamConfig
from lockdown.guard.environment import Finding
from lockdown.guard.events import EventSink
from lockdown.guard.processes import RunningApp
from lockdown.i18n import Language
from lockdown.integrity.pending import PendingCheck
from lockdown.platform import PlatformBackend
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.session.operations import Operation

EndReason = Literal["quit_url", "quit_shortcut", "signal"]
Review = Literal["start", "leave", "blocked"]


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

    def open_kiosk(self, keys: SebKeys, events: EventSink) -> None:
        """Create and show the kiosk window full screen and start loading the exam page."""

    def kiosk_operations(self, events: EventSink, backend: PlatformBackend) -> list[Operation]:
        """The lockdown operations in order: screen covers, clipboard, keyboard, focus, process guard..."""

    def connection_changed(self, online: bool) -> None:
        """The exam server connection dropped or returned; may be called from any thread."""

    def run_kiosk(self) -> EndReason:
        """Run the kiosk until the exam ends; returns why it ended."""

    def close(self) -> None:
        """Close every window; nothing of the interface stays."""


FrontendFactory = Callable[[ExamConfig, Language], Frontend]
