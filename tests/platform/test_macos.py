"""The macOS backend's logic, through a fake AppKit that enforces Apple's documented option rules."""

from __future__ import annotations

import pytest

from lockdown.platform import get_backend
from lockdown.platform.macos.backend import (
    DISABLE_FORCE_QUIT,
    DISABLE_PROCESS_SWITCHING,
    DISABLE_SESSION_TERMINATION,
    HIDE_DOCK,
    HIDE_MENU_BAR,
    KIOSK_OPTIONS,
    MacBackend,
)
from tests.support.words import english

# NSApplicationPresentationOptions values, written out here independently of the module under test.
AUTO_HIDE_DOCK, HIDE_DOCK_, AUTO_HIDE_MENU, HIDE_MENU_ = 1 << 0, 1 << 1, 1 << 2, 1 << 3
DISABLE_APPLE_MENU_, DISABLE_SWITCHING_, FULL_SCREEN = 1 << 4, 1 << 5, 1 << 10
NS_WINDOW_SHARING_READ_ONLY = 1


class FakeCocoa:
    """AppKit's presentation options and window sharing type, with its NSInvalidArgumentException rules."""

    def __init__(self, options: int = 0, full_screen_space: bool = False) -> None:
        self.options = options | (FULL_SCREEN if full_screen_space else 0)
        self.sharing: dict[int, int] = {}
        self.history: list[int] = []

    def presentation_options(self) -> int:
        return self.options

    def set_presentation_options(self, options: int) -> None:
        if options & (AUTO_HIDE_DOCK | HIDE_DOCK_) == (AUTO_HIDE_DOCK | HIDE_DOCK_):
            raise ValueError("AutoHideDock and HideDock are mutually exclusive")
        if options & HIDE_MENU_ and not options & HIDE_DOCK_:
            raise ValueError("HideMenuBar requires HideDock")
        if options & DISABLE_SWITCHING_ and not options & (HIDE_DOCK_ | AUTO_HIDE_DOCK):
            raise ValueError("DisableProcessSwitching requires HideDock or AutoHideDock")
        if options & DISABLE_APPLE_MENU_ and not options & (HIDE_MENU_ | AUTO_HIDE_MENU):
            raise ValueError("DisableAppleMenu requires HideMenuBar or AutoHideMenuBar")
        if self.options & FULL_SCREEN and options & HIDE_DOCK_:
            raise ValueError("not allowed while in a full-screen space")
        self.history.append(options)
        self.options = options

    def sharing_type(self, view_id: int) -> int:
        return self.sharing.get(view_id, NS_WINDOW_SHARING_READ_ONLY)

    def set_sharing_type(self, view_id: int, sharing: int) -> None:
        self.sharing[view_id] = sharing


def mac(cocoa: FakeCocoa | None = None, sysctl: dict[str, bytes] | None = None,
        env: dict[str, str] | None = None, euid: int = 501, running: set[str] | None = None) -> MacBackend:
    values = sysctl or {}
    return MacBackend(cocoa=cocoa or FakeCocoa(), sysctl=values.get, env=env or {}, euid=euid,
                      process_names=lambda: running or set())


def test_kiosk_options_hide_dock_and_menu_and_disable_switching_force_quit_and_logout() -> None:
    for flag in (HIDE_DOCK, HIDE_MENU_BAR, DISABLE_PROCESS_SWITCHING, DISABLE_FORCE_QUIT,
                 DISABLE_SESSION_TERMINATION):
        assert KIOSK_OPTIONS & flag


def test_presentation_options_are_accepted_by_appkit_rules_and_restored() -> None:
    cocoa = FakeCocoa(options=AUTO_HIDE_DOCK)
    blocker = mac(cocoa).shortcut_blocker()
    assert blocker is not None
    blocker.start()
    assert cocoa.options == KIOSK_OPTIONS
    blocker.stop()
    assert cocoa.options == AUTO_HIDE_DOCK
    blocker.stop()
    assert cocoa.history == [KIOSK_OPTIONS, AUTO_HIDE_DOCK]


def test_presentation_options_fail_loudly_inside_a_full_screen_space() -> None:
    blocker = mac(FakeCocoa(full_screen_space=True)).shortcut_blocker()
    assert blocker is not None
    with pytest.raises(ValueError, match="full-screen space"):
        blocker.start()


def test_sharing_type_none_keeps_the_window_out_of_captures_and_is_restored() -> None:
    cocoa = FakeCocoa()
    blocker = mac(cocoa).capture_blocker(0xABC)
    assert blocker is not None
    blocker.start()
    assert cocoa.sharing[0xABC] == 0
    blocker.stop()
    assert cocoa.sharing[0xABC] == NS_WINDOW_SHARING_READ_ONLY


@pytest.mark.parametrize(("values", "expected"), [
    ({"kern.hv_vmm_present": (1).to_bytes(4, "little")}, "macOS reports a hypervisor (kern.hv_vmm_present)"),
    ({"kern.hv_vmm_present": (0).to_bytes(4, "little"), "hw.model": b"VirtualMac2,1\0"},
     "Apple virtual machine (VirtualMac2,1)"),
    ({"kern.hv_vmm_present": (0).to_bytes(4, "little"), "hw.model": b"MacBookAir10,1\0"}, None),
])
def test_virtual_machine_from_sysctl(values: dict[str, bytes], expected: str | None) -> None:
    check = mac(sysctl=values).virtual_machine()
    assert english(check.found) == expected and check.state == ("none" if expected is None else "found")


def test_no_sysctl_answer_is_could_not_check_not_a_physical_mac() -> None:
    check = mac(sysctl={}).virtual_machine()
    assert check.state == "unknown" and "kern.hv_vmm_present" in str(english(check.problems[0]))


def test_remote_session_from_ssh_or_screen_sharing() -> None:
    assert english(mac(env={"SSH_CLIENT": "1.2.3.4 5 22"}).remote_session()) == "SSH connection"
    assert english(mac(running={"screensharingd", "finder"}).remote_session()) == "macOS Screen Sharing"
    assert english(mac(running={"finder"}).remote_session()) is None


def test_root_is_elevated_an_ordinary_user_is_not() -> None:
    assert english(mac(euid=0).elevated()) == "running as root (user id 0)"
    assert english(mac(euid=501).elevated()) is None


def test_factory_builds_the_macos_backend_on_linux_without_pyobjc() -> None:
    b = get_backend("macos")
    assert isinstance(b, MacBackend)
    assert b.display_server() == "macos"
