"""The privacy manifest is the only thing payloads can be built from, and the docs match it."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from lockdown.privacy import EVENT_TYPES, PrivacyViolation, build_payload, render_document

REPO = Path(__file__).resolve().parents[2]


def test_an_event_with_listed_fields_is_built() -> None:
    eid = str(uuid.uuid4())
    assert build_payload("event", {"event_id": eid, "type": "focus_lost", "t": 12}) == {
        "event_id": eid, "type": "focus_lost", "t": 12}


@pytest.mark.parametrize("values", [
    {"type": "focus_lost", "window_title": "Firefox"},
    {"type": "keylogged"},
    {"type": "focus_lost", "t": "12 ; rm"},
    {"event_id": "not-a-uuid"},
    {"t": True},
])
def test_anything_outside_the_manifest_is_refused(values: dict[str, object]) -> None:
    with pytest.raises(PrivacyViolation):
        build_payload("event", values)


def test_unknown_message_is_refused() -> None:
    with pytest.raises(PrivacyViolation):
        build_payload("telemetry", {})


def test_compat_report_checks_are_status_only() -> None:
    assert build_payload("compat_report", {"check.keyring": "pass"}) == {"check.keyring": "pass"}
    with pytest.raises(PrivacyViolation):
        build_payload("compat_report", {"check.processes": "firefox"})


def test_every_event_type_is_documented_in_both_languages() -> None:
    doc = render_document()
    for t in EVENT_TYPES:
        assert t in doc
    assert "Never collected" in doc and "Jamais collecté" in doc


def test_docs_privacy_md_is_generated_from_the_code() -> None:
    r = subprocess.run([sys.executable, "-m", "lockdown", "privacy", "--markdown"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0
    assert (REPO / "docs" / "PRIVACY.md").read_text(encoding="utf-8") == r.stdout


def test_privacy_command_follows_the_locale() -> None:
    import os
    env = dict(os.environ, LC_ALL="fr_FR.UTF-8")
    r = subprocess.run([sys.executable, "-m", "lockdown", "privacy"], capture_output=True, text=True,
                       env=env, timeout=60)
    assert "Jamais collecté" in r.stdout
