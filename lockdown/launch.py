"""How lockdown is started must not open a side door: its engine runs with its own settings only.

A student who starts lockdown from their own account chooses its environment. Some variables
change what the kiosk is, not how it looks: `QT_QPA_PLATFORM=vnc` puts the exam in a VNC server
while the real desktop stays free, a Chromium switch in `QTWEBENGINE_CHROMIUM_FLAGS` (one dash
or two) opens remote debugging to any other program, `QTWEBENGINEPROCESS_PATH` swaps the
renderer, a plugin path loads foreign code, a proxy variable sends the exam's traffic through a
program of the student's. `foreign_settings()` lists them; the configuration decides
(`launch_overrides`): "refuse" stops with one line (exit 2), "ignore" starts the engine without
them (`LaunchEnvironment`). The dynamic loader's variables (`LD_PRELOAD`...) are refused
whatever the configuration says: they act before lockdown's first line runs, so ignoring them
is impossible. Qt gets no command-line arguments of lockdown's (`lockdown.ui.qtapp`), so the
engine's switches are exactly `engine_switches()`. No Qt in this module.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass

from lockdown.config.model import ExamConfig
from lockdown.errors import UsageError
from lockdown.platform.base import DisplayServer
from lockdown.urls.hosts import NOWHERE_PROXY, bypass_list, policy_hosts
from lockdown.words import Phrase, phrase

CHROMIUM_FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"

LOADER_VARIABLES = ("LD_PRELOAD", "LD_AUDIT", "LD_LIBRARY_PATH",
                    "DYLD_INSERT_LIBRARIES", "DYLD_LIBRARY_PATH", "DYLD_FRAMEWORK_PATH")
"""Read by the dynamic loader when the process starts: too late to ignore once lockdown runs."""

ENGINE_VARIABLES: Mapping[str, str] = {
    CHROMIUM_FLAGS: "launch.effect.engine_switches",
    "QTWEBENGINE_REMOTE_DEBUGGING": "launch.effect.remote_debugging",
    "QTWEBENGINEPROCESS_PATH": "launch.effect.renderer",
    "QTWEBENGINE_RESOURCES_PATH": "launch.effect.resources",
    "QTWEBENGINE_LOCALES_PATH": "launch.effect.resources",
    "QTWEBENGINE_DICTIONARIES_PATH": "launch.effect.dictionaries",
    "QT_QPA_PLATFORM_PLUGIN_PATH": "launch.effect.platform_plugins",
    "QT_PLUGIN_PATH": "launch.effect.qt_plugins",
    "QT_QPA_GENERIC_PLUGINS": "launch.effect.input_plugins",
}
"""Variables that change what the engine runs or loads, and the message key of what each would do."""

PROXY_VARIABLES = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "ftp_proxy", "FTP_PROXY",
                   "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY", "auto_proxy", "SOCKS_SERVER",
                   "SOCKS_VERSION")
"""Proxy settings read from the environment by Chromium and by the network client."""

_NATIVE_PLATFORMS: Mapping[DisplayServer, frozenset[str]] = {
    "x11": frozenset({"xcb"}),
    "wayland": frozenset({"wayland", "wayland-egl", "xcb"}),
    "windows": frozenset({"windows"}),
    "macos": frozenset({"cocoa"}),
}
"""The Qt platform plugins that show a window on the machine's own screen, per display server."""

_DEBUGGING = ("remote-debugging", "remote-allow-origins", "auto-open-devtools")


class LaunchRefused(UsageError):
    """lockdown was started with settings of its environment it does not accept (exit 2)."""


@dataclass(frozen=True)
class Override:
    """One setting lockdown did not make itself, and what it would do to the exam."""

    variable: str
    effect: Phrase
    ignorable: bool = True
    """False for what acts before lockdown runs: refused whatever the configuration says."""


def switch_names(flags: str) -> list[str]:
    """The Chromium switches in a flags string, in every spelling (`-x`, `--x`, `--x=v`, `--x v`).

    Chromium accepts one dash as well as two; a value after a space is a loose argument, not a
    switch, and is left out.
    """
    names = []
    for token in flags.split():
        if token.startswith("-") and token.strip("-"):
            names.append(token.lstrip("-").split("=", 1)[0].lower())
    return names


def is_debugging_switch(name: str) -> bool:
    """Whether a switch name (without dashes) opens the page to developer tools or debugging."""
    return name.startswith(_DEBUGGING)


def _flags_effect(flags: str) -> Phrase:
    names = switch_names(flags)
    debugging = [n for n in names if is_debugging_switch(n)]
    shown: object = ", ".join(names) if names else phrase("launch.effect.no_switch")
    return phrase("launch.effect.debugging" if debugging else "launch.effect.switches", switches=shown)


FROZEN_SAVED_SUFFIX = "_ORIG"
"""PyInstaller's bootloader points LD_LIBRARY_PATH (DYLD_LIBRARY_PATH) at the bundle's own folder
and keeps what the process was started with under this suffix: that saved value is the student's."""


def _loader_value(environ: Mapping[str, str], variable: str, frozen: bool) -> str:
    """What the student set for a loader variable (in a frozen build, the value saved before the
    bootloader put the bundle's folder there)."""
    saved = variable + FROZEN_SAVED_SUFFIX
    if frozen and variable in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
        return environ.get(saved, "")
    return environ.get(variable, "")


def foreign_settings(environ: Mapping[str, str], display: DisplayServer,
                     frozen: bool | None = None) -> list[Override]:
    """Every variable of `environ` that would change how the kiosk runs, in a fixed order.

    The Qt platform counts only when it is not one that shows the machine's own screen; with no
    screen at all there is nothing to protect (the exam cannot start, and says so). `frozen`: the
    running program is the built bundle (default: asked of `sys`).
    """
    bundle = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    found = [Override(v, phrase("launch.effect.loader"), ignorable=False)
             for v in LOADER_VARIABLES if _loader_value(environ, v, bundle)]
    platform = environ.get("QT_QPA_PLATFORM", "")
    native = _NATIVE_PLATFORMS.get(display)
    if platform and native is not None and platform not in native:
        found.append(Override(f"QT_QPA_PLATFORM={platform}",
                              phrase("launch.effect.platform")))
    for variable, effect in ENGINE_VARIABLES.items():
        value = environ.get(variable, "")
        if value.strip():
            said = _flags_effect(value) if variable == CHROMIUM_FLAGS else phrase(effect)
            found.append(Override(variable, said))
    proxies = [v for v in PROXY_VARIABLES if environ.get(v)]
    if proxies:
        found.append(Override(", ".join(proxies), phrase("launch.effect.proxy")))
    return found


def refusal(found: list[Override], policy: str) -> Phrase | None:
    """The one line to stop with, or None when the exam may start (without the ignorable ones)."""
    refused = [o for o in found if not o.ignorable or policy == "refuse"]
    if not refused:
        return None
    return phrase("launch.refused",
                  listed=[phrase("launch.override", variable=o.variable, effect=o.effect) for o in refused])


def engine_switches(config: ExamConfig) -> list[str]:
    """The browser engine's switches: lockdown's own, and nothing else.

    No proxy unless the configuration names one (Chromium otherwise reads the environment and the
    desktop's settings), but one that leads nowhere for every host outside the URL policy
    (`lockdown.urls.hosts`: connections the request interceptor never sees); no shared workers
    (their WebSockets bypass the request interceptor), in every frame; without WebRTC no UDP
    leaves outside a proxy (STUN to any host).
    """
    if config.proxy:
        switches = [f"--proxy-server={config.proxy}"]
    else:
        hosts = policy_hosts(config)
        switches = (["--no-proxy-server"] if hosts is None
                    else [f"--proxy-server={NOWHERE_PROXY}", f"--proxy-bypass-list={bypass_list(hosts)}"])
    switches.append("--disable-blink-features=SharedWorker")
    if not config.allow_webrtc:
        switches.append("--force-webrtc-ip-handling-policy=disable_non_proxied_udp")
    return switches


class LaunchEnvironment:
    """Operation: the session's environment holds lockdown's engine settings only; undone at the end.

    Performed before Qt starts. Removes every ignorable foreign variable, sets the engine's
    switches, and points the proxy variables at the configured proxy (the network client reads
    them too), or leaves none.
    """

    name = "launch_environment"

    def __init__(self, config: ExamConfig, display: DisplayServer,
                 environ: MutableMapping[str, str] | None = None,
                 started: Mapping[str, str] | None = None) -> None:
        self._config = config
        self._display = display
        self._environ = os.environ if environ is None else environ
        self._started = self._environ if started is None else started
        """The environment lockdown was started with: the session folder's own settings, made
        before the configuration is known, already left the debugging switches out."""
        self._saved: dict[str, str | None] = {}

    def check(self) -> None:
        """Raise LaunchRefused (one line) when the configuration or the loader forbids the start."""
        line = refusal(foreign_settings(self._started, self._display), self._config.launch_overrides)
        if line is not None:
            raise LaunchRefused(line.key, **line.values)

    def _set(self, key: str, value: str | None) -> None:
        if key not in self._saved:
            self._saved[key] = self._environ.get(key)
        if value is None:
            self._environ.pop(key, None)
        else:
            self._environ[key] = value

    def perform(self) -> None:
        self.check()
        platform = self._environ.get("QT_QPA_PLATFORM", "")
        native = _NATIVE_PLATFORMS.get(self._display)
        if platform and native is not None and platform not in native:
            self._set("QT_QPA_PLATFORM", None)  # Qt then picks the screen's own plugin
        for variable in (*ENGINE_VARIABLES, *PROXY_VARIABLES):
            if variable in self._environ:
                self._set(variable, None)
        self._set(CHROMIUM_FLAGS, " ".join(engine_switches(self._config)))
        if self._config.proxy:
            for variable in ("http_proxy", "https_proxy"):
                self._set(variable, self._config.proxy)

    def revert(self) -> None:
        for key, old in self._saved.items():
            if old is None:
                self._environ.pop(key, None)
            else:
                self._environ[key] = old
        self._saved = {}
