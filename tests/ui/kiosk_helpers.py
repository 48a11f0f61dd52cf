"""Building a real kiosk window on loopback pages, and reading its page, for the pytest-qt tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from lockdown.config.model import ExamConfig, UrlFilter, UrlRule
from lockdown.sebkeys.jsapi import SebKeys
from lockdown.ui.browser import LOAD_STALL_S
from lockdown.ui.kiosk import KioskWindow
from lockdown.urls.navigation import NavigationRules
from lockdown.urls.policy import UrlPolicy
from lockdown.urls.seblinks import reconfiguration_allows

KEYS = SebKeys(config_key="c" * 64, browser_exam_key="b" * 64)


def exam_config(start_url: str, **changes: Any) -> ExamConfig:
    return ExamConfig(source="test", format="native", start_url=start_url, **changes)


def allow_also(start_url: str, other_origin: str, **changes: Any) -> ExamConfig:
    """Filter on: the exam's origin and `other_origin` allowed."""
    base = start_url.split("/", 3)
    rules = (UrlRule("allow", f"{base[0]}//{base[2]}/*"), UrlRule("allow", other_origin + "/*"))
    return exam_config(start_url, url_filter=UrlFilter(enabled=True, rules=rules), **changes)


def dispose(kiosk: KioskWindow) -> None:
    """Free the page, then its profile, now: deferred deletes left for interpreter exit crash Qt."""
    kiosk.dispose()
    for _ in range(3):  # the page's deletion schedules the profile's
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def open_kiosk(qtbot: QtBot, config: ExamConfig, lang: str = "en", wait: bool = True,
               stall_timeout: float = LOAD_STALL_S) -> KioskWindow:
    rules = NavigationRules(UrlPolicy(config).allows, config.start_url, config.quit_url,
                            lambda link: reconfiguration_allows(config.allow_reconfiguration,
                                                                config.reconfiguration_url, link))
    kiosk = KioskWindow(config, rules, KEYS, lang, stall_timeout=stall_timeout)  # type: ignore[arg-type]
    qtbot.addWidget(kiosk, before_close_func=dispose)
    kiosk.resize(1024, 700)
    kiosk.show()
    if wait:
        with qtbot.waitSignal(kiosk.page.loadFinished, timeout=20000):
            kiosk.open_exam()
    return kiosk


def js(qtbot: QtBot, kiosk: KioskWindow, script: str, timeout: int = 10000) -> Any:
    """The value of `script` in the page's main world."""
    box: list[Any] = []
    kiosk.page.runJavaScript(f"JSON.stringify((0, eval)({json.dumps(script)}))", 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    return json.loads(box[0]) if box[0] else None


def act_until(qtbot: QtBot, act: Callable[[], object], done: Callable[[], bool], attempts: int = 3,
              each_ms: int = 5000) -> None:
    """Do `act` (a click on the page) until `done`: a click the engine was not ready for yet, on a
    loaded machine, has no effect at all, and is made again."""
    for _attempt in range(attempts):
        act()
        try:
            qtbot.waitUntil(done, timeout=each_ms)
            return
        except WaitTimeout:
            continue
    assert done(), f"no effect after {attempts} attempts"


def load(qtbot: QtBot, kiosk: KioskWindow, script: str) -> None:
    """Run `script` (which navigates) and wait for the load to finish."""
    with qtbot.waitSignal(kiosk.page.loadFinished, timeout=20000):
        kiosk.page.runJavaScript(script, 0)


def top_level_windows() -> list[str]:
    return sorted(w.objectName() or type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible())
