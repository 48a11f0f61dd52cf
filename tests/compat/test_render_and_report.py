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

CHECKS = [
    Check("os", "pass", "linux debian 12"),
    Check("screens", "fail", "screens could not be counted: no display", "run from a desktop session"),
    Check("prohibited_apps", "warn", "1 prohibited program running", "close it", local_only=("anydesk",)),
]
IDENTITY = Identity("linux", "debian 12", "x86_64", "6.12.0", "0.1.0")


@pytest.mark.parametrize(("tty", "env", "expected"), [
    (True, {}, True), (False, {}, False), (True, {"NO_COLOR": "1"}, False), (True, {"NO_COLOR": ""}, True),
])
def test_colour_only_on_a_terminal_without_no_color(tty: bool, env: dict[str, str], expected: bool) -> None:
    assert use_colour(tty, env) is expected


def test_table_has_one_line_per_check_fixes_and_local_names() -> None:
    text = render_table(CHECKS, colour=False)
    assert "\033[" not in text
    lines = text.splitlines()
    assert lines[0].startswith("PASS") and "Operating system" in lines[0]
    assert any(line.startswith("FAIL") and "Screens" in line for line in lines)
    assert "fix: run from a desktop session" in text
    assert "- anydesk" in text
    assert "1 passed, 1 warning(s), 1 failed" in text


def test_coloured_table_colours_the_status() -> None:
    text = render_table(CHECKS, colour=True)
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
    assert doc["checks"][0] == {"name": "os", "status": "pass", "detail": "linux debian 12", "fix": None}
    assert "anydesk" not in json.dumps(doc)


def test_report_holds_only_manifest_fields_and_statuses() -> None:
    payload = build_report(IDENTITY, CHECKS)
    assert set(payload) == {"report_id", "os_family", "os_version", "arch", "qt_version",
                            "lockdown_version", "check.os", "check.screens", "check.prohibited_apps"}
    assert payload["check.screens"] == "fail"
    assert set(payload) - {f"check.{c.name}" for c in CHECKS} <= set(allowed_fields("compat_report"))
    text = json.dumps(payload)
    assert "anydesk" not in text and "no display" not in text and "desktop session" not in text


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
    text = render_report_preview(payload, "http://127.0.0.1:1/api/compat-reports")
    for key, value in payload.items():
        assert f"{key}: {value}" in text
