"""SEB's reconfiguration keys, read from both formats and listed by --explain (not ignored)."""

from __future__ import annotations

import json

from lockdown.config import parse_config
from lockdown.config.explain import explain
from tests.config.helpers import native, plist_xml


def test_seb_reconfiguration_keys_are_read_and_not_ignored() -> None:
    config = parse_config(plist_xml(
        "<key>startURL</key><string>https://lms.example.org/q</string>"
        "<key>examSessionReconfigureAllow</key><true/>"
        "<key>examSessionReconfigureConfigURL</key><string> sebs://lms.example.org/* </string>"), "t.seb")
    assert config.allow_reconfiguration and config.reconfiguration_url == "sebs://lms.example.org/*"
    assert "examSessionReconfigureAllow" not in config.ignored_keys
    assert any("allowed for sebs://lms.example.org/*" in line for line in explain(config))


def test_reconfiguration_is_refused_unless_asked_for() -> None:
    config = parse_config(json.dumps(native()).encode(), "t.json")
    assert not config.allow_reconfiguration and config.reconfiguration_url == ""
    assert any(line.endswith("link in the exam: refused") for line in explain(config))
    on = parse_config(json.dumps(native(allow_reconfiguration=True)).encode(), "t.json")
    assert on.allow_reconfiguration
