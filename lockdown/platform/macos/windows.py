"""macOS: which program has the front, and bringing a permitted program there.

`NSWorkspace.frontmostApplication` names the front program; a permitted one is activated with
`NSRunningApplication.activateWithOptions_` (all its windows), which macOS allows while the kiosk,
lockdown's window, is active. Through PyObjC, behind the small `AppsApi` seam.
"""

from __future__ import annotations

from typing import Protocol

NS_ACTIVATE_ALL_WINDOWS = 1


class AppsApi(Protocol):
    def frontmost_pid(self) -> int | None:
        """The process id of the frontmost application; None when there is none."""

    def activate(self, pid: int) -> bool:
        """Activate the running application `pid`, all its windows; False if it has none."""


class PyObjCApps:
    """The real AppKit calls; on macOS only."""

    def frontmost_pid(self) -> int | None:
        from AppKit import NSWorkspace

        app = NSWorkspace.sharedWorkspace().frontmostApplication()
        return int(app.processIdentifier()) if app is not None else None

    def activate(self, pid: int) -> bool:
        from AppKit import NSRunningApplication

        app = NSRunningApplication.runningApplicationWithProcessIdentifier_(pid)
        return bool(app is not None and app.activateWithOptions_(NS_ACTIVATE_ALL_WINDOWS))


class AppKitWindows:
    """Implements `WindowControl`."""

    def __init__(self, api: AppsApi | None = None) -> None:
        self._api: AppsApi = api or PyObjCApps()

    def front_process(self) -> int | None:
        return self._api.frontmost_pid()

    def bring_to_front(self, pids: frozenset[int]) -> bool:
        return any(self._api.activate(pid) for pid in sorted(pids))
