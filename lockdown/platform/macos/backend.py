"""macOS: NSApplication presentation options and NSWindow sharing type through PyObjC.

Neither needs an extra permission (unlike a keyboard event tap, which needs Accessibility
access). Importable on any OS: PyObjC (installed only on macOS, by an environment marker) is
imported inside functions. The logic is tested with a fake `Cocoa`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import psutil

from lockdown.platform.base import (
    Desk,
    DisplayServer,
    KeyboardLock,
    OsName,
    StartSignal,
    Switch,
    VmCheck,
    VolumeControl,
)
from lockdown.platform.common import (
    InterfacesLink,
    first_running,
    own_process_name,
    posix_elevation,
    remote_from_env,
    running_process_names,
)
from lockdown.platform.macos.keyboard import InputSourceApi
from lockdown.platform.macos.volume import Osascript
from lockdown.platform.macos.windows import AppsApi
from lockdown.words import Phrase, phrase

# NSApplicationPresentationOptions (AppKit NSApplication.h).
HIDE_DOCK = 1 << 1
HIDE_MENU_BAR = 1 << 3
DISABLE_APPLE_MENU = 1 << 4
DISABLE_PROCESS_SWITCHING = 1 << 5
DISABLE_FORCE_QUIT = 1 << 6
DISABLE_SESSION_TERMINATION = 1 << 7
DISABLE_HIDE_APPLICATION = 1 << 8

KIOSK_OPTIONS = (HIDE_DOCK | HIDE_MENU_BAR | DISABLE_APPLE_MENU | DISABLE_PROCESS_SWITCHING
                 | DISABLE_FORCE_QUIT | DISABLE_SESSION_TERMINATION | DISABLE_HIDE_APPLICATION)
"""Dock and menu bar hidden; Cmd+Tab, Cmd+Opt+Esc, log out/restart/shut down and Cmd+H disabled."""

NS_WINDOW_SHARING_NONE = 0

_SCREEN_SHARING = {"screensharingd": phrase("reason.remote.macos_sharing"),
                   "ardagent": phrase("reason.remote.apple_remote_desktop")}


class Cocoa(Protocol):
    """The AppKit calls lockdown makes; faked in tests."""

    def presentation_options(self) -> int:
        """NSApp.presentationOptions."""

    def set_presentation_options(self, options: int) -> None:
        """NSApp.setPresentationOptions_; raises when AppKit rejects the combination."""

    def sharing_type(self, view_id: int) -> int:
        """sharingType of the NSWindow holding the NSView `view_id` (Qt's winId())."""

    def set_sharing_type(self, view_id: int, sharing: int) -> None:
        """setSharingType_ on that NSWindow."""


Sysctl = Callable[[str], bytes | None]


class PyObjCCocoa:
    """The real AppKit calls; must run on the main (Qt GUI) thread, on macOS only."""

    @staticmethod
    def _app() -> Any:
        from AppKit import NSApplication

        return NSApplication.sharedApplication()

    @staticmethod
    def _window(view_id: int) -> Any:
        import objc

        return objc.objc_object(c_void_p=ctypes.c_void_p(view_id)).window()

    def presentation_options(self) -> int:
        return int(self._app().presentationOptions())

    def set_presentation_options(self, options: int) -> None:
        self._app().setPresentationOptions_(options)

    def sharing_type(self, view_id: int) -> int:
        return int(self._window(view_id).sharingType())

    def set_sharing_type(self, view_id: int, sharing: int) -> None:
        self._window(view_id).setSharingType_(sharing)


def libc_sysctl(name: str) -> bytes | None:
    """sysctlbyname(3) value as raw bytes, or None when the name does not exist."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    size = ctypes.c_size_t(0)
    if libc.sysctlbyname(name.encode(), None, ctypes.byref(size), None, 0) != 0 or size.value == 0:
        return None
    buf = ctypes.create_string_buffer(size.value)
    if libc.sysctlbyname(name.encode(), buf, ctypes.byref(size), None, 0) != 0:
        return None
    return buf.raw[: size.value]


class PresentationOptionsBlocker:
    """Kiosk presentation options for the whole app, restored to what they were on stop().

    They apply while lockdown is the active app and vanish with the process. AppKit rejects them
    while the window is in a native full-screen space: the kiosk window must cover the screen
    without entering one.
    """

    def __init__(self, cocoa: Cocoa) -> None:
        self._cocoa = cocoa
        self._previous: int | None = None

    def start(self) -> None:
        self._previous = self._cocoa.presentation_options()
        self._cocoa.set_presentation_options(KIOSK_OPTIONS)

    def stop(self) -> None:
        if self._previous is not None:
            self._cocoa.set_presentation_options(self._previous)
            self._previous = None


class SharingTypeCaptureBlocker:
    """NSWindow.sharingType = none: the window is left out of screenshots and screen sharing."""

    def __init__(self, cocoa: Cocoa, view_id: int) -> None:
        self._cocoa = cocoa
        self._view = view_id
        self._previous: int | None = None

    def start(self) -> None:
        self._previous = self._cocoa.sharing_type(self._view)
        self._cocoa.set_sharing_type(self._view, NS_WINDOW_SHARING_NONE)

    def stop(self) -> None:
        if self._previous is not None:
            self._cocoa.set_sharing_type(self._view, self._previous)
            self._previous = None


class MacBackend:
    """The macOS backend; `cocoa`, `sysctl`, `env`, `euid` and `process_names` are seams for tests."""

    os_name: OsName = "macos"

    def __init__(self, cocoa: Cocoa | None = None, sysctl: Sysctl = libc_sysctl,
                 env: Mapping[str, str] | None = None, euid: int | None = None,
                 process_names: Callable[[], set[str]] = running_process_names,
                 pmset: Callable[[], str] | None = None, apps: AppsApi | None = None,
                 osascript: Osascript | None = None, input_sources: InputSourceApi | None = None) -> None:
        self._cocoa: Cocoa = cocoa or PyObjCCocoa()
        self._pmset = pmset
        self._osascript = osascript
        self._input_sources = input_sources
        self._apps = apps
        self._sysctl = sysctl
        self._env = os.environ if env is None else env
        self._euid = os.geteuid() if euid is None else euid
        self._process_names = process_names

    def display_server(self) -> DisplayServer:
        return "macos"

    def elevated(self) -> Phrase | None:
        return posix_elevation(self._euid, env=self._env)

    def virtual_machine(self) -> VmCheck:
        present = self._sysctl("kern.hv_vmm_present")
        raw_model = self._sysctl("hw.model")
        if present is None and raw_model is None:
            return VmCheck(problems=(phrase("reason.vm.sysctl_silent"),))
        if present and int.from_bytes(present[:4], "little") == 1:
            return VmCheck(phrase("reason.vm.macos_hypervisor"), ("sysctl",))
        model = (raw_model or b"").rstrip(b"\0").decode(errors="replace")
        return VmCheck(phrase("reason.vm.apple", model=model) if model.startswith("VirtualMac") else None,
                       ("sysctl",))

    def remote_session(self) -> Phrase | None:
        return remote_from_env(self._env) or first_running(_SCREEN_SHARING, self._process_names)

    def shortcut_blocker(self) -> Switch | None:
        return PresentationOptionsBlocker(self._cocoa)

    def keyboard_lock(self) -> KeyboardLock:
        return self.shortcut_blocker()

    def capture_blocker(self, window_id: int) -> Switch | None:
        return SharingTypeCaptureBlocker(self._cocoa, window_id)

    def process_counter(self) -> int | None:
        return None  # no cheap creation counter on macOS: the guard lists PIDs every interval

    def program_starts(self) -> StartSignal | None:
        return None  # nothing an ordinary user can wait on: the guard looks every interval

    def pids_after(self, pid: int) -> set[int] | None:
        return None  # no listing from a PID on macOS

    def own_process_name(self, pid: int) -> str | None:
        return own_process_name(pid, self.is_own_process)

    def is_own_process(self, proc: psutil.Process) -> bool:
        try:
            return proc.uids().real == os.getuid()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return False

    def volume_control(self) -> VolumeControl | None:
        """The output volume through AppleScript, when the output in use has one."""
        from lockdown.platform.macos import volume

        return volume.available(self._osascript or volume.osascript)

    def desk(self) -> Desk:
        """The battery (pmset), the front application (AppKit), the volume (AppleScript), the
        enabled input sources (HIToolbox); the network from the interfaces. Wi-Fi is not offered
        on macOS yet."""
        from lockdown.platform.macos.keyboard import HIToolboxInputSources, MacLayouts
        from lockdown.platform.macos.power import PmsetPower
        from lockdown.platform.macos.windows import AppKitWindows

        sound = self.volume_control()
        missing = [phrase("desk.missing.wifi", os="macOS")]
        if sound is None:
            missing.insert(0, phrase("desk.missing.osascript"))
        layouts = MacLayouts(self._input_sources or HIToolboxInputSources())
        return Desk(power=PmsetPower(self._pmset) if self._pmset is not None else PmsetPower(),
                    network=InterfacesLink(), windows=AppKitWindows(self._apps), volume=sound,
                    keyboard_layouts=layouts, missing=tuple(missing))
