"""The real xdg-open, as a real ordinary user, hands seb(s):// links and .seb files to lockdown.

A fresh user (tests/support/users.py: its own D-Bus session and keyring) installs a small signed
stand-in bundle with the real installer; the stand-in's `lockdown` program writes its arguments to
a file outside the home folder, which proves what the desktop entry's Exec line received. Then
`xdg-open` opens a `sebs://` link, a `seb://` link and a `.seb` file, in xdg-open's generic mode
(no desktop: it reads mimeapps.list and the desktop entry itself) and in GNOME's (`gio open`),
and the uninstaller must give back the home folder byte for byte, including a mimeapps.list and a
user MIME database that were there before.
"""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lockdown.integrity.manifest import BuildInfo, describe_tree, dump_manifest
from lockdown.integrity.tree import MANIFEST_NAME
from tests.install.helpers import make_bundle
from tests.install.test_proof import assert_same, snapshot
from tests.support.bundle import TEST_PUBLIC_KEY, sign_bundle
from tests.support.users import User, run_as, user_python

pytestmark = [pytest.mark.slow, pytest.mark.asuser,
              pytest.mark.skipif(shutil.which("xdg-open") is None or shutil.which("gio") is None,
                                 reason="needs xdg-utils and libglib2.0-bin (./dev installs them)")]

INSTALL = "import sys; from lockdown.install.entry import install_main; sys.exit(install_main())"
UNINSTALL = "import sys; from lockdown.install.entry import uninstall_main; sys.exit(uninstall_main())"
MODES = {"generic": {"DISPLAY": ":0"}, "gnome": {"DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "GNOME"}}
"""xdg-open's generic mode needs only a DISPLAY value to hand links on; GNOME's uses `gio open`."""

USED_MIMEAPPS = ("[Added Associations]\n"
                 "text/plain=gedit.desktop;\n"
                 "\n"
                 "[Default Applications]\n"
                 "text/html=firefox.desktop;\n"
                 "x-scheme-handler/seb=safeexambrowser.desktop;")
NOTES_PACKAGE = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">\n'
                 '  <mime-type type="application/x-notes"><glob pattern="*.notes"/></mime-type>\n'
                 '</mime-info>\n')


@pytest.fixture(scope="module")
def stand_in() -> Iterator[tuple[Path, Path, Path]]:
    """(bundle, its TEST public key, the folder where its `lockdown` writes its arguments); a
    gzip-compressed .seb file, as SEB writes them, is there too (`exam.seb`)."""
    where = Path(tempfile.mkdtemp(prefix="lockdown-handlers-", dir="/var/tmp"))
    where.chmod(0o755)
    (where / "exam.seb").write_bytes(gzip.compress(b"<?xml version='1.0'?><plist><dict/></plist>"))
    calls = where / "calls"
    calls.mkdir()
    calls.chmod(0o1777)
    bundle = make_bundle(where / "bundle")
    (bundle / "lockdown").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{calls}/$(id -un)-$$"\n')
    (bundle / "lockdown").chmod(0o755)
    info = BuildInfo(platform="linux-x86_64", image="stand-in", python="3", qt="6", pyinstaller="6")
    (bundle / MANIFEST_NAME).write_bytes(dump_manifest("lockdown", "0.1.0", "stand-in", info,
                                                       describe_tree(bundle)))
    sign_bundle(bundle)
    public = where / "test-public.pem"
    shutil.copy(TEST_PUBLIC_KEY, public)
    for root, dirs, files in os.walk(where):
        for name in dirs:
            if Path(root, name) != calls:
                os.chmod(os.path.join(root, name), 0o755)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755 if os.stat(path).st_mode & 0o100 else 0o644)
    try:
        yield bundle, public, calls
    finally:
        shutil.rmtree(where, ignore_errors=True)


def as_user(user: User, argv: list[str], env: dict[str, str] | None = None) -> str:
    r = run_as(user, argv, env=env, timeout=180)
    assert r.returncode == 0, f"{argv}: {r.returncode}\n{r.stdout}\n{r.stderr}"
    return r.stdout


def calls_of(user: User, calls: Path, count: int, timeout: float = 60) -> list[list[str]]:
    """The argument lists the stand-in lockdown was started with, once `count` of them are there
    (their files deleted: they are the test's, not traces of lockdown)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(calls.glob(f"{user.name}-*"), key=lambda p: p.stat().st_mtime_ns)
        if len(found) >= count and all(p.read_text().endswith("\n") for p in found):
            argvs = [p.read_text().splitlines() for p in found]
            for p in found:
                p.unlink()
            return argvs
        time.sleep(0.2)
    raise AssertionError(f"lockdown was started {len(list(calls.glob(user.name + '-*')))} times, "
                         f"not {count}")


def use_the_desktop_first(user: User) -> None:
    """A home that has seen a desktop: a mimeapps.list of its own and a user MIME database."""
    script = (f"mkdir -p ~/.config ~/.local/share/mime/packages && printf '%s' '{USED_MIMEAPPS}' "
              "> ~/.config/mimeapps.list && cat > ~/.local/share/mime/packages/notes.xml && "
              "update-mime-database ~/.local/share/mime 2>/dev/null")
    r = run_as(user, ["sh", "-c", script], keyring=False, input=NOTES_PACKAGE.encode())
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("used", [False, True], ids=["fresh-home", "used-home"])
@pytest.mark.parametrize("mode", sorted(MODES))
def test_xdg_open_starts_lockdown_with_the_link_or_file_and_uninstall_gives_the_home_back(
        unprivileged_user: User, stand_in: tuple[Path, Path, Path], mode: str, used: bool) -> None:
    user = unprivileged_user
    bundle, public, calls = stand_in
    if used:
        use_the_desktop_first(user)
    exam_file = user.home / "Downloads" / "exam 1.seb"
    r = run_as(user, ["sh", "-c", f"mkdir -p ~/Downloads && cp '{bundle.parent}/exam.seb' '{exam_file}'"],
               keyring=False)
    assert r.returncode == 0, r.stderr
    before = snapshot(user)
    python = str(user_python())
    out = as_user(user, [python, "-c", INSTALL, "--quiet", "--bundle", str(bundle),
                         "--public-key", str(public)])
    assert "note:" not in out  # every handler was set, including the .seb type
    env = MODES[mode]
    link = "sebs://127.0.0.1:8443/mod/quiz/accessrule/seb/config.php?cmid=4&x=a%20b"
    as_user(user, ["xdg-open", link], env)
    as_user(user, ["xdg-open", "seb://127.0.0.1:8080/exam.seb"], env)
    as_user(user, ["xdg-open", str(exam_file)], env)
    assert calls_of(user, calls, 3) == [["run", link], ["run", "seb://127.0.0.1:8080/exam.seb"],
                                        ["run", str(exam_file)]]
    out = as_user(user, [python, "-c", UNINSTALL, "--quiet"])
    assert out.strip().endswith("no trace left")
    assert_same(before, snapshot(user))
    if used:
        assert (user.home / ".config/mimeapps.list").read_text() == USED_MIMEAPPS


LEFT_OUT = {"mimetype", "mimeopen", "x-www-browser", "www-browser", "gnome-www-browser", "sensible-browser",
            "firefox", "firefox-esr", "iceweasel", "seamonkey", "mozilla", "epiphany", "konqueror",
            "chromium", "chromium-browser", "google-chrome", "links2", "elinks", "links", "lynx", "w3m"}
"""`mimetype` and `mimeopen`, and the browsers xdg-open's generic mode tries in their place."""


def test_generic_xdg_open_without_the_mimetype_tool_does_not_know_seb_files(
        unprivileged_user: User, stand_in: tuple[Path, Path, Path]) -> None:
    """Without `mimetype` (libfile-mimeinfo-perl) generic xdg-open asks `file`, which reads the
    content (gzip) and not the name: the .seb type is not seen, and lockdown is not started.
    Web browsers are left out too: they are xdg-open's last resort for a file it cannot place, and
    one installed on the machine would open the file (and keep running) where none should."""
    user = unprivileged_user
    bundle, public, calls = stand_in
    tools = bundle.parent / "bin-without-mimetype"  # a PATH the user can read
    if not tools.exists():
        tools.mkdir(mode=0o755)
        for folder in ("/usr/bin", "/bin"):
            for name in os.listdir(folder):
                if name not in LEFT_OUT and not (tools / name).exists():
                    (tools / name).symlink_to(Path(folder) / name)
    exam_file = user.home / "exam.seb"
    run_as(user, ["cp", str(bundle.parent / "exam.seb"), str(exam_file)], keyring=False)
    python = str(user_python())
    as_user(user, [python, "-c", INSTALL, "--quiet", "--bundle", str(bundle), "--public-key", str(public)])
    r = run_as(user, ["xdg-mime", "query", "filetype", str(exam_file)], env={"PATH": str(tools)},
               keyring=False)
    assert r.stdout.strip() == "application/gzip"
    r = run_as(user, ["xdg-open", str(exam_file)], env={"PATH": str(tools), "DISPLAY": ":0"}, keyring=False)
    assert r.returncode != 0
    assert not list(calls.glob(f"{user.name}-*"))
    as_user(user, ["xdg-open", "sebs://127.0.0.1/x"], {"PATH": str(tools), "DISPLAY": ":0"})
    assert calls_of(user, calls, 1) == [["run", "sebs://127.0.0.1/x"]]

