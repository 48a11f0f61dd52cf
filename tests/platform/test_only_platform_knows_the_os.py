"""No code outside lockdown/platform/ asks which OS it runs on or branches on an OS's name.

So each OS is found in its own folder, and `lockdown.platform.get_platform()` stays the one
switch. Found by reading the source (ast), not by importing it:
- reading the OS: `sys.platform`, `os.name`, `os.uname()`, `sys.getwindowsversion()` and the
  `platform` module's OS queries (`platform.system()`, `platform.mac_ver()`...), however imported;
- branching on an OS's name: a comparison (`==`, `!=`, `in`, `not in`) or a `match` case with an
  OS name spelled out ("windows", "darwin", "nt"...).
Data tagged with an OS stays allowed: a table of names per OS, or an entry's `os` field compared
with the OS a configuration is read for (both are names held in variables, not a switch).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCANNED = ("lockdown", "installer", "uninstaller")
PLATFORM = REPO / "lockdown" / "platform"

OS_NAMES = frozenset({"linux", "windows", "macos", "darwin", "win32", "cygwin", "msys", "nt", "posix",
                      "freebsd", "openbsd", "netbsd"})
OS_QUERIES = {
    "sys": frozenset({"platform", "getwindowsversion"}),
    "os": frozenset({"name", "uname"}),
    "platform": frozenset({"system", "release", "version", "uname", "win32_ver", "win32_edition",
                           "win32_is_iot", "mac_ver", "ios_ver", "android_ver", "libc_ver",
                           "freedesktop_os_release"}),
}


def _names_os(node: ast.expr) -> bool:
    """An OS name spelled out, alone or in a tuple, list or set."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value.lower() in OS_NAMES
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_names_os(e) for e in node.elts)
    return False


def os_switches(source: str, filename: str = "<source>") -> list[str]:
    """`line: what` for every OS query and OS-name branch in `source`."""
    tree = ast.parse(source, filename)
    modules: dict[str, str] = {}  # local name -> stdlib module (sys, os, platform)
    queries: dict[str, str] = {}  # local name -> "module.query" imported with from ... import
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in OS_QUERIES:
                    modules[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module in OS_QUERIES and node.level == 0:
            for alias in node.names:
                if alias.name in OS_QUERIES[node.module]:
                    queries[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    found: list[str] = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in modules and node.attr in OS_QUERIES[modules[node.value.id]]):
            found.append(f"{node.lineno}: {modules[node.value.id]}.{node.attr}")
        elif isinstance(node, ast.Name) and node.id in queries and isinstance(node.ctx, ast.Load):
            found.append(f"{node.lineno}: {queries[node.id]}")
        elif isinstance(node, ast.Compare) and any(_names_os(e) for e in (node.left, *node.comparators)):
            found.append(f"{node.lineno}: comparison with an OS name")
        elif isinstance(node, ast.MatchValue) and _names_os(node.value):
            found.append(f"{node.value.lineno}: match case on an OS name")
    return sorted(found, key=lambda f: int(f.split(":")[0]))


DISPLAY_SERVERS = frozenset({"x11", "xcb", "wayland"})


def display_server_branches(source: str) -> list[str]:
    """`line: what` for every question about the display server: a call to `display_server()` or
    a comparison with a display server's name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "display_server":
            found.append(f"{node.lineno}: asks the display server")
        elif isinstance(node, ast.Compare) and any(isinstance(e, ast.Constant) and e.value in DISPLAY_SERVERS
                                                   for e in (node.left, *node.comparators)):
            found.append(f"{node.lineno}: comparison with a display server's name")
    return found


def scanned_files() -> list[Path]:
    files = [p for top in SCANNED for p in sorted((REPO / top).rglob("*.py"))]
    return [p for p in files if PLATFORM not in p.parents]


def test_no_module_outside_platform_reads_or_switches_on_the_os() -> None:
    files = scanned_files()
    assert len(files) > 80  # the whole package was walked, not an empty folder
    offences = {str(p.relative_to(REPO)): hits for p in files
                if (hits := os_switches(p.read_text(encoding="utf-8"), str(p)))}
    assert offences == {}


def test_the_kiosk_ui_takes_its_keyboard_lock_from_the_platform_not_the_display_server() -> None:
    ui = sorted((REPO / "lockdown" / "ui").rglob("*.py"))
    assert ui
    offences = {str(p.relative_to(REPO)): hits for p in ui
                if (hits := display_server_branches(p.read_text(encoding="utf-8")))}
    assert offences == {}
    assert display_server_branches("if backend.display_server() == 'x11':\n    pass\n")


def test_the_factory_is_where_the_os_is_read() -> None:
    """The scan is pointed at the right thing: the one switch itself is found by it."""
    hits = os_switches((PLATFORM / "factory.py").read_text(encoding="utf-8"))
    assert any("sys.platform" in h for h in hits)
    assert any("comparison with an OS name" in h for h in hits)


@pytest.mark.parametrize("source", [
    "import sys\nif sys.platform == 'win32':\n    pass\n",
    "import sys as s\nWINDOWS = s.platform.startswith('win')\n",
    "from sys import platform\nX = platform\n",
    "import os\nPOSIX = os.name != 'nt'\n",
    "import platform\nMAC = platform.system() == 'Darwin'\n",
    "from platform import mac_ver as mv\nV = mv()[0]\n",
    "def f(os_name):\n    return os_name == 'windows'\n",
    "def f(paths):\n    return paths.os in ('windows', 'macos')\n",
    "def f(family):\n    return 'linux' != family\n",
    "def f(name):\n    match name:\n        case 'macos':\n            return 1\n",
])
def test_each_kind_of_os_switch_is_caught(source: str) -> None:
    assert os_switches(source)


@pytest.mark.parametrize("source", [
    "from lockdown.platform import get_platform\nplatform = get_platform()\nF = platform.system.os_facts()\n",
    "import platform\nARCH = platform.machine()\n",
    "def keep(entry_os, os_name):\n    return entry_os is None or entry_os == os_name\n",
    "TABLE = {'windows': ('anydesk.exe',), 'linux': ('anydesk',)}\n",
    "def f(server):\n    return server == 'wayland'\n",
])
def test_data_tagged_with_an_os_is_not_a_switch(source: str) -> None:
    assert os_switches(source) == []
