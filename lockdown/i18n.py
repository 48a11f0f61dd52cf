"""The student's language: French or English, from the configuration or the system locale."""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from typing import Literal

Language = Literal["en", "fr"]
"""The languages lockdown speaks; every sentence the student reads exists in each."""
LANGUAGES: tuple[Language, ...] = ("en", "fr")


def system_language(env: Mapping[str, str] | None = None) -> Language:
    """French when the locale says so (LC_ALL, LC_MESSAGES, LANG, then Python's), else English."""
    environ = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    code = locale.getlocale()[0] or ""
    return "fr" if code.lower().startswith("fr") else "en"
