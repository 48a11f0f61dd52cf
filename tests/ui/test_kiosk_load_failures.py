"""The real kiosk window never leaves the student stranded when the exam page fails to load.

Each test injects one failure on a loopback server (tests/ui/faulty_server.py), checks that
lockdown's offline page is shown and that the kiosk keeps trying with growing delays (1 s, then
2 s: doubling from one second), heals the server and checks that the exam page comes back.
lockdown's own refusals, a server's answer about the page itself, and a page that is all there
but for one stalled image are left alone. Qt offscreen; the stalled-load watchdog is set to 2 s.
"""

from __future__ import annotations

import datetime
import json
import os
import queue
import shutil
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pytestqt.qtbot import QtBot

from lockdown.ui.kiosk import KioskWindow
from tests.ui.faulty_server import EXAM_TITLE, Fault, FaultyServer
from tests.ui.kiosk_helpers import allow_also, exam_config, open_kiosk

STALL_S = 2.0
"""The watchdog in these tests: a load without progress for 2 s is looked at."""
WAIT_MS = 30000
"""One failure or one load, on a busy 2-core machine (each takes well under a second alone)."""
DELAYS = ["Next try in 1 s.", "Next try in 2 s.", "Next try in 4 s."]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def servers() -> Iterator[list[FaultyServer]]:
    made: list[FaultyServer] = []
    yield made
    for server in made:
        server.close()


def start(servers: list[FaultyServer], fault: Fault | None, **kwargs: object) -> FaultyServer:
    server = FaultyServer(fault, **kwargs)  # type: ignore[arg-type]
    servers.append(server)
    return server


def open_failing(qtbot: QtBot, url: str, **config: object) -> tuple[KioskWindow, list[str]]:
    """The kiosk on `url`, recording the countdown shown at each failure."""
    kiosk = open_kiosk(qtbot, exam_config(url, **config), wait=False, stall_timeout=STALL_S)
    countdowns: list[str] = []
    kiosk.page.connection_failed.connect(lambda _url: countdowns.append(kiosk.offline.countdown.text()))
    kiosk.open_exam()
    return kiosk, countdowns


def fails_then_heals(qtbot: QtBot, server: FaultyServer) -> None:
    kiosk, countdowns = open_failing(qtbot, server.url)
    qtbot.waitUntil(lambda: len(countdowns) >= 2, timeout=2 * WAIT_MS)  # the first try and one retry
    assert kiosk.stack.currentWidget() is kiosk.offline
    assert countdowns[:2] == DELAYS[:2]
    assert kiosk.offline.button.isVisible() and kiosk.offline.button.isEnabled()
    tried = server.requests
    server.heal()
    qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.view, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: kiosk.page.title() == EXAM_TITLE, timeout=WAIT_MS)
    assert kiosk.page.url().toString() == server.url
    assert server.requests > tried


@pytest.mark.timeout(120)
def test_reset_before_the_reply_shows_the_offline_page_until_the_server_answers(
        qtbot: QtBot, servers: list[FaultyServer]) -> None:
    fails_then_heals(qtbot, start(servers, "reset_before_reply"))


@pytest.mark.timeout(120)
def test_reset_after_the_headers_shows_the_offline_page_until_the_server_answers(
        qtbot: QtBot, servers: list[FaultyServer]) -> None:
    fails_then_heals(qtbot, start(servers, "reset_after_headers"))


@pytest.mark.timeout(120)
def test_close_without_a_reply_shows_the_offline_page_until_the_server_answers(
        qtbot: QtBot, servers: list[FaultyServer]) -> None:
    fails_then_heals(qtbot, start(servers, "close_without_reply"))


@pytest.mark.timeout(120)
def test_refused_connections_show_the_offline_page_until_the_server_listens(
        qtbot: QtBot, servers: list[FaultyServer]) -> None:
    fails_then_heals(qtbot, start(servers, "refuse"))


@pytest.mark.timeout(120)
def test_a_server_that_stops_answering_is_given_up_on_and_retried(
        qtbot: QtBot, servers: list[FaultyServer]) -> None:
    fails_then_heals(qtbot, start(servers, "stop_answering"))


@pytest.mark.timeout(120)
def test_a_reply_that_stops_mid_page_is_given_up_on_and_retried(
        qtbot: QtBot, servers: list[FaultyServer]) -> None:
    fails_then_heals(qtbot, start(servers, "stop_mid_body"))


@pytest.mark.timeout(120)
def test_a_server_error_shows_the_offline_page_until_the_server_recovers(
        qtbot: QtBot, servers: list[FaultyServer]) -> None:
    fails_then_heals(qtbot, start(servers, "status_503"))


@pytest.mark.timeout(120)
def test_not_found_is_the_servers_answer_and_is_shown_not_retried(
        qtbot: QtBot, servers: list[FaultyServer]) -> None:
    server = start(servers, "status_404")
    kiosk, countdowns = open_failing(qtbot, server.url)
    qtbot.waitUntil(lambda: kiosk.page.title() == "Server says no", timeout=WAIT_MS)
    qtbot.wait(round(3 * STALL_S * 1000))
    assert countdowns == []
    assert kiosk.stack.currentWidget() is kiosk.view
    assert server.paths.count("/") == 1


@pytest.mark.timeout(120)
def test_a_page_whose_image_stalls_stays_for_the_student(qtbot: QtBot, servers: list[FaultyServer]) -> None:
    images = start(servers, "stop_answering")
    page = f"<title>{EXAM_TITLE}</title><p>Question 1</p><img src='{images.url}slow.png'>".encode()
    server = start(servers, None, page=page)
    kiosk = open_kiosk(qtbot, allow_also(server.url, images.url.rstrip("/")), wait=False,
                       stall_timeout=STALL_S)
    countdowns: list[str] = []
    kiosk.page.connection_failed.connect(countdowns.append)
    kiosk.open_exam()
    qtbot.waitUntil(lambda: images.requests == 1, timeout=WAIT_MS)
    qtbot.wait(round(3 * STALL_S * 1000))  # the watchdog has looked, and let the page be
    assert countdowns == []
    assert kiosk.stack.currentWidget() is kiosk.view
    assert kiosk.page.title() == EXAM_TITLE
    assert server.paths.count("/") == 1


@pytest.mark.timeout(120)
def test_a_name_that_does_not_resolve_keeps_being_retried_with_growing_delays(qtbot: QtBot) -> None:
    """`.invalid` never resolves (RFC 6761); the healing is in the namespace test below."""
    kiosk, countdowns = open_failing(qtbot, "http://exam.lockdown-test.invalid/")
    qtbot.waitUntil(lambda: len(countdowns) >= 3, timeout=3 * WAIT_MS)
    assert countdowns[:3] == DELAYS
    assert kiosk.stack.currentWidget() is kiosk.offline


def self_signed(folder: Path) -> ssl.SSLContext:
    """A TLS server context with a certificate nobody trusts (for 127.0.0.1, valid for a day)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                       serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


@pytest.mark.timeout(120)
def test_a_certificate_error_keeps_being_retried_never_accepted(
        qtbot: QtBot, servers: list[FaultyServer], tmp_path: Path) -> None:
    """A TLS interception (captive portal, a proxy) may stop; the certificate is never accepted.

    Healing would need a certificate the engine trusts, which a test cannot give it honestly.
    """
    server = start(servers, None, tls=self_signed(tmp_path))
    kiosk, countdowns = open_failing(qtbot, server.url)
    qtbot.waitUntil(lambda: len(countdowns) >= 2, timeout=2 * WAIT_MS)
    assert countdowns[:2] == DELAYS[:2]
    assert kiosk.stack.currentWidget() is kiosk.offline
    assert server.requests == 0  # no request was ever sent over the untrusted connection


@pytest.mark.timeout(120)
def test_no_retry_once_the_exam_has_ended(qtbot: QtBot, servers: list[FaultyServer]) -> None:
    server = start(servers, "reset_before_reply")
    kiosk, countdowns = open_failing(qtbot, server.url)
    qtbot.waitUntil(lambda: len(countdowns) >= 1, timeout=WAIT_MS)
    tried = server.requests
    with qtbot.waitSignal(kiosk.finished, timeout=WAIT_MS):
        kiosk.end("quit_shortcut")
    qtbot.wait(3500)  # past the first delay (1 s) and the second (2 s)
    assert server.requests == tried


@pytest.mark.timeout(120)
def test_lockdowns_own_refusal_is_not_mistaken_for_a_failure(
        qtbot: QtBot, servers: list[FaultyServer]) -> None:
    server = start(servers, None)
    kiosk = open_kiosk(qtbot, allow_also(server.url, "http://127.0.0.1:1"), stall_timeout=STALL_S)
    countdowns: list[str] = []
    kiosk.page.connection_failed.connect(countdowns.append)
    kiosk.page.runJavaScript("location.href = 'http://127.0.0.2:9/elsewhere'", 0)  # refused by policy
    qtbot.waitUntil(lambda: kiosk.message.isVisible(), timeout=WAIT_MS)
    qtbot.wait(round(2 * STALL_S * 1000))
    assert countdowns == []
    assert kiosk.stack.currentWidget() is kiosk.view
    assert kiosk.page.title() == EXAM_TITLE


def read_lines(stream: object, into: queue.Queue[dict[str, object]]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        if line.startswith("{"):
            into.put(json.loads(line))


def next_report(reports: queue.Queue[dict[str, object]], child: subprocess.Popen[str]) -> dict[str, object]:
    try:
        return reports.get(timeout=WAIT_MS / 1000)
    except queue.Empty:
        child.kill()
        raise AssertionError(f"the kiosk reported nothing: {child.communicate()[1][-3000:]}") from None


@pytest.mark.slow
@pytest.mark.timeout(180)
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("unshare"),
                    reason="a private mount namespace (to own /etc/hosts) needs root and unshare")
def test_a_name_that_starts_resolving_brings_the_page_back(
        servers: list[FaultyServer], tmp_path: Path) -> None:
    """DNS heals: a kiosk process sees its own /etc/hosts (bind-mounted in a private mount
    namespace, the machine's is untouched); the name is added to it while the kiosk retries."""
    server = start(servers, None)
    hosts = tmp_path / "hosts"
    hosts.write_text("127.0.0.1 localhost\n")
    url = f"http://exam.lockdown-test.invalid:{server.port}/"
    script = 'mount --bind "$1" /etc/hosts && shift && exec "$@"'
    child = subprocess.Popen(
        ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script, "sh", str(hosts),
         sys.executable, str(REPO / "tests" / "ui" / "kiosk_child.py"), url, "120"],
        cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reports: queue.Queue[dict[str, object]] = queue.Queue()
    threading.Thread(target=read_lines, args=(child.stdout, reports), daemon=True).start()
    try:
        failures = [next_report(reports, child), next_report(reports, child)]
        assert [f.get("countdown") for f in failures] == DELAYS[:2], failures
        assert all(f.get("failed") == url for f in failures), failures
        assert server.requests == 0
        with hosts.open("w") as same_file:  # in place: the bind mount follows the file, not the name
            same_file.write("127.0.0.1 localhost\n127.0.0.1 exam.lockdown-test.invalid\n")
        healed = time.monotonic()
        loaded = next_report(reports, child)
        assert loaded == {"loaded": url, "title": EXAM_TITLE, "view": True}, loaded
        assert server.requests >= 1
        assert time.monotonic() - healed < WAIT_MS / 1000
    finally:
        child.kill()
        child.communicate()
    assert "127.0.0.1 exam.lockdown-test.invalid" not in Path("/etc/hosts").read_text()
