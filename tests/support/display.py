"""The X display of the end-to-end tests, for the whole pytest session (see tools/xdisplay.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tools.xdisplay import HEIGHT, WIDTH, screenshot, start_display, stop_display

__all__ = ["HEIGHT", "WIDTH", "screenshot", "x_display"]


@pytest.fixture(scope="session")
def x_display() -> Iterator[str]:
    """DISPLAY of a 1280x800 Xvfb screen managed by openbox, for the whole test session."""
    display, procs = start_display()
    try:
        yield display
    finally:
        stop_display(procs)
