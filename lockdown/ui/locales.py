"""Chromium's own words in an exam page (form messages, date pickers) in the student's language.

The built bundle keeps Chromium's locale files for the languages lockdown speaks and packs every
other one into one archive next to them (tools/bundle_rules.py): 7.5 MB instead of 43. When the
system speaks another language, its files are unpacked into the session's temporary folder (removed
at the end), beside links to the kept ones (English is Chromium's fallback), and QtWebEngine is
pointed there before it starts. Run from source, every locale file is there already.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale

log = logging.getLogger(__name__)

ARCHIVE_NAME = "qtwebengine_locales-more.zip"
LOCALES_DIR = "qtwebengine_locales"
LOCALES_VARIABLE = "QTWEBENGINE_LOCALES_PATH"


def wanted(archive_names: list[str], bcp47: str) -> list[str]:
    """The archived files Chromium may pick for a locale such as "de-DE": every one of its language
    ("pt" gives pt-BR and pt-PT, "zh-HK" gives zh-CN and zh-TW), since Chromium maps the regions."""
    language = bcp47.replace("_", "-").split("-")[0].lower()
    return sorted(n for n in archive_names
                  if n.endswith(".pak") and n.removesuffix(".pak").split("-")[0].lower() == language)


def unpack_locales(translations: Path, bcp47: str, into: Path) -> Path | None:
    """A folder with the kept locale files and those of `bcp47`'s language, or None when the kept
    files already cover it (or there is no archive: a source run has every file)."""
    archive = translations / ARCHIVE_NAME
    kept = translations / LOCALES_DIR
    if not archive.is_file():
        return None
    with zipfile.ZipFile(archive) as packed:
        names = wanted(packed.namelist(), bcp47)
        if not names:
            return None  # one of lockdown's languages (kept as files) or one Chromium lacks
        folder = Path(tempfile.mkdtemp(prefix="locales-", dir=into))
        for name in names:
            (folder / name).write_bytes(packed.read(name))
    for present in sorted(kept.glob("*.pak")):
        shutil.copyfile(present, folder / present.name)
    return folder


def use_student_locale() -> None:
    """Point QtWebEngine at the student's locale files if they must be unpacked (before it starts)."""
    # The session's own temporary folder, removed at the end (lockdown.tracefree sets these;
    # tempfile.gettempdir() may still hold the value it cached before).
    session_tmp = os.environ.get("TMPDIR") or os.environ.get("TEMP")
    if os.environ.get(LOCALES_VARIABLE) or not session_tmp:
        return  # chosen by whoever started lockdown, or no session folder to unpack into
    translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    bcp47 = QLocale.system().bcp47Name()
    try:
        folder = unpack_locales(translations, bcp47, Path(session_tmp))
    except (OSError, zipfile.BadZipFile) as exc:  # Chromium then falls back to English
        log.warning("locale files for %s could not be unpacked: %s", bcp47, exc)
        return
    if folder is not None:
        os.environ[LOCALES_VARIABLE] = str(folder)
        log.debug("Chromium locale files for %s unpacked in %s", bcp47, folder)
