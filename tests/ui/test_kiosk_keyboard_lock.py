"""The kiosk's keyboard lock and capture protection follow the platform's decisions.

A fake platform names them; the exam's list asks the front end for the window's own grab only
when the platform says so, and turns the platform's switches on and off itself. The grab made is
the real Qt operation on a real (offscreen) window.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from lockdown.app import capture_protection, keyboard_lock
from lockdown.guard.events import EventSink
from lockdown.platform import KeyboardLock, WindowKeyboardGrab
from lockdown.platform.fake import FakeBackend, FakeSwitch
from lockdown.session.operations import Operation
from lockdown.ui.lockdown_ops import KeyboardGrab


class WindowOnly:
    """The part of the front end these operations use: a real shown window and its grab."""

    def __init__(self, qtbot: QtBot) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.window.show()
        self.asked: list[str] = []

    def window_operation(self, kind: str, events: EventSink) -> Operation:
        self.asked.append(kind)
        return KeyboardGrab(self.window)

    def kiosk_window_id(self) -> int:
        return int(self.window.winId())


@pytest.mark.parametrize(("display", "lock", "expected"), [
    ("x11", WindowKeyboardGrab(), "keyboard_grab"),
    ("wayland", WindowKeyboardGrab(), "keyboard_grab"),  # the platform decides, even against the name
    ("x11", None, None),
    ("windows", FakeSwitch(), "shortcut_block"),
])
def test_the_keyboard_lock_is_the_one_the_platform_names(qtbot: QtBot, display: str, lock: KeyboardLock,
                                                          expected: str | None) -> None:
    ui = WindowOnly(qtbot)
    backend = FakeBackend(display_server=display, keyboard_lock=lock)  # type: ignore[arg-type]
    op = keyboard_lock(ui, backend, lambda _event: None)  # type: ignore[arg-type]
    assert (op.name if op is not None else None) == expected
    assert ui.asked == (["keyboard_grab"] if expected == "keyboard_grab" else [])
    if isinstance(op, KeyboardGrab):
        op.perform()
        op.revert()


def test_the_platforms_switches_are_turned_on_and_off_by_their_operations(qtbot: QtBot) -> None:
    keyboard, capture = FakeSwitch(), FakeSwitch()
    backend = FakeBackend(display_server="macos", keyboard_lock=keyboard, capture=capture)
    ui = WindowOnly(qtbot)
    ops = [keyboard_lock(ui, backend, lambda _event: None), capture_protection(ui, backend)]  # type: ignore[arg-type]
    assert backend.capture_windows == [int(ui.window.winId())]  # the native id of this very window
    for op in ops:
        assert op is not None
        op.perform()
        op.revert()
    assert keyboard.calls == ["start", "stop"] and capture.calls == ["start", "stop"]


def test_no_capture_exclusion_where_the_platform_has_none(qtbot: QtBot) -> None:
    assert capture_protection(WindowOnly(qtbot), FakeBackend(capture=None)) is None  # type: ignore[arg-type]
