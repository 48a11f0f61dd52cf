"""macOS: the keyboard input sources the user already enabled, and switching among them.

Text Input Sources (HIToolbox): `TISCreateInputSourceList` with the user's enabled sources only,
kept when they are keyboard layouts or input methods that can be selected; the one in use is
`TISCopyCurrentKeyboardInputSource`, and `TISSelectInputSource` switches to another, as the menu
bar's input menu does. Nothing is enabled or installed. Each source is named by its localized name
("U.S.", "French"). Through PyObjC, behind the small `InputSourceApi` seam, so the logic is tested
on any OS.
"""

from __future__ import annotations

from typing import Any, Protocol


class InputSourceApi(Protocol):
    def enabled(self) -> list[tuple[str, str, bool]]:
        """(identifier, localized name, selectable) of each enabled keyboard input source, in the
        system's order."""

    def current(self) -> str | None:
        """The identifier of the keyboard input source in use."""

    def select(self, identifier: str) -> bool:
        """Switch to the enabled source `identifier`; False when macOS refuses."""


class MacLayouts:
    """Implements `KeyboardLayouts` over the user's enabled input sources."""

    def __init__(self, api: InputSourceApi) -> None:
        self._api = api

    def _sources(self) -> list[tuple[str, str]]:
        try:
            return [(ident, name) for ident, name, selectable in self._api.enabled() if selectable]
        except OSError:
            return []  # the bar shows no switcher rather than a wrong one

    def layouts(self) -> tuple[str, ...]:
        return tuple(name for _ident, name in self._sources())

    def current(self) -> int:
        idents = [ident for ident, _name in self._sources()]
        now = self._api.current()
        return idents.index(now) if now in idents else 0

    def select(self, index: int) -> None:
        sources = self._sources()
        if not 0 <= index < len(sources):
            raise OSError(f"there is no keyboard layout number {index + 1}")
        if not self._api.select(sources[index][0]):
            raise OSError("macOS refused to switch the input source")


_FUNCTIONS = [
    ("TISCreateInputSourceList", b"@@Z"),
    ("TISCopyCurrentKeyboardInputSource", b"@"),
    ("TISSelectInputSource", b"i@"),
    ("TISGetInputSourceProperty", b"@@@"),
]
_VARIABLES = [
    ("kTISPropertyInputSourceID", b"@"),
    ("kTISPropertyLocalizedName", b"@"),
    ("kTISPropertyInputSourceCategory", b"@"),
    ("kTISPropertyInputSourceIsSelectCapable", b"@"),
    ("kTISCategoryKeyboardInputSource", b"@"),
]


class HIToolboxInputSources:
    """The real Text Input Sources calls through PyObjC; on macOS only."""

    def __init__(self) -> None:
        self._tis: dict[str, Any] | None = None

    def _api(self) -> dict[str, Any]:
        if self._tis is None:
            try:
                import objc
                from Foundation import NSBundle

                bundle = NSBundle.bundleWithIdentifier_("com.apple.HIToolbox")
                found: dict[str, Any] = {}
                objc.loadBundleFunctions(bundle, found, _FUNCTIONS)
                objc.loadBundleVariables(bundle, found, _VARIABLES)
            except Exception as exc:  # no PyObjC, or a system without these calls
                raise OSError(f"the input sources cannot be read: {exc}") from exc
            self._tis = found
        return self._tis

    def _property(self, source: Any, key: str) -> Any:
        tis = self._api()
        return tis["TISGetInputSourceProperty"](source, tis[key])

    def enabled(self) -> list[tuple[str, str, bool]]:
        tis = self._api()
        wanted = {tis["kTISPropertyInputSourceCategory"]: tis["kTISCategoryKeyboardInputSource"]}
        sources = tis["TISCreateInputSourceList"](wanted, False) or []
        return [(str(self._property(s, "kTISPropertyInputSourceID")),
                 str(self._property(s, "kTISPropertyLocalizedName")),
                 bool(self._property(s, "kTISPropertyInputSourceIsSelectCapable"))) for s in sources]

    def current(self) -> str | None:
        source = self._api()["TISCopyCurrentKeyboardInputSource"]()
        return str(self._property(source, "kTISPropertyInputSourceID")) if source is not None else None

    def select(self, identifier: str) -> bool:
        tis = self._api()
        wanted = {tis["kTISPropertyInputSourceID"]: identifier}
        for source in tis["TISCreateInputSourceList"](wanted, False) or []:
            return bool(tis["TISSelectInputSource"](source) == 0)  # noErr
        return False
