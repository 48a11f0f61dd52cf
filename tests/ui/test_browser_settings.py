"""SEB's browser settings in the real kiosk (Qt offscreen, pages over loopback), through the
front end as `lockdown run` builds it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from lockdown.config.model import ExamConfig, UrlFilter, UrlRule
from lockdown.platform.fake import FakeBackend
from lockdown.taskbar import ExamTools
from lockdown.ui.frontend import QtFrontend
from lockdown.ui.kiosk import KioskWindow
from tests.ui.kiosk_helpers import KEYS, exam_config

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def frontend() -> Iterator[list[QtFrontend]]:
    made: list[QtFrontend] = []
    yield made
    for f in made:
        f.close()


def open_exam(qtbot: Any, made: list[QtFrontend], config: ExamConfig) -> KioskWindow:
    ui = QtFrontend(config, "en")
    made.append(ui)
    ui.open_kiosk(KEYS, ExamTools(FakeBackend(), config))
    kiosk = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible())
    return kiosk


@pytest.mark.parametrize(("content_filter", "loads"), [(True, False), (False, True)])
def test_embedded_content_follows_the_content_filter(qtbot, serve, frontend, content_filter, loads) -> None:  # type: ignore[no-untyped-def]
    exam, cdn = serve(), serve()
    cdn.add("/pic.png", "")
    exam.add("/", f"<!doctype html><title>Exam</title><img src='{cdn.url}/pic.png'>"
                  f"<a id='away' href='{cdn.url}/pic.png'>away</a>")
    rules = (UrlRule("allow", exam.url.removeprefix("http://") + "/*"),)
    config = exam_config(exam.url + "/", url_filter=UrlFilter(enabled=True, rules=rules,
                                                              content_filter=content_filter))
    kiosk = open_exam(qtbot, frontend, config)
    qtbot.waitUntil(lambda: "/" in exam.paths(), timeout=20000)
    if loads:
        qtbot.waitUntil(lambda: "/pic.png" in cdn.paths(), timeout=20000)
    else:
        qtbot.wait(1500)
        assert cdn.paths() == []
    assert kiosk.page.url().toString() == exam.url + "/"
