"""`python -m server_stub`: the first line other tools read, the admin token, clean refusals."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.support.stub import REPO


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "server_stub", *args], cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_first_line_names_the_real_port_and_a_generated_admin_token_follows() -> None:
    proc = _start("--port", "0")
    try:
        assert proc.stdout is not None
        first, second = proc.stdout.readline(), proc.stdout.readline()
        m = re.fullmatch(r"lockdown server stub listening on http://127\.0\.0\.1:(\d+)\n", first)
        assert m and int(m.group(1)) > 0
        token = re.fullmatch(r"admin token: (\S{16,})\n", second)
        assert token
        url = f"http://127.0.0.1:{m.group(1)}"
        auth = {"Authorization": f"Bearer {token.group(1)}"}
        assert requests.get(url + "/admin/matrix.json", headers=auth, timeout=10).status_code == 200
    finally:
        proc.terminate()
        proc.wait(10)


def test_given_admin_token_is_not_printed(tmp_path: Path) -> None:
    proc = _start("--admin-token", "given-token-123456", "--db", str(tmp_path / "db.sqlite3"))
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("lockdown server stub listening on ")
        time.sleep(0.5)
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert "given-token" not in out


def test_port_in_use_and_bad_arguments_give_one_line_and_exit_2() -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "server_stub", "--port", str(port)], cwd=REPO,
                           capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "cannot listen" in r.stderr
    for bad in (["--retention-days", "0"], ["--port", "99999"], ["--db", "/nonexistent/dir/x.db"]):
        r = subprocess.run([sys.executable, "-m", "server_stub", *bad], cwd=REPO,
                           capture_output=True, text=True, timeout=30)
        assert r.returncode == 2, bad
        assert "Traceback" not in r.stderr and r.stderr.strip().count("\n") == 0, r.stderr


def test_demo_allowances_reach_both_served_configurations() -> None:
    from lockdown.config import parse_config

    proc = _start("--port", "0", "--admin-token=t0k3n-for-the-demo-test",
                  "--allow-unverified-build", "--allow-virtual-machine")
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split()[-1]
        for name in ("config.json", "config.seb"):
            body = requests.get(f"{url}/exam/{name}", timeout=10).content
            config = parse_config(body, name)
            assert config.allow_unverified_build and config.allow_virtual_machine
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_real_exam_configuration_allows_neither_by_default() -> None:
    from lockdown.config import parse_config

    proc = _start("--port", "0", "--admin-token=t0k3n-for-the-demo-test")
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split()[-1]
        for name in ("config.json", "config.seb"):
            config = parse_config(requests.get(f"{url}/exam/{name}", timeout=10).content, name)
            assert not config.allow_unverified_build and not config.allow_virtual_machine
    finally:
        proc.terminate()
        proc.wait(10)
