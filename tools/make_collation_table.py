"""Write lockdown/sebkeys/rootcollation.py: ICU root collation elements for the characters lockdown
sorts exactly as Moodle does (see lockdown/sebkeys/collation.py for the scope and the rest).

    python -m tools.make_collation_table        # needs the system's ICU (Debian: libicu-dev)

Characters with a canonical decomposition are left out: lockdown decomposes (NFD) before looking
up, and ICU gives a precomposed character the elements of its decomposition. Where that is not so
(a root contraction such as Cyrillic и + breve = й), the pair is listed.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from tools.icu_root import RootCollator

BLOCKS = (
    (0x0020, 0x007F, "Basic Latin"),
    (0x00A0, 0x0300, "Latin-1 Supplement, Latin Extended-A and -B, IPA, spacing modifier letters"),
    (0x0300, 0x0370, "Combining Diacritical Marks"),
    (0x0370, 0x0400, "Greek and Coptic"),
    (0x0400, 0x0530, "Cyrillic and Cyrillic Supplement"),
    (0x1D00, 0x1DC0, "Phonetic Extensions"),
    (0x1E00, 0x2000, "Latin Extended Additional, Greek Extended"),
    (0x2000, 0x2070, "General Punctuation"),
    (0x20A0, 0x20C1, "Currency Symbols"),
    (0x2C60, 0x2C80, "Latin Extended-C"),
    (0xA720, 0xA800, "Latin Extended-D"),
    (0xFF00, 0xFFF0, "Halfwidth and Fullwidth Forms"),
)
OUT = Path(__file__).resolve().parents[1] / "lockdown" / "sebkeys" / "rootcollation.py"
SKIP = {"Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp"}


def table(icu: RootCollator) -> dict[str, list[int]]:
    """Each scoped character (or contraction) and its ICU elements."""
    out: dict[str, list[int]] = {}
    for start, end, _ in BLOCKS:
        for cp in range(start, end):
            ch = chr(cp)
            if unicodedata.category(ch) in SKIP:
                continue
            nfd = unicodedata.normalize("NFD", ch)
            if nfd == ch:
                out[ch] = icu.elements(ch)
                continue
            joined = [ce for part in nfd for ce in icu.elements(part)]
            if icu.elements(nfd) != joined and len(nfd) == 2:
                out[nfd] = icu.elements(nfd)  # a contraction: the pair has its own elements
    return out


def render(icu: RootCollator, entries: dict[str, list[int]]) -> str:
    items = [f"{'+'.join(f'{ord(c):04X}' for c in key)}:{','.join(f'{ce:08x}' for ce in ces)}"
             for key, ces in entries.items()]
    lines = [""]
    for item in items:  # lines of at most 100 characters
        if len(lines[-1]) + len(item) < 100:
            lines[-1] = f"{lines[-1]} {item}".lstrip()
        else:
            lines.append(item)
    body = "\n".join(lines)
    blocks = "\n".join(f"    U+{s:04X}..U+{e - 1:04X} {name}" for s, e, name in BLOCKS)
    return (f'"""ICU {icu.version} root collation elements (tools/make_collation_table.py): do not edit.\n\n'
            "Scope (characters with a canonical decomposition are reached through it):\n"
            f"{blocks}\n\n"
            "Each entry is `CODEPOINT[+CODEPOINT]:ELEMENT,...`, an element as ICU's 32-bit form\n"
            "(primary 16 bits, secondary 8, tertiary 8 with the case bits; a continuation has 11 in the\n"
            'two top tertiary bits).\n"""\n\n'
            f'ICU_VERSION = "{icu.version}"\n\n'
            f'TABLE = """\n{body}\n"""\n')


def main() -> int:
    icu = RootCollator()
    OUT.write_text(render(icu, table(icu)), encoding="utf-8")
    print(f"wrote {OUT} from {icu.library}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
