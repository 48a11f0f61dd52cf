"""The table, the JSON document and the anonymous report, from made-up verdicts."""

from __future__ import annotations

import json

import pytest

from lockdown.compat.render import (
    SCHEMA_VERSION,
    render_json,
    render_report_preview,
    render_table,
    use_colour,
)
from lockdown.compat.report import Identity, build_report, clean_version
from lockdown.compat.result import Check
from lockdown.privacy import PrivacyViolation, allowed_fields
from lockdown.words import phrase

CHECKS = [
    Check("os", "pass", phrase("check.os.linux", system="linux debian 12", glibc="2.36")),
    Check("screens", "fail", phrase("check.screens.uncounted", reason=phrase("probe.no_display")),
          phrase("check.fix.desktop_session")),
    Check("prohibited_apps", "warn", phrase("check.apps.running_one", count=1),
          phrase("check.fix.close_apps"), local_only=("anydesk",)),
]
IDENTITY = Identity("linux", "debian 12", "x86_64", "6.12.0", "0.1.0")


@pytest.mark.parametrize(("tty", "env", "expected"), [
    (True, {}, True), (False, {}, False), (True, {"NO_COLOR": "1"}, False), (True, {"NO_COLOR": ""}, True),
])
def test_colour_only_on_a_terminal_without_no_color(tty: bool, env: dict[str, str], expected: bool) -> None:
    assert use_colour(tty, env) is expected


def test_table_has_one_line_per_check_fixes_and_local_names() -> None:
    text = render_table(CHECKS, "en", colour=False)
    assert "\033[" not in text
    lines = text.splitlines()
    assert lines[0].startswith("PASS") and "Operating system" in lines[0] and "(glibc 2.36)" in lines[0]
    assert any(line.startswith("FAIL") and "Screens" in line for line in lines)
    assert "fix: run the check from a graphical desktop session" in text
    assert "- anydesk" in text
    assert "1 passed, 1 warning(s), 1 failed" in text


def test_the_table_speaks_french_to_a_french_student() -> None:
    text = render_table(CHECKS, "fr", colour=False)
    lines = text.splitlines()
    assert lines[0].startswith("OK") and "Système d'exploitation" in lines[0]
    assert any(line.startswith("ÉCHEC") and "Écrans" in line and "pas d'affichage" in line for line in lines)
    assert "à faire : lancez la vérification depuis une session de bureau graphique" in text
    assert "- anydesk" in text
    assert "1 réussi(s), 1 avertissement(s), 1 échoué(s)" in text
    assert "fix:" not in text and "PASS" not in text


def test_coloured_table_colours_the_status() -> None:
    text = render_table(CHECKS, "en", colour=True)
    assert "\033[1;31mFAIL\033[0m" in text and "\033[32mPASS\033[0m" in text


def test_json_schema_is_stable_and_keeps_program_names_out() -> None:
    doc = json.loads(render_json(CHECKS, IDENTITY, "exam.json", None))
    assert doc["schema_version"] == SCHEMA_VERSION == 1
    assert set(doc) == {"schema_version", "lockdown_version", "system", "config", "server", "ok",
                        "summary", "checks"}
    assert doc["system"] == {"os_family": "linux", "os_version": "debian 12", "arch": "x86_64",
                             "qt_version": "6.12.0"}
    assert doc["ok"] is False
    assert doc["summary"] == {"pass": 1, "warn": 1, "fail": 1}
    assert doc["checks"][0] == {
        "name": "os", "status": "pass", "detail": "linux debian 12 (glibc 2.36)", "fix": None,
        "detail_message": {"key": "check.os.linux", "values": {"system": "linux debian 12", "glibc": "2.36"}},
        "fix_message": None}
    assert doc["checks"][1]["detail_message"] == {
        "key": "check.screens.uncounted", "values": {"reason": {"key": "probe.no_display", "values": {}}}}
    assert doc["checks"][1]["fix_message"] == {"key": "check.fix.desktop_session", "values": {}}
    assert "anydesk" not in json.dumps(doc)


def test_json_is_english_whatever_the_students_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    doc = json.loads(render_json(CHECKS, IDENTITY, None, None))
    assert doc["checks"][1]["detail"].startswith("screens could not be counted: no display")


def test_report_holds_only_manifest_fields_and_statuses() -> None:
    payload = build_report(IDENTITY, CHECKS)
    assert set(payload) == {"report_id", "os_family", "os_version", "arch", "qt_version",
                            "lockdown_version", "check.os", "check.screens", "check.prohibited_apps"}
    assert payload["check.screens"] == "fail"
    assert set(payload) - {f"check.{c.name}" for c in CHECKS} <= set(allowed_fields("compat_report"))
    text = json.dumps(payload)
    assert "anydesk" not in text and "no display" not in text and "desktop session" not in text
    assert "probe." not in text and "check.fix" not in text


def test_report_ids_are_fresh_each_time() -> None:
    assert build_report(IDENTITY, CHECKS)["report_id"] != build_report(IDENTITY, CHECKS)["report_id"]


def test_a_value_outside_the_manifest_cannot_be_reported() -> None:
    with pytest.raises(PrivacyViolation):
        build_report(Identity("linux", "host:alice-laptop", "x86_64", "6.12.0", "0.1.0"), CHECKS)


@pytest.mark.parametrize(("raw", "clean"), [
    ("debian 12", "debian 12"), ("ubuntu 24.04", "ubuntu 24.04"),
    ("opensuse-tumbleweed 20240301", "opensuse-tumbleweed 20240301"), ("arch (rolling)", "arch rolling"),
    ("", "unknown"), ("x" * 60, "x" * 40),
])
def test_versions_are_cleaned_to_the_manifest_alphabet(raw: str, clean: str) -> None:
    assert clean_version(raw) == clean


def test_preview_lists_every_field_sent() -> None:
    payload = build_report(IDENTITY, CHECKS, report_id="4a4f3d8e-8a1c-4e7b-9c39-0f2b8d7d2b11")
    for lang in ("en", "fr"):
        text = render_report_preview(payload, "http://127.0.0.1:1/api/compat-reports", lang)  # type: ignore[arg-type]
        for key, value in payload.items():
            assert f"{key}: {value}" in text
    assert "Nothing else is sent" in render_report_preview(payload, "http://x/", "en")
    assert "Rien d'autre n'est envoyé" in render_report_preview(payload, "http://x/", "fr")
