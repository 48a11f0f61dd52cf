"""`explain`: the lines `lockdown run --explain` prints say what each setting will do."""

from __future__ import annotations

from lockdown.config import parse_config
from lockdown.config.explain import explain
from lockdown.config.sebfile import dump_seb
from tests.config.helpers import MOODLE_KEY


def test_explains_the_moodle_fixture_and_lists_ignored_seb_keys(moodle_seb_bytes: bytes) -> None:
    lines = explain(parse_config(moodle_seb_bytes, "moodle.seb"))
    text = "\n".join(lines)
    assert f"Config Key: {MOODLE_KEY}" in lines
    assert "Start page: https://www.google.com" in lines
    assert "URL filter: off" in text
    ignored = next(line for line in lines if line.startswith("Ignored SEB settings"))
    names = ignored.split(": ", 1)[1].split(", ")
    assert "allowPreferencesWindow" in names and "allowWlan" not in names
    assert "startURL" not in names and "URLFilterEnable" not in names


def test_explains_rules_quit_password_and_processes() -> None:
    config = parse_config(dump_seb({
        "startURL": "https://exam.example.org/", "quitURL": "https://exam.example.org/done",
        "URLFilterEnable": True, "URLFilterRules": [
            {"action": 1, "expression": "exam.example.org/*", "active": True},
            {"action": 0, "expression": "ads", "regex": True, "active": False}],
        "hashedQuitPassword": "a" * 64, "allowQuit": True,
        "prohibitedProcesses": [{"executable": "discord", "description": "chat", "active": True}],
        "allowedDisplaysMaxNumber": 2, "lockdownWayland": "limited",
    }), "exam.seb")
    lines = explain(config)
    assert "Quit page: https://exam.example.org/done" in lines
    assert any(line.startswith("URL filter: on, 1 active rule(s)") for line in lines)
    assert "  allow wildcard exam.example.org/*" in lines
    assert "  block regex ads (inactive: ignored)" in lines
    assert "Quitting: Ctrl+Q asks for the quit password" in lines
    assert "  discord - chat" in lines
    assert "Screens: at most 2" in lines
    assert any(line.startswith("Wayland: allowed") for line in lines)
    assert "Ignored settings: none" in lines
