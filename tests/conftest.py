"""Fixtures every test folder can use (display, users); each area adds its own conftest."""

from __future__ import annotations

import pytest
from xdist.remote import Producer

from tests.support.bundle import want_second_build
from tests.support.display import x_display
from tests.support.lanes import LaneScheduling, forget_lanes, note_lanes, opens_exams_here
from tests.support.users import unprivileged_user

__all__ = ["unprivileged_user", "x_display"]


_ENGINE: list[object] = []


@pytest.fixture(autouse=True)
def _browser_engine_of_the_test_process(request: pytest.FixtureRequest) -> None:
    """An exam opened in this process points Chromium's temporary folder at its session folder,
    removed at its end, and Chromium's helpers, started once per process, keep the path they were
    started with: the pages of the next exam a test opens here never load. Started before the
    first exam (once), they keep the test process's own temporary folder."""
    if _ENGINE or not opens_exams_here(request.module):
        return
    request.getfixturevalue("qapp")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

    profile = QWebEngineProfile()
    page = QWebEnginePage(profile)
    loaded = QEventLoop()
    page.loadFinished.connect(lambda _ok: loaded.quit())
    QTimer.singleShot(30_000, loaded.quit)
    page.setHtml("<p>engine</p>")
    loaded.exec()
    _ENGINE.extend([profile, page])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A session that compares two real builds makes the second beside the first (a core each);
    on two workers, the scheduler is told each test's lane."""
    if any(item.get_closest_marker("second_build") for item in items):
        want_second_build()
    note_lanes(config, items)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> LaneScheduling | None:
    """`--dist loadgroup` (the README's command): each lane on one worker at a time, in order."""
    return LaneScheduling(config, log) if config.getoption("dist") == "loadgroup" else None


def pytest_unconfigure(config: pytest.Config) -> None:
    while _ENGINE:  # the page before its profile
        _ENGINE.pop()
    if not hasattr(config, "workerinput"):
        forget_lanes()
