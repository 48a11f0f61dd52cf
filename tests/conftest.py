"""Fixtures every test folder can use (display, users); each area adds its own conftest."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.bundle import TEST_PUBLIC_KEY, build_ahead, stop_ahead
from tests.support.display import x_display
from tests.support.users import unprivileged_user

__all__ = ["unprivileged_user", "x_display"]

_BUNDLE_FIXTURES = {"bundle", "signed_bundle", "user_bundle"}
_SECOND_BUILD = "test_a_second_build_in_another_folder_is_bit_for_bit_identical"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The real builds this run needs start now, in the background (about a minute each)."""
    names = {n for item in items for n in getattr(item, "fixturenames", ())}
    keys: list[Path | None] = [None] if names & _BUNDLE_FIXTURES else []
    if "pinned_bundle" in names:
        keys.append(TEST_PUBLIC_KEY)
    second = any(item.name == _SECOND_BUILD for item in items)
    if keys or second:
        build_ahead(keys, second)


def pytest_unconfigure(config: pytest.Config) -> None:
    stop_ahead()
