"""Events from watcher threads into Qt's thread, and what the kiosk tells the student about them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from lockdown.guard.events import Event, GuardFailed, ProhibitedAppClosed
from lockdown.i18n import Language
from lockdown.words import say


class EventBridge(QObject):
    """Calls `show(event)` in the thread this object lives in (Qt's), whichever thread emitted it.

    The process guard emits from its own thread and the network client's status from another;
    widgets may only be touched from Qt's, so every event is queued into its event loop.
    """

    _event = Signal(object)

    def __init__(self, show: Callable[[Event], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        self._event.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def __call__(self, event: Event) -> None:
        self._event.emit(event)

    @Slot(object)
    def _deliver(self, event: Event) -> None:
        self._show(event)


_GUARD_FAILED = {"process_guard": "guard.failed.process_guard"}
"""What the student is told when a guard keeps failing, by guard."""


def message_for(event: Event, lang: Language) -> str | None:
    """The short message the kiosk shows for `event`, or None when the student need not know."""
    if isinstance(event, ProhibitedAppClosed):
        return say(lang, "guard.app_closed", name=event.name)
    if isinstance(event, GuardFailed):
        return say(lang, _GUARD_FAILED.get(event.guard, "guard.failed.process_guard"))
    return None
