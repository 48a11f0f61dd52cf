"""How check results are shown: a table for people, a versioned JSON document for scripts.

The JSON schema is documented in docs/ADMIN.md; bump SCHEMA_VERSION on any incompatible change.
`local_only` details (names of running programs) appear in the table and never in JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from lockdown.compat.report import Identity
from lockdown.compat.result import Check, Status, all_passed_or_warned, counts

SCHEMA_VERSION = 1

TITLES: Mapping[str, str] = {
    "os": "Operating system",
    "arch": "Processor",
    "memory": "Free memory",
    "disk": "Free disk space",
    "display_server": "Display server",
    "screens": "Screens",
    "webengine": "Browser engine",
    "keyboard_blocking": "Keyboard blocking",
    "keyring": "System keyring",
    "not_elevated": "Ordinary user",
    "virtual_machine": "Virtual machine",
    "remote_session": "Remote session",
    "prohibited_apps": "Prohibited programs",
    "server_reachable": "Exam server",
    "download_speed": "Download speed",
    "clock_offset": "Clock",
}

_COLOURS: Mapping[Status, str] = {"pass": "\033[32m", "warn": "\033[33m", "fail": "\033[1;31m"}
_RESET = "\033[0m"


def use_colour(is_tty: bool, env: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org)."""
    return is_tty and not env.get("NO_COLOR")


def render_table(checks: Sequence[Check], colour: bool) -> str:
    """One line per check (status, title, detail), the fix indented below anything not passed."""
    width = max((len(TITLES.get(c.name, c.name)) for c in checks), default=0)
    lines = []
    for c in checks:
        label = c.status.upper().ljust(4)
        if colour:
            label = f"{_COLOURS[c.status]}{label}{_RESET}"
        lines.append(f"{label}  {TITLES.get(c.name, c.name).ljust(width)}  {c.detail}")
        lines += [f"{'':4}  {'':{width}}    - {item}" for item in c.local_only]
        if c.fix and c.status != "pass":
            lines.append(f"{'':4}  {'':{width}}  fix: {c.fix}")
    n = counts(checks)
    verdict = ("This machine can sit the exam." if all_passed_or_warned(checks)
               else "This machine cannot sit the exam as it is: see the fixes above.")
    lines += ["", f"{n['pass']} passed, {n['warn']} warning(s), {n['fail']} failed. {verdict}"]
    return "\n".join(lines) + "\n"


def render_json(checks: Sequence[Check], identity: Identity,
                config: str | None, server: str | None) -> str:
    """The `--json` document (schema version SCHEMA_VERSION, see docs/ADMIN.md)."""
    doc = {
        "schema_version": SCHEMA_VERSION,
        "lockdown_version": identity.lockdown_version,
        "system": {k: v for k, v in asdict(identity).items() if k != "lockdown_version"},
        "config": config,
        "server": server,
        "ok": all_passed_or_warned(checks),
        "summary": counts(checks),
        "checks": [{"name": c.name, "status": c.status, "detail": c.detail, "fix": c.fix or None}
                   for c in checks],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_report_preview(payload: Mapping[str, object], url: str) -> str:
    """Exactly what `--report` will send, field by field, before the student agrees."""
    lines = [f"lockdown check --report will send exactly this to {url}:", ""]
    lines += [f"  {key}: {value}" for key, value in payload.items()]
    lines += ["", "Nothing else is sent: no names, no addresses, no details of the checks."]
    return "\n".join(lines) + "\n"
