"""The native JSON format: every field, its defaults, and errors that name the field."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lockdown.config import parse_config
from lockdown.config.model import ExamConfig, ProcessRule, UrlRule
from lockdown.errors import ConfigError
from tests.config.helpers import native

HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def parse(doc: dict[str, Any], os_name: str = "linux") -> ExamConfig:
    return parse_config(json.dumps(doc).encode(), "exam.json", os_name=os_name)  # type: ignore[arg-type]


def test_minimal_native_config_takes_every_default() -> None:
    config = parse(native())
    defaults = ExamConfig(source="exam.json", format="native", start_url="https://exam.example.org/quiz/1",
                          settings=native())
    assert config == defaults


def test_every_native_field_is_read() -> None:
    doc = native(
        quit_url="https://exam.example.org/done",
        url_filter={"enabled": True, "rules": [
            {"action": "allow", "expression": "exam.example.org/*"},
            {"action": "block", "expression": r"\.pdf$", "regex": True, "active": False}]},
        hashed_quit_password=HASH, allow_quit=False,
        prohibited_processes=[{"executable": "discord", "description": "chat"},
                              {"executable": "Teams.exe", "os": "windows"}],
        permitted_processes=[{"executable": "orca", "os": "linux"}],
        allowed_displays_max=3, allow_virtual_machine=True, allow_remote_session=True, wayland="limited",
        allow_unverified_build=True, window_title_suffix=" - Physique", language="fr",
        allow_downloads=True, allow_uploads=True, allow_printing=True, exam_key_salt="c2FsdA==",
        user_agent_suffix=" MyLMS/1", server={"url": "https://lockdown.example.org", "send_events": False},
        network={"min_download_kbps": 100, "max_latency_ms": 3000, "max_clock_offset_s": 10},
        _comment="prepared by the exams office",
    )
    config = parse(doc)
    assert config.quit_url == "https://exam.example.org/done"
    assert config.url_filter.enabled
    assert config.url_filter.rules[1] == UrlRule("block", r"\.pdf$", regex=True, active=False)
    assert config.hashed_quit_password == HASH and not config.allow_quit
    assert config.prohibited_processes == (ProcessRule("discord", "chat"),)
    assert config.permitted_processes == (ProcessRule("orca"),)
    assert (config.allowed_displays_max, config.allow_virtual_machine, config.allow_remote_session) == \
        (3, True, True)
    assert (config.wayland, config.allow_unverified_build, config.language) == ("limited", True, "fr")
    assert config.window_title_suffix == " - Physique" and config.user_agent_suffix == " MyLMS/1"
    assert config.allow_downloads and config.allow_uploads and config.allow_printing
    assert config.exam_key_salt == b"salt"
    assert config.server is not None and not config.server.send_events
    assert config.network.max_latency_ms == 3000
    assert config.ignored_keys == ("_comment",)
    assert config.settings == doc


def test_nulls_mean_default() -> None:
    config = parse(native(quit_url=None, server=None, language=None, hashed_quit_password=None,
                          exam_key_salt=None, user_agent_suffix=None))
    assert config.quit_url is None and config.server is None and config.exam_key_salt is None


BAD_NATIVE = [
    ({"format": None}, "format: missing"),
    ({"format": 2}, "format: version 2 is newer than this lockdown reads (1); update lockdown"),
    ({"format": "1"}, "format: must be 1, not '1'"),
    ({"format": True}, "format: must be 1, not True"),
    ({"format": 1.0}, "format: must be 1, not 1.0"),
    ({"start_url": None}, "start_url: missing"),
    ({"start_url": "exam.example.org"}, "start_url: must be an http(s) URL"),
    ({"start_url": "https://exam example.org/"}, "start_url: must be an http(s) URL"),
    ({"start_ur1": "x"}, "start_ur1: unknown setting (did you mean 'start_url'?)"),
    ({"url_filter": []}, "url_filter: must be an object"),
    ({"url_filter": {"enable": True}}, "url_filter.enable: unknown setting (did you mean 'enabled'?)"),
    ({"url_filter": {"rules": [{"action": "allow", "expression": "a"}, {"expression": "b"}]}},
     "url_filter.rules[1].action: missing"),
    ({"url_filter": {"rules": [{"action": "permit", "expression": "b"}]}},
     "url_filter.rules[0].action: must be one of 'allow', 'block'"),
    ({"url_filter": {"rules": [{"action": "allow", "expression": "[", "regex": True}]}},
     "url_filter.rules[0].expression: invalid regular expression"),
    ({"hashed_quit_password": "1234"}, "hashed_quit_password: must be the SHA-256"),
    ({"allow_quit": "true"}, "allow_quit: must be true or false"),
    ({"prohibited_processes": [{"executable": "x", "os": "win32"}]},
     "prohibited_processes[0].os: must be one of 'linux', 'windows', 'macos', None"),
    ({"permitted_processes": [{"name": "x"}]}, "permitted_processes[0].name: unknown setting"),
    ({"allowed_displays_max": 0}, "allowed_displays_max: must be between 1 and 64, not 0"),
    ({"allowed_displays_max": "2"}, "allowed_displays_max: must be an integer"),
    ({"wayland": "allow"}, "wayland: must be one of 'refuse', 'limited'"),
    ({"language": "de"}, "language: must be one of 'en', 'fr', None"),
    ({"exam_key_salt": "***"}, "exam_key_salt: must be Base64"),
    ({"server": {"send_events": True}}, "server.url: missing"),
    ({"server": {"url": "http://lockdown.example.org/"}}, None),
    ({"server": "https://x"}, "server: must be an object"),
    ({"network": {"max_latency_ms": 0}}, "network.max_latency_ms: must be between 1 and 600000"),
    ({"user_agent_suffix": 3}, "user_agent_suffix: must be a string"),
]


@pytest.mark.parametrize(("fields", "message"), BAD_NATIVE, ids=[str(m) for _, m in BAD_NATIVE])
def test_bad_native_fields_are_named(fields: dict[str, Any], message: str | None) -> None:
    doc = {k: v for k, v in native(**fields).items() if v is not None}
    if message is None:  # valid: transport rules for the server apply when connecting, not here
        parse(doc)
        return
    with pytest.raises(ConfigError) as err:
        parse(doc)
    assert str(err.value).startswith("exam.json: " + message)


@pytest.mark.parametrize(("text", "message"), [
    (b"{", "not valid JSON (Expecting property name enclosed in double quotes at line 1 column 2)"),
    (b'{"format": 1, "start_url": NaN}', "not valid JSON"),
    (b"{}\xff", "not valid JSON (the file is not UTF-8)"),
    (b'{"a": 1} {"b": 2}', "not valid JSON (Extra data"),
    (b"[1, 2]", "not a lockdown JSON configuration or an SEB .seb file"),
    (b'{"format": 1, "start_url": "https://e.org/", "x": "\\ud800"}', "x: unknown setting"),
    (b'{"format": 1, "start_url": "https://e.org/", "_x": "\\ud800"}',
     "holds a value with no Config Key form"),
    (b'{"a":' * 100_000, "not valid JSON"),
    (b"", "the file is empty"),
    (b"   \n", "the file is empty"),
])
def test_malformed_json_gives_one_config_error(text: bytes, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(text, "exam.json")
    assert message in str(err.value)
