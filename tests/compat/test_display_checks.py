"""Display server, screens and keyboard-blocking verdicts, from made-up facts."""

from __future__ import annotations

import pytest

from lockdown.compat.display import ScreenProbe, check_display_server, check_keyboard_blocking, check_screens
from lockdown.words import phrase
from tests.support.words import english


@pytest.mark.parametrize(("server", "policy", "status"), [
    ("x11", "refuse", "pass"), ("windows", "refuse", "pass"), ("macos", "refuse", "pass"),
    ("wayland", "refuse", "fail"), ("wayland", "limited", "warn"), ("none", "limited", "fail"),
])
def test_display_server_follows_the_wayland_policy(server: str, policy: str, status: str) -> None:
    check = check_display_server(server, policy)  # type: ignore[arg-type]
    assert (check.name, check.status) == ("display_server", status)
    if status != "pass":
        assert check.fix


def test_wayland_fix_says_how_to_get_x11() -> None:
    assert "X11" in english(check_display_server("wayland", "refuse").fix)


@pytest.mark.parametrize(("server", "policy", "status"), [
    ("x11", "refuse", "pass"), ("windows", "refuse", "pass"), ("macos", "refuse", "pass"),
    ("wayland", "refuse", "fail"), ("wayland", "limited", "warn"), ("none", "refuse", "fail"),
])
def test_keyboard_blocking_per_platform(server: str, policy: str, status: str) -> None:
    assert check_keyboard_blocking(server, policy).status == status  # type: ignore[arg-type]


def test_keyboard_blocking_names_the_mechanism() -> None:
    assert "hook" in english(check_keyboard_blocking("windows", "refuse").detail)
    assert "presentation options" in english(check_keyboard_blocking("macos", "refuse").detail)


@pytest.mark.parametrize(("count", "allowed", "status"), [
    (1, 1, "pass"), (2, 2, "pass"), (2, 1, "fail"), (3, 2, "fail"), (0, 1, "fail"),
])
def test_screens_against_the_configured_maximum(count: int, allowed: int, status: str) -> None:
    check = check_screens(ScreenProbe(count), allowed)
    assert check.status == status
    assert (str(count) if count else "no screen") in english(check.detail)


def test_uncountable_screens_fail_with_the_reason() -> None:
    check = check_screens(ScreenProbe(None, phrase("probe.no_display")), 1)
    assert check.status == "fail"
    assert "no display (DISPLAY and WAYLAND_DISPLAY are not set" in english(check.detail)
    assert check.fix
