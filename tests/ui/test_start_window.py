"""The start window, keyboard only: a pasted link, a wrong link, the computer check, leaving."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lockdown.ui.start_window import StartWindow


def _window(qtbot: QtBot, lang: str = "en", checks: str = "Screens  pass") -> StartWindow:
    window = StartWindow(lang, lambda: checks)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def _tab_to(qtbot: QtBot, window: StartWindow, widget: object) -> None:
    for _ in range(12):
        focused = window.focusWidget()
        if focused is widget:
            return
        qtbot.keyClick(focused or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget!r}")


def test_a_pasted_sebs_link_is_taken_with_enter(qtbot: QtBot) -> None:
    window = _window(qtbot)
    _tab_to(qtbot, window, window.link)
    link = "sebs://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=4"
    qtbot.keyClicks(window.link, link)
    with qtbot.waitSignal(window.accepted, timeout=5000):
        qtbot.keyClick(window.link, Qt.Key.Key_Return)
    assert window.source == link


def test_a_wrong_or_plain_http_link_is_explained_and_nothing_starts(qtbot: QtBot) -> None:
    window = _window(qtbot, "fr")
    window.link.setText("ftp://lms.example.org/x.seb")
    qtbot.keyClick(window.link, Qt.Key.Key_Return)
    assert "doit commencer par sebs://" in window.problem.text() and window.isVisible()
    window.link.setText("http://lms.example.org/x.seb")
    qtbot.keyClick(window.link, Qt.Key.Key_Return)
    assert "pas sécurisé" in window.problem.text() and window.source == ""


def test_the_computer_check_runs_off_the_interface_thread_and_shows_its_results(qtbot: QtBot) -> None:
    seen: list[bool] = []

    def checks() -> str:
        seen.append(threading.current_thread() is not threading.main_thread())
        return "Free memory   pass   3.2 GiB"

    window = StartWindow("en", checks)
    qtbot.addWidget(window)
    window.show()
    window.check.click()
    qtbot.waitUntil(lambda: "Free memory" in window.results.toPlainText(), timeout=10000)
    assert seen == [True] and window.check.isEnabled()


def test_escape_leaves_and_every_control_is_named(qtbot: QtBot) -> None:
    window = _window(qtbot)
    for control in (window.open_file, window.link, window.open_link, window.check, window.leave):
        assert control.accessibleName()
    with qtbot.waitSignal(window.rejected, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.source == ""


@pytest.mark.parametrize(("opened", "expected"), [
    ("sebs://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=4",
     "sebs://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=4"),
    ("/Users/student/Downloads/exam.seb", "/Users/student/Downloads/exam.seb")])
def test_a_link_or_file_the_system_hands_over_is_taken(qtbot: QtBot, opened: str, expected: str) -> None:
    """macOS starts lockdown without arguments and hands it the clicked link or file as an Apple
    event, which Qt delivers to the application as a QFileOpenEvent."""
    window = StartWindow("en", lambda: "")  # type: ignore[arg-type]
    qtbot.addWidget(window)
    app = QApplication.instance()
    event = QFileOpenEvent(QUrl(opened) if "://" in opened else QUrl.fromLocalFile(opened))
    QTimer.singleShot(300, lambda: QApplication.sendEvent(app, event))
    QTimer.singleShot(10000, window.reject)  # not taken: the test fails, it does not hang
    assert window.ask() == expected


def test_a_link_the_system_hands_over_is_judged_like_a_pasted_one(qtbot: QtBot) -> None:
    window = StartWindow("en", lambda: "")  # type: ignore[arg-type]
    qtbot.addWidget(window)
    app = QApplication.instance()
    event = QFileOpenEvent(QUrl("seb://lms.example.org/config.seb"))  # plain http underneath
    QTimer.singleShot(300, lambda: QApplication.sendEvent(app, event))
    QTimer.singleShot(1500, window.reject)
    assert window.ask() is None
    assert window.problem.text() != ""  # the student is told why
