"""What the exam's taskbar shows, decided without Qt: which items, and what their state means.

The Qt bar (`lockdown.ui.taskbar`) draws what `items()` lists and asks the rules here: when the
battery is low, what the keyboard layout's short name is, what the network state says. It never
shows anything personal: no user, computer or network name but the Wi-Fi networks this
computer already knows, listed only when the exam allows reconnecting.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import Literal

from lockdown.config.model import ExamConfig
from lockdown.guard.permitted import PermittedApps
from lockdown.platform.base import BatteryState, Desk, DeskSources
from lockdown.quitting import QuitMode, quit_mode

log = logging.getLogger(__name__)

BATTERY_LOW_PERCENT = 15
"""Below this, and not charging, the battery is shown as a warning and the student is told once."""

Item = Literal["apps", "address", "back", "reload", "zoom", "layout", "volume", "wifi", "network",
               "battery", "clock", "quit"]
"""The taskbar's items, left to right: the exam's tools first, the computer's state, then quit."""


class ExamTools:
    """What the kiosk's taskbar is handed: the OS's sources and the permitted programs.

    The sources are asked of the OS when first used, as the kiosk opens (reading them may open
    a connection to the display or run a command: not before the student has read the notice).
    """

    def __init__(self, sources: DeskSources, config: ExamConfig) -> None:
        self._sources = sources
        self._desk: Desk | None = None
        self.apps: PermittedApps | None = (
            PermittedApps(config.permitted_processes, lambda: self.desk.windows)
            if config.permitted_processes else None)

    @property
    def desk(self) -> Desk:
        if self._desk is None:
            self._desk = self._sources.desk()
            for reason in self._desk.missing:
                log.info("taskbar: no %s", reason.text("en"))
        return self._desk

    def may_leave(self) -> bool:
        """Whether the kiosk may let another window keep the front: a permitted program has it."""
        return self.apps is not None and self.apps.has_front()


def items(config: ExamConfig, desk: Desk, has_apps: bool) -> tuple[Item, ...]:
    """The items this exam's taskbar shows on this computer; () when the exam hides the bar."""
    t, b = config.taskbar, config.browser
    if not t.shown:
        return ()
    wanted: list[tuple[Item, bool]] = [
        ("apps", has_apps),
        ("address", b.show_url != "never"),
        ("back", b.allow_back),
        ("reload", t.reload and b.allow_reload),
        ("zoom", b.zoom),
        ("layout", t.keyboard_layout and desk.keyboard_layouts is not None),
        ("volume", t.audio and desk.volume is not None),
        ("wifi", t.wifi and desk.wifi is not None),
        ("network", True),
        ("battery", True),  # shown only while there is a battery to show
        ("clock", t.clock),
        ("quit", quit_mode(config) is not QuitMode.DISABLED),
    ]
    return tuple(item for item, shown in wanted if shown)


def battery_low(state: BatteryState | None) -> bool:
    """Whether the battery needs the student's attention: under 15 % and not charging."""
    return state is not None and state.percent < BATTERY_LOW_PERCENT and not state.charging


def layout_short_name(name: str) -> str:
    """The layout's code as the bar shows it: "fr(bepo)" -> "FR"."""
    return name.split("(", 1)[0].strip().upper() or "?"


class NetworkState(Enum):
    """What the network item says, from the computer's link and the exam server's connection."""

    OFFLINE = "offline"
    """The computer is on no network."""
    SERVER_LOST = "server_lost"
    """On a network, but the exam server cannot be reached (the banner says so too)."""
    ONLINE = "online"
    """On a network, and the exam server (when there is one) answers."""
    UNKNOWN = "unknown"
    """The OS cannot tell, and there is no exam server to ask."""


def network_state(link: bool | None, server_online: bool | None) -> NetworkState:
    """`link`: the OS's answer (None: cannot tell); `server_online`: None when the exam has no server."""
    if link is False:
        return NetworkState.OFFLINE
    if server_online is False:
        return NetworkState.SERVER_LOST
    if link is None and server_online is None:
        return NetworkState.UNKNOWN
    return NetworkState.ONLINE
