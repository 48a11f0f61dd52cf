"""How lockdown is started: foreign Qt, engine, loader and proxy settings are ignored or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from lockdown.config.model import ExamConfig
from lockdown.launch import LaunchEnvironment, LaunchRefused, foreign_settings, switch_names
from lockdown.tracefree import session_environment
from tests.support.words import english


def config(**changes: object) -> ExamConfig:
    return ExamConfig(source="t", format="native", start_url="https://exam.example.org/", **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("flags, names", [
    ("--remote-debugging-port=9222", ["remote-debugging-port"]),
    ("-remote-debugging-port=9222", ["remote-debugging-port"]),
    ("--remote-debugging-port 9222", ["remote-debugging-port"]),
    ("  --Remote-Debugging-Pipe  --no-sandbox ", ["remote-debugging-pipe", "no-sandbox"]),
    ("9222 -", []),
])
def test_chromium_switches_are_found_in_every_spelling(flags: str, names: list[str]) -> None:
    assert switch_names(flags) == names


def test_the_trace_free_environment_strips_one_dash_debugging_too(tmp_path: Path) -> None:
    flags = "-remote-debugging-port=9222 --no-sandbox -auto-open-devtools-for-tabs"
    env = {"QTWEBENGINE_CHROMIUM_FLAGS": flags}
    changes = session_environment(tmp_path, env)
    assert changes["QTWEBENGINE_CHROMIUM_FLAGS"] == "--no-sandbox"


HOSTILE = {
    "QT_QPA_PLATFORM": "vnc:size=1280x800",
    "QTWEBENGINE_CHROMIUM_FLAGS": "-remote-debugging-port=9222",
    "QTWEBENGINEPROCESS_PATH": "/home/s/renderer",
    "QT_PLUGIN_PATH": "/home/s/plugins",
    "https_proxy": "http://127.0.0.1:8080",
    "NO_PROXY": "*",
    "HOME": "/home/s",
}


def test_every_foreign_setting_is_named_and_the_rest_left_alone() -> None:
    found = {o.variable: o for o in foreign_settings(HOSTILE, "x11")}
    assert set(found) == {"QT_QPA_PLATFORM=vnc:size=1280x800", "QTWEBENGINE_CHROMIUM_FLAGS",
                          "QTWEBENGINEPROCESS_PATH", "QT_PLUGIN_PATH", "https_proxy, NO_PROXY"}
    assert "remote debugging" in str(english(found["QTWEBENGINE_CHROMIUM_FLAGS"].effect))
    assert all(o.ignorable for o in found.values())


@pytest.mark.parametrize("display, platform, foreign", [
    ("x11", "xcb", False), ("x11", "offscreen", True), ("x11", "minimal", True), ("x11", "vnc", True),
    ("x11", "wayland;xcb", True), ("wayland", "wayland", False), ("wayland", "xcb", False),
    ("windows", "windows", False), ("windows", "offscreen", True), ("macos", "cocoa", False),
    ("none", "offscreen", False),  # no screen at all: the exam cannot start and says so
])
def test_only_the_screens_own_qt_platform_is_accepted(display: str, platform: str, foreign: bool) -> None:
    found = foreign_settings({"QT_QPA_PLATFORM": platform}, display)  # type: ignore[arg-type]
    assert bool(found) is foreign


def test_ignore_starts_the_engine_with_lockdowns_switches_only_and_undoes_it() -> None:
    env = dict(HOSTILE)
    launch = LaunchEnvironment(config(), "x11", env)
    launch.perform()
    assert env == {"HOME": "/home/s",
                   "QTWEBENGINE_CHROMIUM_FLAGS": "--proxy-server=socks5://127.0.0.1:9 "
                                                 "--proxy-bypass-list=<-loopback>;exam.example.org "
                                                 "--disable-blink-features=SharedWorker "
                                                 "--force-webrtc-ip-handling-policy=disable_non_proxied_udp"}
    launch.revert()
    assert env == HOSTILE


def test_a_configured_proxy_is_the_only_one_used() -> None:
    env = {"http_proxy": "http://student:1"}
    launch = LaunchEnvironment(config(proxy="http://proxy.example.org:3128", allow_webrtc=True), "x11", env)
    launch.perform()
    assert env == {"http_proxy": "http://proxy.example.org:3128", "https_proxy": "http://proxy.example.org:3128",
                   "QTWEBENGINE_CHROMIUM_FLAGS": "--proxy-server=http://proxy.example.org:3128 "
                                                 "--disable-blink-features=SharedWorker"}
    launch.revert()
    assert env == {"http_proxy": "http://student:1"}


def test_refuse_stops_with_one_line_before_changing_anything() -> None:
    env = dict(HOSTILE)
    launch = LaunchEnvironment(config(launch_overrides="refuse"), "x11", env)
    with pytest.raises(LaunchRefused) as info:
        launch.perform()
    assert info.value.exit_code == 2
    message = str(info.value)
    assert "\n" not in message and "QTWEBENGINE_CHROMIUM_FLAGS: remote debugging" in message
    assert env == HOSTILE


@pytest.mark.parametrize("variable", ["LD_PRELOAD", "LD_AUDIT", "LD_LIBRARY_PATH", "DYLD_INSERT_LIBRARIES"])
def test_loader_variables_are_refused_whatever_the_configuration(variable: str) -> None:
    env = {variable: "/home/s/hook.so"}
    with pytest.raises(LaunchRefused, match=variable):
        LaunchEnvironment(config(), "x11", env).check()


def test_the_built_bundles_own_library_path_is_not_the_students() -> None:
    """PyInstaller's bootloader sets LD_LIBRARY_PATH to the bundle and saves the original value:
    only that original is what the student started lockdown with."""
    from lockdown.launch import foreign_settings

    bootloader = {"LD_LIBRARY_PATH": "/home/s/.local/share/lockdown/app/_internal",
                  "LD_LIBRARY_PATH_ORIG": ""}
    assert foreign_settings(bootloader, "x11", frozen=True) == []
    student = {**bootloader, "LD_LIBRARY_PATH_ORIG": "/home/s/evil"}
    assert [o.variable for o in foreign_settings(student, "x11", frozen=True)] == ["LD_LIBRARY_PATH"]
    assert [o.variable for o in foreign_settings(bootloader, "x11", frozen=False)] == ["LD_LIBRARY_PATH"]
