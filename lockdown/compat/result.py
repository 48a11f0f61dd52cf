"""The verdict of one check, and how a list of verdicts is summed up."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from lockdown.words import Phrase

Status = Literal["pass", "warn", "fail"]
STATUSES: tuple[Status, ...] = ("pass", "warn", "fail")


@dataclass(frozen=True)
class Check:
    """One check's verdict.

    `name` is a stable identifier (`[a-z_]+`, used as the key of the anonymous report),
    `detail` says what was found, `fix` is a one-line remedy (None when there is nothing to fix),
    both unsaid (`lockdown.words`): the table says them in the student's language, the JSON
    document keeps their keys and values. `local_only` holds details shown to the student on
    screen and never printed as JSON or sent (the names of running prohibited programs).
    """

    name: str
    status: Status
    detail: Phrase
    fix: Phrase | None = None
    local_only: tuple[str, ...] = ()


def counts(checks: Iterable[Check]) -> dict[Status, int]:
    """How many checks passed, warned and failed."""
    out: dict[Status, int] = {s: 0 for s in STATUSES}
    for c in checks:
        out[c.status] += 1
    return out


def all_passed_or_warned(checks: Iterable[Check]) -> bool:
    """True when no check failed: warnings are for the student to read, not a reason to refuse."""
    return all(c.status != "fail" for c in checks)
