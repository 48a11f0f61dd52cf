"""When the exam allows downloads, uploads or printing, they work (the refusals are in test_page_policy)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from tests.ui.kiosk_helpers import act_until, exam_config, js, open_kiosk

pytestmark = pytest.mark.timeout(120)

HOME = """<!doctype html><title>Exam home</title>
<a id="dl" href="/statement.txt">the statement</a>
<input id="up" type="file" style="position:absolute;left:20px;top:200px;width:200px;height:40px">
<p>Print me</p>"""
STATEMENT = b"Exercise 1: prove that sqrt(2) is irrational.\n"


@pytest.fixture
def site(serve):  # type: ignore[no-untyped-def]
    exam = serve()
    exam.add("/", HOME)
    exam.pages["/statement.txt"] = (200, {"Content-Type": "application/octet-stream",
                                          "Content-Disposition": "attachment; filename=statement.txt"},
                                    STATEMENT)
    return exam


def visible(kind: type) -> list:  # type: ignore[type-arg]
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_an_allowed_download_is_saved_in_the_downloads_folder(qtbot, site, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    (home / ".config").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    kiosk = open_kiosk(qtbot, exam_config(site.url + "/", allow_downloads=True))
    js(qtbot, kiosk, "document.getElementById('dl').click(); true")
    saved = home / "Downloads" / "statement.txt"
    qtbot.waitUntil(lambda: saved.is_file() and saved.read_bytes() == STATEMENT, timeout=10000)
    assert not kiosk.message.isVisible() or "not allowed" not in kiosk.message.text()
    assert kiosk.page.url().toString() == site.url + "/"


def test_an_allowed_upload_opens_the_file_chooser_and_the_page_gets_the_file(qtbot, site, tmp_path):  # type: ignore[no-untyped-def]
    answer = tmp_path / "my-answer.txt"
    answer.write_text("my essay")
    kiosk = open_kiosk(qtbot, exam_config(site.url + "/", allow_uploads=True))
    chosen: list[str] = []

    def choose() -> None:
        for dialog in visible(QFileDialog):
            chosen.append(dialog.windowTitle())
            name = dialog.findChild(QLineEdit, "fileNameEdit")  # typed, as a student would
            assert isinstance(name, QLineEdit)
            name.setText(str(answer))
            dialog.accept()
        if not chosen or visible(QFileDialog):
            QTimer.singleShot(200, choose)

    QTimer.singleShot(100, choose)
    box = js(qtbot, kiosk, "(function(){var r=document.getElementById('up').getBoundingClientRect();"
                           "return [r.left + r.width/2, r.top + r.height/2];})()")
    kiosk.activateWindow()
    kiosk.view.setFocus()
    act_until(qtbot, lambda: QTest.mouseClick(  # a real click: a script cannot open the chooser
        kiosk.view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        QPoint(int(box[0]), int(box[1]))), lambda: bool(chosen) or bool(visible(QFileDialog)))
    qtbot.waitUntil(lambda: bool(chosen), timeout=10000)
    qtbot.waitUntil(lambda: js(qtbot, kiosk, "document.getElementById('up').files.length") == 1,
                    timeout=10000)
    assert js(qtbot, kiosk, "document.getElementById('up').files[0].name") == "my-answer.txt"
    assert not kiosk.message.isVisible()


def test_allowed_printing_asks_where_to_print_and_prints_the_page(qtbot, site, tmp_path):  # type: ignore[no-untyped-def]
    kiosk = open_kiosk(qtbot, exam_config(site.url + "/", allow_printing=True))
    pdf = tmp_path / "printed.pdf"
    seen: list[QPrintDialog] = []

    def print_to_pdf() -> None:
        for dialog in visible(QPrintDialog):
            seen.append(dialog)
            name = dialog.findChild(QLineEdit, "filename")  # Qt's own dialog: "print to file" field
            assert isinstance(name, QLineEdit) and name.isEnabled()
            name.setText(str(pdf))
            dialog.accept()
            return
        QTimer.singleShot(100, print_to_pdf)

    QTimer.singleShot(100, print_to_pdf)
    js(qtbot, kiosk, "window.print(); true")
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    qtbot.waitUntil(lambda: pdf.is_file() and pdf.stat().st_size > 1000, timeout=20000)
    time.sleep(0.2)
    assert Path(pdf).read_bytes().startswith(b"%PDF")
    assert not kiosk.message.isVisible()
