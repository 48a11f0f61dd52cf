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
    ExamConfig,
    LaunchPolicy,
    NetworkNeeds,
    ProcessRule,
    ServerSettings,
    UrlAction,
    UrlFilter,
    UrlRule,
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
    "lockdownUserAgentSuffix", "lockdownAllowVirtualDisplay", "lockdownLaunchOverrides", "lockdownProxy",
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
        result.append(ProcessRule(executable=executable, description=p.get("description", str, ""),
                                  active=p.get("active", bool, True)))
    return tuple(result)


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
        url_filter=UrlFilter(enabled=f.get("URLFilterEnable", bool, False), rules=_url_rules(f)),
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
        launch_overrides=launch,
        proxy=checked_proxy(f, "lockdownProxy", f.get("lockdownProxy", str, "")),
        allow_webrtc=f.get("lockdownAllowWebRTC", bool, False),
        settings=settings,
        ignored_keys=tuple(sorted((k for k in settings if k not in KNOWN_KEYS), key=str.casefold)),
    )
