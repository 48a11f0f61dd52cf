"""Fixtures every test folder can use (display, users); each area adds its own conftest."""

import pytest

from tests.support.bundle import want_second_build
from tests.support.display import x_display
from tests.support.users import unprivileged_user

__all__ = ["unprivileged_user", "x_display"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A session that compares two real builds makes the second beside the first (a core each)."""
    if any(item.get_closest_marker("second_build") for item in items):
        want_second_build()
