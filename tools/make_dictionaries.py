"""Make the spell-checking dictionaries the build ships: French and English, in QtWebEngine's format.

QtWebEngine reads Chromium's `.bdic` dictionaries only; Qt's `qwebengine_convert_dict` (Debian:
qt6-webengine-dev-tools) makes them from the system's Hunspell ones (hunspell-fr,
hunspell-en-us). The build writes them to `lockdown/dictionaries/`, which the bundle carries and
`lockdown.spelling` looks in first. Missing tools or sources are told, not fatal: the build then
has no dictionaries of its own and uses the system's, if any.

    python -m tools.make_dictionaries [DEST]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

CONVERTERS = (Path("/usr/lib/qt6/libexec/qwebengine_convert_dict"),
              Path("/usr/lib64/qt6/libexec/qwebengine_convert_dict"))
HUNSPELL = (Path("/usr/share/hunspell"), Path("/usr/share/myspell"))
WANTED = {"fr-FR": "fr_FR", "en-US": "en_US"}
"""The dictionary lockdown looks for (lockdown.spelling.LANGUAGE_CODES) -> the Hunspell name."""
DEST = Path(__file__).resolve().parents[1] / "lockdown" / "dictionaries"


def converter() -> Path | None:
    found = next((c for c in CONVERTERS if c.exists()), None)
    on_path = shutil.which("qwebengine_convert_dict")
    return found or (Path(on_path) if on_path else None)


def make(dest: Path = DEST) -> list[str]:
    """Convert what is there; returns one line per dictionary made or missing."""
    tool = converter()
    if tool is None:
        return ["no qwebengine_convert_dict (Debian: qt6-webengine-dev-tools): no dictionaries built"]
    dest.mkdir(parents=True, exist_ok=True)
    said = []
    for name, hunspell in WANTED.items():
        source = next((f / f"{hunspell}.dic" for f in HUNSPELL if (f / f"{hunspell}.dic").exists()), None)
        if source is None:
            said.append(f"{name}: no {hunspell}.dic in {', '.join(map(str, HUNSPELL))}")
            continue
        subprocess.run([str(tool), str(source), str(dest / f"{name}.bdic")], check=True,
                       capture_output=True, timeout=300)
        said.append(f"{name}: made from {source}")
    return said


def main(argv: list[str]) -> int:
    for line in make(Path(argv[0]) if argv else DEST):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
