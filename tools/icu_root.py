"""ICU's root collator, the one Moodle sorts Config Key dictionaries with, reached through ctypes.

PHP's `new Collator('root')` is this collator with its defaults (tertiary strength, punctuation not
ignored). The system's ICU library is the independent source: the tests compare lockdown's own
collation with it, and tools/make_collation_table.py reads its collation elements. Nothing here is
needed at run time.
"""

from __future__ import annotations

import ctypes
import functools
import glob
import re
from collections.abc import Iterable
from typing import Any

_LIB_PATTERNS = ("/usr/lib/*-linux-gnu/libicui18n.so.[0-9]*", "/usr/lib64/libicui18n.so.[0-9]*",
                 "/usr/lib/libicui18n.so.[0-9]*")


class IcuMissing(RuntimeError):
    """The system has no ICU library (Debian: `apt-get install libicu-dev`)."""


class RootCollator:
    """`Collator('root')` with ICU's default attributes."""

    def __init__(self) -> None:
        paths = sorted({p for pattern in _LIB_PATTERNS for p in glob.glob(pattern)
                        if re.search(r"\.so\.\d+$", p)})
        if not paths:
            raise IcuMissing("no libicui18n found: install ICU (Debian: apt-get install libicu-dev)")
        self.library = paths[-1]
        lib = ctypes.CDLL(self.library)
        version = re.search(r"\.so\.(\d+)$", self.library).group(1)  # type: ignore[union-attr]
        self.version = version

        def fn(name: str, restype: object, *argtypes: object) -> Any:
            f = getattr(lib, f"{name}_{version}")
            f.restype, f.argtypes = restype, list(argtypes)
            return f

        err_p = ctypes.POINTER(ctypes.c_int)
        self._strcoll = fn("ucol_strcollUTF8", ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p,
                           ctypes.c_int32, ctypes.c_char_p, ctypes.c_int32, err_p)
        self._open_elements = fn("ucol_openElements", ctypes.c_void_p, ctypes.c_void_p,
                                 ctypes.c_char_p, ctypes.c_int32, err_p)
        self._next = fn("ucol_next", ctypes.c_int32, ctypes.c_void_p, err_p)
        self._close_elements = fn("ucol_closeElements", None, ctypes.c_void_p)
        open_collator = fn("ucol_open", ctypes.c_void_p, ctypes.c_char_p, err_p)
        err = ctypes.c_int(0)
        self._collator = open_collator(b"root", ctypes.byref(err))
        if err.value > 0 or not self._collator:
            raise IcuMissing(f"ucol_open('root') failed with ICU error {err.value}")

    def compare(self, a: str, b: str) -> int:
        """-1, 0 or 1, as PHP's Collator::compare answers for two strings."""
        x, y = a.encode("utf-8"), b.encode("utf-8")
        err = ctypes.c_int(0)
        result = self._strcoll(self._collator, x, len(x), y, len(y), ctypes.byref(err))
        if err.value > 0:
            raise ValueError(f"ICU error {err.value} comparing {a!r} and {b!r}")
        return int(result)

    def sorted(self, items: Iterable[str]) -> list[str]:
        """`items` in the order `Collator('root')->asort()` gives them (a stable sort)."""
        return sorted(items, key=functools.cmp_to_key(self.compare))

    def elements(self, text: str) -> list[int]:
        """ICU's 32-bit collation elements for `text` (continuations included, as ucol_next gives them)."""
        utf16 = text.encode("utf-16-le")
        err = ctypes.c_int(0)
        it = self._open_elements(self._collator, utf16, len(utf16) // 2, ctypes.byref(err))
        out: list[int] = []
        try:
            while True:
                ce = self._next(it, ctypes.byref(err))
                if ce == -1:  # UCOL_NULLORDER
                    return out
                out.append(ce & 0xFFFFFFFF)
        finally:
            self._close_elements(it)
