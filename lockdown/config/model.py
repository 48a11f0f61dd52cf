"""The exam configuration as one frozen, typed tree; every default lives here and nowhere else.

Both formats (native JSON and SEB `.seb`) are loaded into this model by `lockdown.config.load`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from lockdown.i18n import Language

UrlAction = Literal["allow", "block"]
WaylandPolicy = Literal["refuse", "limited"]
LaunchPolicy = Literal["ignore", "refuse"]

DEFAULT_ALLOWED_DISPLAYS = 1
DEFAULT_MIN_DOWNLOAD_KBPS = 256
DEFAULT_MAX_LATENCY_MS = 1500
DEFAULT_MAX_CLOCK_OFFSET_S = 120


@dataclass(frozen=True)
class UrlRule:
    """One SEB URL filter rule: wildcard expression (`*` any text) or regular expression."""

    action: UrlAction
    expression: str
    regex: bool = False
    active: bool = True


@dataclass(frozen=True)
class UrlFilter:
    """SEB's `URLFilterEnable` + `URLFilterRules`; when disabled only the exam's own host is allowed."""

    enabled: bool = False
    rules: tuple[UrlRule, ...] = ()


@dataclass(frozen=True)
class ProcessRule:
    """A prohibited or permitted program, matched on its executable name (case-insensitive)."""

    executable: str
    description: str = ""
    active: bool = True


@dataclass(frozen=True)
class ServerSettings:
    """The exam platform's lockdown API (sessions, events); None in the config means events are off."""

    url: str
    send_events: bool = True


@dataclass(frozen=True)
class NetworkNeeds:
    """What the exam needs from the student's connection (compatibility check thresholds)."""

    min_download_kbps: int = DEFAULT_MIN_DOWNLOAD_KBPS
    max_latency_ms: int = DEFAULT_MAX_LATENCY_MS
    max_clock_offset_s: int = DEFAULT_MAX_CLOCK_OFFSET_S


@dataclass(frozen=True)
class ExamConfig:
    """Everything one exam asks of lockdown."""

    source: str
    """The file path or URL the configuration was read from (used in error messages)."""
    format: Literal["native", "seb"]
    start_url: str
    quit_url: str | None = None
    url_filter: UrlFilter = field(default_factory=UrlFilter)
    hashed_quit_password: str | None = None
    """SHA-256 hex of the quit password, as SEB stores it; None means no password."""
    allow_quit: bool = True
    """Whether Ctrl+Q may end the exam (with the password when one is set)."""
    prohibited_processes: tuple[ProcessRule, ...] = ()
    permitted_processes: tuple[ProcessRule, ...] = ()
    allowed_displays_max: int = DEFAULT_ALLOWED_DISPLAYS
    allow_virtual_machine: bool = False
    allow_remote_session: bool = False
    allow_virtual_display: bool | None = None
    """Whether the exam may run on a display that is not the machine's screen (a nested X server,
    a virtual framebuffer, a VNC server); None follows `allow_virtual_machine`."""
    wayland: WaylandPolicy = "refuse"
    allow_unverified_build: bool = False
    """Whether a build that could not be checked (running from source) may sit this exam."""
    window_title_suffix: str = ""
    language: Language | None = None
    """Force the kiosk's language; None follows the system locale."""
    allow_downloads: bool = False
    allow_uploads: bool = False
    allow_printing: bool = False
    exam_key_salt: bytes | None = None
    """SEB's `examKeySalt`, used to derive the Browser Exam Key."""
    user_agent_suffix: str | None = None
    """Appended to Qt's user agent; None means the default ` SEB/3 lockdown/<version>`."""
    server: ServerSettings | None = None
    allow_reconfiguration: bool = False
    """SEB's `examSessionReconfigureAllow`: a `seb(s)://` link in the exam may load another exam."""
    reconfiguration_url: str = ""
    """SEB's `examSessionReconfigureConfigURL`: which links may (`*` matches anything); empty: any."""
    network: NetworkNeeds = field(default_factory=NetworkNeeds)
    launch_overrides: LaunchPolicy = "ignore"
    """What to do when lockdown is started with settings that change how it runs (lockdown.launch):
    start without them, or refuse to start."""
    proxy: str | None = None
    """The proxy the exam browser uses; None: none, whatever the environment or desktop says."""
    allow_webrtc: bool = False
    """Whether pages may use WebRTC (peer connections to STUN/TURN servers they choose)."""
    settings: Mapping[str, Any] = field(default_factory=dict)
    """The whole document as read (plist dict or JSON object): the Config Key is computed on it."""
    ignored_keys: tuple[str, ...] = ()
    """Keys of the document lockdown does not act on (`lockdown run --explain` lists them)."""
