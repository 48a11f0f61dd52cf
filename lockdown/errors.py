"""The project's exception tree; the CLI turns each into one line on stderr and an exit code.

    LockdownError                 exit 2 unless a subclass says otherwise
    ├── UsageError                bad command-line use
    ├── ConfigError               an exam configuration that cannot be used (names file and field)
    │   ├── SignInRequired        the configuration's URL answered with a sign-in page
    │   ├── PasswordNeeded        an encrypted .seb file, and no one to ask for its password
    │   ├── WrongPassword         no password given opened it (or it was changed after encryption)
    │   └── PasswordCancelled     the student left the password dialog; nothing was changed (exit 0)
    ├── ElevatedError             started as root, as an elevated administrator or through an elevation tool
    ├── NetworkError              the exam server could not be reached or answered badly
    ├── IntegrityError            the installed build does not match its signed manifest (exit 1)
    │   └── IntegrityUnknown      the build could not be checked at all (exit 2)
    └── CheckFailed               a check ran and found a problem (exit 1)
        └── LeftoversRemain       folders lockdown made could not be removed (lockdown.leftovers)

Each error carries a `Phrase` (a message key of `lockdown.words` and its values), never a
sentence: the CLI and the windows say it in the student's language; `str(error)` is the English
sentence, for logs.
"""

from __future__ import annotations

from lockdown.words import Phrase, PhraseError

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class LockdownError(PhraseError):
    """Base of every error the project raises on purpose; its phrase is shown to the user."""

    exit_code = EXIT_USAGE


class UsageError(LockdownError):
    """The command line does not make sense."""


class ConfigError(LockdownError):
    """An exam configuration is malformed or asks for something lockdown cannot do.

    `source` is the file or URL, `field` the dotted path of the offending field (may be empty),
    `problem` what is wrong with it.
    """

    def __init__(self, source: str, field: str, key: str, /, **values: object) -> None:
        self.source = source
        self.field = field
        self.problem = Phrase(key, values)
        if field:
            super().__init__("config.error.field", source=source, field=field, problem=self.problem)
        else:
            super().__init__("config.error", source=source, problem=self.problem)


class SignInRequired(ConfigError):
    """The configuration URL needs the student's login first (a web page or 401/403 came back).

    `url` is the http(s) URL to open in the sign-in window; on the command line this is one line.
    """

    def __init__(self, url: str, key: str, /, **values: object) -> None:
        self.url = url
        super().__init__(url, "", key, **values)


class PasswordNeeded(ConfigError):
    """The file is encrypted with a settings password and nothing can provide one."""


class WrongPassword(ConfigError):
    """Every password tried failed the file's HMAC: wrong, or the file was altered since."""


class PasswordCancelled(ConfigError):
    """The student closed the password dialog: they leave, as with the notice's Cancel."""

    exit_code = EXIT_OK


class ElevatedError(LockdownError):
    """lockdown refuses to run with administrator or root rights."""


class NetworkError(LockdownError):
    """The exam server could not be reached, or its reply was unusable."""


class IntegrityError(LockdownError):
    """The build was checked and does not match the signed manifest."""

    exit_code = EXIT_PROBLEM


class IntegrityUnknown(IntegrityError):
    """The build could not be checked (no manifest, running from source, unreadable signature)."""

    exit_code = EXIT_USAGE


class CheckFailed(LockdownError):
    """A check ran to its end and found a problem."""

    exit_code = EXIT_PROBLEM
