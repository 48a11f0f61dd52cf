"""Config Key order: lockdown sorts dictionary keys exactly as Moodle's `Collator('root')` does.

The expected orders come from the system's ICU library (the collator PHP's intl uses), called
through ctypes, never from lockdown's own table.
"""

from __future__ import annotations

import json
import random
import unicodedata

import pytest

from lockdown.sebkeys.configkey import canonical_json, sort_key
from tools.icu_root import IcuMissing, RootCollator
from tools.make_collation_table import BLOCKS

NOT_TEXT = {"Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp"}


@pytest.fixture(scope="module")
def icu() -> RootCollator:
    try:
        return RootCollator()
    except IcuMissing as e:
        pytest.fail(f"the test's reference is missing: {e}")


def scope_characters() -> list[str]:
    chars = [chr(c) for start, end, _ in BLOCKS for c in range(start, end)
             if unicodedata.category(chr(c)) not in NOT_TEXT]
    digits = [chr(c) for c in range(0x110000)
              if unicodedata.category(chr(c)) == "Nd" and not unicodedata.decomposition(chr(c))]
    return chars + digits


def test_ascii_punctuation_digits_and_letters_sort_as_icu_root(icu: RootCollator) -> None:
    printable = [chr(c) for c in range(0x20, 0x7F)]
    expected = icu.sorted(printable)
    assert "".join(expected) == (" _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789"
                                 "aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ")
    assert sorted(printable, key=sort_key) == expected


@pytest.mark.parametrize("keys", [
    ["allowWLAN", "allowWlan", "Allow", "allowA"],          # case is the last difference looked at
    ["a-c", "ab", "a_c", "a1", "a.c"],                      # punctuation counts, and before digits
    ["eb", "éa", "Eb", "ea", "ÉA", "e\u0301b"],             # accents after base letters
    ["ss", "ß", "st", "sS", "SS"],
    ["10", "9", "٣", "3", "²", "١٠"],                       # digit by digit, any script, not numeric
    ["ø", "o", "oz", "p", "æ", "ae", "af", "œ", "oe"],
    ["й", "и", "ий", "ик", "Й", "и\u0306"],                 # a root contraction
    ["Ωμέγα", "ωμεγα", "Ямщик", "ямщик", "zebra", "Ärger"],
    ["start_url", "startURL", "start-url", "starts", "start url", "start.url"],
])
def test_keys_with_accents_case_digits_and_punctuation_sort_as_icu_root(
        icu: RootCollator, keys: list[str]) -> None:
    assert sorted(keys, key=sort_key) == icu.sorted(keys)
    assert list(json.loads(canonical_json(dict.fromkeys(keys, 0)))) == icu.sorted(keys)


def test_random_keys_from_the_whole_scope_sort_as_icu_root(icu: RootCollator) -> None:
    rng = random.Random(20240601)
    alphabet = scope_characters()
    in_scope = set(alphabet)
    for _ in range(400):
        words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(40)]
        words += [w[:-1] for w in words[10:20]]
        words += [w.swapcase() for w in words[:10] if set(w.swapcase()) <= in_scope]
        assert sorted(words, key=sort_key) == icu.sorted(words)


def test_keys_equal_to_the_collator_keep_their_order(icu: RootCollator) -> None:
    # ASCII and Arabic-Indic digits are equal at every level root compares: PHP's stable sort
    # keeps the plist's order, and so does lockdown.
    assert icu.compare("3", "٣") == 0
    assert canonical_json({"٣": 1, "3": 2}) == '{"٣":1,"3":2}'
    assert canonical_json({"3": 2, "٣": 1}) == '{"3":2,"٣":1}'
