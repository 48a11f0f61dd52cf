"""One place makes user text: lockdown/words holds every sentence, in English and French.

The checks here read the source (with `ast`), not lockdown's own lists: every key in both
languages with the same placeholders, every key the code names exists and every key is named
somewhere, and no sentence is left in a string literal outside lockdown/words.
"""

from __future__ import annotations

import ast
import itertools
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from lockdown.errors import ConfigError, UsageError
from lockdown.words import Phrase, en, fr, phrase, say

LOCKDOWN = Path(__file__).resolve().parents[2] / "lockdown"
WORDS = LOCKDOWN / "words"


def placeholders(text: str) -> set[tuple[str, str]]:
    """The `{name:spec}` fields of a format string, read with the standard library's parser."""
    return {(name, spec or "") for _, name, spec, _ in string.Formatter().parse(text) if name is not None}


def test_every_key_is_in_both_languages_with_the_same_placeholders() -> None:
    assert set(en.TEXT) == set(fr.TEXT)
    for key in en.TEXT:
        assert placeholders(en.TEXT[key]) == placeholders(fr.TEXT[key]), key


# Sentences that read the same in both languages: names, codes and pure placeholders.
SAME_IN_BOTH = {
    "message.a11y", "task.error.title", "privacy.heading.protection", "integrity.what.signature",
    "reason.vm.systemd", "reason.vm.named", "reason.remote.apple_remote_desktop", "check.display.x11",
    "check.os.linux", "check.os.windows", "check.os.macos", "check.keyring.secret_service",
    "check.keyring.libsecret", "check.keyring.kwallet", "check.keyring.other", "check.keyring.list",
    "uninstall.item", "uninstall.why.cache", "install.step.copy", "config.type.plist.bytes", "reason.list",
    "taskbar.wifi", "taskbar.wifi.network", "taskbar.volume",
}


def test_the_french_text_is_french_not_a_copy_of_the_english() -> None:
    same = {key for key in en.TEXT if en.TEXT[key] == fr.TEXT[key]}
    assert same == SAME_IN_BOTH


def test_french_sentences_use_french_punctuation() -> None:
    for key, text in fr.TEXT.items():
        words = re.sub(r"\S+://\S*|\{[^}]*\}|\[[a-z]/N\]", "", text)  # URLs, placeholders, [o/N]
        assert not re.search(r"\w[;:?!]", words), (key, text)  # « mot : », « mot ; », « mot ? »


def _literals(tree: ast.AST) -> Iterator[ast.Constant]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node


def _sources() -> Iterator[tuple[Path, ast.AST]]:
    for path in sorted(LOCKDOWN.rglob("*.py")):
        if WORDS not in path.parents:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


KEY_SHAPE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")


def test_every_key_the_code_names_exists_and_every_key_is_used() -> None:
    namespaces = {key.split(".")[0] for key in en.TEXT}
    named: dict[str, str] = {}
    for path, tree in _sources():
        for node in _literals(tree):
            if KEY_SHAPE.fullmatch(node.value) and node.value.split(".")[0] in namespaces:
                named.setdefault(node.value, f"{path.relative_to(LOCKDOWN.parent)}:{node.lineno}")
    missing = {key: where for key, where in named.items() if key not in en.TEXT}
    assert missing == {}
    assert sorted(set(en.TEXT) - set(named)) == []  # a key nobody names is dead text


# --- no sentence outside lockdown/words ---------------------------------------------------------

STOPWORDS = {
    "the", "an", "is", "are", "not", "no", "to", "of", "and", "or", "cannot", "can", "could", "be", "was",
    "will", "with", "from", "in", "on", "for", "this", "that", "must", "only", "it", "its", "as", "by", "at",
    "than", "into", "your", "you", "le", "la", "les", "de", "des", "du", "pas", "ne", "est", "sont", "une",
    "un", "et", "ou", "pour", "dans", "sur", "au", "aux", "votre", "vous",
}
ACCENTED = re.compile(r"[àâçéèêëîïôûùüÿœÀÂÇÉÈÊËÎÏÔÛÙÜŒ]")
WORD = re.compile(r"[A-Za-zÀ-ÿ']+")
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}
HELP_KEYWORDS = {"help", "description", "metavar", "epilog", "usage"}
BUG_ERRORS = {"ValueError", "TypeError", "RuntimeError", "AssertionError", "KeyError", "OSError",
              "NotImplementedError", "PrivacyViolation"}
"""Exceptions that mean a bug in lockdown or a failing OS call: for developers, never said to a student."""

NOT_FOR_THE_STUDENT = {
    ("cli.py", "COMMANDS"): "the subcommands' `--help` summaries: help is English, like argparse's own",
    ("commands/demo.py", "BANNER"): "the line the server stub prints when it starts, read by the program",
    ("guard/applists.py", "PROHIBITED"): "category labels of the table of programs, never shown",
    ("guard/applists.py", "ASSISTIVE"): "category labels of the table of programs, never shown",
    ("ui/page_limits.py", "_SCRIPT"): "JavaScript run in the exam page, never shown",
    ("sebkeys/rootcollation.py", "TABLE"): "ICU's collation elements, data for the Config Key's key order",
}
"""Assignments whose strings are not text for the student, and why."""


def is_sentence(text: str) -> bool:
    """French letters, or three words or more with at least one common English or French word."""
    text = re.sub(r"\{[^{}]*\}", " ", text)
    if ACCENTED.search(text):
        return True
    words = [w.lower() for w in WORD.findall(text) if len(w) > 1]
    return len(words) >= 3 and " " in text and any(w in STOPWORDS for w in words)


def sentences(tree: ast.AST, exempt_names: set[str]) -> list[tuple[int, str]]:
    """String literals that read as sentences, except docstrings, logs, `--help` text and bug reports."""
    skipped: set[int] = set()

    def skip(node: ast.AST) -> None:
        skipped.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr):
                skip(body[0])
            for before, after in itertools.pairwise(body):  # attribute docstrings
                if isinstance(after, ast.Expr) and isinstance(before, ast.Assign | ast.AnnAssign):
                    skip(after)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = getattr(getattr(func, "value", None), "id", "")
            if (name in LOGGING and owner in ("log", "logger", "logging")) or name in BUG_ERRORS:
                for arg in node.args:
                    skip(arg)
            for keyword in node.keywords:
                if keyword.arg in HELP_KEYWORDS:
                    skip(keyword.value)
        elif isinstance(node, ast.Assert) and node.msg is not None:
            skip(node.msg)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr in HELP_KEYWORDS:
                    skip(node)  # parser.description = "..."
                if isinstance(target, ast.Name) and target.id in exempt_names:
                    skip(node)
    return [(node.lineno, node.value) for node in _literals(tree)
            if id(node) not in skipped and is_sentence(node.value)]


def test_the_sentence_finder_finds_sentences_and_only_sentences() -> None:
    source = '''
"""A module docstring, which is for developers."""
import logging
log = logging.getLogger(__name__)
RULE = r"[0-9a-f]{64}"
def f(path, exc):
    """A docstring that says why."""
    log.warning("could not read %s, trying again", path)
    parser.add_argument("--yes", help="send the report without asking")
    if not path:
        raise ValueError("a bug: the path must not be empty")
    raise UsageError(f"{path}: cannot be read, permission denied")
LABEL = "Les téléchargements sont bloqués"
'''
    found = [text for _, text in sorted(sentences(ast.parse(source), set()))]
    assert found == [": cannot be read, permission denied", "Les téléchargements sont bloqués"]


def test_no_sentence_is_left_outside_the_words_package() -> None:
    exempt = {(LOCKDOWN / path, name) for path, name in NOT_FOR_THE_STUDENT}
    for path, name in exempt:
        assert re.search(rf"^{name}\b.*=", path.read_text(encoding="utf-8"), re.MULTILINE), (path, name)
    found = []
    for path, tree in _sources():
        names = {name for where, name in exempt if where == path}
        where = path.relative_to(LOCKDOWN.parent)
        found += [f"{where}:{line}: {text!r}" for line, text in sentences(tree, names)]
    assert found == []


# --- say() --------------------------------------------------------------------------------------

def test_numbers_are_written_the_way_each_language_writes_them() -> None:
    speed = {"kbps": 1234.4, "needed": 1000}
    assert say("en", "check.download.speed", **speed) == "1,234 kbit/s (the exam needs 1,000)"
    assert say("fr", "check.download.speed", **speed) == "1\u202f234 kbit/s (l'examen demande 1\u202f000)"
    assert say("fr", "unit.gb", value=8.04) == "8,0 Go"
    assert say("fr", "check.screens.too_many", count=2, allowed=1) == \
        "2 écrans branchés, l'examen en autorise 1"


def test_a_reason_found_deep_in_the_logic_is_said_in_the_students_language() -> None:
    reasons = [phrase("check.screens.too_many", count=3, allowed=1), phrase("reason.no_display")]
    error = UsageError("exam.cannot_start", reasons=reasons)
    assert str(error) == ("the exam cannot start on this computer: 3 screens connected, the exam allows 1; "
                          "no DISPLAY or WAYLAND_DISPLAY")
    assert error.phrase.text("fr") == ("l'examen ne peut pas démarrer sur cet ordinateur : 3 écrans "
                                       "branchés, l'examen en autorise 1 ; ni DISPLAY ni WAYLAND_DISPLAY")


def test_a_configuration_error_names_the_file_and_the_field_in_both_languages() -> None:
    error = ConfigError("exam.json", "allowed_displays_max", "config.field.range",
                        minimum=1, maximum=64, value=0)
    assert str(error) == "exam.json: allowed_displays_max: must be between 1 and 64, not 0"
    assert error.phrase.text("fr") == "exam.json : allowed_displays_max : doit être entre 1 et 64, pas 0"
    assert error.problem == Phrase("config.field.range", {"minimum": 1, "maximum": 64, "value": 0})


def test_a_value_may_be_named_like_the_functions_own_arguments() -> None:
    assert say("en", "explain.config_key", key="ab" * 32) == "Config Key: " + "ab" * 32
    assert phrase("explain.config_key", key="x").text("fr") == "Config Key : x"


def test_an_unknown_key_is_a_bug_that_shows() -> None:
    with pytest.raises(KeyError):
        say("en", "no.such.sentence")
