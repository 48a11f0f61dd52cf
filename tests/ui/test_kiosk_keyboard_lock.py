"""The kiosk's operations follow the platform's decisions: the UI has no OS or display-server branch.

A fake platform names the keyboard lock and the capture exclusion; the real Qt operations are
built for a real (offscreen) window, and the one that carries the platform's switch turns it on
and off.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from lockdown.config.model import ExamConfig
from lockdown.platform import KeyboardLock, WindowKeyboardGrab
from lockdown.platform.fake import FakeBackend, FakeSwitch
from lockdown.session.operations import Operation
from lockdown.ui.lockdown_ops import build_kiosk_operations

CONFIG = ExamConfig(source="test", format="native", start_url="https://exam.example/")


def operations(qtbot: QtBot, backend: FakeBackend) -> tuple[QWidget, list[Operation]]:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    return window, build_kiosk_operations(window, CONFIG, lambda _event: None, backend)


@pytest.mark.parametrize(("display", "lock", "expected"), [
    ("x11", WindowKeyboardGrab(), "keyboard_grab"),
    ("wayland", WindowKeyboardGrab(), "keyboard_grab"),  # the platform decides, even against the name
    ("x11", None, None),
    ("windows", FakeSwitch(), "shortcut_block"),
])
def test_the_keyboard_lock_is_the_one_the_platform_names(qtbot: QtBot, display: str, lock: KeyboardLock,
                                                          expected: str | None) -> None:
    _, ops = operations(qtbot, FakeBackend(display_server=display, keyboard_lock=lock))  # type: ignore[arg-type]
    names = [op.name for op in ops]
    keyboard = [n for n in names if n in ("keyboard_grab", "shortcut_block")]
    assert keyboard == ([expected] if expected else [])
    assert names[0] == "clipboard_clear" and "focus_keeper" in names and "process_guard" in names


def test_the_platforms_switches_are_turned_on_and_off_by_their_operations(qtbot: QtBot) -> None:
    keyboard, capture = FakeSwitch(), FakeSwitch()
    backend = FakeBackend(display_server="macos", keyboard_lock=keyboard, capture=capture)
    window, ops = operations(qtbot, backend)
    by_name = {op.name: op for op in ops}
    assert backend.capture_windows == [int(window.winId())]  # the native id of this very window
    for name in ("shortcut_block", "capture_exclusion"):
        by_name[name].perform()
        by_name[name].revert()
    assert keyboard.calls == ["start", "stop"] and capture.calls == ["start", "stop"]


def test_no_capture_exclusion_where_the_platform_has_none(qtbot: QtBot) -> None:
    _, ops = operations(qtbot, FakeBackend(capture=None))
    assert "capture_exclusion" not in [op.name for op in ops]
