"""RNCryptor password mode: the published known-answer vectors, tampering, truncation, other formats."""

from __future__ import annotations

import pytest

from lockdown.config.sebcrypt import (
    BadPadding,
    NotAuthentic,
    Truncated,
    UnsupportedFormat,
    open_sealed,
    parse,
)
from tests.config.rncryptor import encrypt

# RNCryptor/RNCryptor-Spec, vectors/v3/password (commit 9725372980d031941db7a749844ba0f762cda179):
# (title, password, enc_salt, hmac_salt, iv, plaintext, ciphertext), hex as published.
SPEC_VECTORS = [
    ("All fields empty or zero (with one-byte password)", "a", "0000000000000000", "0000000000000000",
     "00000000000000000000000000000000", "",
     "03010000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 0000b303 9be31cd7 "
     "ece5e754 f5c8da17 00366631 3ae8a89d dcf8e3cb 41fdc130 b2329dbe 07d6f4d3 2c34e050 c8bd7e93 3b12"),
    ("One byte", "thepassword", "0001020304050607", "0102030405060708",
     "02030405060708090a0b0c0d0e0f0001", "01",
     "03010001 02030405 06070102 03040506 07080203 04050607 08090a0b 0c0d0e0f 0001a1f8 730e0bf4 "
     "80eb7b70 f690abf2 1e029514 164ad3c4 74a51b30 c7eaa1ca 545b7de3 de5b010a cbad0a9a 13857df6 96a8"),
    ("Exactly one block", "thepassword", "0102030405060700", "0203040506070801",
     "030405060708090a0b0c0d0e0f000102", "0123456789abcdef",
     "03010102 03040506 07000203 04050607 08010304 05060708 090a0b0c 0d0e0f00 01020e43 7fe80930 "
     "9c03fd53 a475131e 9a1978b8 eaef576f 60adb8ce 2320849b a32d7429 00438ba8 97d22210 c76c35c8 49df"),
    ("More than one block", "thepassword", "0203040506070001", "0304050607080102",
     "0405060708090a0b0c0d0e0f00010203", "0123456789abcdef 01234567",
     "03010203 04050607 00010304 05060708 01020405 06070809 0a0b0c0d 0e0f0001 0203e01b bda5df2c "
     "a8adace3 8f6c588d 291e03f9 51b78d34 17bc2816 581dc6b7 67f1a2e5 7597512b 18e1638f 21235fa5 928c"),
    ("Multibyte password", "中文密码", "0304050607000102", "0405060708010203",
     "05060708090a0b0c0d0e0f0001020304", "23456789abcdef 0123456701",
     "03010304 05060700 01020405 06070801 02030506 0708090a 0b0c0d0e 0f000102 03048a9e 08bdec1c "
     "4bfe13e8 1fb85f00 9ab3ddb9 1387e809 c4ad86d9 e8a60145 57716657 bd317d4b b6a76446 15b3de40 2341"),
]


def _hex(text: str) -> bytes:
    return bytes.fromhex(text.replace(" ", ""))


@pytest.mark.parametrize("vector", SPEC_VECTORS, ids=[v[0] for v in SPEC_VECTORS])
def test_published_vectors_decrypt_to_their_plaintext(vector: tuple[str, ...]) -> None:
    _, password, _, _, _, plaintext, ciphertext = vector
    assert open_sealed(parse(_hex(ciphertext)), [password]) == _hex(plaintext)


@pytest.mark.parametrize("vector", SPEC_VECTORS, ids=[v[0] for v in SPEC_VECTORS])
def test_the_tests_encryptor_reproduces_the_published_vectors(vector: tuple[str, ...]) -> None:
    """The independent encryptor the other tests use is itself right, byte for byte."""
    _, password, enc_salt, hmac_salt, iv, plaintext, ciphertext = vector
    made = encrypt(_hex(plaintext), password.encode("utf-8"), enc_salt=_hex(enc_salt),
                   hmac_salt=_hex(hmac_salt), iv=_hex(iv))
    assert made == _hex(ciphertext)


def test_the_first_matching_password_opens_it() -> None:
    blob = encrypt(b"settings", b"right")
    assert open_sealed(parse(blob), ["wrong", "", "right"]) == b"settings"


def test_a_wrong_password_is_not_authentic() -> None:
    with pytest.raises(NotAuthentic, match="wrong password, or the file was changed"):
        open_sealed(parse(encrypt(b"settings", b"right")), ["Right", "right "])


@pytest.mark.parametrize("where", ["hmac", "ciphertext", "iv", "salt", "version"])
def test_any_changed_byte_fails_the_hmac_before_decrypting(where: str) -> None:
    blob = bytearray(encrypt(b"x" * 40, b"pw", version=3))
    index = {"hmac": -1, "ciphertext": 40, "iv": 20, "salt": 3, "version": 0}[where]
    blob[index] ^= 0x01  # version 3 becomes 2: still a readable version, but not what was signed
    with pytest.raises(NotAuthentic):
        open_sealed(parse(bytes(blob)), ["pw"])


@pytest.mark.parametrize("cut", [1, 15, 17, 33])
def test_a_message_cut_inside_a_block_is_truncated(cut: int) -> None:
    blob = encrypt(b"x" * 80, b"pw")
    with pytest.raises(Truncated, match="whole number of AES blocks"):
        parse(blob[:-cut])


@pytest.mark.parametrize("length", [0, 2, 34, 81])
def test_a_message_shorter_than_one_block_is_truncated(length: int) -> None:
    with pytest.raises(Truncated, match=f"{length} bytes, shorter than the smallest encrypted block"):
        parse(encrypt(b"", b"pw")[:length])


def test_a_message_cut_by_whole_blocks_fails_the_hmac() -> None:
    blob = encrypt(b"x" * 40, b"pw")
    with pytest.raises(NotAuthentic):
        open_sealed(parse(blob[:-16]), ["pw"])


@pytest.mark.parametrize(("header", "message"), [(b"\x04\x01", "version 4"), (b"\x01\x01", "version 1"),
                                                  (b"\x03\x00", "not derived from a password")])
def test_other_versions_and_key_based_messages_are_unsupported(header: bytes, message: str) -> None:
    blob = header + encrypt(b"settings", b"pw")[2:]
    with pytest.raises(UnsupportedFormat, match=message):
        parse(blob)


def test_an_authentic_message_with_bad_padding_is_refused() -> None:
    blob = encrypt(b"sixteen bytes!!\x00", b"pw", pad=False)  # last byte 0: no valid PKCS#7 padding
    with pytest.raises(BadPadding):
        open_sealed(parse(blob), ["pw"])


def test_version_2_as_written_by_seb_for_windows_uses_the_whole_password() -> None:
    blob = encrypt(b"settings", "mot de passe é".encode(), version=2)
    assert open_sealed(parse(blob), ["mot de passe é"]) == b"settings"


def test_version_2_from_old_objective_c_rncryptor_cut_the_password_to_its_length_in_characters() -> None:
    password = "中文密码"
    cut = password.encode("utf-8")[:len(password)]  # 4 of its 12 bytes, as RNCryptor-Spec-v3.md says
    blob = encrypt(b"settings", cut, version=2)
    assert open_sealed(parse(blob), [password]) == b"settings"
    with pytest.raises(NotAuthentic):  # version 3 fixed that: no cut password there
        open_sealed(parse(encrypt(b"settings", cut, version=3)), [password])
