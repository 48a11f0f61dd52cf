"""How check results are shown: a table for people, a versioned JSON document for scripts.

The table speaks the student's language; the JSON document never changes with it: each check's
`detail` and `fix` are the English sentences, and `detail_message` / `fix_message` give their
message keys and values (`lockdown.words`) for scripts that must not parse sentences. The schema
is documented in docs/ADMIN.md; bump SCHEMA_VERSION on any incompatible change.
`local_only` details (names of running programs) appear in the table and never in JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from lockdown.compat.report import Identity
from lockdown.compat.result import Check, Status, all_passed_or_warned, counts
from lockdown.i18n import Language
from lockdown.words import Phrase, say

SCHEMA_VERSION = 1

TITLES: Mapping[str, str] = {
    "os": "check.title.os",
    "arch": "check.title.arch",
    "memory": "check.title.memory",
    "disk": "check.title.disk",
    "display_server": "check.title.display_server",
    "screens": "check.title.screens",
    "webengine": "check.title.webengine",
    "keyboard_blocking": "check.title.keyboard_blocking",
    "keyring": "check.title.keyring",
    "not_elevated": "check.title.not_elevated",
    "virtual_machine": "check.title.virtual_machine",
    "remote_session": "check.title.remote_session",
    "prohibited_apps": "check.title.prohibited_apps",
    "server_reachable": "check.title.server_reachable",
    "download_speed": "check.title.download_speed",
    "clock_offset": "check.title.clock_offset",
}
"""Every check's name, in the order they run, and the message key of its title."""

_LABELS: Mapping[Status, str] = {"pass": "check.status.pass", "warn": "check.status.warn",
                                 "fail": "check.status.fail"}
_COLOURS: Mapping[Status, str] = {"pass": "\033[32m", "warn": "\033[33m", "fail": "\033[1;31m"}
_RESET = "\033[0m"


def use_colour(is_tty: bool, env: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org)."""
    return is_tty and not env.get("NO_COLOR")


def render_table(checks: Sequence[Check], lang: Language, colour: bool) -> str:
    """One line per check (status, title, detail), the fix indented below anything not passed."""
    titles = [say(lang, TITLES[c.name]) for c in checks]
    width = max((len(t) for t in titles), default=0)
    labels = {status: say(lang, key) for status, key in _LABELS.items()}
    pad = max(len(label) for label in labels.values())
    lines = []
    for c, title in zip(checks, titles, strict=True):
        label = labels[c.status].ljust(pad)
        if colour:
            label = f"{_COLOURS[c.status]}{label}{_RESET}"
        lines.append(f"{label}  {title.ljust(width)}  {c.detail.text(lang)}")
        lines += [f"{'':{pad}}  {'':{width}}    - {item}" for item in c.local_only]
        if c.fix and c.status != "pass":
            lines.append(f"{'':{pad}}  {'':{width}}  {say(lang, 'check.table.fix', fix=c.fix)}")
    n = counts(checks)
    verdict = say(lang, "check.table.can_sit" if all_passed_or_warned(checks) else "check.table.cannot_sit")
    lines += ["", say(lang, "check.table.summary", passed=n["pass"], warned=n["warn"], failed=n["fail"],
                      verdict=verdict)]
    return "\n".join(lines) + "\n"


def unsaid(p: Phrase) -> dict[str, object]:
    """A phrase as JSON: its message key and its values (nested phrases the same way)."""
    def value(v: object) -> object:
        if isinstance(v, Phrase):
            return unsaid(v)
        if isinstance(v, list | tuple):
            return [value(x) for x in v]
        return v if isinstance(v, str | int | float | bool) or v is None else str(v)
    return {"key": p.key, "values": {k: value(v) for k, v in p.values.items()}}


def render_json(checks: Sequence[Check], identity: Identity,
                config: str | None, server: str | None) -> str:
    """The `--json` document (schema version SCHEMA_VERSION, see docs/ADMIN.md), whatever the locale."""
    doc = {
        "schema_version": SCHEMA_VERSION,
        "lockdown_version": identity.lockdown_version,
        "system": {k: v for k, v in asdict(identity).items() if k != "lockdown_version"},
        "config": config,
        "server": server,
        "ok": all_passed_or_warned(checks),
        "summary": counts(checks),
        "checks": [{"name": c.name, "status": c.status, "detail": c.detail.text("en"),
                    "fix": c.fix.text("en") if c.fix else None,
                    "detail_message": unsaid(c.detail), "fix_message": unsaid(c.fix) if c.fix else None}
                   for c in checks],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_report_preview(payload: Mapping[str, object], url: str, lang: Language) -> str:
    """Exactly what `--report` will send, field by field, before the student agrees."""
    lines = [say(lang, "check.report.preview", url=url), ""]
    lines += [f"  {key}: {value}" for key, value in payload.items()]
    lines += ["", say(lang, "check.report.nothing_else")]
    return "\n".join(lines) + "\n"
