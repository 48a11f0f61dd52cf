"""docs/ADMIN.md documents every check and the JSON schema the code prints."""

from __future__ import annotations

import re
from pathlib import Path

from lockdown.compat.render import SCHEMA_VERSION, TITLES

ADMIN = Path(__file__).resolve().parents[2] / "docs" / "ADMIN.md"


def test_every_check_is_in_the_admin_table_in_order() -> None:
    text = ADMIN.read_text(encoding="utf-8")
    section = text.split("### What `lockdown check` tests", 1)[1].split("\n### ", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)
    assert documented == list(TITLES)


def test_the_documented_schema_version_is_the_printed_one() -> None:
    text = ADMIN.read_text(encoding="utf-8")
    assert f"(schema version {SCHEMA_VERSION})" in text
    assert f'"schema_version": {SCHEMA_VERSION}' in text


def test_admin_guide_links_the_other_guides() -> None:
    text = ADMIN.read_text(encoding="utf-8")
    for doc in ("CONFIG.md", "INTEGRITY.md", "UNINSTALL.md", "PRIVACY.md"):
        assert f"]({doc})" in text
