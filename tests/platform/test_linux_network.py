"""Linux network state and Wi-Fi list over D-Bus, against a NetworkManager stand-in on a bus of
the test's own (a real dbus-daemon; the machine has no Wi-Fi and no NetworkManager).

The stand-in answers the calls of NetworkManager's documented D-Bus API (org.freedesktop.
NetworkManager: State, GetDevices, ActivateConnection; .Device: DeviceType; .Device.Wireless:
GetAllAccessPoints, ActiveAccessPoint; .AccessPoint: Ssid, Strength; .Settings:
ListConnections; .Settings.Connection: GetSettings) with the values written here.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from jeepney import MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from lockdown.platform.base import WifiNetwork
from lockdown.platform.common import InterfacesLink
from lockdown.platform.linux.network import NM, NetworkManager, NetworkManagerLink, NetworkManagerWifi

DEV = "/org/freedesktop/NetworkManager/Devices/3"
AP = "/org/freedesktop/NetworkManager/AccessPoint/"
CONN = "/org/freedesktop/NetworkManager/Settings/"


@dataclass
class StandIn:
    """What the stand-in NetworkManager knows and what it was asked to do."""

    state: int = 70
    points: dict[str, tuple[bytes, int]] = field(default_factory=lambda: {
        AP + "1": (b"Campus", 80), AP + "2": (b"Campus", 40), AP + "3": (b"Library", 55),
        AP + "4": (b"Cafe \xe9", 90), AP + "5": (b"Stranger", 99)})
    active: str = AP + "3"
    saved: dict[str, bytes] = field(default_factory=lambda: {
        CONN + "1": b"Campus", CONN + "2": b"Library", CONN + "3": b"Cafe \xe9", CONN + "4": b"Home"})
    activated: list[tuple[str, str, str]] = field(default_factory=list)

    def answer(self, path: str, interface: str, member: str,
               body: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
        if interface == "org.freedesktop.DBus.Properties" and member == "Get":
            iface, name = body
            return "v", (self.property(path, iface, name),)
        if (interface, member) == (NM, "GetDevices"):
            return "ao", (["/org/freedesktop/NetworkManager/Devices/1", DEV],)
        if (interface, member) == (NM + ".Device.Wireless", "GetAllAccessPoints"):
            return "ao", (list(self.points),)
        if (interface, member) == (NM + ".Settings", "ListConnections"):
            return "ao", (["/org/freedesktop/NetworkManager/Settings/9", *self.saved],)
        if (interface, member) == (NM + ".Settings.Connection", "GetSettings"):
            if path.endswith("/9"):  # an Ethernet connection: no Wi-Fi settings
                return "a{sa{sv}}", ({"connection": {"type": ("s", "802-3-ethernet")}},)
            return "a{sa{sv}}", ({"connection": {"type": ("s", "802-11-wireless")},
                                  "802-11-wireless": {"ssid": ("ay", self.saved[path])}},)
        if (interface, member) == (NM, "ActivateConnection"):
            self.activated.append(body)
            return "o", ("/org/freedesktop/NetworkManager/ActiveConnection/7",)
        raise LookupError(member)

    def property(self, path: str, iface: str, name: str) -> tuple[str, Any]:
        if (iface, name) == (NM, "State"):
            return ("u", self.state)
        if (iface, name) == (NM + ".Device", "DeviceType"):
            return ("u", 2 if path == DEV else 1)  # 1 Ethernet, 2 Wi-Fi
        if (iface, name) == (NM + ".Device.Wireless", "ActiveAccessPoint"):
            return ("o", self.active)
        if (iface, name) == (NM + ".AccessPoint", "Ssid"):
            return ("ay", self.points[path][0])
        if (iface, name) == (NM + ".AccessPoint", "Strength"):
            return ("y", self.points[path][1])
        raise LookupError(name)


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[str]:
    config = tmp_path / "bus.conf"
    config.write_text(f"""<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path={tmp_path}/bus</listen>
<auth>EXTERNAL</auth><policy context="default"><allow send_destination="*" eavesdrop="true"/>
<allow eavesdrop="true"/><allow own="*"/></policy></busconfig>""")
    daemon = subprocess.Popen(["dbus-daemon", "--nofork", f"--config-file={config}", "--print-address"],
                              stdout=subprocess.PIPE, text=True)
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(10)


@pytest.fixture
def network_manager(bus: str) -> Iterator[StandIn]:
    stand_in = StandIn()
    conn = open_dbus_connection(bus=bus)
    conn.send_and_get_reply(message_bus.RequestName(NM))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                msg = conn.receive(timeout=0.2)
            except TimeoutError:
                continue
            except Exception:  # the connection closed at the end of the test
                return
            if msg.header.message_type is not MessageType.method_call:
                continue
            h = msg.header.fields
            path, interface, member = (h[f] for f in (1, 2, 3))  # HeaderFields.path, .interface, .member
            try:
                signature, body = stand_in.answer(str(path), str(interface), str(member), msg.body)
                conn.send(new_method_return(msg, signature, body))
            except LookupError:
                conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))

    worker = threading.Thread(target=serve, daemon=True)
    worker.start()
    yield stand_in
    stop.set()
    worker.join(5)
    conn.close()


def manager(bus: str) -> NetworkManager:
    return NetworkManager(lambda: open_dbus_connection(bus=bus))


def test_connected_follows_networkmanagers_state(bus: str, network_manager: StandIn) -> None:
    link = NetworkManagerLink(manager(bus))
    assert link.connected() is True  # 70: connected to the Internet
    network_manager.state = 50  # a local network only: still a network
    assert link.connected() is True
    network_manager.state = 20  # disconnected
    assert link.connected() is False


def test_without_networkmanager_the_interfaces_answer(tmp_path: Path) -> None:
    nobody = NetworkManager(lambda: open_dbus_connection(bus=f"unix:path={tmp_path}/none"))
    assert NetworkManagerLink(nobody).connected() == InterfacesLink().connected()
    assert NetworkManagerWifi(nobody).networks() == []


def test_only_known_networks_in_range_are_listed_strongest_first(bus: str, network_manager: StandIn) -> None:
    networks = NetworkManagerWifi(manager(bus)).networks()
    assert networks == [WifiNetwork("Library", 55, active=True), WifiNetwork("Cafe \\xe9", 90, active=False),
                        WifiNetwork("Campus", 80, active=False)]
    # "Stranger" is in range but unknown; "Home" is known but not in range


def test_connecting_activates_the_saved_connection_on_the_wifi_device(bus: str,
                                                                      network_manager: StandIn) -> None:
    wifi = NetworkManagerWifi(manager(bus))
    wifi.connect("Campus")
    assert network_manager.activated == [(CONN + "1", DEV, "/")]
    with pytest.raises(OSError, match="not a known network in range"):
        wifi.connect("Home")
    with pytest.raises(OSError, match="not a known network in range"):
        wifi.connect("Stranger")
    assert len(network_manager.activated) == 1
