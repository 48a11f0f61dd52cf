"""SEB settings mapped onto ExamConfig, and validation errors that name the SEB key."""

from __future__ import annotations

from typing import Any

import pytest

from lockdown.config import parse_config
from lockdown.config.model import ProcessRule, UrlRule
from lockdown.config.sebfile import dump_seb
from lockdown.errors import ConfigError
from tests.config.helpers import plist_xml

START = "https://exam.example.org/mod/quiz/view.php?id=7"
PASSWORD_HASH = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"


def seb(**settings: Any) -> bytes:
    return dump_seb({"startURL": START, **settings})


def test_moodle_fixture_maps_its_values(moodle_seb_bytes: bytes) -> None:
    config = parse_config(moodle_seb_bytes, "moodle.seb")
    assert config.format == "seb"
    assert config.start_url == "https://www.google.com"
    assert config.url_filter.enabled is False
    assert config.allowed_displays_max == 1
    assert config.allow_virtual_machine is False
    assert config.exam_key_salt is not None and len(config.exam_key_salt) == 32
    assert "allowPreferencesWindow" in config.ignored_keys and "startURL" not in config.ignored_keys
    assert "allowWlan" in config.settings


def test_full_mapping() -> None:
    config = parse_config(seb(
        quitURL="https://exam.example.org/done", URLFilterEnable=True,
        URLFilterRules=[
            {"active": True, "regex": False, "expression": "exam.example.org/*", "action": 1},
            {"active": False, "regex": True, "expression": r"^https://cdn\.", "action": 0},
        ],
        hashedQuitPassword=PASSWORD_HASH, allowQuit=False, allowedDisplaysMaxNumber=2,
        allowVirtualMachine=True, allowScreenSharing=True, browserWindowTitleSuffix=" - Maths",
        allowDownUploads=True, allowPrint=True, examKeySalt=b"salt",
        lockdownWayland="limited", lockdownAllowUnverifiedBuild=True, lockdownLanguage="fr",
        lockdownServerURL="https://lockdown.example.org", lockdownSendEvents=False,
        lockdownMinDownloadKbps=512, lockdownMaxLatencyMs=800, lockdownMaxClockOffsetS=30,
        someFutureSebKey={"x": 1},
    ), "full.seb")
    assert config.quit_url == "https://exam.example.org/done"
    assert config.url_filter.enabled
    assert config.url_filter.rules == (
        UrlRule(action="allow", expression="exam.example.org/*", regex=False, active=True),
        UrlRule(action="block", expression=r"^https://cdn\.", regex=True, active=False),
    )
    assert config.hashed_quit_password == PASSWORD_HASH.lower()
    assert config.allow_quit is False
    assert config.allowed_displays_max == 2
    assert config.allow_virtual_machine and config.allow_remote_session
    assert config.window_title_suffix == " - Maths"
    assert config.allow_downloads and config.allow_uploads and config.allow_printing
    assert config.exam_key_salt == b"salt"
    assert config.wayland == "limited" and config.allow_unverified_build and config.language == "fr"
    assert config.server is not None and config.server.url == "https://lockdown.example.org"
    assert config.server.send_events is False
    assert (config.network.min_download_kbps, config.network.max_latency_ms,
            config.network.max_clock_offset_s) == (512, 800, 30)
    assert config.ignored_keys == ("someFutureSebKey",)


def test_defaults_when_only_start_url_is_given() -> None:
    config = parse_config(seb(), "min.seb")
    assert config.quit_url is None and config.hashed_quit_password is None
    assert config.allow_quit and not config.url_filter.enabled and config.url_filter.rules == ()
    assert config.server is None and config.language is None and config.exam_key_salt is None
    assert config.ignored_keys == ()


def test_allow_downloads_and_uploads_override_the_older_combined_key() -> None:
    config = parse_config(seb(allowDownUploads=True, allowUploads=False), "x.seb")
    assert config.allow_downloads and not config.allow_uploads


PROCESSES = [
    {"active": True, "executable": "Teams.exe", "os": 1, "description": "Microsoft Teams"},
    {"active": True, "executable": "zoom.us", "os": 0},
    {"active": False, "executable": "discord", "description": ""},
]


@pytest.mark.parametrize(("os_name", "expected"), [
    ("windows", ["Teams.exe", "discord"]),
    ("macos", ["zoom.us", "discord"]),
    ("linux", ["Teams.exe", "zoom.us", "discord"]),
])
def test_processes_are_kept_for_our_os_family(os_name: str, expected: list[str]) -> None:
    config = parse_config(seb(prohibitedProcesses=PROCESSES, permittedProcesses=PROCESSES[:1]),
                          "p.seb", os_name=os_name)  # type: ignore[arg-type]
    assert [p.executable for p in config.prohibited_processes] == expected
    assert config.prohibited_processes[-1] == ProcessRule(executable="discord", description="", active=False)
    assert len(config.permitted_processes) == (0 if os_name == "macos" else 1)


BAD_SEB = [
    ({"startURL": None}, "startURL: missing"),
    ({"startURL": ""}, "startURL: must be an http(s) URL"),
    ({"startURL": "ftp://exam.example.org/"}, "startURL: must be an http(s) URL"),
    ({"startURL": "javascript:alert(1)"}, "startURL: must be an http(s) URL"),
    ({"startURL": "https://"}, "startURL: must be an http(s) URL"),
    ({"startURL": "https://exam.example.org:99999/"}, "startURL: must be an http(s) URL"),
    ({"startURL": 7}, "startURL: must be a <string>"),
    ({"quitURL": "exam/done"}, "quitURL: must be an http(s) URL"),
    ({"URLFilterEnable": 1}, "URLFilterEnable: must be <true/> or <false/>"),
    ({"URLFilterRules": {"a": 1}}, "URLFilterRules: must be an <array>"),
    ({"URLFilterRules": ["x"]}, "URLFilterRules[0]: must be a <dict>"),
    ({"URLFilterRules": [{"action": 1}]}, "URLFilterRules[0].expression: missing"),
    ({"URLFilterRules": [{"action": 1, "expression": "a"}, {"action": 2, "expression": "b"}]},
     "URLFilterRules[1].action: must be one of 0, 1"),
    ({"URLFilterRules": [{"action": True, "expression": "b"}]}, "URLFilterRules[0].action: must be one of"),
    ({"URLFilterRules": [{}, {}, {"action": 1, "regex": True, "expression": "(unclosed"}]},
     "URLFilterRules[0].expression: missing"),
    ({"URLFilterRules": [{"expression": "a"}, {"expression": "b"},
                         {"action": 1, "regex": True, "expression": "(unclosed"}]},
     "URLFilterRules[2].expression: invalid regular expression"),
    ({"URLFilterRules": [{"action": 1, "expression": "..."}]},
     "URLFilterRules[0].expression: must contain a letter, a digit or *"),
    ({"URLFilterRules": [{"action": 1, "expression": "a", "regex": "yes"}]},
     "URLFilterRules[0].regex: must be <true/> or <false/>"),
    ({"hashedQuitPassword": "secret"}, "hashedQuitPassword: must be the SHA-256"),
    ({"allowQuit": "no"}, "allowQuit: must be <true/> or <false/>"),
    ({"prohibitedProcesses": [{"os": 1}]}, "prohibitedProcesses[0].executable: missing"),
    ({"prohibitedProcesses": [{"executable": "  "}]}, "prohibitedProcesses[0].executable: must not be empty"),
    ({"permittedProcesses": [{"executable": "a", "os": "win"}]},
     "permittedProcesses[0].os: must be an <integer>"),
    ({"allowedDisplaysMaxNumber": 0}, "allowedDisplaysMaxNumber: must be between 1 and 64"),
    ({"allowedDisplaysMaxNumber": 1.5}, "allowedDisplaysMaxNumber: must be an <integer>"),
    ({"allowVirtualMachine": 0}, "allowVirtualMachine: must be <true/> or <false/>"),
    ({"browserWindowTitleSuffix": b"x"}, "browserWindowTitleSuffix: must be a <string>"),
    ({"examKeySalt": "c2FsdA=="}, "examKeySalt: must be <data>"),
    ({"lockdownWayland": "allow"}, "lockdownWayland: must be one of 'refuse', 'limited'"),
    ({"lockdownServerURL": "http//x"}, "lockdownServerURL: must be an http(s) URL"),
    ({"lockdownMaxLatencyMs": -1}, "lockdownMaxLatencyMs: must be between"),
    ({"x": float("nan")}, "holds a value with no Config Key form"),
]


@pytest.mark.parametrize(("settings", "message"), BAD_SEB, ids=[m for _, m in BAD_SEB])
def test_bad_seb_settings_name_the_field(settings: dict[str, Any], message: str) -> None:
    document = {"startURL": START, **settings}
    document = {k: v for k, v in document.items() if v is not None}
    with pytest.raises(ConfigError) as err:
        parse_config(dump_seb(document), "bad.seb")
    assert str(err.value).startswith("bad.seb: " + message)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(("xml", "message"), [
    (b"<plist><array/></plist>", "top level must be a <dict>"),
    (b"<plist></plist>", "top level must be a <dict>"),
    (plist_xml("<key>a</key>"), "not a valid property list"),
    (plist_xml("<key>a</key><integer>x</integer>"), "not a valid property list"),
    (plist_xml("<key>a</key><date>yesterday</date>"), "not a valid property list"),
    (plist_xml("<key>a</key><string>x</dict>"), "not a valid property list"),
    (b"<html><body>Login required</body></html>", "top level must be a <dict>"),
    (b"<plist", "not a valid property list"),
])
def test_malformed_plists_give_one_config_error(xml: bytes, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(xml, "m.seb")
