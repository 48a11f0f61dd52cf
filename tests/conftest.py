"""Fixtures every test folder can use (display, users); each area adds its own conftest."""

import pytest

from tests.support.bundle import want_second_build
from tests.support.display import x_display
from tests.support.users import unprivileged_user

__all__ = ["unprivileged_user", "x_display"]


def _on_the_machine(item: pytest.Item) -> bool:
    """A real kiosk on the X display, a real build, or anything else that takes seconds of the
    machine: such tests run one after the other, on one worker, and the rest beside them."""
    return bool(item.get_closest_marker("x11") or item.get_closest_marker("slow")
                or "x_display" in getattr(item, "fixturenames", ()))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A session that compares two real builds makes the second beside the first (a core each);
    with `--dist loadgroup` (the README's command), the machine's tests form one group."""
    if any(item.get_closest_marker("second_build") for item in items):
        want_second_build()
    for item in items:
        if _on_the_machine(item):
            item.add_marker(pytest.mark.xdist_group("machine"))
