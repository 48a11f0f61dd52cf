"""The taskbar's sources, per OS: battery, network, keyboard layouts, windows, volume.

Linux is read for real (a power-supply folder laid out as the kernel documents it, the
interfaces psutil lists, a real X server for XKB and the window manager); Windows and macOS
through the fakes of their small seams, with the values their documentation gives.
"""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace

import pytest

from lockdown.platform.base import BatteryState, VolumeState
from lockdown.platform.common import InterfacesLink
from lockdown.platform.fake import FakeBackend
from lockdown.platform.linux import LinuxBackend
from lockdown.platform.linux.keyboard import CtypesXkb, XkbLayouts, layouts_from_rules_names
from lockdown.platform.linux.power import SysfsPower
from lockdown.platform.linux.windows import EwmhWindows
from lockdown.platform.macos.backend import MacBackend
from lockdown.platform.macos.keyboard import MacLayouts
from lockdown.platform.macos.power import battery_from_pmset
from lockdown.platform.windows.backend import WindowsBackend
from lockdown.platform.windows.keyboard import WindowsLayouts
from lockdown.platform.windows.power import WindowsPower


def supply(root: Path, name: str, **files: str) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    for file, value in files.items():
        (folder / file).write_text(value + "\n")


# Linux battery (Documentation/ABI/testing/sysfs-class-power) -------------------------------------


def test_no_battery_on_a_desktop(tmp_path: Path) -> None:
    supply(tmp_path, "AC", type="Mains", online="1")
    assert SysfsPower(tmp_path).battery() is None
    assert SysfsPower(tmp_path / "missing").battery() is None


def test_a_laptop_battery_discharging_and_charging(tmp_path: Path) -> None:
    supply(tmp_path, "BAT0", type="Battery", capacity="37", status="Discharging", present="1")
    supply(tmp_path, "AC", type="Mains", online="0")
    assert SysfsPower(tmp_path).battery() == BatteryState(37, charging=False)
    (tmp_path / "AC" / "online").write_text("1\n")
    assert SysfsPower(tmp_path).battery() == BatteryState(37, charging=True)


def test_a_mouse_battery_is_not_the_computers(tmp_path: Path) -> None:
    supply(tmp_path, "hidpp_battery_0", type="Battery", scope="Device", capacity="5", status="Discharging")
    assert SysfsPower(tmp_path).battery() is None


def test_two_batteries_count_together_by_their_energy(tmp_path: Path) -> None:
    # 40 Wh at 50 % and 20 Wh at 80 %: (20 + 16) / 60 = 60 %
    supply(tmp_path, "BAT0", type="Battery", capacity="50", energy_now="20000000", energy_full="40000000",
           status="Discharging")
    supply(tmp_path, "BAT1", type="Battery", capacity="80", energy_now="16000000", energy_full="20000000",
           status="Discharging")
    assert SysfsPower(tmp_path).battery() == BatteryState(60, charging=False)


def test_a_full_battery_on_the_charger_counts_as_charging(tmp_path: Path) -> None:
    supply(tmp_path, "BAT0", type="Battery", capacity="100", status="Full")
    assert SysfsPower(tmp_path).battery() == BatteryState(100, charging=True)


def test_capacity_from_charge_when_the_kernel_gives_no_percent(tmp_path: Path) -> None:
    supply(tmp_path, "BAT0", type="Battery", charge_now="1500000", charge_full="6000000",
           status="Discharging")
    assert SysfsPower(tmp_path).battery() == BatteryState(25, charging=False)


def test_this_machine_answers_without_error() -> None:
    state = SysfsPower().battery()
    assert state is None or 0 <= state.percent <= 100


# Windows: GetSystemPowerStatus's fields (SYSTEM_POWER_STATUS on learn.microsoft.com) --------------


class PowerStatus:
    def __init__(self, status: tuple[int, int, int] | None) -> None:
        self.status = status

    def power_status(self) -> tuple[int, int, int] | None:
        return self.status


@pytest.mark.parametrize(("status", "expected"), [
    ((1, 8, 64), BatteryState(64, True)),        # AC online, charging
    ((0, 1, 70), BatteryState(70, False)),       # on battery, high
    ((0, 4, 3), BatteryState(3, False)),         # critical
    ((1, 128, 255), None),                       # no system battery (a desktop)
    ((255, 255, 255), None),                     # unknown status
    (None, None),                                # the call failed
])
def test_windows_battery(status: tuple[int, int, int] | None, expected: BatteryState | None) -> None:
    assert WindowsPower(PowerStatus(status)).battery() == expected


def test_windows_desk_has_the_battery_and_says_what_is_missing() -> None:
    desk = WindowsBackend(power_api=PowerStatus((0, 1, 55)), layout_api=InputLocales([EN_US]),
                          endpoint_api=Endpoint(None)).desk()
    assert desk.power.battery() == BatteryState(55, False)
    assert desk.keyboard_layouts is not None and desk.volume is None and desk.wifi is None
    assert [m.key for m in desk.missing] == ["desk.missing.coreaudio", "desk.missing.wifi"]


class Endpoint:
    """The default output's endpoint volume as Core Audio keeps it (a scalar 0.0-1.0 and a mute
    flag); None: there is no output device."""

    def __init__(self, state: tuple[float, bool] | None) -> None:
        self.state = state
        self.calls: list[tuple[str, float | bool]] = []

    def get(self) -> tuple[float, bool]:
        if self.state is None:
            raise OSError("no default audio endpoint (E_NOTFOUND)")
        return self.state

    def set_scalar(self, level: float) -> None:
        assert self.state is not None
        self.calls.append(("scalar", level))
        self.state = (level, self.state[1])

    def set_mute(self, muted: bool) -> None:
        assert self.state is not None
        self.calls.append(("mute", muted))
        self.state = (self.state[0], muted)


def test_windows_volume_is_the_default_outputs_endpoint_volume() -> None:
    endpoint = Endpoint((0.43, False))  # Windows' own slider shows 43
    sound = WindowsBackend(power_api=PowerStatus(None), layout_api=InputLocales([EN_US]),
                           endpoint_api=endpoint).desk().volume
    assert sound is not None and sound.state() == VolumeState(43, False)
    sound.set_level(120)
    sound.set_level(25)
    sound.set_muted(True)
    assert endpoint.calls == [("scalar", 1.0), ("scalar", 0.25), ("mute", True)]
    assert sound.state() == VolumeState(25, True)


# Windows: the user's input locales (HKL: language id in the low word, layout in the high word) -----

EN_US, FR_FR, EN_US_DVORAK = 0x04090409, 0x040C040C, 0xF0020409
LOCALE_NAMES = {0x0409: "en-US", 0x040C: "fr-FR"}  # Microsoft's LCID table


class InputLocales:
    """The user's input locales as GetKeyboardLayoutList gives them; `activate` switches one."""

    def __init__(self, hkls: list[int], refuse: bool = False) -> None:
        self.hkls, self.now, self.refuse = hkls, hkls[0], refuse
        self.activated: list[int] = []

    def installed(self) -> list[int]:
        return list(self.hkls)

    def active(self) -> int:
        return self.now

    def activate(self, hkl: int) -> bool:
        self.activated.append(hkl)
        if self.refuse:
            return False
        self.now = hkl
        return True

    def locale_name(self, langid: int) -> str | None:
        return LOCALE_NAMES.get(langid)


def test_windows_layouts_are_the_users_input_locales_and_switch_among_them() -> None:
    api = InputLocales([EN_US, FR_FR])
    backend = WindowsBackend(power_api=PowerStatus(None), layout_api=api, endpoint_api=Endpoint(None))
    layouts = backend.desk().keyboard_layouts
    assert layouts is not None
    assert layouts.layouts() == ("en-US", "fr-FR") and layouts.current() == 0
    layouts.select(1)
    assert api.activated == [FR_FR] and layouts.current() == 1
    with pytest.raises(OSError, match="number 3"):
        layouts.select(2)


def test_windows_two_layouts_of_one_language_are_told_apart() -> None:
    layouts = WindowsLayouts(InputLocales([EN_US, EN_US_DVORAK, 0x04150415]))
    assert layouts.layouts() == ("en-US (0409)", "en-US (f002)", "0415")  # no name known: the id


def test_windows_refusing_the_switch_is_an_error() -> None:
    api = InputLocales([EN_US, FR_FR], refuse=True)
    with pytest.raises(OSError, match="refused"):
        WindowsLayouts(api).select(1)
    assert WindowsLayouts(api).current() == 0


# macOS: pmset -g batt ------------------------------------------------------------------------------

ON_BATTERY = ("Now drawing from 'Battery Power'\n"
              " -InternalBattery-0 (id=4653155)\t62%; discharging; 3:10 remaining present: true\n")
CHARGING = ("Now drawing from 'AC Power'\n"
            " -InternalBattery-0 (id=4653155)\t87%; charging; 0:41 remaining present: true\n")
DESKTOP_MAC = "Now drawing from 'AC Power'\n"


def test_macos_battery_from_pmset() -> None:
    assert battery_from_pmset(ON_BATTERY) == BatteryState(62, False)
    assert battery_from_pmset(CHARGING) == BatteryState(87, True)
    assert battery_from_pmset(DESKTOP_MAC) is None
    assert battery_from_pmset("") is None
    on_battery = MacBackend(pmset=lambda: ON_BATTERY, osascript=no_volume)
    assert on_battery.desk().power.battery() == BatteryState(62, False)


# The macOS volume through AppleScript -----------------------------------------------------------------

def no_volume(_lines: Sequence[str]) -> str:
    raise OSError("osascript: not a Mac")


class FakeOsascript:
    """AppleScript's volume settings as macOS keeps them; answers `get volume settings` in its format
    (output volume:N, input volume:N, alert volume:N, output muted:BOOL) and applies `set volume`."""

    def __init__(self, level: int | str = 44, muted: bool = False) -> None:
        self.level, self.muted = level, muted
        self.lines: list[str] = []

    def __call__(self, lines: Sequence[str]) -> str:
        self.lines += lines
        (line,) = lines
        if line == "get volume settings":
            muted = "missing value" if self.level == "missing value" else str(self.muted).lower()
            return f"output volume:{self.level}, input volume:75, alert volume:100, output muted:{muted}\n"
        words = line.split()
        assert words[:3] == ["set", "volume", "output"], line
        if words[3] == "volume":
            self.level = int(words[4])
        else:
            assert words[3] == "muted" and words[4] in ("true", "false"), line
            self.muted = words[4] == "true"
        return ""


def test_macos_volume_read_and_set_with_applescript() -> None:
    script = FakeOsascript(level=44, muted=False)
    sound = MacBackend(pmset=lambda: "", osascript=script).desk().volume
    assert sound is not None and sound.state() == VolumeState(44, False)
    sound.set_level(130)
    sound.set_muted(True)
    assert script.lines[-2:] == ["set volume output volume 100", "set volume output muted true"]
    assert sound.state() == VolumeState(100, True)


class InputSources:
    """The user's enabled keyboard input sources as Text Input Sources lists them."""

    def __init__(self, sources: list[tuple[str, str, bool]], refuse: bool = False,
                 broken: bool = False) -> None:
        self.sources, self.refuse, self.broken = sources, refuse, broken
        self.now: str | None = sources[0][0]
        self.selected: list[str] = []

    def enabled(self) -> list[tuple[str, str, bool]]:
        if self.broken:
            raise OSError("the input sources cannot be read")
        return list(self.sources)

    def current(self) -> str | None:
        return self.now

    def select(self, identifier: str) -> bool:
        self.selected.append(identifier)
        if not self.refuse:
            self.now = identifier
        return not self.refuse


MAC_SOURCES = [("com.apple.keylayout.US", "U.S.", True),
               ("com.apple.PressAndHold", "Press and Hold", False),  # enabled, not selectable
               ("com.apple.keylayout.French", "French", True)]


def test_macos_layouts_are_the_enabled_input_sources_and_switch_among_them() -> None:
    api = InputSources(MAC_SOURCES)
    layouts = MacBackend(pmset=lambda: "", osascript=no_volume, input_sources=api).desk().keyboard_layouts
    assert layouts is not None
    assert layouts.layouts() == ("U.S.", "French") and layouts.current() == 0
    layouts.select(1)
    assert api.selected == ["com.apple.keylayout.French"] and layouts.current() == 1
    with pytest.raises(OSError, match="number 3"):
        layouts.select(2)


def test_macos_refused_or_unreadable_input_sources() -> None:
    with pytest.raises(OSError, match="refused"):
        MacLayouts(InputSources(MAC_SOURCES, refuse=True)).select(1)
    broken = MacLayouts(InputSources(MAC_SOURCES, broken=True))
    assert broken.layouts() == () and broken.current() == 0


def test_macos_output_without_a_volume_offers_no_control() -> None:
    backend = MacBackend(pmset=lambda: "", osascript=FakeOsascript(level="missing value"))
    desk = backend.desk()
    assert desk.volume is None and backend.volume_control() is None
    assert "desk.missing.osascript" in [p.key for p in desk.missing]
    assert MacBackend(pmset=lambda: "", osascript=no_volume).volume_control() is None


# The network link from the interfaces ---------------------------------------------------------------


def address(family: int, text: str) -> SimpleNamespace:
    return SimpleNamespace(family=family, address=text)


def test_interfaces_link_needs_an_interface_up_with_a_usable_address() -> None:
    def link(stats: dict[str, bool], addrs: dict[str, list[SimpleNamespace]]) -> bool | None:
        return InterfacesLink(lambda: {n: SimpleNamespace(isup=up) for n, up in stats.items()},
                              lambda: addrs).connected()

    loopback = {"lo": [address(socket.AF_INET, "127.0.0.1"), address(socket.AF_INET6, "::1")]}
    assert link({"lo": True}, loopback) is False
    link_local = {**loopback, "wlan0": [address(socket.AF_INET6, "fe80::1%wlan0")]}
    lan = {**loopback, "wlan0": [address(socket.AF_INET, "192.168.1.7")]}
    assert link({"lo": True, "wlan0": True}, link_local) is False  # link-local only: no network yet
    assert link({"lo": True, "wlan0": False}, lan) is False  # the interface is down
    assert link({"lo": True, "wlan0": True}, lan) is True
    assert link({"eth0": True}, {"eth0": [address(socket.AF_INET6, "2001:db8::5")]}) is True


def test_interfaces_link_on_this_machine() -> None:
    assert InterfacesLink().connected() in (True, False)


def test_fake_backend_gives_the_desk_it_was_given() -> None:
    backend = FakeBackend()
    assert backend.desk().power.battery() is None and backend.desk().network.connected() is True


# X11: keyboard layouts and windows, on a real X server ---------------------------------------------


def test_layout_names_from_the_rules_property() -> None:
    assert layouts_from_rules_names("evdev\0pc105\0us,fr\0,\0grp:alt_shift_toggle\0") == ("us", "fr")
    assert layouts_from_rules_names("evdev\0pc105\0fr,de\0bepo,neo\0\0") == ("fr(bepo)", "de(neo)")
    assert layouts_from_rules_names("evdev\0pc105\0us\0") == ("us",)
    assert layouts_from_rules_names("") == ()
    assert layouts_from_rules_names("evdev\0pc105\0a,b,c,d,e\0") == ("a", "b", "c", "d")  # four XKB groups


@pytest.fixture
def layouts_on_x(x_display: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DISPLAY", x_display)
    subprocess.run(["setxkbmap", "-display", x_display, "-layout", "us,fr"], check=True, timeout=30)
    try:
        yield
    finally:
        subprocess.run(["setxkbmap", "-display", x_display, "-layout", "us"], check=False, timeout=30)


@pytest.mark.x11
def test_xkb_layouts_switch_the_x_servers_group(layouts_on_x: None, x_display: str) -> None:
    api = CtypesXkb.open()
    assert api is not None
    layouts = XkbLayouts(api)
    assert layouts.layouts() == ("us", "fr")
    keymap = subprocess.run(["xkbcomp", "-xkb", x_display, "-"], capture_output=True, text=True, timeout=30)
    assert 'name[group2]="French"' in keymap.stdout  # the second group the session set up
    layouts.select(1)
    assert CtypesXkb.open().group() == 1  # type: ignore[union-attr]  # another client sees it
    assert layouts.current() == 1
    layouts.select(0)
    assert layouts.current() == 0
    with pytest.raises(OSError, match="no keyboard layout number 3"):
        layouts.select(2)


@pytest.mark.x11
def test_the_linux_desk_under_x11(layouts_on_x: None, x_display: str) -> None:
    desk = LinuxBackend(env={"DISPLAY": x_display}).desk()
    assert desk.keyboard_layouts is not None and desk.keyboard_layouts.layouts() == ("us", "fr")
    assert desk.windows is not None
    assert desk.network.connected() in (True, False)


@pytest.mark.x11
def test_ewmh_brings_a_programs_window_to_the_front(x_display: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.guard.xtools import active_window, wait_for, x

    monkeypatch.setenv("DISPLAY", x_display)
    windows = EwmhWindows.open()
    assert windows is not None
    started: list[subprocess.Popen[bytes]] = []

    def xterm(title: str) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(["xterm", "-title", title], env={"DISPLAY": x_display},
                                stderr=subprocess.DEVNULL)
        started.append(proc)
        # managed once the window manager lists it (the taskbar tries every second likewise)
        assert wait_for(lambda: windows.bring_to_front(frozenset({proc.pid})), 30), title
        return proc

    try:
        first = xterm("desk-first")
        second = xterm("desk-second")
        assert wait_for(lambda: windows.front_process() == second.pid, 15)
        assert windows.bring_to_front(frozenset({first.pid}))
        assert wait_for(lambda: windows.front_process() == first.pid, 15)
        shown = x(x_display, "xdotool", "search", "--name", "desk-first").split()
        assert active_window(x_display) == int(shown[0])  # what xdotool says too
        assert not windows.bring_to_front(frozenset({1}))  # no window of that process
    finally:
        for proc in started:
            proc.kill()
            proc.wait()


# Windows and macOS: the front program, through their seams ------------------------------------------


class User32:
    """user32's answers as the test sets them; `raised` records SetForegroundWindow's windows."""

    def __init__(self, windows: list[tuple[int, int, bool]], foreground: int | None) -> None:
        self.windows = windows
        self.foreground = foreground
        self.raised: list[int] = []

    def foreground_pid(self) -> int | None:
        return self.foreground

    def top_level_windows(self) -> list[tuple[int, int, bool]]:
        return self.windows

    def raise_window(self, hwnd: int) -> bool:
        self.raised.append(hwnd)
        return True


def test_windows_brings_a_visible_window_of_the_program_to_the_front() -> None:
    from lockdown.platform.windows.windows import Win32Windows

    api = User32([(0x10, 400, False), (0x20, 500, True), (0x30, 400, True)], foreground=500)
    windows = Win32Windows(api)
    assert windows.front_process() == 500
    assert windows.bring_to_front(frozenset({400}))
    assert api.raised == [0x30]  # the visible one; the hidden 0x10 is a message-only window
    assert not windows.bring_to_front(frozenset({999}))
    assert WindowsBackend(power_api=PowerStatus(None), user_api=api, layout_api=InputLocales([EN_US]),
                          endpoint_api=Endpoint(None)).desk().windows is not None


class Apps:
    def __init__(self, front: int | None, running: set[int]) -> None:
        self.front = front
        self.running = running
        self.activated: list[int] = []

    def frontmost_pid(self) -> int | None:
        return self.front

    def activate(self, pid: int) -> bool:
        self.activated.append(pid)
        return pid in self.running


def test_macos_activates_the_permitted_application() -> None:
    from lockdown.platform.macos.windows import AppKitWindows

    apps = Apps(front=321, running={654})
    windows = AppKitWindows(apps)
    assert windows.front_process() == 321
    assert windows.bring_to_front(frozenset({654}))
    assert not windows.bring_to_front(frozenset({777}))
    assert MacBackend(pmset=lambda: "", apps=apps).desk().windows is not None
