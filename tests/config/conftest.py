"""Fixtures for the configuration tests."""

from __future__ import annotations

import pytest

from tests.config.helpers import MOODLE_SEB


@pytest.fixture
def moodle_seb_bytes() -> bytes:
    """The Moodle conformance .seb file (its Config Key is MOODLE_KEY)."""
    if not MOODLE_SEB.exists():
        pytest.fail(f"conformance fixture missing: {MOODLE_SEB}")
    return MOODLE_SEB.read_bytes()
