"""The order Moodle gives Config Key dictionary keys: ICU's root collation, in pure Python.

Moodle sorts keys with PHP's `(new Collator('root'))->asort()`: the Unicode Collation Algorithm with
CLDR's root order, tertiary strength, punctuation not ignored. Keys compare by their base letters
first (`_` < `-` < `,` ... < `$` < digits < letters, `e` = `é` = `E`), then by accents, then by case
(lower case first), each over the whole key. Keys equal at all three levels keep their order.

Exact, from ICU's own collation elements (lockdown/sebkeys/rootcollation.py), for: ASCII, Latin
(Latin-1, Extended-A/B and Additional, with any combining accents), Greek, Cyrillic, general
punctuation and currency symbols, and decimal digits of every script. Other characters are placed
by rule, not by ICU's table: other punctuation, symbols and spaces before the digits, letters of
other scripts after Cyrillic, each group by code point; marks outside the table as accents.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from lockdown.sebkeys.rootcollation import TABLE

Element = tuple[int, int, int]
"""One collation element: primary, secondary, tertiary weight (0: none at that level)."""

SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]

_CONTINUATION = 0xC0
_CODE_SPACE = 0x110000
_COMMON = 0x0500  # ICU's common secondary and tertiary weight, widened like every weight here


def _decode(raw: list[int]) -> tuple[Element, ...]:
    """ICU 32-bit elements, continuations merged into their element, as comparable integers.

    Primaries get 21 spare low bits so that rule-placed characters fit between ICU's weights.
    """
    out: list[list[int]] = []
    for ce in raw:
        p, s, t = ce >> 16, (ce >> 8) & 0xFF, ce & 0xFF
        if t & _CONTINUATION == _CONTINUATION and out:
            out[-1] = [out[-1][0] | p, out[-1][1] | s, out[-1][2] | (t & 0x3F)]
        else:
            out.append([p << 16, s << 8, (t & 0x3F) << 8])  # case bits off: no caseFirst
    return tuple((p << 21, s, t) for p, s, t in out)


def _load() -> dict[str, tuple[Element, ...]]:
    table = {}
    for entry in TABLE.split():
        chars, _, elements = entry.partition(":")
        key = "".join(chr(int(c, 16)) for c in chars.split("+"))
        table[key] = _decode([int(e, 16) for e in elements.split(",")])
    return table


_TABLE = _load()
_ZERO = _TABLE["0"][0][0]


def _by_rule(ch: str) -> tuple[Element, ...]:
    """Elements for a character outside the table (see the module docstring)."""
    if (digit := unicodedata.decimal(ch, None)) is not None:
        return _TABLE[str(digit)]
    category = unicodedata.category(ch)
    if category[0] == "M":
        return ((0, 0xFF00, _COMMON),)
    if category[0] in "PSZ":
        return ((_ZERO - _CODE_SPACE + ord(ch), _COMMON, _COMMON),)
    return (((0xFFFFFFFF << 21) + ord(ch), _COMMON, _COMMON),)


def _elements(text: str) -> list[Element]:
    # Each character decomposed on its own, accents kept in the order written: ICU with its default
    # normalization off reads them so (a full NFD would reorder stacked accents).
    chars = "".join(unicodedata.normalize("NFD", ch) for ch in text)
    out: list[Element] = []
    i = 0
    while i < len(chars):
        pair = chars[i:i + 2]
        if len(pair) == 2 and pair in _TABLE:  # a contraction, such as и + breve
            out.extend(_TABLE[pair])
            i += 2
            continue
        out.extend(_TABLE.get(chars[i]) or _by_rule(chars[i]))
        i += 1
    return out


@lru_cache(maxsize=4096)
def sort_key(key: str) -> SortKey:
    """A value that orders dictionary keys as Moodle's `Collator('root')` does."""
    elements = _elements(key)
    return (tuple(p for p, _, _ in elements if p),
            tuple(s for _, s, _ in elements if s),
            tuple(t for _, _, t in elements if t))
