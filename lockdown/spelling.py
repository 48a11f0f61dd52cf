"""Spell checking in the exam's language (SEB's `allowSpellCheck`): which dictionaries, from where.

QtWebEngine checks spelling with Chromium's Hunspell dictionaries in its own format (`.bdic`,
made from a Hunspell `.dic`/`.aff` pair by Qt's `qwebengine_convert_dict`), read from one folder
named before the engine starts (`QTWEBENGINE_DICTIONARIES_PATH`). The folder is, first found:
the one the environment already names, the build's own (`lockdown/dictionaries`, written by
`tools/make_dictionaries.py` at build time), then the folders where Linux distributions put
QtWebEngine's dictionaries. No dictionary for the exam's language: no spell checking, said in
the log; the exam goes on. No Qt here: the front end sets the folder and the profile.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lockdown.i18n import Language

ENV = "QTWEBENGINE_DICTIONARIES_PATH"
BUILD_FOLDER = Path(__file__).resolve().parent / "dictionaries"
SYSTEM_FOLDERS = (
    Path("/usr/share/qt6/qtwebengine_dictionaries"),
    Path("/usr/lib/qt6/qtwebengine_dictionaries"),
    Path("/usr/lib64/qt6/qtwebengine_dictionaries"),
    Path("/usr/share/qt/qtwebengine_dictionaries"),
)
LANGUAGE_CODES: Mapping[Language, tuple[str, ...]] = {
    "fr": ("fr-FR", "fr", "fr-CA", "fr-BE", "fr-CH"),
    "en": ("en-US", "en-GB", "en", "en-CA", "en-AU"),
}
"""The dictionary names tried for each language, the most common first; the first found is used."""


@dataclass(frozen=True)
class Dictionaries:
    """Where the dictionaries are and which one the exam's language uses."""

    folder: Path
    languages: tuple[str, ...]


def candidate_folders(env: Mapping[str, str], build: Path = BUILD_FOLDER,
                      system: Sequence[Path] = SYSTEM_FOLDERS) -> list[Path]:
    """The folders looked in, in order."""
    named = [Path(env[ENV])] if env.get(ENV) else []
    return [*named, build, *system]


def find_dictionaries(lang: Language, folders: Sequence[Path]) -> Dictionaries | None:
    """The first folder holding a dictionary for `lang`, and its name there; None when none does."""
    for folder in folders:
        for code in LANGUAGE_CODES[lang]:
            if (folder / f"{code}.bdic").is_file():
                return Dictionaries(folder, (code,))
    return None
