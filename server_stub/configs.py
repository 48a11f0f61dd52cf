"""The two exam configurations the stub hands out (native JSON and SEB `.seb`) and their Config Keys."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lockdown.config.sebfile import dump_seb
from lockdown.sebkeys.configkey import config_key, config_key_hash


@dataclass(frozen=True)
class DemoAllowances:
    """What a demo or test platform lets through that a real exam would not.

    `unverified_build`: lockdown run from source has no signed manifest to check.
    `virtual_machine`: demos and CI often run in a virtual machine.
    """

    unverified_build: bool = False
    virtual_machine: bool = False


def native_config(base: str, allow: DemoAllowances = DemoAllowances()) -> dict[str, Any]:
    """The native format-1 configuration of the sample exam served at `base` (no forced language)."""
    config: dict[str, Any] = {
        "format": 1,
        "start_url": f"{base}/exam/",
        "quit_url": f"{base}/exam/done",
        "server": {"url": base},
        "url_filter": {"enabled": True, "rules": [{"action": "allow", "expression": f"{base}/*"}]},
    }
    if allow.unverified_build:
        config["allow_unverified_build"] = True
    if allow.virtual_machine:
        config["allow_virtual_machine"] = True
    return config


def seb_settings(base: str, allow: DemoAllowances = DemoAllowances()) -> dict[str, Any]:
    """The same exam as SEB settings, as Moodle would generate them."""
    settings: dict[str, Any] = {
        "startURL": f"{base}/exam/",
        "quitURL": f"{base}/exam/done",
        "sendBrowserExamKey": True,
        "URLFilterEnable": True,
        "URLFilterEnableContentFilter": False,
        "URLFilterRules": [{"action": 1, "active": True, "expression": f"{base}/*", "regex": False}],
        "allowQuit": True,
        "browserWindowTitleSuffix": "lockdown demo",
    }
    if allow.unverified_build:
        settings["lockdownAllowUnverifiedBuild"] = True
    if allow.virtual_machine:
        settings["allowVirtualMachine"] = True
    return settings


@dataclass(frozen=True)
class ExamConfigs:
    """What the stub serves for one base URL, and the Config Keys an exam page accepts."""

    native_json: bytes
    seb_plist: bytes
    keys: tuple[str, ...]

    def header_ok(self, url: str, header: str | None) -> bool:
        """True when `header` is the ConfigKeyHash of `url` for one of the served configurations."""
        return header is not None and any(config_key_hash(url, k) == header.lower() for k in self.keys)


def build_configs(base: str, allow: DemoAllowances = DemoAllowances()) -> ExamConfigs:
    native = native_config(base, allow)
    seb: Mapping[str, Any] = seb_settings(base, allow)
    return ExamConfigs(
        native_json=json.dumps(native, indent=2).encode() + b"\n",
        seb_plist=dump_seb(seb),
        keys=(config_key(native), config_key(seb)),
    )
