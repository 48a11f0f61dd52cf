"""An RNCryptor password-mode ENCRYPTOR written plainly from RNCryptor-Spec-v3.md, independent of lockdown.

Keys with the standard library's `hashlib.pbkdf2_hmac`, the HMAC with the standard library's `hmac`,
PKCS#7 padding by hand; only the AES block cipher comes from `cryptography` (the standard library
has none). It is itself checked against the published vectors in test_sebcrypt.py before the tests
use it to make encrypted `.seb` files the way SEB for Windows' BinarySerializer does.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def pkcs7(data: bytes) -> bytes:
    n = 16 - len(data) % 16
    return data + bytes([n]) * n


def encrypt(plaintext: bytes, password: bytes, *, version: int = 3, enc_salt: bytes | None = None,
            hmac_salt: bytes | None = None, iv: bytes | None = None, pad: bool = True) -> bytes:
    """version || 1 || encSalt || hmacSalt || IV || AES-256-CBC(padded) || HMAC-SHA256(all before)."""
    enc_salt = os.urandom(8) if enc_salt is None else enc_salt
    hmac_salt = os.urandom(8) if hmac_salt is None else hmac_salt
    iv = os.urandom(16) if iv is None else iv
    enc_key = hashlib.pbkdf2_hmac("sha1", password, enc_salt, 10_000, 32)
    hmac_key = hashlib.pbkdf2_hmac("sha1", password, hmac_salt, 10_000, 32)
    encryptor = Cipher(algorithms.AES(enc_key), modes.CBC(iv)).encryptor()
    body = pkcs7(plaintext) if pad else plaintext
    ciphertext = encryptor.update(body) + encryptor.finalize()
    message = bytes([version, 1]) + enc_salt + hmac_salt + iv + ciphertext
    return message + hmac.new(hmac_key, message, hashlib.sha256).digest()


def seb_hash(password: str) -> str:
    """SEB's HashAlgorithm.GenerateHashFor: SHA-256 of the UTF-8 bytes, lower-case hex."""
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def encrypted_seb(xml: bytes, password: str, prefix: bytes = b"pswd", version: int = 2) -> bytes:
    """gzip(prefix + RNCryptor(gzip(xml))), as SEB for Windows saves a password-encrypted file.

    For `pwcc`, pass the string SEB derives the keys from (the hash of the settings password).
    """
    return gzip.compress(prefix + encrypt(gzip.compress(xml), password.encode("utf-8"), version=version))
