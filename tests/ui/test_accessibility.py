"""Accessibility of every screen: zoom keys, accessible names, keyboard-only use, font scaling, French.

Offscreen Qt. Accessible names are read the way a screen reader gets them: through Qt's
accessibility interface (`QAccessible.queryAccessibleInterface(...).text(Name)`), not the widget
property, so a button named by its text counts and a label hiding its text behind a fixed name
does not.
"""

from __future__ import annotations

import os
import threading

import psutil
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from lockdown.guard.environment import Finding
from lockdown.guard.events import ConnectionLost, GuardFailed, ProhibitedAppClosed
from lockdown.guard.processes import RunningApp
from lockdown.platform.fake import FakeBackend
from lockdown.taskbar import ExamTools
from lockdown.ui.checks import ChecksDialog
from lockdown.ui.frontend import QtFrontend
from lockdown.ui.kiosk import KioskWindow
from lockdown.ui.notice import NoticeDialog
from lockdown.ui.offline import OfflinePage
from lockdown.ui.quit_dialog import QuitDialog
from lockdown.words import say
from tests.ui.kiosk_helpers import KEYS, exam_config, open_kiosk

pytestmark = pytest.mark.timeout(120)

VM = Finding("virtual_machine", "warning", True, True, "QEMU")
HASH = "0" * 64


def name_of(widget: QWidget) -> str:
    """What a screen reader announces as the widget's name."""
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None, widget
    return iface.text(QAccessible.Text.Name).strip()


def controls(root: QWidget) -> list[QWidget]:
    """Every shown widget the student can reach with the keyboard, or that shows them some text."""
    return [w for w in [root, *root.findChildren(QWidget)]
            if w.isVisibleTo(root) and (w.focusPolicy() != Qt.FocusPolicy.NoFocus
                                        or isinstance(w, QAbstractButton)
                                        or (isinstance(w, QLabel) and bool(w.text())))]


def assert_all_named(root: QWidget) -> None:
    unnamed = [f"{type(w).__name__}({w.objectName()})" for w in controls(root) if not name_of(w)]
    assert unnamed == []


def checks_dialog(lang: str = "en") -> ChecksDialog:
    me = psutil.Process(os.getpid())
    running = [RunningApp(pid=me.pid, name="discord", process=me)]
    return ChecksDialog(lang, [VM], None, running, lambda apps: list(apps), HASH)  # type: ignore[arg-type]


# Zoom ---------------------------------------------------------------------------------------------


@pytest.fixture
def kiosk(qtbot, serve):  # type: ignore[no-untyped-def]
    site = serve()
    site.add("/", "<title>Exam home</title><p>Question 1</p>")
    return open_kiosk(qtbot, exam_config(site.url + "/"))


def test_ctrl_plus_minus_and_zero_zoom_the_page_and_back(qtbot, kiosk):  # type: ignore[no-untyped-def]
    target = kiosk.view.focusProxy() or kiosk.view
    kiosk.activateWindow()
    target.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    assert kiosk.view.zoomFactor() == pytest.approx(1.0)
    QTest.keyClick(target, Qt.Key.Key_Plus, ctrl)
    qtbot.waitUntil(lambda: kiosk.view.zoomFactor() == pytest.approx(1.1), timeout=3000)
    QTest.keyClick(target, Qt.Key.Key_Equal, ctrl)  # Ctrl+= : the same key without Shift
    qtbot.waitUntil(lambda: kiosk.view.zoomFactor() == pytest.approx(1.25), timeout=3000)
    QTest.keyClick(target, Qt.Key.Key_0, ctrl)
    qtbot.waitUntil(lambda: kiosk.view.zoomFactor() == pytest.approx(1.0), timeout=3000)
    QTest.keyClick(target, Qt.Key.Key_Minus, ctrl)
    qtbot.waitUntil(lambda: kiosk.view.zoomFactor() == pytest.approx(0.9), timeout=3000)
    QTest.keyClick(target, Qt.Key.Key_0, ctrl)
    qtbot.waitUntil(lambda: kiosk.view.zoomFactor() == pytest.approx(1.0), timeout=3000)


# Accessible names ---------------------------------------------------------------------------------


def test_every_control_of_the_notice_has_an_accessible_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    notice = NoticeDialog("en", "https://exam.example/")
    qtbot.addWidget(notice)
    assert_all_named(notice)
    assert name_of(notice.continue_button) == "Continue to the exam"


def test_every_control_of_the_quit_dialog_has_an_accessible_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    for hashed in (HASH, None):
        dialog = QuitDialog("en", hashed)
        qtbot.addWidget(dialog)
        assert_all_named(dialog)


def test_every_control_of_the_checks_screen_has_an_accessible_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = checks_dialog()
    qtbot.addWidget(dialog)
    assert dialog.password is not None and dialog.apps.count() == 1
    assert_all_named(dialog)


def test_every_control_of_the_kiosk_has_an_accessible_name(qtbot, kiosk):  # type: ignore[no-untyped-def]
    kiosk.connection_changed(False)
    kiosk.show_refusal("refused.print")
    assert_all_named(kiosk)
    kiosk.stack.setCurrentWidget(kiosk.offline)
    kiosk.offline.failed()
    assert_all_named(kiosk.offline)
    assert name_of(kiosk.view)


def test_the_banner_and_messages_are_announced_with_their_text(qtbot, kiosk):  # type: ignore[no-untyped-def]
    """A screen reader must hear "connection lost", not only a fixed label like "Connection status"."""
    kiosk.connection_changed(False)
    assert say("en", "banner.lost") in name_of(kiosk.banner)
    kiosk.connection_changed(True)
    assert say("en", "banner.back") in name_of(kiosk.banner)
    kiosk.show_refusal("refused.print")
    assert say("en", "refused.print") in name_of(kiosk.message)
    kiosk.offline.failed()
    assert "Next try in" in name_of(kiosk.offline.countdown)


# Keyboard only ------------------------------------------------------------------------------------


def test_continue_is_the_default_button_and_enter_accepts_the_notice(qtbot) -> None:  # type: ignore[no-untyped-def]
    notice = NoticeDialog("en", "https://exam.example/")
    qtbot.addWidget(notice)
    notice.show()
    qtbot.waitExposed(notice)
    assert notice.continue_button.isDefault()
    with qtbot.waitSignal(notice.accepted, timeout=3000):
        QTest.keyClick(notice.body, Qt.Key.Key_Return)  # Enter from inside the text: still accepts
    assert notice.result() == NoticeDialog.DialogCode.Accepted


def test_tab_reaches_cancel_and_space_cancels_the_notice(qtbot) -> None:  # type: ignore[no-untyped-def]
    notice = NoticeDialog("en", "https://exam.example/")
    qtbot.addWidget(notice)
    notice.show()
    qtbot.waitExposed(notice)
    notice.activateWindow()
    qtbot.waitActive(notice)
    seen = []
    for _ in range(6):
        focused = notice.focusWidget()
        seen.append(focused)
        if focused is notice.cancel_button:
            break
        QTest.keyClick(focused or notice, Qt.Key.Key_Tab)
    assert notice.cancel_button in seen, [type(w).__name__ for w in seen]
    with qtbot.waitSignal(notice.rejected, timeout=3000):
        QTest.keyClick(notice.cancel_button, Qt.Key.Key_Space)


def test_escape_cancels_the_notice(qtbot) -> None:  # type: ignore[no-untyped-def]
    notice = NoticeDialog("en", "https://exam.example/")
    qtbot.addWidget(notice)
    notice.show()
    qtbot.waitExposed(notice)
    with qtbot.waitSignal(notice.rejected, timeout=3000):
        QTest.keyClick(notice, Qt.Key.Key_Escape)


# Font scaling -------------------------------------------------------------------------------------


def test_screens_follow_the_system_font_size(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Sizes are relative to the application font (what the desktop's scaling sets), never fixed."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    try:
        sizes = []
        for points in (10.0, 20.0):
            font = QFont(original)
            font.setPointSizeF(points)
            app.setFont(font)
            widgets: list[QWidget] = [NoticeDialog("en", "https://exam.example/"), OfflinePage("en"),
                                      QuitDialog("en", HASH), checks_dialog()]
            for w in widgets:
                qtbot.addWidget(w)
            labels = [lab for w in widgets for lab in w.findChildren(QLabel) if lab.text()]
            sizes.append(sorted(lab.font().pointSizeF() for lab in labels))
            styled = [w for top in widgets for w in [top, *top.findChildren(QWidget)]
                      if "px" in w.styleSheet()]
            assert styled == []
        small, big = sizes
        assert len(small) == len(big) > 5
        assert all(b == pytest.approx(2 * s) for s, b in zip(small, big, strict=True)), sizes
        assert min(small) == pytest.approx(10.0)
    finally:
        app.setFont(original)


# French -------------------------------------------------------------------------------------------


def test_every_screen_speaks_french_when_the_exam_says_so(qtbot, serve) -> None:  # type: ignore[no-untyped-def]
    notice = NoticeDialog("fr", "https://exam.example/")
    qtbot.addWidget(notice)
    assert notice.windowTitle().endswith("Avant votre examen")
    assert name_of(notice.continue_button) == "Continuer vers l'examen"
    assert "Annuler" in notice.cancel_button.text()
    quit_dialog = QuitDialog("fr", HASH)
    qtbot.addWidget(quit_dialog)
    assert quit_dialog.windowTitle() == "Quitter l'examen"
    checks = checks_dialog("fr")
    qtbot.addWidget(checks)
    assert "Démarrer" in checks.start_button.text()
    assert any("machine virtuelle" in lab.text() for lab in checks.findChildren(QLabel))

    site = serve()
    site.add("/", "<title>Examen</title>")
    config = exam_config(site.url + "/", language="fr")
    kiosk = open_kiosk(qtbot, config, lang=config.language)
    kiosk.connection_changed(False)
    assert kiosk.banner.text() == say("fr", "banner.lost")
    kiosk.offline.failed()
    assert kiosk.offline.countdown.text().startswith("Nouvel essai dans")
    assert kiosk.offline.button.text() == "&Réessayer maintenant"
    kiosk.show_refusal("refused.download")
    assert kiosk.message.text() == "Les téléchargements ne sont pas autorisés pendant cet examen."


# What the guards did ------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "“zoom” was closed: it is not allowed during this exam."),
    ("fr", "« zoom » a été fermé : ce programme n'est pas autorisé pendant cet examen."),
])
def test_a_program_the_guard_closed_is_announced_by_name_in_the_kiosk(qtbot, serve, lang, expected):  # type: ignore[no-untyped-def]
    """The guard's thread emits; the bridge brings it into Qt's thread; a screen reader hears the name."""
    site = serve()
    site.add("/", "<title>Exam home</title><p>Question 1</p>")
    config = exam_config(site.url + "/")
    frontend = QtFrontend(config, lang)
    try:
        frontend.open_kiosk(KEYS, ExamTools(FakeBackend(), config))
        kiosk = next(w for w in QApplication.topLevelWidgets()
                     if isinstance(w, KioskWindow) and w.isVisible())
        guard = threading.Thread(target=frontend.show, args=(ProhibitedAppClosed("zoom"),))
        guard.start()
        guard.join()
        qtbot.waitUntil(lambda: kiosk.message.isVisible() and name_of(kiosk.message) == expected,
                        timeout=5000)
        assert kiosk.isVisible()  # a message over the page, nothing to dismiss

        frontend.show(GuardFailed("process_guard"))
        failed = {"en": "lockdown can no longer check for programs that are not allowed. Your exam goes "
                        "on; please tell your proctor.",
                  "fr": "lockdown ne peut plus vérifier les programmes non autorisés. Votre examen "
                        "continue ; prévenez votre surveillant."}[lang]
        qtbot.waitUntil(lambda: name_of(kiosk.message) == failed, timeout=5000)

        frontend.show(ConnectionLost())
        qtbot.waitUntil(lambda: kiosk.banner.isVisible(), timeout=5000)
        assert name_of(kiosk.banner) == say(lang, "banner.lost")  # type: ignore[arg-type]
    finally:
        frontend.close()


def test_a_program_name_that_looks_like_html_is_shown_as_typed(qtbot, kiosk):  # type: ignore[no-untyped-def]
    kiosk.show_message("“<b>x</b><img src=file:///etc/passwd>” was closed")
    assert kiosk.message.textFormat() == Qt.TextFormat.PlainText
    assert name_of(kiosk.message) == "“<b>x</b><img src=file:///etc/passwd>” was closed"
