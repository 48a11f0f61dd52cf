"""The password of an encrypted `.seb` file: who is asked, how often, and which forms are tried.

lockdown opens a password block the way SEB does (seb-win-refactoring: ConfigurationBaseOperation.cs,
BinaryParser.cs, HashAlgorithm.cs; seb-mac: SEBConfigFileManager.m):

1. first with the empty password, without asking anyone (a file saved with no settings password);
2. then with what the admin's --password-file or the student's dialog gives, a few tries:
   - `pswd` (settings for starting an exam): the password exactly as typed;
   - `pwcc` (settings for configuring a client): the SHA-256 of the typed password in lower-case hex,
     which SEB for Windows and current SEB for macOS use, then in upper-case hex, which older SEB
     for macOS used.

SEB also tries the hashed administrator password of the client it runs on; lockdown keeps no client
settings, so there is none to try, and a `pwcc` file configures nothing beyond this exam.
The prompt is injected (`PasswordPrompt`), so this module, like the rest of lockdown.config, has no Qt.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from lockdown.config.sebcrypt import NotAuthentic, Sealed, SealedError, open_sealed, parse
from lockdown.errors import ConfigError, PasswordCancelled, PasswordNeeded, UsageError, WrongPassword

CLIENT_PREFIX = b"pwcc"
STUDENT_TRIES = 5
"""As SEB: five tries, then the file is refused."""
MAX_PASSWORD_FILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class PasswordRequest:
    """What a prompt is told: which file, and how many tries were already wrong."""

    source: str
    attempt: int
    """0 for the first question; n after n wrong passwords."""
    tries: int

    @property
    def tries_left(self) -> int:
        return self.tries - self.attempt


class PasswordPrompt(Protocol):
    """Gives the settings password of an encrypted file: a string, or None when the user leaves."""

    @property
    def tries(self) -> int:
        """How many passwords it may give before the file is refused."""

    def __call__(self, request: PasswordRequest) -> str | None:
        """The next password to try."""


class PasswordFile:
    """`--password-file FILE`: the password is the file's first line; one try (a script does not retype)."""

    tries = 1

    def __init__(self, path: str) -> None:
        self._password = read_password_file(path)

    def __call__(self, request: PasswordRequest) -> str | None:
        return self._password


def read_password_file(path: str) -> str:
    """The first line of `path` without its line ending (passwords may hold other spaces)."""
    try:
        with Path(path).open("rb") as fh:
            data = fh.read(MAX_PASSWORD_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UsageError("password_file.missing", path=path) from None
    except IsADirectoryError:
        raise UsageError("password_file.directory", path=path) from None
    except OSError as exc:
        raise UsageError("password_file.unreadable", path=path,
                         error=exc.strerror or type(exc).__name__) from None
    if len(data) > MAX_PASSWORD_FILE_BYTES:
        raise UsageError("password_file.too_large", path=path, kib=MAX_PASSWORD_FILE_BYTES // 1024)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError("password_file.not_utf8", path=path) from None
    return text.split("\n", 1)[0].removesuffix("\r")


def password_forms(prefix: bytes, typed: str) -> list[str]:
    """The strings SEB derives the keys from, for a password typed for a `prefix` block."""
    if prefix == CLIENT_PREFIX:
        digest = hashlib.sha256(typed.encode("utf-8")).hexdigest()
        return [digest, digest.upper()]
    return [typed]


def _try(sealed: Sealed, forms: list[str], source: str) -> bytes | None:
    try:
        return open_sealed(sealed, forms)
    except NotAuthentic:
        return None
    except SealedError as exc:
        raise ConfigError(source, "", "config.seb.damaged", reason=exc.phrase) from None


def unlock(prefix: bytes, blob: bytes, source: str, prompt: PasswordPrompt | None) -> bytes:
    """The decrypted content of a `pswd` or `pwcc` block (`blob` follows the 4-byte prefix)."""
    try:
        sealed = parse(blob)
    except SealedError as exc:  # checked before anyone is asked for a password that cannot help
        raise ConfigError(source, "", "config.seb.damaged_or_unsupported", reason=exc.phrase) from None
    plain = _try(sealed, [""], source)
    if plain is not None:
        return plain
    if prompt is None:
        raise PasswordNeeded(source, "", "config.seb.password_needed")
    for attempt in range(prompt.tries):
        typed = prompt(PasswordRequest(source, attempt, prompt.tries))
        if typed is None:
            raise PasswordCancelled(source, "", "config.seb.password_cancelled")
        plain = _try(sealed, password_forms(prefix, typed), source)
        if plain is not None:
            return plain
    if prompt.tries > 1:
        raise WrongPassword(source, "", "config.seb.wrong_password_tries", tries=prompt.tries)
    raise WrongPassword(source, "", "config.seb.wrong_password")

