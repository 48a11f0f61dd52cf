"""Reasons come back from the logic as unsaid phrases; tests compare the sentence the student reads."""

from __future__ import annotations

from lockdown.words import Phrase


def english(reason: Phrase | None) -> str | None:
    """The English sentence of a reason, None when there is none."""
    return None if reason is None else reason.text("en")


def french(reason: Phrase | None) -> str | None:
    """The French sentence of a reason, None when there is none."""
    return None if reason is None else reason.text("fr")
