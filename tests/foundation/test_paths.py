"""One place knows every location: layouts per OS, and `lockdown paths`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lockdown.paths import KEYRING_ENTRIES, get_paths


def test_linux_layout_follows_xdg(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(var, raising=False)
    p = get_paths("linux", home=tmp_path)
    assert p.data == tmp_path / ".local/share/lockdown"
    assert p.install == tmp_path / ".local/share/lockdown/app"
    assert p.config == tmp_path / ".config/lockdown"
    assert p.cache == tmp_path / ".cache/lockdown"
    assert p.state == tmp_path / ".local/state/lockdown"
    assert tmp_path / ".local/share/applications/lockdown.desktop" in p.shortcuts
    # every owned location is below the home folder, and nothing is the home itself
    for root in p.owned_roots():
        assert tmp_path in root.parents


def test_windows_layout_is_per_user_and_not_doubled(tmp_path: Path) -> None:
    env = {"LOCALAPPDATA": r"C:\Users\s\AppData\Local", "APPDATA": r"C:\Users\s\AppData\Roaming"}
    p = get_paths("windows", home=tmp_path, env=env)
    assert str(p.install).endswith("Programs/lockdown") or str(p.install).endswith(r"Programs\lockdown")
    assert "lockdown/lockdown" not in str(p.data).replace("\\", "/")
    assert p.registry_keys and p.registry_keys[0].startswith("HKCU\\")


def test_macos_layout_is_in_the_users_library(tmp_path: Path) -> None:
    p = get_paths("macos", home=tmp_path, env={})
    assert p.install == tmp_path / "Applications" / "Lockdown.app"
    assert p.cache == tmp_path / "Library" / "Caches" / "lockdown"


def test_paths_command_prints_every_location_and_keyring_entry() -> None:
    r = subprocess.run([sys.executable, "-m", "lockdown", "paths", "--json"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["data"] == str(get_paths().data)
    assert set(info["keyring"]) == {f"{s}/{u}" for s, u in KEYRING_ENTRIES}
