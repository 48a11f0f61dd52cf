"""Where lockdown writes on Windows: the user's local application data and Start menu, one HKCU key."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from lockdown import APP_NAME
from lockdown.paths import Paths

CLASSES = "HKCU\\Software\\Classes\\"
PROG_ID = "Lockdown.SebFile"
"""The ProgId of `.seb` files (Microsoft's form: Vendor.Type, no spaces, at most 39 characters)."""


def folders(home: Path, env: Mapping[str, str]) -> Paths:
    """%LOCALAPPDATA%\\lockdown (not doubled), the program in Programs\\, a "Lockdown" Start-menu folder,
    the link and file handlers under HKCU\\Software\\Classes."""
    # platformdirs asks the Windows shell API; these are the same folders read from the
    # environment so the layout can be computed (and tested) on any OS.
    local = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
    roaming = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
    base = local / APP_NAME
    menu = roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Lockdown"
    return Paths(
        os="windows",
        home=home,
        data=base,
        config=base,
        cache=base / "Cache",
        state=base,
        log=base / "Logs",
        install=local / "Programs" / APP_NAME,
        shortcuts=(menu / "Lockdown exam.lnk", menu / "Uninstall Lockdown.lnk", menu),
        temp_root=Path(env.get("TEMP") or local / "Temp"),
        registry_keys=(r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\lockdown",),
        handler_keys=tuple(CLASSES + name for name in ("sebs", "seb", ".seb", PROG_ID)),
    )
