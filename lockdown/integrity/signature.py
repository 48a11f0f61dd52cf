"""Ed25519 detached signature over the exact manifest bytes, checked against a pinned key.

The release public key is written here, in the code, so a tampered install cannot swap it by
editing a data file next to the program (it would have to change the code, which the manifest
covers). The private key never enters the repository; `tools/sign.py` reads it from a file the
maintainer names. A signature file holds the raw 64 signature bytes, the format `openssl pkeyutl
-verify -rawin` checks, so anyone can verify a release without lockdown.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lockdown.errors import IntegrityError, IntegrityUnknown
from lockdown.words import Phrase, phrase

RELEASE_PUBLIC_KEY_PEM = b"""-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAmbpjzVaiNLgwcdqQQivP/xgsbpOqIGvVfHt/UTaZczA=
-----END PUBLIC KEY-----
"""
"""The lockdown release key (raw: 99ba63cd56a234b83071da90422bcfff182c6e93aa206bd57c7b7f5136997330).

`tools/build.py --release-pubkey FILE` writes another key here in the copy it freezes (test and
benchmark builds); `lockdown verify` names the key a build trusts."""

SIGNATURE_BYTES = 64


class BadSignature(IntegrityError):
    """The signature does not match the manifest for this key: edited manifest, swapped signature or
    another key (exit 1)."""


class KeyFileError(IntegrityUnknown):
    """A key file that is not an Ed25519 key (exit 2)."""


_PUBLIC_KEY = phrase("integrity.key.public")
_PRIVATE_KEY = phrase("integrity.key.private")


def load_public_key(pem: bytes, source: str | Phrase = _PUBLIC_KEY) -> Ed25519PublicKey:
    """Parse a PEM Ed25519 public key; raise KeyFileError naming `source` (a path) otherwise."""
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise KeyFileError("integrity.key.not_pem_public", source=source, error=str(exc)) from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError("integrity.key.not_ed25519_public", source=source)
    return key


def load_private_key(pem: bytes, source: str | Phrase = _PRIVATE_KEY) -> Ed25519PrivateKey:
    """Parse an unencrypted PEM Ed25519 private key (for signing a release)."""
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyFileError("integrity.key.not_pem_private", source=source, error=str(exc)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError("integrity.key.not_ed25519_private", source=source)
    return key


def release_public_key() -> Ed25519PublicKey:
    """The pinned release key."""
    return load_public_key(RELEASE_PUBLIC_KEY_PEM, phrase("integrity.key.pinned"))


def raw_key_hex(key: Ed25519PublicKey) -> str:
    """The 32 raw bytes of a public key in hex: how people compare keys."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def sign(data: bytes, private_key: Ed25519PrivateKey) -> bytes:
    """The 64-byte detached signature of `data`."""
    return private_key.sign(data)


def verify_signature(data: bytes, signature: bytes, public_key: Ed25519PublicKey | None = None) -> None:
    """Return if `signature` signs exactly `data` for `public_key` (default: the pinned release key)."""
    key = public_key or release_public_key()
    if len(signature) != SIGNATURE_BYTES:
        raise BadSignature("integrity.signature.size", size=len(signature), expected=SIGNATURE_BYTES)
    try:
        key.verify(signature, data)
    except InvalidSignature:
        raise BadSignature("integrity.signature.mismatch") from None
