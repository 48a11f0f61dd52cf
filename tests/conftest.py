"""Fixtures every test folder can use (display, users); each area adds its own conftest."""

from __future__ import annotations

import pytest
from xdist.remote import Producer

from tests.support.bundle import want_second_build
from tests.support.display import x_display
from tests.support.machine_group import MachineScheduling, forget_machine_tests, note_machine_tests
from tests.support.users import unprivileged_user

__all__ = ["unprivileged_user", "x_display"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A session that compares two real builds makes the second beside the first (a core each);
    on two workers, the tests that take the machine are told to the scheduler."""
    if any(item.get_closest_marker("second_build") for item in items):
        want_second_build()
    note_machine_tests(config, items)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> MachineScheduling | None:
    """`--dist loadgroup` (the README's command): the machine's tests on one worker, in order."""
    return MachineScheduling(config, log) if config.getoption("dist") == "loadgroup" else None


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        forget_machine_tests()
