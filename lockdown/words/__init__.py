"""Every sentence the student reads, one module per language, and the one function that says it.

Logic never holds a sentence: it raises a typed error or returns a `Phrase` (a message key and
its values), and the edge (the CLI, the windows) makes the text in the student's language with
`say()`. `en.TEXT` and `fr.TEXT` hold the same keys with the same `{placeholders}` (a test keeps
them so). No Qt here: the CLI, the installer and the kiosk all use it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from lockdown.i18n import Language
from lockdown.words import en, fr


class Book(Protocol):
    """What each language module holds."""

    TEXT: Mapping[str, str]
    DECIMAL: str
    THOUSANDS: str
    SEPARATOR: str


BOOKS: Mapping[Language, Book] = {"en": en, "fr": fr}


@dataclass(frozen=True)
class Phrase:
    """A sentence not yet said: its key and the values of its placeholders.

    A value may itself be a Phrase (said in the same language) or a sequence of Phrases (said
    and joined with the language's `SEPARATOR`), so a reason found deep in the logic travels up
    unsaid.
    """

    key: str
    values: Mapping[str, object] = field(default_factory=dict, hash=False)

    def text(self, lang: Language) -> str:
        """The sentence in `lang`."""
        return say(lang, self.key, **self.values)


def phrase(key: str, /, **values: object) -> Phrase:
    """`Phrase(key, values)`, written like a call to `say()`."""
    return Phrase(key, values)


class _Formatter(string.Formatter):
    """`str.format`, with numbers written with the language's decimal and thousands marks."""

    def __init__(self, lang: Language) -> None:
        super().__init__()
        book = BOOKS[lang]
        self._lang = lang
        self._marks = str.maketrans({".": book.DECIMAL, ",": book.THOUSANDS})
        self._separator = book.SEPARATOR

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, Phrase):
            return value.text(self._lang)
        if isinstance(value, Sequence) and not isinstance(value, str) and value \
                and all(isinstance(v, Phrase) for v in value):
            return self._separator.join(v.text(self._lang) for v in value if isinstance(v, Phrase))
        text: str = super().format_field(value, format_spec)
        if isinstance(value, int | float) and not isinstance(value, bool):
            text = text.translate(self._marks)
        return text


def say(lang: Language, key: str, /, **values: object) -> str:
    """The sentence `key` in `lang`, its `{placeholders}` filled from `values`."""
    return _Formatter(lang).format(BOOKS[lang].TEXT[key], **values)


class PhraseError(Exception):
    """An error that carries what to tell the user as a Phrase; `str()` is the English sentence."""

    def __init__(self, key: str, /, **values: object) -> None:
        super().__init__(key)
        self.phrase = Phrase(key, values)

    def __str__(self) -> str:
        return self.phrase.text("en")
