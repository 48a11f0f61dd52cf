"""Real unprivileged users for end-to-end tests, each with a fresh home and a real keyring.

The keyring is a real Secret Service: gnome-keyring inside `dbus-run-session`, unlocked with a
known password. Its files are kept outside the user's home (in a folder this module owns), so a
snapshot of the home folder shows only what the program under test wrote.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import psutil
import pytest

REPO = Path(__file__).resolve().parents[2]
KEYRING_PASSWORD = "lockdown-test"


@dataclass(frozen=True)
class User:
    name: str
    uid: int
    gid: int
    home: Path
    runtime_dir: Path
    keyring_dir: Path


def _require_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("creating a test user needs root (CI runs as root)")


def create_user() -> User:
    """Create a fresh ordinary user with an empty home (copying no skeleton files)."""
    _require_root()
    import pwd  # POSIX only: the module must import on Windows, where these tests do not run

    name = "ldt" + secrets.token_hex(4)
    home = Path("/home") / name
    subprocess.run(["useradd", "--create-home", "--skel", "/dev/null", "--home-dir", str(home),
                    "--shell", "/bin/sh", "--user-group", name], check=True, capture_output=True)
    pw = pwd.getpwnam(name)
    end_processes_of(pw.pw_uid)  # an earlier user's with the same id, should any have outlived it
    shutil.rmtree(home, ignore_errors=True)  # --skel /dev/null may still copy nothing; start empty
    home.mkdir(mode=0o700)
    os.chown(home, pw.pw_uid, pw.pw_gid)
    runtime = Path(f"/run/user/{pw.pw_uid}")
    runtime.mkdir(parents=True, exist_ok=True)
    os.chown(runtime, pw.pw_uid, pw.pw_gid)
    runtime.chmod(0o700)
    keyring_dir = Path(tempfile.mkdtemp(prefix=f"lockdown-test-keyring-{name}-", dir="/var/tmp"))
    os.chown(keyring_dir, pw.pw_uid, pw.pw_gid)
    return User(name, pw.pw_uid, pw.pw_gid, home, runtime, keyring_dir)


def end_processes_of(uid: int, timeout: float = 10.0) -> None:
    """Kill every process of `uid`, again until none is left: one pass misses a process forked
    while it runs (Chromium starts its helpers at any moment), and that one would belong to the
    next user given this id. Zombies are left to their parents: they run nothing."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = []
        for proc in psutil.process_iter(["uids", "status"]):
            uids = proc.info["uids"]
            if uids is not None and uid in (uids.real, uids.effective) \
                    and proc.info["status"] != psutil.STATUS_ZOMBIE:
                left.append(proc)
        if not left:
            return
        for proc in left:
            with contextlib.suppress(psutil.Error):
                proc.kill()
        time.sleep(0.05)


def delete_user(user: User) -> None:
    """Remove the user, its processes and everything it owns in the shared temporary folders.

    User ids are reused, so a leftover here would be inherited by the next test's user.
    """
    end_processes_of(user.uid)
    for shared in ("/tmp", "/var/tmp", "/dev/shm"):
        subprocess.run(["find", shared, "-xdev", "-mindepth", "1", "-user", user.name, "-delete"],
                       capture_output=True)
    subprocess.run(["userdel", "--remove", user.name], capture_output=True)
    shutil.rmtree(user.home, ignore_errors=True)
    shutil.rmtree(user.runtime_dir, ignore_errors=True)
    shutil.rmtree(user.keyring_dir, ignore_errors=True)


@pytest.fixture
def unprivileged_user() -> Iterator[User]:
    """A fresh ordinary user, deleted with its home and processes after the test."""
    user = create_user()
    try:
        yield user
    finally:
        delete_user(user)


def _world_usable(path: Path) -> bool:
    """True when every folder above `path` is world-executable and the file world-readable."""
    p = path.resolve()
    for parent in p.parents:
        if not parent.stat().st_mode & stat.S_IXOTH:
            return False
    return bool(p.stat().st_mode & stat.S_IROTH)


def user_python() -> Path:
    """An interpreter with lockdown's dependencies that an ordinary user can run."""
    venv = os.environ.get("LOCKDOWN_VENV")
    candidate = Path(venv) / "bin" / "python" if venv else Path(sys.executable)
    if not _world_usable(candidate):
        pytest.fail(f"{candidate} is not usable by other users; create the venv with "
                    "Debian's /usr/bin/python3 in a world-readable folder (./dev does)")
    return candidate


@lru_cache(maxsize=1)
def user_source_tree() -> Path:
    """A world-readable copy of lockdown/ and server_stub/ to put on an ordinary user's PYTHONPATH.

    The checkout itself may sit under /root, which other users cannot read.
    """
    dest = Path(tempfile.mkdtemp(prefix="lockdown-src-", dir="/var/tmp"))
    dest.chmod(0o755)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for pkg in ("lockdown", "server_stub"):
        if (REPO / pkg).is_dir():
            shutil.copytree(REPO / pkg, dest / pkg, ignore=ignore)
    for root, dirs, files in os.walk(dest):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    return dest


def user_env(user: User, extra: Mapping[str, str] | None = None, source_tree: bool = True) -> dict[str, str]:
    """A clean environment for `user`: nothing of root's leaks in."""
    env = {
        "HOME": str(user.home), "USER": user.name, "LOGNAME": user.name,
        "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(user.runtime_dir), "PYTHONDONTWRITEBYTECODE": "1",
    }
    if source_tree:
        env["PYTHONPATH"] = str(user_source_tree())
    env.update(extra or {})
    return env


def _wrap(user: User, argv: Sequence[str], env: Mapping[str, str], keyring: bool) -> list[str]:
    cmd = ["runuser", "-u", user.name, "--", "env", "-i", *[f"{k}={v}" for k, v in env.items()]]
    if keyring:
        # The daemon keeps its files outside the home folder (XDG_DATA_HOME only for it).
        script = (f'printf %s "{KEYRING_PASSWORD}" | XDG_DATA_HOME="{user.keyring_dir}" '
                  'gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"')
        cmd += ["dbus-run-session", "--", "sh", "-c", script, "sh"]
    return cmd + list(argv)


def popen_as(user: User, argv: Sequence[str], env: Mapping[str, str] | None = None,
             keyring: bool = True, source_tree: bool = True,
             **kwargs: object) -> subprocess.Popen[bytes]:
    """Start `argv` as `user` in its own clean environment (plus `env`)."""
    full_env = user_env(user, env, source_tree)
    return subprocess.Popen(_wrap(user, argv, full_env, keyring), cwd=user.home,  # type: ignore[call-overload]
                            start_new_session=True, **kwargs)


def run_as(user: User, argv: Sequence[str], env: Mapping[str, str] | None = None,
           keyring: bool = True, source_tree: bool = True, timeout: float = 120,
           input: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run `argv` as `user` and wait; output captured as text."""
    full_env = user_env(user, env, source_tree)
    return subprocess.run(_wrap(user, argv, full_env, keyring), cwd=user.home, capture_output=True,
                          timeout=timeout, input=input.decode() if input is not None else None, text=True)


def started_under(wrapper: subprocess.Popen[Any]) -> list[tuple[psutil.Process, list[str]]]:
    """The processes under `wrapper` (runuser, the keyring's session) with their command lines,
    leaving out those gone by the time they are read: Chromium's helpers come and go."""
    found = []
    try:
        children = psutil.Process(wrapper.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    for child in children:
        try:
            found.append((child, child.cmdline()))
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found
