"""The real server stub as a subprocess on 127.0.0.1, for any test that needs an exam server.

    def test_something(stub):           # fixture: a fresh stub, stopped after the test
        requests.get(stub.url + "/api/time")
        stub.requests()                 # every request it received (method, path, headers, body)

`start_stub(tmp_path, **options)` gives the same handle for custom options (retention, release dir);
`stub.stop()` / `stub.start()` stop and restart it on the same port with the same database.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
BANNER = "lockdown server stub listening on "
HARNESS = {"User-Agent": "lockdown-test-harness"}
"""Requests the harness itself makes say so; the privacy check skips them (it checks lockdown's)."""


@dataclass
class Stub:
    """A running (or stopped) server stub; `url` has no trailing slash."""

    workdir: Path
    admin_token: str
    retention_days: float | None = None
    release_dir: Path | None = None
    port: int = 0
    url: str = ""
    proc: subprocess.Popen[bytes] | None = None
    starts: int = 0
    extra_args: list[str] = field(default_factory=list)

    @property
    def db(self) -> Path:
        return self.workdir / "stub.sqlite3"

    @property
    def record_file(self) -> Path:
        return self.workdir / "requests.jsonl"

    def start(self, timeout: float = 20.0) -> Stub:
        """Start the stub (again: same port, same database, same record file)."""
        assert self.proc is None, "already running"
        self.starts += 1
        out = self.workdir / f"stdout-{self.starts}.txt"
        err = self.workdir / f"stderr-{self.starts}.txt"
        argv = [sys.executable, "-m", "server_stub", "--host", "127.0.0.1", "--port", str(self.port),
                "--db", str(self.db), f"--admin-token={self.admin_token}", "--record", str(self.record_file)]
        if self.retention_days is not None:
            argv += ["--retention-days", str(self.retention_days)]
        if self.release_dir is not None:
            argv += ["--release-dir", str(self.release_dir)]
        argv += self.extra_args
        pythonpath = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
        env = dict(os.environ, PYTHONPATH=pythonpath)
        with out.open("wb") as o, err.open("wb") as e:
            self.proc = subprocess.Popen(argv, stdout=o, stderr=e, cwd=REPO, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            first = out.read_text(errors="replace").partition("\n")
            if first[1]:
                assert first[0].startswith(BANNER), f"unexpected first line: {first[0]!r}"
                self.url = first[0][len(BANNER):].strip()
                self.port = int(self.url.rsplit(":", 1)[1])
                self._wait_ready(deadline)
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"server stub did not start: {err.read_text(errors='replace')[-2000:]}")

    def _wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                requests.get(self.url + "/api/time", headers=HARNESS, timeout=2)
                return
            except requests.RequestException:
                time.sleep(0.05)
        raise RuntimeError("server stub printed its URL but does not answer")

    def stop(self) -> None:
        """Stop the stub (SIGTERM, then SIGKILL after 5 s); the database stays for a restart."""
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def requests(self) -> list[dict[str, Any]]:
        """Every request received so far: dicts with method, path, headers ([name, value]...), body."""
        if not self.record_file.exists():
            return []
        lines = self.record_file.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line]

    def admin_get(self, path: str) -> requests.Response:
        """GET with the admin token (the stub logs the read in its access log)."""
        auth = {"Authorization": f"Bearer {self.admin_token}", **HARNESS}
        return requests.get(self.url + path, headers=auth, timeout=10)

    def __enter__(self) -> Stub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_stub(tmp_path: Path, *, admin_token: str | None = None, retention_days: float | None = None,
               release_dir: Path | None = None, port: int = 0, extra_args: list[str] | None = None) -> Stub:
    """Start a fresh stub whose files (database, request record, logs) live in `tmp_path`/stub-N."""
    n = 1
    while (tmp_path / f"stub-{n}").exists():
        n += 1
    workdir = tmp_path / f"stub-{n}"
    workdir.mkdir(parents=True)
    stub = Stub(workdir=workdir, admin_token=admin_token or secrets.token_urlsafe(24),
                retention_days=retention_days, release_dir=release_dir, port=port,
                extra_args=list(extra_args or []))
    return stub.start()


@pytest.fixture
def stub(tmp_path: Path) -> Iterator[Stub]:
    """A fresh server stub for one test."""
    s = start_stub(tmp_path)
    try:
        yield s
    finally:
        s.stop()
