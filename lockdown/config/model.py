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
NewWindowPolicy = Literal["same_window", "refuse"]
"""What a link or script that asks for a new window gets: the same window, or nothing."""
UrlShown = Literal["never", "load_error", "always"]
"""When the taskbar shows the page's address (SEB's `browserWindowShowURL`)."""
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
    content_filter: bool = True
    """Embedded content (images, scripts, frames, fetch) is judged by the same rules as pages
    (SEB's `URLFilterEnableContentFilter`); off, it may come from any http(s) address."""


@dataclass(frozen=True)
class ProcessRule:
    """A prohibited or permitted program, matched on its executable name (case-insensitive)."""

    executable: str
    description: str = ""
    active: bool = True
    title: str = ""
    """The name the taskbar shows for a permitted program (SEB's `title`); the executable's otherwise."""
    path: str = ""
    """Where a permitted program is (a folder, or the program itself); empty: looked up on PATH."""
    arguments: tuple[str, ...] = ()
    autostart: bool = False
    """A permitted program started with the exam (SEB's `autostart`)."""
    in_taskbar: bool = True
    """A permitted program gets a button in the taskbar to start it (SEB's `iconInTaskbar`)."""


@dataclass(frozen=True)
class TaskbarSettings:
    """The bar along the bottom of the exam screen and what it shows (SEB's `showTaskBar`...).

    On by default, as in SEB; the quit button follows `allow_quit`, the zoom buttons
    `BrowserSettings.zoom`, the back button `BrowserSettings.allow_back`.
    """

    shown: bool = True
    clock: bool = True
    reload: bool = True
    """The reload button, when `BrowserSettings.allow_reload` also allows reloading."""
    keyboard_layout: bool = True
    """The layout in use and a switcher among the student's own layouts (`showInputLanguage`)."""
    wifi: bool = False
    """The list of Wi-Fi networks to reconnect, where the OS lets an ordinary user (`allowWlan`)."""
    audio: bool = False
    """Volume and mute controls (`audioControlEnabled`)."""


@dataclass(frozen=True)
class AudioSettings:
    """What the exam does to the sound at its start; undone at its end."""

    mute: bool = False
    volume: int | None = None
    """The volume (0-100) set at the start; None leaves it as it is."""


@dataclass(frozen=True)
class BrowserSettings:
    """How the exam page behaves (SEB's browser settings)."""

    allow_reload: bool = True
    """F5 / Ctrl+R and the taskbar's reload button (`browserWindowAllowReload`)."""
    reload_warning: bool = True
    """Ask before reloading (`showReloadWarning`)."""
    allow_back: bool = False
    """Going back to the previous page (`allowBrowsingBackForward`)."""
    zoom: bool = True
    """Zooming the page in and out (`enableZoomPage`)."""
    spell_check: bool = False
    """Spell checking in the exam's language, with the dictionaries found (`allowSpellCheck`)."""
    quit_url_confirm: bool = False
    """Ask before the quit URL ends the exam (`quitURLConfirm`)."""
    new_window_by_link: NewWindowPolicy = "same_window"
    new_window_by_script: NewWindowPolicy = "same_window"
    show_url: UrlShown = "never"


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
    taskbar: TaskbarSettings = field(default_factory=TaskbarSettings)
    browser: BrowserSettings = field(default_factory=BrowserSettings)
    audio: AudioSettings = field(default_factory=AudioSettings)
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
