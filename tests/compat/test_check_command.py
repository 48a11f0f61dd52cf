"""`lockdown check` for real on this headless machine, in a child process."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from lockdown.compat.render import TITLES
from tests.compat.cli_helpers import headless_env, lockdown

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="runs the Linux headless machine's checks")
ROOT = os.geteuid() == 0
Run = tuple[int, dict[str, Any], str]
NAMES = ["os", "arch", "memory", "disk", "display_server", "screens", "webengine", "keyboard_blocking",
         "keyring", "not_elevated", "virtual_machine", "remote_session", "prohibited_apps",
         "server_reachable", "download_speed", "clock_offset"]


@pytest.fixture(scope="module")
def headless_json() -> Run:
    done = lockdown(["check", "--json"])
    return done.returncode, json.loads(done.stdout), done.stderr


def test_headless_run_reports_every_check_in_order(headless_json: Run) -> None:
    _, doc, stderr = headless_json
    assert [c["name"] for c in doc["checks"]] == NAMES == list(TITLES)
    assert stderr == ""
    assert doc["schema_version"] == 1


def test_no_display_is_a_fail_with_a_clear_reason_not_a_crash(
        headless_json: Run) -> None:
    code, doc, _ = headless_json
    checks = {c["name"]: c for c in doc["checks"]}
    assert code == 1 and doc["ok"] is False
    assert checks["screens"]["status"] == "fail"
    assert "no display" in checks["screens"]["detail"] and "DISPLAY" in checks["screens"]["detail"]
    assert checks["display_server"]["status"] == "fail"
    assert checks["keyboard_blocking"]["status"] == "fail"


def test_the_browser_engine_really_renders_off_screen(headless_json: Run) -> None:
    _, doc, _ = headless_json
    engine = next(c for c in doc["checks"] if c["name"] == "webengine")
    assert "off screen" in engine["detail"] or "could not render" in engine["detail"]
    if ROOT:  # the sandbox is off, as the probe sets it for root: nothing else can stop it here
        assert engine["status"] == "pass", engine


def test_privileges_and_the_missing_keyring_are_reported_honestly(
        headless_json: Run) -> None:
    _, doc, _ = headless_json
    checks = {c["name"]: c for c in doc["checks"]}
    assert checks["not_elevated"]["status"] == ("fail" if ROOT else "pass")  # this machine: root
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        assert checks["keyring"]["status"] == "fail"  # no D-Bus session: keyring's fail backend
    assert checks["server_reachable"]["status"] == "warn"  # no server given


def test_human_output_is_a_plain_table_when_not_a_terminal() -> None:
    done = lockdown(["check"])
    assert done.returncode == 1
    assert "\033[" not in done.stdout
    assert "FAIL  Screens" in done.stdout
    assert "fix:" in done.stdout
    assert done.stderr == ""


def test_a_bad_configuration_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "exam.json"
    bad.write_text('{"startURL": ')
    done = lockdown(["check", str(bad)])
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and str(bad) in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("args", "words"), [
    (["check", "--yes"], "--yes only confirms --report"),
    (["check", "--report"], "--report needs an exam server"),
    (["check", "--server", "http://exam.example.org"], "plain http"),
    (["check", "--server", "ftp://exam.example.org"], "https"),
])
def test_bad_usage_is_one_line_and_exit_2(args: list[str], words: str) -> None:
    done = lockdown(args)
    assert done.returncode == 2, done.stderr
    assert words in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_an_unreachable_server_fails_the_network_checks() -> None:
    done = lockdown(["check", "--json", "--server", "http://127.0.0.1:9"],
                    env=headless_env())
    checks = {c["name"]: c for c in json.loads(done.stdout)["checks"]}
    assert done.returncode == 1
    for name in ("server_reachable", "download_speed", "clock_offset"):
        assert checks[name]["status"] == "fail"
    assert "not reachable" in checks["server_reachable"]["detail"]


FRENCH = {"LANG": "fr_FR.UTF-8"}


def test_a_french_student_reads_the_table_in_french() -> None:
    done = lockdown(["check"], env=headless_env(FRENCH))
    assert done.returncode == 1 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert any(line.startswith("ÉCHEC") and "Écrans" in line and "pas d'affichage" in line for line in lines)
    assert any(line.startswith("ATTENTION") and "Serveur d'examen" in line and "non vérifié" in line
               for line in lines)
    assert "à faire : lancez la vérification depuis une session de bureau graphique" in done.stdout
    assert "Cette machine ne peut pas passer l'examen en l'état" in done.stdout
    for english in ("FAIL", "PASS", "fix:", "Screens", "not checked", "This machine"):
        assert english not in done.stdout


def test_the_json_document_is_the_same_whatever_the_students_language(headless_json: Run) -> None:
    done = lockdown(["check", "--json"], env=headless_env(FRENCH))
    french = {c["name"]: c for c in json.loads(done.stdout)["checks"]}
    english = {c["name"]: c for c in headless_json[1]["checks"]}
    assert {n: c["detail_message"]["key"] for n, c in french.items()} == \
        {n: c["detail_message"]["key"] for n, c in english.items()}
    for name in ("display_server", "screens", "keyboard_blocking", "server_reachable"):  # nothing measured
        assert french[name] == english[name]
    assert french["screens"]["detail"].startswith("screens could not be counted: no display")
    assert french["screens"]["detail_message"] == {
        "key": "check.screens.uncounted", "values": {"reason": {"key": "probe.no_display", "values": {}}}}


@pytest.mark.parametrize(("args", "words"), [
    (["check", "--yes"], "--yes ne fait que confirmer --report"),
    (["check", "--server", "http://exam.example.org"], "n'est permis que pour les adresses de bouclage"),
    (["check", "/nonexistent/exam.seb"], "/nonexistent/exam.seb : fichier introuvable"),
])
def test_a_french_student_reads_bad_input_in_french(args: list[str], words: str) -> None:
    done = lockdown(args, env=headless_env(FRENCH))
    assert done.returncode == 2, done.stderr
    assert words in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
