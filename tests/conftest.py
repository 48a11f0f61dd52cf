"""Fixtures every test folder can use (display, users); each area adds its own conftest."""

from __future__ import annotations

import pytest
from xdist.remote import Producer

from tests.support.bundle import want_second_build
from tests.support.display import x_display
from tests.support.lanes import LaneScheduling, forget_lanes, note_lanes
from tests.support.users import unprivileged_user

__all__ = ["unprivileged_user", "x_display"]


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
    if not hasattr(config, "workerinput"):
        forget_lanes()
