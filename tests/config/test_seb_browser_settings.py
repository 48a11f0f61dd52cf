"""SEB's taskbar, browser and sound settings, read from both formats, and `--explain` key by key.

The Moodle case uses the exact plist Moodle writes for a quiz set to "Configure manually"
(server_stub/moodle_quiz.py, modelled on quizaccess_seb); the expected values are Moodle's form
defaults and SEB's documented key meanings, written out here.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from lockdown.config import parse_config
from lockdown.config.explain import explain
from lockdown.config.native import from_native
from lockdown.config.sebfile import dump_seb
from lockdown.errors import ConfigError
from server_stub.moodle_quiz import _BOOL_SETTINGS, manual_config
from tests.config.helpers import native, run_cli

START = "https://exam.example.org/mod/quiz/view.php?id=7"
WWWROOT = "https://moodle.example.org"
MOODLE_FORM_KEYS = {seb for _, seb, _ in _BOOL_SETTINGS} | {
    "quitURL", "URLFilterRules", "startURL", "sendBrowserExamKey", "browserWindowWebView",
    "examSessionClearCookiesOnStart", "allowPreferencesWindow", "hashedQuitPassword"}
"""Every key the form writes (seb_quiz_settings.php): its settings, then those Moodle always adds."""


def seb(**settings: Any) -> bytes:
    return dump_seb({"startURL": START, **settings})


def every_key_section(lines: list[str]) -> dict[str, str]:
    start = lines.index("Every setting of the file:")
    notes = {}
    for line in lines[start + 1:]:
        key, note = line.strip().split(": ", 1)
        notes[key] = note
    return notes


def test_moodle_manual_configuration_is_applied_with_moodle_defaults() -> None:
    config = parse_config(manual_config(WWWROOT, 12, WWWROOT + "/mod/quiz/view.php?id=12&done"), "m.seb")
    t, b = config.taskbar, config.browser
    # Moodle's defaults: taskbar, reload button, time and keyboard layout on; Wi-Fi and audio off
    assert (t.shown, t.reload, t.clock, t.keyboard_layout, t.wifi, t.audio) == (
        True, True, True, True, False, False)
    assert b.quit_url_confirm is True and b.allow_reload is True and b.spell_check is False
    assert config.url_filter.enabled is False and config.url_filter.content_filter is False
    assert config.audio.mute is False and config.audio.volume is None


def test_no_key_moodle_writes_is_unknown_whatever_the_form_says() -> None:
    """Each of the form's switches on and off, a quit password and URL rules: none is unknown."""
    for values in ({}, {seb: not default for _, seb, default in _BOOL_SETTINGS}):
        document = parse_config(manual_config(WWWROOT, 3, WWWROOT + "/done"), "m.seb").settings
        settings = {**document, **values, "hashedQuitPassword": "a" * 64,
                    "URLFilterRules": [{"action": 1, "active": True, "expression": "moodle.example.org/*",
                                        "regex": False}]}
        notes = every_key_section(explain(parse_config(dump_seb(settings), "m.seb")))
        assert set(notes) == MOODLE_FORM_KEYS
        assert not [k for k, note in notes.items() if "unknown" in note], notes
        assert all(notes[k].startswith("applied") for k in MOODLE_FORM_KEYS - {
            "sendBrowserExamKey", "browserWindowWebView", "examSessionClearCookiesOnStart",
            "allowPreferencesWindow"})


def test_explain_on_moodles_file_through_the_command(tmp_path: Path) -> None:
    path = tmp_path / "quiz.seb"
    path.write_bytes(manual_config(WWWROOT, 5, WWWROOT + "/done"))
    result = run_cli("run", str(path), "--explain")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "  browserWindowWebView: ignored: the page is shown by QtWebEngine (Chromium) with lockdown's " \
           "fixed settings (this chooses SEB for macOS's web engine)" in lines
    assert "  showTaskBar: applied: the taskbar along the bottom of the screen" in lines
    assert "Reaching the quit page: asks the student first" in lines
    assert "unknown" not in result.stdout


def test_the_conformance_fixture_has_no_unknown_key(moodle_seb_bytes: bytes) -> None:
    notes = every_key_section(explain(parse_config(moodle_seb_bytes, "moodle.seb")))
    assert len(notes) == 202
    assert [k for k, note in notes.items() if "unknown" in note] == []
    assert notes["enableF5"].startswith("ignored: lockdown blocks the desktop's switching shortcuts")
    assert notes["mobileEnableASAM"] == "ignored: for SEB on iPad and iPhone"


def test_a_key_nobody_knows_is_said_to_be_unknown() -> None:
    notes = every_key_section(explain(parse_config(seb(someFutureSebKey=True), "x.seb")))
    assert notes["someFutureSebKey"] == "ignored: unknown to lockdown: it has no effect"
    assert notes["startURL"] == "applied: the exam's first page"


@pytest.mark.parametrize(("code", "expected"), [(0, "refuse"), (1, "same_window"), (2, "same_window")])
def test_new_window_policies(code: int, expected: str) -> None:
    # SEB: 0 = blocked, 1 = open in the same window, 2 = open in a new window (lockdown has one)
    config = parse_config(seb(newBrowserWindowByLinkPolicy=code, newBrowserWindowByScriptPolicy=code),
                          "x.seb")
    assert config.browser.new_window_by_link == expected
    assert config.browser.new_window_by_script == expected


@pytest.mark.parametrize(("code", "expected"),
                         [(0, "never"), (1, "load_error"), (2, "always"), (3, "always")])
def test_browser_window_show_url(code: int, expected: str) -> None:
    # SEB: 0 never, 1 on a load error, 2 before the title, 3 always (lockdown has no title bar)
    assert parse_config(seb(browserWindowShowURL=code), "x.seb").browser.show_url == expected


def test_sound_at_the_start_follows_audio_set_volume_level() -> None:
    assert parse_config(seb(audioVolumeLevel=40), "x.seb").audio.volume is None
    config = parse_config(seb(audioSetVolumeLevel=True, audioVolumeLevel=40, audioMute=True), "x.seb")
    assert config.audio.volume == 40 and config.audio.mute is True


def test_content_filter_needs_its_own_key_in_seb_files() -> None:
    assert parse_config(seb(URLFilterEnable=True), "x.seb").url_filter.content_filter is False
    on = parse_config(seb(URLFilterEnable=True, URLFilterEnableContentFilter=True), "x.seb")
    assert on.url_filter.content_filter is True


def test_permitted_process_entries_keep_what_starts_them() -> None:
    config = parse_config(seb(permittedProcesses=[{
        "executable": "galculator", "title": "Calculator", "path": "/usr/bin", "autostart": True,
        "iconInTaskbar": False, "arguments": [{"active": True, "argument": "--x"},
                                               {"active": False, "argument": "--y"}]}]), "x.seb")
    (rule,) = config.permitted_processes
    assert (rule.executable, rule.title, rule.path, rule.arguments, rule.autostart, rule.in_taskbar) == (
        "galculator", "Calculator", "/usr/bin", ("--x",), True, False)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("newBrowserWindowByLinkPolicy", 5, "must be one of 0, 1, 2"),
    ("browserWindowShowURL", True, "must be one of 0, 1, 2, 3"),
    ("audioVolumeLevel", 101, "must be between 0 and 100"),
    ("showTaskBar", 1, "must be <true/> or <false/>"),
])
def test_bad_values_name_the_key(key: str, value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as err:
        parse_config(seb(**{key: value}), "bad.seb")
    assert key in str(err.value)


def test_native_json_has_the_same_settings() -> None:
    config = from_native(native(
        taskbar={"clock": False, "wifi": True}, browser={"zoom": False, "show_url": "always",
                                                       "new_window_by_link": "refuse"},
        audio={"mute": True, "volume": 30}, url_filter={"enabled": True, "content_filter": False}),
        "x.json", "linux")
    assert config.taskbar.clock is False and config.taskbar.wifi is True and config.taskbar.shown is True
    assert config.browser.zoom is False and config.browser.show_url == "always"
    assert config.browser.new_window_by_link == "refuse"
    assert config.browser.new_window_by_script == "same_window"
    assert config.audio.mute is True and config.audio.volume == 30
    assert config.url_filter.content_filter is False
    assert from_native(native(), "x.json", "linux").url_filter.content_filter is True


def test_native_unknown_sub_keys_are_errors_with_a_suggestion() -> None:
    with pytest.raises(ConfigError, match=r"taskbar\.clok: unknown setting \(did you mean 'clock'\?\)"):
        from_native(native(taskbar={"clok": False}), "x.json", "linux")


def test_explain_says_what_the_student_has_at_hand() -> None:
    combos = itertools.product((True, False), repeat=2)
    for shown, reload_ in combos:
        lines = explain(parse_config(seb(showTaskBar=shown, showReloadButton=reload_), "x.seb"))
        taskbar = next(line for line in lines if line.startswith("Taskbar:"))
        assert taskbar.startswith("Taskbar: shown") == shown
        if shown:
            assert any(line.startswith(f"  reload: {'shown' if reload_ else 'hidden'}") for line in lines)
