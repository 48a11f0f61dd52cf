"""The settings of how the kiosk may be started and reach the network, in both formats."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lockdown.config import parse_config
from lockdown.config.model import ExamConfig
from lockdown.errors import ConfigError
from tests.config.helpers import native, plist_xml


def parse(doc: dict[str, Any]) -> ExamConfig:
    return parse_config(json.dumps(doc).encode(), "exam.json", os_name="linux")


def test_native_launch_proxy_webrtc_and_virtual_display_settings_are_read() -> None:
    config = parse(native(launch_overrides="refuse", proxy="socks5://proxy.example.org:1080",
                          allow_webrtc=True, allow_virtual_display=False, allow_virtual_machine=True))
    assert (config.launch_overrides, config.proxy, config.allow_webrtc) == (
        "refuse", "socks5://proxy.example.org:1080", True)
    assert config.allow_virtual_display is False and config.allow_virtual_machine is True


def test_defaults_ignore_foreign_launch_settings_use_no_proxy_and_no_webrtc() -> None:
    config = parse(native())
    assert (config.launch_overrides, config.proxy, config.allow_webrtc, config.allow_virtual_display) == (
        "ignore", None, False, None)


@pytest.mark.parametrize("proxy", ["proxy.example.org:3128", "ftp://proxy:21", "http://user:pw@proxy:1",
                                   "http://proxy:3128/path"])
def test_a_proxy_that_is_not_a_plain_proxy_url_names_the_field(proxy: str) -> None:
    with pytest.raises(ConfigError, match=r"exam.json: proxy: must be a proxy URL"):
        parse(native(proxy=proxy))


def test_seb_keys_carry_the_same_settings() -> None:
    body = ("<key>startURL</key><string>https://exam.example.org/</string>"
            "<key>lockdownLaunchOverrides</key><string>refuse</string>"
            "<key>lockdownProxy</key><string>http://proxy.example.org:3128</string>"
            "<key>lockdownAllowWebRTC</key><true/><key>lockdownAllowVirtualDisplay</key><true/>")
    config = parse_config(plist_xml(body), "exam.seb", os_name="linux")
    assert (config.launch_overrides, config.proxy, config.allow_webrtc, config.allow_virtual_display) == (
        "refuse", "http://proxy.example.org:3128", True, True)
    assert config.ignored_keys == ()
