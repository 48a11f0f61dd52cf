"""The taskbar's rules without Qt: which items, the low-battery threshold, the network's state."""

from __future__ import annotations

import pytest

from lockdown.config.model import BrowserSettings, ExamConfig, TaskbarSettings
from lockdown.platform.base import BatteryState, Desk
from lockdown.platform.fake import FakeLayouts, FakeLink, FakePower, FakeVolume
from lockdown.taskbar import NetworkState, battery_low, items, layout_short_name, network_state

BARE = Desk(power=FakePower(), network=FakeLink())


def config(**changes: object) -> ExamConfig:
    return ExamConfig(source="t", format="native", start_url="https://exam.example.org/", **changes)  # type: ignore[arg-type]


def test_seb_defaults_give_reload_zoom_network_battery_clock_and_quit() -> None:
    assert items(config(), BARE, has_apps=False) == ("reload", "zoom", "network", "battery", "clock", "quit")


def test_items_follow_the_exam_and_what_the_computer_offers() -> None:
    full = Desk(power=FakePower(), network=FakeLink(), keyboard_layouts=FakeLayouts(), volume=FakeVolume())
    every = config(taskbar=TaskbarSettings(audio=True, wifi=True),
                   browser=BrowserSettings(allow_back=True, show_url="always"))
    assert items(every, full, has_apps=True) == ("apps", "address", "back", "reload", "zoom", "layout",
                                                 "volume", "network", "battery", "clock", "quit")
    # no Wi-Fi control on this computer, no layouts offered without showInputLanguage
    assert "wifi" not in items(every, full, True)
    assert "layout" not in items(config(taskbar=TaskbarSettings(keyboard_layout=False)), full, False)
    # reload needs both showReloadButton and browserWindowAllowReload
    assert "reload" not in items(config(browser=BrowserSettings(allow_reload=False)), BARE, False)
    assert "reload" not in items(config(taskbar=TaskbarSettings(reload=False)), BARE, False)
    # quit follows Ctrl+Q: hidden when only the quit page may end the exam, shown with a password
    assert "quit" not in items(config(allow_quit=False), BARE, False)
    assert "quit" in items(config(allow_quit=False, hashed_quit_password="a" * 64), BARE, False)
    assert items(config(taskbar=TaskbarSettings(shown=False)), full, True) == ()


@pytest.mark.parametrize(("state", "low"), [
    (None, False), (BatteryState(15, False), False), (BatteryState(14, False), True),
    (BatteryState(3, True), False), (BatteryState(0, False), True)])
def test_low_battery_is_under_15_percent_and_not_charging(state: BatteryState | None, low: bool) -> None:
    assert battery_low(state) is low


def test_layout_short_names() -> None:
    assert layout_short_name("us") == "US"
    assert layout_short_name("fr(bepo)") == "FR"
    assert layout_short_name("") == "?"


@pytest.mark.parametrize(("link", "server", "expected"), [
    (False, None, NetworkState.OFFLINE), (False, True, NetworkState.OFFLINE),
    (True, False, NetworkState.SERVER_LOST), (None, False, NetworkState.SERVER_LOST),
    (True, None, NetworkState.ONLINE), (True, True, NetworkState.ONLINE), (None, True, NetworkState.ONLINE),
    (None, None, NetworkState.UNKNOWN)])
def test_network_state(link: bool | None, server: bool | None, expected: NetworkState) -> None:
    assert network_state(link, server) is expected
