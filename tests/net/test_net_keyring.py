"""The client on a real Secret Service (gnome-keyring), as an ordinary user, killed mid-exam.

First run: open a session, the server goes away, events are queued, the process is SIGKILLed.
Second run (a new D-Bus session, the same keyring on disk): the queue is decrypted with the key from
the keyring, the session token is reused, every event arrives once, the token is deleted at the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections import Counter

import pytest

from tests.net.clients import delivered
from tests.server.helpers import native_key
from tests.support.stub import Stub
from tests.support.users import User, popen_as, run_as, user_python

pytestmark = [pytest.mark.asuser]

FIRST = """
import os, sys
import keyring
from lockdown.net.client import ExamClient
print(type(keyring.get_keyring()).__name__, os.getpid(), flush=True)
client = ExamClient.for_exam(sys.argv[1], sys.argv[2])
client.open_session()
print("open", flush=True)
sys.stdin.readline()
for i in range(3):
    print(client.event("focus_lost", i), flush=True)
print("queued", flush=True)
sys.stdin.readline()
"""

SECOND = """
import sys
from lockdown.net.client import ExamClient
from lockdown.secrets import KeyringSecrets
from lockdown.paths import KEYRING_QUEUE_KEY, KEYRING_SESSION_TOKEN, get_paths
secrets = KeyringSecrets()
print("queue key in keyring:", bool(secrets.get(KEYRING_QUEUE_KEY)))
print("token in keyring:", bool(secrets.get(KEYRING_SESSION_TOKEN)))
client = ExamClient.for_exam(sys.argv[1], sys.argv[2])
client.open_session()
print("delivered:", client.flush(15))
print("left:", client.close_session())
print("token after close:", bool(secrets.get(KEYRING_SESSION_TOKEN)))
print("queue file after close:", get_paths().event_queue.exists())
"""


def test_killed_client_resumes_from_the_real_keyring(unprivileged_user: User, stub: Stub) -> None:
    user, key, py = unprivileged_user, native_key(stub), str(user_python())
    proc = popen_as(user, [py, "-c", FIRST, stub.url, key], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdin and proc.stdout
        backend, pid = proc.stdout.readline().split()
        assert backend == "Keyring" and "SecretService" in _backend_module(user, py)
        assert proc.stdout.readline().strip() == "open", proc.stderr.read() if proc.stderr else ""
        stub.stop()
        proc.stdin.write("go\n")
        proc.stdin.flush()
        ids = [proc.stdout.readline().strip() for _ in range(3)]
        assert proc.stdout.readline().strip() == "queued"
        os.kill(int(pid), signal.SIGKILL)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(10)
    queue = user.home / ".local" / "state" / "lockdown" / "event-queue.bin"
    blob = queue.read_bytes()
    assert all(i.encode() not in blob for i in ids) and b"focus_lost" not in blob
    assert queue.stat().st_uid == user.uid and queue.stat().st_mode & 0o077 == 0

    stub.start()
    r = run_as(user, [py, "-c", SECOND, stub.url, key], timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "queue key in keyring: True", "token in keyring: True", "delivered: True", "left: 0",
        "token after close: False", "queue file after close: False"]
    assert delivered(stub) == Counter(ids)
    sessions = [q for q in stub.requests() if (q["method"], q["path"]) == ("POST", "/api/session")]
    assert len(sessions) == 1


def _backend_module(user: User, py: str) -> str:
    r = run_as(user, [py, "-c", "import keyring; print(type(keyring.get_keyring()).__module__)"], timeout=60)
    return r.stdout
