"""lockdown's own JSON format (`"format": 1`), mapped onto ExamConfig; schema in docs/CONFIG.md.

Unlike a `.seb` file, which carries hundreds of SEB settings lockdown has no use for, every key of
a native file is lockdown's: an unknown key is a typo, so it is an error (with a suggestion).
Keys starting with `_` are comments and are kept for the Config Key.
"""

from __future__ import annotations

import base64
import binascii
import difflib
from typing import Any

from lockdown.config.fields import Fields, shown
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
    ProcessRule,
    ServerSettings,
    TaskbarSettings,
    UrlAction,
    UrlFilter,
    UrlRule,
    WaylandPolicy,
)
from lockdown.config.rules import checked_proxy, checked_rule
from lockdown.i18n import Language
from lockdown.platform import OsName

FORMAT_VERSION = 1

TOP_KEYS = (
    "format", "start_url", "quit_url", "url_filter", "hashed_quit_password", "allow_quit",
    "prohibited_processes", "permitted_processes", "allowed_displays_max", "allow_virtual_machine",
    "allow_remote_session", "wayland", "allow_unverified_build", "window_title_suffix", "language",
    "allow_downloads", "allow_uploads", "allow_printing", "exam_key_salt", "user_agent_suffix", "server",
    "network", "allow_reconfiguration", "reconfiguration_url", "taskbar", "browser", "audio",
    "allow_virtual_display", "launch_overrides", "proxy", "allow_webrtc",
)
_SUB_KEYS = {
    "url_filter": ("enabled", "rules", "content_filter"),
    "rule": ("action", "expression", "regex", "active"),
    "process": ("executable", "description", "active", "os", "title", "path", "arguments", "autostart",
                "in_taskbar"),
    "taskbar": ("shown", "clock", "reload", "keyboard_layout", "wifi", "audio"),
    "browser": ("allow_reload", "reload_warning", "allow_back", "zoom", "spell_check", "quit_url_confirm",
                "new_window_by_link", "new_window_by_script", "show_url"),
    "audio": ("mute", "volume"),
    "server": ("url", "send_events"),
    "network": ("min_download_kbps", "max_latency_ms", "max_clock_offset_s"),
}


def _known(f: Fields, keys: tuple[str, ...]) -> None:
    """Refuse unknown keys, suggesting the closest known one."""
    for key in f.data:
        if key in keys or key.startswith("_"):
            continue
        close = difflib.get_close_matches(key, keys, n=1)
        if close:
            f.fail(key, "config.field.unknown_close", close=repr(close[0]))
        f.fail(key, "config.field.unknown")


def _check_format(f: Fields) -> None:
    if "format" not in f.data:
        f.fail("format", "config.format.missing", version=FORMAT_VERSION)
    version = f.data["format"]
    if version == FORMAT_VERSION and type(version) is int:
        return
    if type(version) is int and version > FORMAT_VERSION:
        f.fail("format", "config.format.newer", version=version, readable=FORMAT_VERSION)
    f.fail("format", "config.format.wrong", version=FORMAT_VERSION, value=shown(version))


def _url_filter(f: Fields) -> UrlFilter:
    sub = f.sub("url_filter")
    if sub is None:
        return UrlFilter()
    _known(sub, _SUB_KEYS["url_filter"])
    rules: list[UrlRule] = []
    for r in sub.items("rules"):
        _known(r, _SUB_KEYS["rule"])
        action: UrlAction = r.choice("action", ("allow", "block"), "block")
        if "action" not in r.data:
            r.fail("action", "config.rule.action_missing")
        rules.append(checked_rule(r, action, "expression", r.require("expression", str),
                                  r.get("regex", bool, False), r.get("active", bool, True)))
    return UrlFilter(enabled=sub.get("enabled", bool, False), rules=tuple(rules),
                     content_filter=sub.get("content_filter", bool, UrlFilter.content_filter))


def _processes(f: Fields, key: str, os_name: OsName) -> tuple[ProcessRule, ...]:
    result = []
    for p in f.items(key):
        _known(p, _SUB_KEYS["process"])
        entry_os = p.choice("os", ("linux", "windows", "macos", None), None)
        executable = p.require("executable", str).strip()
        if not executable:
            p.fail("executable", "config.field.empty")
        arguments = p.get("arguments", list, [])
        if not all(isinstance(a, str) for a in arguments):
            p.fail("arguments", "config.field.string_array")
        if entry_os is not None and entry_os != os_name:
            continue
        result.append(ProcessRule(executable=executable, description=p.get("description", str, ""),
                                  active=p.get("active", bool, True), title=p.get("title", str, ""),
                                  path=p.get("path", str, ""), arguments=tuple(arguments),
                                  autostart=p.get("autostart", bool, False),
                                  in_taskbar=p.get("in_taskbar", bool, True)))
    return tuple(result)


def _flags(f: Fields, key: str, defaults: object) -> dict[str, bool]:
    """The true/false fields of the object at `key`, each defaulting to the model's value."""
    sub = f.sub(key)
    if sub is None:
        return {}
    _known(sub, _SUB_KEYS[key])
    return {name: sub.get(name, bool, getattr(defaults, name)) for name in _SUB_KEYS[key]
            if isinstance(getattr(defaults, name), bool)}


def _taskbar(f: Fields) -> TaskbarSettings:
    return TaskbarSettings(**_flags(f, "taskbar", TaskbarSettings()))


def _browser(f: Fields) -> BrowserSettings:
    defaults = BrowserSettings()
    sub = f.sub("browser")
    if sub is None:
        return defaults
    return BrowserSettings(
        **_flags(f, "browser", defaults),
        new_window_by_link=sub.choice("new_window_by_link", ("same_window", "refuse"),
                                      defaults.new_window_by_link),
        new_window_by_script=sub.choice("new_window_by_script", ("same_window", "refuse"),
                                        defaults.new_window_by_script),
        show_url=sub.choice("show_url", ("never", "load_error", "always"), defaults.show_url),
    )


def _audio(f: Fields) -> AudioSettings:
    sub = f.sub("audio")
    if sub is None:
        return AudioSettings()
    _known(sub, _SUB_KEYS["audio"])
    volume = sub.integer("volume", 0, 0, 100) if sub.data.get("volume") is not None else None
    return AudioSettings(mute=sub.get("mute", bool, AudioSettings.mute), volume=volume)


def _salt(f: Fields) -> bytes | None:
    text = f.get("exam_key_salt", str, "")
    if not text:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        f.fail("exam_key_salt", "config.field.base64")


def _server(f: Fields) -> ServerSettings | None:
    if f.data.get("server") is None:
        return None
    sub = f.sub("server")
    assert sub is not None
    _known(sub, _SUB_KEYS["server"])
    url = sub.url("url", required=True)
    assert url is not None
    return ServerSettings(url=url, send_events=sub.get("send_events", bool, True))


def _network(f: Fields) -> NetworkNeeds:
    sub = f.sub("network")
    if sub is None:
        return NetworkNeeds()
    _known(sub, _SUB_KEYS["network"])
    return NetworkNeeds(
        min_download_kbps=sub.integer("min_download_kbps", DEFAULT_MIN_DOWNLOAD_KBPS, 0, 10**7),
        max_latency_ms=sub.integer("max_latency_ms", DEFAULT_MAX_LATENCY_MS, 1, 600_000),
        max_clock_offset_s=sub.integer("max_clock_offset_s", DEFAULT_MAX_CLOCK_OFFSET_S, 0, 86_400),
    )


def _optional_str(f: Fields, key: str) -> str | None:
    if f.data.get(key) is None:
        return None
    return f.get(key, str, "") or None


def from_native(document: dict[str, Any], source: str, os_name: OsName) -> ExamConfig:
    """Validate a native JSON document and build the ExamConfig; raises ConfigError naming the field."""
    f = Fields(source, document, kind="json")
    _check_format(f)
    _known(f, TOP_KEYS)
    start_url = f.url("start_url", required=True)
    assert start_url is not None
    wayland: WaylandPolicy = f.choice("wayland", ("refuse", "limited"), "refuse")
    language: Language | None = f.choice("language", ("en", "fr", None), None)
    launch: LaunchPolicy = f.choice("launch_overrides", ("ignore", "refuse"), "ignore")
    return ExamConfig(
        source=source,
        format="native",
        start_url=start_url,
        quit_url=f.url("quit_url", required=False) if f.data.get("quit_url") is not None else None,
        url_filter=_url_filter(f),
        hashed_quit_password=(f.sha256_hex("hashed_quit_password")
                              if f.data.get("hashed_quit_password") is not None else None),
        allow_quit=f.get("allow_quit", bool, True),
        prohibited_processes=_processes(f, "prohibited_processes", os_name),
        permitted_processes=_processes(f, "permitted_processes", os_name),
        allowed_displays_max=f.integer("allowed_displays_max", DEFAULT_ALLOWED_DISPLAYS, 1, 64),
        allow_virtual_machine=f.get("allow_virtual_machine", bool, False),
        allow_remote_session=f.get("allow_remote_session", bool, False),
        allow_virtual_display=(f.get("allow_virtual_display", bool, False)
                               if f.data.get("allow_virtual_display") is not None else None),
        wayland=wayland,
        allow_unverified_build=f.get("allow_unverified_build", bool, False),
        window_title_suffix=f.get("window_title_suffix", str, ""),
        language=language,
        allow_downloads=f.get("allow_downloads", bool, False),
        allow_uploads=f.get("allow_uploads", bool, False),
        allow_printing=f.get("allow_printing", bool, False),
        exam_key_salt=_salt(f) if f.data.get("exam_key_salt") is not None else None,
        user_agent_suffix=_optional_str(f, "user_agent_suffix"),
        server=_server(f),
        allow_reconfiguration=f.get("allow_reconfiguration", bool, False),
        reconfiguration_url=f.get("reconfiguration_url", str, "").strip(),
        network=_network(f),
        taskbar=_taskbar(f),
        browser=_browser(f),
        audio=_audio(f),
        launch_overrides=launch,
        proxy=checked_proxy(f, "proxy", _optional_str(f, "proxy") or ""),
        allow_webrtc=f.get("allow_webrtc", bool, False),
        settings=document,
        ignored_keys=tuple(k for k in document if k.startswith("_")),
    )
