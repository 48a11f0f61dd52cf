"""Check that the exam browser engine (QtWebEngine) can load and draw a page on this machine."""

from __future__ import annotations

from dataclasses import dataclass

from lockdown.compat.result import Check


@dataclass(frozen=True)
class RenderProbe:
    """Outcome of rendering the test page in a child process."""

    ok: bool
    reason: str = ""
    qt_version: str | None = None
    offscreen: bool = False
    """True when it rendered without a display (QT_QPA_PLATFORM=offscreen)."""


def check_webengine(probe: RenderProbe) -> Check:
    """A fail here means no exam page can be shown at all."""
    name = "webengine"
    version = f"QtWebEngine {probe.qt_version}" if probe.qt_version else "QtWebEngine"
    if probe.ok:
        where = " (off screen: no display)" if probe.offscreen else ""
        return Check(name, "pass", f"{version} rendered a test page{where}")
    return Check(name, "fail", f"{version} could not render a test page: {probe.reason}",
                 "update the graphics driver and the system, then run the check again; "
                 "if it still fails, ask your exam's IT support")
