"""An SEB settings dictionary (from a `.seb` plist) mapped onto ExamConfig.

SEB keys lockdown acts on are in KNOWN_KEYS; every other key is kept (it counts for the Config Key)
and listed as ignored. Keys starting with `lockdown` carry what SEB has no setting for (Wayland
policy, server...), so one `.seb` file can serve SEB and lockdown alike.
"""

from __future__ import annotations

from typing import Any, Literal

from lockdown.config.fields import Fields
from lockdown.config.model import (
    DEFAULT_ALLOWED_DISPLAYS,
    DEFAULT_MAX_CLOCK_OFFSET_S,
    DEFAULT_MAX_LATENCY_MS,
    DEFAULT_MIN_DOWNLOAD_KBPS,
    AudioSettings,
    BrowserSettings,
    ExamConfig,
    LaunchPolicy,
    NetworkNeeds,
    NewWindowPolicy,
    ProcessRule,
    ServerSettings,
    TaskbarSettings,
    UrlAction,
    UrlFilter,
    UrlRule,
    UrlShown,
    WaylandPolicy,
)
from lockdown.config.rules import checked_proxy, checked_rule
from lockdown.i18n import Language
from lockdown.platform import OsName

SEB_OS_CODES: dict[int, OsName] = {0: "macos", 1: "windows"}
"""SEB's `os` field of a process entry (Keys.cs: WINDOWS = 1; the macOS client writes 0)."""

KNOWN_KEYS = frozenset({
    "startURL", "quitURL", "URLFilterEnable", "URLFilterRules", "hashedQuitPassword", "allowQuit",
    "prohibitedProcesses", "permittedProcesses", "allowedDisplaysMaxNumber", "allowVirtualMachine",
    "allowScreenSharing", "browserWindowTitleSuffix", "allowDownUploads", "allowDownloads", "allowUploads",
    "allowPrint", "examKeySalt", "examSessionReconfigureAllow", "examSessionReconfigureConfigURL",
    "lockdownWayland", "lockdownAllowUnverifiedBuild", "lockdownLanguage", "lockdownServerURL",
    "lockdownSendEvents", "lockdownMinDownloadKbps", "lockdownMaxLatencyMs", "lockdownMaxClockOffsetS",
    "lockdownUserAgentSuffix",
    "showTaskBar", "showTime", "showReloadButton", "showInputLanguage", "allowWlan", "audioControlEnabled",
    "audioMute", "audioSetVolumeLevel", "audioVolumeLevel", "browserWindowAllowReload", "showReloadWarning",
    "allowBrowsingBackForward", "enableZoomPage", "allowSpellCheck", "quitURLConfirm",
    "URLFilterEnableContentFilter", "newBrowserWindowByLinkPolicy", "newBrowserWindowByScriptPolicy",
    "browserWindowShowURL", "lockdownAllowVirtualDisplay", "lockdownLaunchOverrides", "lockdownProxy",
    "lockdownAllowWebRTC",
})


def _url_rules(f: Fields) -> tuple[UrlRule, ...]:
    rules = []
    for r in f.items("URLFilterRules"):
        code = r.choice("action", (0, 1), 0)
        action: UrlAction = "allow" if code == 1 else "block"
        expression = r.require("expression", str)
        rules.append(checked_rule(r, action, "expression", expression, r.get("regex", bool, False),
                                  r.get("active", bool, True)))
    return tuple(rules)


def _processes(f: Fields, key: str, os_name: OsName) -> tuple[ProcessRule, ...]:
    """Entries for this OS family; on a system SEB does not know (Linux), entries of every OS."""
    seb_knows_this_os = os_name in SEB_OS_CODES.values()
    result = []
    for p in f.items(key):
        code = p.get("os", int, -1)
        entry_os = SEB_OS_CODES.get(code)
        if seb_knows_this_os and entry_os is not None and entry_os != os_name:
            continue
        executable = p.require("executable", str).strip()
        if not executable:
            p.fail("executable", "config.field.empty")
        arguments = tuple(a.require("argument", str) for a in p.items("arguments")
                          if a.get("active", bool, True))
        result.append(ProcessRule(executable=executable, description=p.get("description", str, ""),
                                  active=p.get("active", bool, True), title=p.get("title", str, ""),
                                  path=p.get("path", str, ""), arguments=arguments,
                                  autostart=p.get("autostart", bool, False),
                                  in_taskbar=p.get("iconInTaskbar", bool, True)))
    return tuple(result)


_WINDOW_POLICIES: dict[int, NewWindowPolicy] = {0: "refuse", 1: "same_window", 2: "same_window"}
"""SEB's new-window policies: 0 blocked, 1 same window, 2 a new window (lockdown has one window)."""
_URL_SHOWN: dict[int, UrlShown] = {0: "never", 1: "load_error", 2: "always", 3: "always"}
"""`browserWindowShowURL`: 0 never, 1 on load errors, 2 before the title, 3 always."""


def _taskbar(f: Fields) -> TaskbarSettings:
    return TaskbarSettings(shown=f.get("showTaskBar", bool, True), clock=f.get("showTime", bool, True),
                           reload=f.get("showReloadButton", bool, True),
                           keyboard_layout=f.get("showInputLanguage", bool, True),
                           wifi=f.get("allowWlan", bool, False),
                           audio=f.get("audioControlEnabled", bool, False))


def _audio(f: Fields) -> AudioSettings:
    level = f.integer("audioVolumeLevel", 25, 0, 100)
    return AudioSettings(mute=f.get("audioMute", bool, False),
                         volume=level if f.get("audioSetVolumeLevel", bool, False) else None)


def _browser(f: Fields) -> BrowserSettings:
    link = f.choice("newBrowserWindowByLinkPolicy", (0, 1, 2), 2)
    script = f.choice("newBrowserWindowByScriptPolicy", (0, 1, 2), 2)
    return BrowserSettings(
        allow_reload=f.get("browserWindowAllowReload", bool, True),
        reload_warning=f.get("showReloadWarning", bool, True),
        allow_back=f.get("allowBrowsingBackForward", bool, False),
        zoom=f.get("enableZoomPage", bool, True),
        spell_check=f.get("allowSpellCheck", bool, False),
        quit_url_confirm=f.get("quitURLConfirm", bool, False),
        new_window_by_link=_WINDOW_POLICIES[link],
        new_window_by_script=_WINDOW_POLICIES[script],
        show_url=_URL_SHOWN[f.choice("browserWindowShowURL", (0, 1, 2, 3), 0)],
    )


def _server(f: Fields) -> ServerSettings | None:
    url = f.url("lockdownServerURL", required=False)
    if url is None:
        return None
    return ServerSettings(url=url, send_events=f.get("lockdownSendEvents", bool, True))


def from_seb(settings: dict[str, Any], source: str, os_name: OsName) -> ExamConfig:
    """Validate `settings` and build the ExamConfig; raises ConfigError naming the SEB key."""
    f = Fields(source, settings, kind="plist")
    start_url = f.url("startURL", required=True)
    assert start_url is not None
    both = f.get("allowDownUploads", bool, False)
    wayland: WaylandPolicy = f.choice("lockdownWayland", ("refuse", "limited"), "refuse")
    language: Language | Literal[""] = f.choice("lockdownLanguage", ("en", "fr", ""), "")
    launch: LaunchPolicy = f.choice("lockdownLaunchOverrides", ("ignore", "refuse"), "ignore")
    return ExamConfig(
        source=source,
        format="seb",
        start_url=start_url,
        quit_url=f.url("quitURL", required=False),
        url_filter=UrlFilter(enabled=f.get("URLFilterEnable", bool, False), rules=_url_rules(f),
                             content_filter=f.get("URLFilterEnableContentFilter", bool, False)),
        hashed_quit_password=f.sha256_hex("hashedQuitPassword"),
        allow_quit=f.get("allowQuit", bool, True),
        prohibited_processes=_processes(f, "prohibitedProcesses", os_name),
        permitted_processes=_processes(f, "permittedProcesses", os_name),
        allowed_displays_max=f.integer("allowedDisplaysMaxNumber", DEFAULT_ALLOWED_DISPLAYS, 1, 64),
        allow_virtual_machine=f.get("allowVirtualMachine", bool, False),
        allow_remote_session=f.get("allowScreenSharing", bool, False),
        allow_virtual_display=(f.get("lockdownAllowVirtualDisplay", bool, False)
                               if "lockdownAllowVirtualDisplay" in settings else None),
        wayland=wayland,
        allow_unverified_build=f.get("lockdownAllowUnverifiedBuild", bool, False),
        window_title_suffix=f.get("browserWindowTitleSuffix", str, ""),
        language=language or None,
        allow_downloads=f.get("allowDownloads", bool, both),
        allow_uploads=f.get("allowUploads", bool, both),
        allow_printing=f.get("allowPrint", bool, False),
        exam_key_salt=f.get("examKeySalt", bytes, b"") or None,
        user_agent_suffix=f.get("lockdownUserAgentSuffix", str, "") or None,
        server=_server(f),
        allow_reconfiguration=f.get("examSessionReconfigureAllow", bool, False),
        reconfiguration_url=f.get("examSessionReconfigureConfigURL", str, "").strip(),
        network=NetworkNeeds(
            min_download_kbps=f.integer("lockdownMinDownloadKbps", DEFAULT_MIN_DOWNLOAD_KBPS, 0, 10**7),
            max_latency_ms=f.integer("lockdownMaxLatencyMs", DEFAULT_MAX_LATENCY_MS, 1, 600_000),
            max_clock_offset_s=f.integer("lockdownMaxClockOffsetS", DEFAULT_MAX_CLOCK_OFFSET_S, 0, 86_400),
        ),
        taskbar=_taskbar(f),
        browser=_browser(f),
        audio=_audio(f),
        launch_overrides=launch,
        proxy=checked_proxy(f, "lockdownProxy", f.get("lockdownProxy", str, "")),
        allow_webrtc=f.get("lockdownAllowWebRTC", bool, False),
        settings=settings,
        ignored_keys=tuple(sorted((k for k in settings if k not in KNOWN_KEYS), key=str.casefold)),
    )
