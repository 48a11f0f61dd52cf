"""The student's language: French or English, from the configuration or the system locale."""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

from lockdown.privacy import Lang


def system_language(env: Mapping[str, str] | None = None) -> Lang:
    """French when the locale says so (LC_ALL, LC_MESSAGES, LANG, then Python's), else English."""
    environ = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    code = locale.getlocale()[0] or ""
    return "fr" if code.lower().startswith("fr") else "en"
