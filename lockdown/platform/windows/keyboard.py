"""Windows: the keyboard layouts the user already has, and switching among them in the kiosk.

`GetKeyboardLayoutList` gives the input locales the user installed (HKLs: the language in the low
word, the layout in the high word), `GetKeyboardLayout(0)` the one the kiosk's thread types with,
and `ActivateKeyboardLayout` switches it, as the language bar would; nothing is installed or
removed. Each layout is named by its language's locale name (`LCIDToLocaleName`: "fr-FR",
"en-US"); two layouts of one language are told apart by their layout number. The calls are behind
the small `LayoutApi` seam, so the logic is tested on any OS.
"""

from __future__ import annotations

from typing import Any, Protocol

KLF_SETFORPROCESS = 0x00000100
"""ActivateKeyboardLayout: for every thread of lockdown, not the calling one alone."""
LOCALE_NAME_MAX_LENGTH = 85


class LayoutApi(Protocol):
    """The user32 and kernel32 calls the layouts need."""

    def installed(self) -> list[int]:
        """The user's input locales (HKLs), in the order the system lists them."""

    def active(self) -> int:
        """The HKL the kiosk's thread types with."""

    def activate(self, hkl: int) -> bool:
        """Switch lockdown's input to `hkl`; False when Windows refuses."""

    def locale_name(self, langid: int) -> str | None:
        """The locale name of a language id ("fr-FR"); None when Windows knows none."""


def _language(hkl: int) -> int:
    return hkl & 0xFFFF


class WindowsLayouts:
    """Implements `KeyboardLayouts` over the user's input locales."""

    def __init__(self, api: LayoutApi) -> None:
        self._api = api

    def _hkls(self) -> list[int]:
        return self._api.installed()

    def layouts(self) -> tuple[str, ...]:
        hkls = self._hkls()
        names = [self._api.locale_name(_language(h)) or f"{_language(h):04x}" for h in hkls]
        return tuple(f"{name} ({(h >> 16) & 0xFFFF:04x})" if names.count(name) > 1 else name
                     for name, h in zip(names, hkls, strict=True))

    def current(self) -> int:
        hkls, active = self._hkls(), self._api.active()
        return hkls.index(active) if active in hkls else 0

    def select(self, index: int) -> None:
        hkls = self._hkls()
        if not 0 <= index < len(hkls):
            raise OSError(f"there is no keyboard layout number {index + 1}")
        if not self._api.activate(hkls[index]):
            raise OSError("Windows refused to switch the keyboard layout")


class CtypesLayoutApi:
    """The real calls; used only on Windows."""

    @staticmethod
    def _dll(name: str) -> Any:
        import ctypes

        return ctypes.WinDLL(name)  # type: ignore[attr-defined]

    def installed(self) -> list[int]:
        import ctypes
        from ctypes import wintypes

        user32 = self._dll("user32")
        user32.GetKeyboardLayoutList.argtypes = [ctypes.c_int, ctypes.POINTER(wintypes.HKL)]
        count = user32.GetKeyboardLayoutList(0, None)
        if count <= 0:
            return []
        found = (wintypes.HKL * count)()
        count = user32.GetKeyboardLayoutList(count, found)
        return [int(h or 0) & 0xFFFFFFFF for h in found[:count]]

    def active(self) -> int:
        from ctypes import wintypes

        user32 = self._dll("user32")
        user32.GetKeyboardLayout.restype = wintypes.HKL
        return int(user32.GetKeyboardLayout(0) or 0) & 0xFFFFFFFF

    def activate(self, hkl: int) -> bool:
        import ctypes
        from ctypes import wintypes

        user32 = self._dll("user32")
        user32.ActivateKeyboardLayout.argtypes = [wintypes.HKL, wintypes.UINT]
        user32.ActivateKeyboardLayout.restype = wintypes.HKL
        return bool(user32.ActivateKeyboardLayout(ctypes.c_void_p(hkl), KLF_SETFORPROCESS))

    def locale_name(self, langid: int) -> str | None:
        import ctypes

        buffer = ctypes.create_unicode_buffer(LOCALE_NAME_MAX_LENGTH)
        if not self._dll("kernel32").LCIDToLocaleName(langid, buffer, LOCALE_NAME_MAX_LENGTH, 0):
            return None
        return buffer.value or None
