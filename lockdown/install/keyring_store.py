"""The keyring entries lockdown may have stored (`lockdown.paths.KEYRING_ENTRIES`), via `keyring`.

Behind a small interface so the uninstaller's logic is tested with a fake; the real Secret Service
is exercised by the end-to-end test.
"""

from __future__ import annotations

from typing import Protocol


class KeyringUnavailable(Exception):
    """The keyring could not be asked (locked, no service running): the report says so."""


class SecretStore(Protocol):
    def present(self, service: str, user: str) -> bool:
        """True if an item exists; raise KeyringUnavailable if that cannot be known."""

    def delete(self, service: str, user: str) -> bool:
        """Delete the item; True if it was there; raise KeyringUnavailable if it cannot be reached."""


class SystemKeyring:
    """The user's keyring through the `keyring` package (Secret Service, Windows, macOS).

    With no keyring service at all (`NoKeyringError`), lockdown could not have stored anything
    either, so every entry counts as absent.
    """

    def present(self, service: str, user: str) -> bool:
        import keyring
        from keyring.errors import KeyringError, NoKeyringError
        try:
            return keyring.get_password(service, user) is not None
        except NoKeyringError:
            return False
        except KeyringError as exc:
            raise KeyringUnavailable(str(exc) or type(exc).__name__) from None

    def delete(self, service: str, user: str) -> bool:
        import keyring
        from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError
        try:
            if keyring.get_password(service, user) is None:
                return False
            keyring.delete_password(service, user)
        except (NoKeyringError, PasswordDeleteError):
            return False
        except KeyringError as exc:
            raise KeyringUnavailable(str(exc) or type(exc).__name__) from None
        return True
