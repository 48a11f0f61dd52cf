"""Linux: the network state, and the Wi-Fi networks to reconnect, from NetworkManager over D-Bus.

NetworkManager answers ordinary users on the system bus: its overall `State`, the access points
a Wi-Fi device sees, the connections saved on this computer, and `ActivateConnection` for one
of them (allowed to the user of an active local session by NetworkManager's default policy).
Only networks the computer already knows are offered: a new network needs a password dialog
and a new saved connection, which is a change to the machine an exam should not make.

Without NetworkManager (no system bus, another network manager) the state comes from the
interfaces (`InterfacesLink`) and there is no Wi-Fi list. jeepney (pure-Python D-Bus, already
a dependency of the keyring on Linux) is imported only when asked. Every call has a short
timeout: the taskbar asks from Qt's thread, and a bus that stops answering is given up on for a
minute rather than freezing the exam.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from lockdown.platform.base import WifiNetwork
from lockdown.platform.common import InterfacesLink

log = logging.getLogger(__name__)

NM = "org.freedesktop.NetworkManager"
NM_PATH = "/org/freedesktop/NetworkManager"
SETTINGS_PATH = "/org/freedesktop/NetworkManager/Settings"
NM_CONNECTED_LOCAL = 50
"""`NMState`: 50 connected to a local network, 60 to a site, 70 to the Internet; below: not."""
DEVICE_TYPE_WIFI = 2
CALL_TIMEOUT_S = 0.5
RETRY_AFTER_S = 60.0

Bus = Callable[[], Any]
"""Opens a jeepney blocking connection (the system bus; a test's own bus)."""


def system_bus() -> Any:
    from jeepney.io.blocking import open_dbus_connection

    return open_dbus_connection(bus="SYSTEM")


def ssid_text(raw: bytes) -> str:
    """An SSID as shown to the student: UTF-8 where it is, its bytes escaped otherwise."""
    return raw.decode("utf-8", errors="backslashreplace")


class NetworkManager:
    """One connection to NetworkManager, opened on first use and given up on for a while on failure."""

    def __init__(self, bus: Bus = system_bus, clock: Callable[[], float] = time.monotonic) -> None:
        self._bus = bus
        self._clock = clock
        self._conn: Any = None
        self._failed_at: float | None = None

    def _connection(self) -> Any:
        if self._conn is None:
            if self._failed_at is not None and self._clock() - self._failed_at < RETRY_AFTER_S:
                raise OSError("NetworkManager did not answer a moment ago")
            try:
                self._conn = self._bus()
            except Exception as exc:  # no bus, no permission, no jeepney: all mean "not here"
                self._failed_at = self._clock()
                raise OSError(f"the system bus cannot be reached ({exc})") from exc
        return self._conn

    def call(self, path: str, interface: str, method: str, signature: str = "",
             args: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        """The reply's body; OSError when NetworkManager is absent, refuses or does not answer."""
        from jeepney import DBusAddress, new_method_call
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        conn = self._connection()
        address = DBusAddress(path, bus_name=NM, interface=interface)
        message = new_method_call(address, method, signature, args)
        try:
            body: tuple[Any, ...] = unwrap_msg(conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_S))
        except DBusErrorResponse as exc:
            raise OSError(f"NetworkManager refused {method}: {exc.name}") from exc
        except Exception as exc:  # a timeout or a closed connection
            self._drop()
            raise OSError(f"NetworkManager did not answer {method} ({type(exc).__name__})") from exc
        return body

    def get(self, path: str, interface: str, name: str) -> Any:
        """One property's value."""
        (variant,) = self.call(path, "org.freedesktop.DBus.Properties", "Get", "ss", (interface, name))
        return variant[1]

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        self._failed_at = self._clock()
        if conn is not None:
            try:
                conn.close()
            except Exception:  # already broken; nothing else to do with it
                log.debug("closing the NetworkManager connection failed", exc_info=True)


class NetworkManagerLink:
    """Implements `NetworkLink`: NetworkManager's state, the interfaces when it is not there."""

    def __init__(self, nm: NetworkManager, fallback: InterfacesLink | None = None) -> None:
        self._nm = nm
        self._fallback = fallback or InterfacesLink()

    def connected(self) -> bool | None:
        try:
            state = int(self._nm.get(NM_PATH, NM, "State"))
        except OSError:
            return self._fallback.connected()
        return state >= NM_CONNECTED_LOCAL


class NetworkManagerWifi:
    """Implements `WifiControl`: the saved Wi-Fi connections whose network is in range."""

    def __init__(self, nm: NetworkManager) -> None:
        self._nm = nm

    def _wifi_devices(self) -> list[str]:
        (devices,) = self._nm.call(NM_PATH, NM, "GetDevices")
        return [d for d in devices
                if int(self._nm.get(d, NM + ".Device", "DeviceType")) == DEVICE_TYPE_WIFI]

    def _saved(self) -> dict[bytes, str]:
        """SSID -> the saved connection's path."""
        (paths,) = self._nm.call(SETTINGS_PATH, NM + ".Settings", "ListConnections")
        saved: dict[bytes, str] = {}
        for path in paths:
            try:
                (settings,) = self._nm.call(path, NM + ".Settings.Connection", "GetSettings")
            except OSError:
                continue  # a connection this user may not read
            wireless = settings.get("802-11-wireless", {})
            if "ssid" in wireless:
                saved.setdefault(bytes(wireless["ssid"][1]), path)
        return saved

    def _in_range(self) -> dict[bytes, tuple[int, bool, str]]:
        """SSID -> (strength, active, device) of the strongest access point of each network."""
        seen: dict[bytes, tuple[int, bool, str]] = {}
        for device in self._wifi_devices():
            active = self._nm.get(device, NM + ".Device.Wireless", "ActiveAccessPoint")
            (points,) = self._nm.call(device, NM + ".Device.Wireless", "GetAllAccessPoints")
            for point in points:
                ssid = bytes(self._nm.get(point, NM + ".AccessPoint", "Ssid"))
                strength = int(self._nm.get(point, NM + ".AccessPoint", "Strength"))
                is_active = point == active
                best = seen.get(ssid)
                if best is None or is_active or (strength > best[0] and not best[1]):
                    seen[ssid] = (strength, is_active or (best is not None and best[1]), device)
        return seen

    def networks(self) -> list[WifiNetwork]:
        try:
            saved = self._saved()
            in_range = self._in_range()
        except OSError as exc:
            log.info("no Wi-Fi list: %s", exc)
            return []
        known = [WifiNetwork(ssid_text(ssid), strength, active)
                 for ssid, (strength, active, _device) in in_range.items() if ssid in saved]
        return sorted(known, key=lambda n: (not n.active, -n.strength, n.name.casefold()))

    def connect(self, name: str) -> None:
        saved = self._saved()
        in_range = self._in_range()
        for ssid, path in saved.items():
            if ssid_text(ssid) == name and ssid in in_range:
                self._nm.call(NM_PATH, NM, "ActivateConnection", "ooo", (path, in_range[ssid][2], "/"))
                return
        raise OSError(f"the Wi-Fi network {name!r} is not a known network in range")
