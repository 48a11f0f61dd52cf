"""The student's settings-password dialog, offscreen: wrong then right, Escape, last try, names, French.

The dialogs are answered with real key presses as they appear, while the real loader (the same
prompt `lockdown run` uses) opens a file made by the tests' independent encryptor.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from lockdown.app import run_exam
from lockdown.commands.run import StudentPrompt
from lockdown.config import parse_config
from lockdown.config.passwords import PasswordRequest
from lockdown.errors import PasswordCancelled, WrongPassword
from lockdown.sebkeys.configkey import config_key
from lockdown.ui.kiosk import KioskWindow
from lockdown.ui.notice import NoticeDialog
from lockdown.ui.password_dialog import PasswordDialog
from tests.config.helpers import MOODLE_KEY, MOODLE_SEB, plist_xml
from tests.config.rncryptor import encrypted_seb
from tests.ui.test_app_sequence import VALID, FakeBackend

pytestmark = pytest.mark.timeout(120)

PASSWORD = "Prüfung 2024!"


class Student:
    """Answers each password dialog as it appears: types the text and presses Enter, or Escape for None."""

    def __init__(self, *answers: str | None) -> None:
        self.answers = list(answers)
        self.messages: list[str] = []
        """The wrong-password message each dialog showed ("" for none)."""
        self.focus_in_field: list[bool] = []
        self._timer = QTimer()
        self._timer.timeout.connect(self._answer)
        self._timer.start(20)

    def _answer(self) -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, PasswordDialog)
                       and w.isVisible() and not w.property("answered")), None)
        if dialog is None or not self.answers:
            return
        dialog.setProperty("answered", True)
        self.messages.append(dialog.error.text())
        self.focus_in_field.append(dialog.focusWidget() is dialog.password)
        answer = self.answers.pop(0)
        if answer is None:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            for char in answer:  # as typed, one key at a time (QTest.keyClicks knows only ASCII)
                QTest.sendKeyEvent(QTest.KeyAction.Click, dialog.password, Qt.Key.Key_unknown, char,
                                   Qt.KeyboardModifier.NoModifier)
            QTest.keyClick(dialog.password, Qt.Key.Key_Return)

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def exam_bytes(qtbot, monkeypatch) -> bytes:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    return encrypted_seb(MOODLE_SEB.read_bytes(), PASSWORD)


def name_of(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None, widget
    return iface.text(QAccessible.Text.Name).strip()


def test_wrong_then_right_password_opens_the_exam(exam_bytes: bytes) -> None:
    student = Student("prüfung 2024!", PASSWORD)
    try:
        config = parse_config(exam_bytes, "exam.seb", passwords=StudentPrompt())
    finally:
        student.stop()
    assert config_key(config.settings) == MOODLE_KEY
    assert student.messages == ["", "Wrong password. 4 tries left."]
    assert student.focus_in_field == [True, True]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, PasswordDialog) and w.isVisible()]


def test_escape_leaves_and_changes_nothing(exam_bytes: bytes) -> None:
    student = Student("wrong", None)
    try:
        with pytest.raises(PasswordCancelled) as err:
            parse_config(exam_bytes, "exam.seb", passwords=StudentPrompt())
    finally:
        student.stop()
    assert err.value.exit_code == 0 and "nothing was changed" in str(err.value)
    assert student.messages == ["", "Wrong password. 4 tries left."]


def test_the_last_try_says_it_is_the_last_then_the_file_is_refused(exam_bytes: bytes) -> None:
    student = Student(*["wrong"] * 5)
    try:
        with pytest.raises(WrongPassword, match="5 tries"):
            parse_config(exam_bytes, "exam.seb", passwords=StudentPrompt())
    finally:
        student.stop()
    assert student.messages[1:4] == ["Wrong password. 4 tries left.", "Wrong password. 3 tries left.",
                                     "Wrong password. 2 tries left."]
    assert student.messages[4].startswith("Wrong password. This is the last try")


@pytest.mark.parametrize("attempt", [0, 2])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_control_has_an_accessible_name(qtbot, lang: str, attempt: int) -> None:  # type: ignore[no-untyped-def]
    dialog = PasswordDialog(lang, PasswordRequest("exam.seb", attempt, 5))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    shown = [w for w in [dialog, *dialog.findChildren(QWidget)]
             if w.isVisibleTo(dialog) and (w.focusPolicy() != Qt.FocusPolicy.NoFocus
                                           or isinstance(w, QAbstractButton)
                                           or (isinstance(w, QLabel) and bool(w.text())))]
    assert [type(w).__name__ for w in shown if not name_of(w)] == []
    assert dialog.error.isVisibleTo(dialog) == (attempt > 0)
    assert dialog.password.accessibleDescription() == dialog.error.text()  # read when the field gets focus
    assert dialog.open_button.isDefault()


def test_the_dialog_speaks_french(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PasswordDialog("fr", PasswordRequest("exam.seb", 1, 5))
    qtbot.addWidget(dialog)
    assert name_of(dialog.password) == "Mot de passe des paramètres"
    assert dialog.error.text() == "Mot de passe incorrect. Il reste 4 essais."
    assert dialog.open_button.text() == "&Ouvrir l'examen"
    assert name_of(dialog.leave_button) == "Quitter sans rien modifier"


def test_tab_reaches_leave_and_space_leaves(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PasswordDialog("en", PasswordRequest("exam.seb", 0, 5))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert dialog.focusWidget() is dialog.password
    seen = []
    for _ in range(4):
        focused = dialog.focusWidget()
        seen.append(focused)
        if focused is dialog.leave_button:
            break
        QTest.keyClick(focused or dialog, Qt.Key.Key_Tab)
    assert dialog.leave_button in seen, [type(w).__name__ for w in seen]
    with qtbot.waitSignal(dialog.rejected, timeout=3000):
        QTest.keyClick(dialog.leave_button, Qt.Key.Key_Space)


@pytest.mark.slow
def test_the_student_types_the_password_and_the_exam_opens(qapp, serve, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The whole start in the real kiosk (offscreen): dialog, wrong then right password, notice, exam."""
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    site = serve()
    site.add("/exam", "<title>Examen</title><script>setTimeout(function () {"
                      "location.href = '/done'; }, 300);</script>")
    site.add("/done", "<title>Fini</title>")
    path = tmp_path / "exam.seb"
    path.write_bytes(encrypted_seb(plist_xml(
        f"<key>startURL</key><string>{site.url}/exam</string>"
        f"<key>quitURL</key><string>{site.url}/done</string>"), PASSWORD))
    student = Student("faux", PASSWORD)
    seen: list[str] = []

    def continue_after_the_notice() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, NoticeDialog) and widget.isVisible() and "notice" not in seen:
                seen.append("notice")
                widget.continue_button.click()
            if isinstance(widget, KioskWindow) and widget.isVisible() and "kiosk" not in seen:
                seen.append("kiosk")

    timer = QTimer()
    timer.timeout.connect(continue_after_the_notice)
    timer.start(50)
    try:
        code = run_exam(str(path), backend=FakeBackend(), check=lambda _progress: VALID,
                        passwords=StudentPrompt())
    finally:
        timer.stop()
        student.stop()
    assert code == 0
    assert student.messages == ["", "Mot de passe incorrect. Il reste 4 essais."]
    assert seen == ["notice", "kiosk"]
    assert "/exam" in site.paths()
