"""X11 keyboard layouts: the XKB groups the user already has, and switching among them.

The kiosk grabs the keyboard, so the desktop's own layout switcher gets no key; the taskbar asks
here instead. The layouts are those the session set up (`setxkbmap -layout us,fr`, the desktop's
settings), read from the root window's `_XKB_RULES_NAMES`; switching locks another XKB group,
which every client, the exam page included, sees at once. Nothing is added or removed, and the
group in use is a state of the session, not a setting saved anywhere.

libX11 is called through ctypes, behind the small `XkbApi` seam; the connection is the kiosk's
own and dies with it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Protocol

XKB_USE_CORE_KBD = 0x0100
_ANY_PROPERTY_TYPE = 0
_MAX_GROUPS = 4
"""XKB has four groups at most; further layouts in the property are never in use."""


def layouts_from_rules_names(value: str) -> tuple[str, ...]:
    """The layouts of an `_XKB_RULES_NAMES` value ("rules\\0model\\0us,fr\\0,bepo\\0options"),
    with their variant in parentheses as setxkbmap writes them: ("us", "fr(bepo)")."""
    fields = value.split("\0")
    if len(fields) < 3 or not fields[2]:
        return ()
    names = fields[2].split(",")
    variants = fields[3].split(",") if len(fields) > 3 else []
    shown = []
    for i, name in enumerate(names[:_MAX_GROUPS]):
        variant = variants[i] if i < len(variants) else ""
        shown.append(f"{name}({variant})" if variant else name)
    return tuple(shown)


class XkbApi(Protocol):
    """The three libX11 calls the layouts need."""

    def rules_names(self) -> str | None:
        """The root window's `_XKB_RULES_NAMES`, None when it is not set."""

    def group(self) -> int:
        """The XKB group in use."""

    def lock_group(self, group: int) -> bool:
        """Lock `group`; False when the server refused."""


class _XkbState(ctypes.Structure):
    _fields_ = [("group", ctypes.c_ubyte), ("locked_group", ctypes.c_ubyte),
                ("base_group", ctypes.c_ushort), ("latched_group", ctypes.c_short),
                ("mods", ctypes.c_ubyte), ("base_mods", ctypes.c_ubyte), ("latched_mods", ctypes.c_ubyte),
                ("locked_mods", ctypes.c_ubyte), ("compat_state", ctypes.c_ubyte),
                ("grab_mods", ctypes.c_ubyte), ("compat_grab_mods", ctypes.c_ubyte),
                ("lookup_mods", ctypes.c_ubyte), ("compat_lookup_mods", ctypes.c_ubyte),
                ("ptr_buttons", ctypes.c_ushort)]


class CtypesXkb:
    """libX11 through ctypes, on a display connection of its own (`DISPLAY`)."""

    def __init__(self, x11: ctypes.CDLL, display: int) -> None:
        self._x = x11
        self._display = ctypes.c_void_p(display)

    @classmethod
    def open(cls) -> CtypesXkb | None:
        """A connection to the X server of `DISPLAY`; None without libX11 or a server."""
        name = ctypes.util.find_library("X11")
        if name is None:
            return None
        try:
            x11 = ctypes.CDLL(name)
        except OSError:
            return None
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XInternAtom.restype = ctypes.c_ulong
        x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x11.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long, ctypes.c_int,
            ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))]
        x11.XFree.argtypes = [ctypes.c_void_p]
        x11.XkbGetState.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(_XkbState)]
        x11.XkbLockGroup.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_uint]
        x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        display = x11.XOpenDisplay(None)
        return cls(x11, display) if display else None

    def rules_names(self) -> str | None:
        atom = self._x.XInternAtom(self._display, b"_XKB_RULES_NAMES", 1)
        if not atom:
            return None
        kind, fmt = ctypes.c_ulong(), ctypes.c_int()
        count, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.POINTER(ctypes.c_ubyte)()
        root = self._x.XDefaultRootWindow(self._display)
        status = self._x.XGetWindowProperty(self._display, root, atom, 0, 1024, 0, _ANY_PROPERTY_TYPE,
                                            ctypes.byref(kind), ctypes.byref(fmt), ctypes.byref(count),
                                            ctypes.byref(after), ctypes.byref(data))
        if status != 0 or not data:
            return None
        try:
            return bytes(data[:count.value]).decode("latin-1") if fmt.value == 8 else None
        finally:
            self._x.XFree(data)

    def group(self) -> int:
        state = _XkbState()
        self._x.XkbGetState(self._display, XKB_USE_CORE_KBD, ctypes.byref(state))
        return int(state.group)

    def lock_group(self, group: int) -> bool:
        done = bool(self._x.XkbLockGroup(self._display, XKB_USE_CORE_KBD, group))
        self._x.XSync(self._display, 0)
        return done


class XkbLayouts:
    """The session's XKB layouts (implements `KeyboardLayouts`)."""

    def __init__(self, api: XkbApi) -> None:
        self._api = api

    def layouts(self) -> tuple[str, ...]:
        return layouts_from_rules_names(self._api.rules_names() or "")

    def current(self) -> int:
        count = len(self.layouts())
        group = self._api.group()
        return group if 0 <= group < max(count, 1) else 0

    def select(self, index: int) -> None:
        if not 0 <= index < len(self.layouts()):
            raise OSError(f"there is no keyboard layout number {index + 1}")
        if not self._api.lock_group(index):
            raise OSError("the X server refused to switch the keyboard layout")
