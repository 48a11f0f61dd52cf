"""Opening SEB's password-encrypted blocks: the RNCryptor data format, versions 3 and 2, password mode.

    byte  0        version: 3 (SEB for Windows writes 2; the layout is the same)
    byte  1        options: 1 = keys derived from a password
    bytes 2-9      encryption salt
    bytes 10-17    HMAC salt
    bytes 18-33    IV
    then           AES-256-CBC ciphertext, PKCS#7 padding
    last 32 bytes  HMAC-SHA256 of everything before it

Each key is PBKDF2-HMAC-SHA1 of the password's UTF-8 bytes with its salt, 10,000 rounds, 32 bytes
(RNCryptor-Spec-v3.md; SEB for Windows' PasswordEncryption.cs does the same). The HMAC is checked,
in constant time, before anything is decrypted, so no unauthenticated byte reaches AES. A wrong
password and bytes changed after encryption fail that check alike: no one can tell them apart.
Only the `cryptography` package's primitives are used, no cipher code of our own, imported when a
block is opened (most exams never have one: it stays out of their start-up). No Qt, no I/O.

    SealedError               these bytes cannot be opened
    ├── Truncated             too short, or the ciphertext is not whole AES blocks
    ├── UnsupportedFormat     another version, or keys not derived from a password
    ├── NotAuthentic          the HMAC does not match: wrong password, or changed bytes
    └── BadPadding            authentic, but the padding is wrong: a broken encryptor wrote it
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lockdown.words import PhraseError

VERSIONS = (2, 3)
PASSWORD_OPTION = 1
SALT_BYTES = 8
IV_BYTES = 16
BLOCK_BYTES = 16
HMAC_BYTES = 32
KEY_BYTES = 32
ROUNDS = 10_000
HEADER_BYTES = 2 + 2 * SALT_BYTES + IV_BYTES
SMALLEST = HEADER_BYTES + BLOCK_BYTES + HMAC_BYTES
"""Even an empty plaintext has one block of padding."""


class SealedError(PhraseError):
    """The bytes cannot be opened; the phrase says why, in words an admin can act on."""


class Truncated(SealedError):
    """Shorter than the format allows, or cut inside an AES block."""


class UnsupportedFormat(SealedError):
    """A version of the format other than 2 or 3, or keys that were not derived from a password."""


class NotAuthentic(SealedError):
    """No password given matches the HMAC: a wrong password, or bytes changed after encryption."""


class BadPadding(SealedError):
    """The HMAC matched but the decrypted padding is invalid: whoever encrypted it wrote bad data."""


@dataclass(frozen=True)
class Sealed:
    """One password-mode message, split into its parts (no key needed for that)."""

    version: int
    encryption_salt: bytes
    hmac_salt: bytes
    iv: bytes
    ciphertext: bytes
    tag: bytes
    signed: bytes
    """Header and ciphertext: what the HMAC covers."""


def parse(blob: bytes) -> Sealed:
    """Split `blob` into its parts, refusing what is cut short or in another format."""
    if len(blob) < SMALLEST:
        raise Truncated("config.seb.crypt.short", size=len(blob), smallest=SMALLEST)
    version, options = blob[0], blob[1]
    if version not in VERSIONS:
        raise UnsupportedFormat("config.seb.crypt.version", version=version)
    if options != PASSWORD_OPTION:
        raise UnsupportedFormat("config.seb.crypt.options", options=options)
    salts = blob[2:2 + 2 * SALT_BYTES]
    ciphertext = blob[HEADER_BYTES:-HMAC_BYTES]
    if len(ciphertext) % BLOCK_BYTES:
        raise Truncated("config.seb.crypt.blocks")
    return Sealed(version=version, encryption_salt=salts[:SALT_BYTES], hmac_salt=salts[SALT_BYTES:],
                  iv=blob[2 + 2 * SALT_BYTES:HEADER_BYTES], ciphertext=ciphertext,
                  tag=blob[-HMAC_BYTES:], signed=blob[:-HMAC_BYTES])


def _key(secret: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    sha1 = hashes.SHA1()  # noqa: S303  # the format's PBKDF2 PRF; SHA-1 is sound inside HMAC
    return PBKDF2HMAC(algorithm=sha1, length=KEY_BYTES, salt=salt, iterations=ROUNDS).derive(secret)


def _secrets(version: int, password: str) -> list[bytes]:
    """The bytes a password may have been derived from.

    Version 2 as RNCryptor for Objective-C wrote it (older SEB for macOS) passed only as many bytes
    as the password has UTF-16 units, cutting multi-byte passwords short; SEB for Windows writes
    version 2 with the whole UTF-8 bytes. Both are tried, whole first.
    """
    whole = password.encode("utf-8")
    cut = whole[:len(password.encode("utf-16-le")) // 2]
    return [whole, cut] if version == 2 and cut != whole else [whole]


def _authentic(sealed: Sealed, secret: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, hmac

    mac = hmac.HMAC(_key(secret, sealed.hmac_salt), hashes.SHA256())
    mac.update(sealed.signed)
    try:
        mac.verify(sealed.tag)  # constant time
    except InvalidSignature:
        return False
    return True


def _decrypt(sealed: Sealed, key: bytes) -> bytes:
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    decryptor = Cipher(algorithms.AES(key), modes.CBC(sealed.iv)).decryptor()
    padded = decryptor.update(sealed.ciphertext) + decryptor.finalize()
    unpadder = padding.PKCS7(BLOCK_BYTES * 8).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        raise BadPadding("config.seb.crypt.padding") from None


def open_sealed(sealed: Sealed, passwords: Iterable[str]) -> bytes:
    """The plaintext, with the first of `passwords` whose HMAC matches; NotAuthentic if none does."""
    for password in passwords:
        for secret in _secrets(sealed.version, password):
            if _authentic(sealed, secret):
                return _decrypt(sealed, _key(secret, sealed.encryption_salt))
    raise NotAuthentic("config.seb.crypt.not_authentic")
