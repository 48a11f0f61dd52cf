"""Where lockdown keeps its secrets (queue key, session token): the OS keyring, behind one interface.

The network client stores them; the uninstaller removes them. Unit tests use `MemorySecrets`;
the real tests run `KeyringSecrets` against gnome-keyring.
"""

from __future__ import annotations

from typing import Protocol

import keyring
import keyring.backends.fail
from keyring.errors import KeyringError, PasswordDeleteError

from lockdown.errors import LockdownError
from lockdown.paths import KEYRING_SERVICE


class SecretsUnavailable(LockdownError):
    """No usable system keyring: lockdown keeps nothing on disk rather than storing it in clear."""


class SecretStore(Protocol):
    """Named secrets of one keyring service; every method raises SecretsUnavailable when it cannot ask."""

    def get(self, name: str) -> str | None:
        """The secret, or None when there is none."""

    def set(self, name: str, value: str) -> None:
        """Store the secret, replacing any other of that name."""

    def delete(self, name: str) -> bool:
        """Remove the secret; True if it was there."""


class MemorySecrets:
    """Secrets that live as long as the object: for unit tests, or when no keyring exists."""

    def __init__(self) -> None:
        self._items: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self._items.get(name)

    def set(self, name: str, value: str) -> None:
        self._items[name] = value

    def delete(self, name: str) -> bool:
        return self._items.pop(name, None) is not None


class KeyringSecrets:
    """The OS keyring (Secret Service, Windows Credential Manager, macOS Keychain) via `keyring`.

    Refuses the plaintext and failing backends: a secret written to a plain file would outlive
    the exam and defeat the encryption it protects.
    """

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        backend = keyring.get_keyring()
        module = type(backend).__module__
        if isinstance(backend, keyring.backends.fail.Keyring) or module.startswith("keyrings.alt"):
            raise SecretsUnavailable("secrets.none", backend=type(backend).__name__)
        self._backend = backend
        self._service = service

    def get(self, name: str) -> str | None:
        try:
            value = self._backend.get_password(self._service, name)
        except (KeyringError, OSError) as exc:  # OSError: the D-Bus session went away
            raise SecretsUnavailable("secrets.unreadable", error=str(exc)) from None
        return value if isinstance(value, str) else None

    def set(self, name: str, value: str) -> None:
        try:
            self._backend.set_password(self._service, name, value)
        except (KeyringError, OSError) as exc:
            raise SecretsUnavailable("secrets.unwritable", error=str(exc)) from None

    def delete(self, name: str) -> bool:
        if self.get(name) is None:
            return False
        try:
            self._backend.delete_password(self._service, name)
        except PasswordDeleteError:
            return False
        except (KeyringError, OSError) as exc:
            raise SecretsUnavailable("secrets.unwritable", error=str(exc)) from None
        return True


def system_secrets(service: str = KEYRING_SERVICE) -> SecretStore:
    """The OS keyring for `service`; with no secure keyring at all, an empty store.

    lockdown never writes secrets anywhere else, so where no keyring exists there is nothing
    of it to find or remove.
    """
    try:
        return KeyringSecrets(service)
    except SecretsUnavailable:
        return MemorySecrets()
