"""Password-encrypted .seb files, made by an independent encryptor the way SEB saves them.

The Config Key of the decrypted settings must be the plain file's: Moodle's published key for its
conformance fixture, and for our own settings the SHA-256 of SEB-JSON written out by hand.
"""

from __future__ import annotations

import gzip
import hashlib

import pytest

from lockdown.config import parse_config
from lockdown.config.passwords import PasswordRequest
from lockdown.errors import ConfigError, PasswordCancelled, PasswordNeeded, WrongPassword
from lockdown.sebkeys.configkey import config_key
from tests.config.helpers import MOODLE_KEY, plist_xml
from tests.config.rncryptor import encrypt, encrypted_seb, seb_hash

OWN_XML = plist_xml("<key>startURL</key><string>https://exam.example.org/</string>"
                    "<key>allowQuit</key><false/><key>originatorVersion</key><string>SEB_Win_3.7</string>")
OWN_KEY = hashlib.sha256(b'{"allowQuit":false,"startURL":"https://exam.example.org/"}').hexdigest()


class Answers:
    """A prompt that answers from a list and writes down what it was asked."""

    def __init__(self, *answers: str | None, tries: int = 5) -> None:
        self.answers = list(answers)
        self.tries = tries
        self.requests: list[PasswordRequest] = []

    def __call__(self, request: PasswordRequest) -> str | None:
        self.requests.append(request)
        return self.answers.pop(0)


def _forms(xml: bytes, password: str) -> dict[str, bytes]:
    pw = password.encode("utf-8")
    return {
        "seb-windows": encrypted_seb(xml, password, version=2),  # gzip(pswd + v2(gzip(xml)))
        "rncryptor-v3": encrypted_seb(xml, password, version=3),
        "not-gzipped": b"pswd" + encrypt(gzip.compress(xml), pw),
        "inner-xml": gzip.compress(b"pswd" + encrypt(xml, pw)),
        "inner-plnd": gzip.compress(b"pswd" + encrypt(b"plnd" + gzip.compress(xml), pw)),
    }


@pytest.mark.parametrize("form", list(_forms(b"", "")))
def test_decrypted_moodle_fixture_has_moodles_config_key(moodle_seb_bytes: bytes, form: str) -> None:
    data = _forms(moodle_seb_bytes, "Prüfung 2024!")[form]
    prompt = Answers("Prüfung 2024!")
    config = parse_config(data, "exam.seb", passwords=prompt)
    assert config_key(config.settings) == MOODLE_KEY
    assert config.start_url == "https://www.google.com"
    assert [r.attempt for r in prompt.requests] == [0]


def test_decrypted_settings_have_the_plain_files_config_key() -> None:
    assert config_key(parse_config(OWN_XML, "plain.seb").settings) == OWN_KEY
    config = parse_config(encrypted_seb(OWN_XML, "s3cret"), "exam.seb", passwords=Answers("s3cret"))
    assert config_key(config.settings) == OWN_KEY


def test_a_file_saved_without_a_settings_password_opens_without_asking() -> None:
    for prefix in (b"pswd", b"pwcc"):
        prompt = Answers()
        config = parse_config(encrypted_seb(OWN_XML, "", prefix), "exam.seb", passwords=prompt)
        assert config_key(config.settings) == OWN_KEY and prompt.requests == []
    assert parse_config(encrypted_seb(OWN_XML, ""), "exam.seb").start_url == "https://exam.example.org/"


def test_client_configuration_files_take_the_passwords_sha256_in_lower_case_hex() -> None:
    data = encrypted_seb(OWN_XML, seb_hash("admin pw"), b"pwcc")
    assert config_key(parse_config(data, "c.seb", passwords=Answers("admin pw")).settings) == OWN_KEY


def test_client_configuration_files_from_older_seb_for_macos_take_the_upper_case_hash() -> None:
    data = encrypted_seb(OWN_XML, seb_hash("admin pw").upper(), b"pwcc")
    assert config_key(parse_config(data, "c.seb", passwords=Answers("admin pw")).settings) == OWN_KEY


def test_the_hash_is_only_for_client_configuration_files() -> None:
    with pytest.raises(WrongPassword):  # a pwcc file is never opened with the password as typed...
        parse_config(encrypted_seb(OWN_XML, "admin pw", b"pwcc"), "c.seb",
                     passwords=Answers("admin pw", tries=1))
    with pytest.raises(WrongPassword):  # ...and a pswd file never with its hash
        parse_config(encrypted_seb(OWN_XML, seb_hash("pw")), "e.seb", passwords=Answers("pw", tries=1))


def test_wrong_then_right_password() -> None:
    prompt = Answers("nope", "Nope", "s3cret")
    config = parse_config(encrypted_seb(OWN_XML, "s3cret"), "exam.seb", passwords=prompt)
    assert config_key(config.settings) == OWN_KEY
    assert [(r.source, r.attempt, r.tries, r.tries_left) for r in prompt.requests] == [
        ("exam.seb", 0, 5, 5), ("exam.seb", 1, 5, 4), ("exam.seb", 2, 5, 3)]


def test_every_try_wrong_is_a_one_line_wrong_password_error() -> None:
    prompt = Answers(*["nope"] * 5)
    with pytest.raises(WrongPassword) as err:
        parse_config(encrypted_seb(OWN_XML, "s3cret"), "exam.seb", passwords=prompt)
    assert str(err.value) == ("exam.seb: wrong settings password (5 tries), or the file was changed after it "
                              "was encrypted")
    assert err.value.exit_code == 2 and len(prompt.requests) == 5


def test_leaving_the_prompt_is_a_cancel_with_exit_0() -> None:
    prompt = Answers("nope", None)
    with pytest.raises(PasswordCancelled) as err:
        parse_config(encrypted_seb(OWN_XML, "s3cret"), "exam.seb", passwords=prompt)
    assert err.value.exit_code == 0 and "nothing was changed" in str(err.value)
    assert len(prompt.requests) == 2


def test_without_a_prompt_the_error_says_how_to_give_the_password() -> None:
    with pytest.raises(PasswordNeeded) as err:
        parse_config(encrypted_seb(OWN_XML, "s3cret"), "exam.seb")
    assert str(err.value) == ("exam.seb: this .seb file is encrypted with a settings password; give it with "
                              "--password-file FILE")


def test_a_changed_hmac_reads_as_wrong_password_or_changed_file() -> None:
    inner = bytearray(encrypt(gzip.compress(OWN_XML), b"s3cret"))
    inner[-5] ^= 0x80
    with pytest.raises(WrongPassword, match="or the file was changed after it was encrypted"):
        parse_config(gzip.compress(b"pswd" + bytes(inner)), "exam.seb", passwords=Answers("s3cret", tries=1))


@pytest.mark.parametrize(("keep", "message"), [(-1, "not a whole number of AES blocks"),
                                               (60, "60 bytes, shorter than the smallest encrypted block")])
def test_a_truncated_encrypted_block_is_refused_before_asking(keep: int, message: str) -> None:
    inner = encrypt(gzip.compress(OWN_XML), b"s3cret")
    prompt = Answers("s3cret")
    with pytest.raises(ConfigError) as err:
        parse_config(gzip.compress(b"pswd" + inner[:keep]), "exam.seb", passwords=prompt)
    assert str(err.value).startswith("exam.seb: the encrypted .seb file is damaged or unsupported: ")
    assert message in str(err.value) and prompt.requests == []


def test_an_unknown_format_version_is_refused_before_asking() -> None:
    inner = b"\x05" + encrypt(gzip.compress(OWN_XML), b"s3cret")[1:]
    prompt = Answers("s3cret")
    with pytest.raises(ConfigError, match="encryption format version 5; lockdown reads versions 2 and 3"):
        parse_config(b"pswd" + inner, "exam.seb", passwords=prompt)
    assert prompt.requests == []


@pytest.mark.parametrize("prefix", [b"pkhs", b"phsk"])
@pytest.mark.parametrize("wrapped", [False, True])
def test_certificate_encrypted_files_say_what_to_ask_the_institution_for(prefix: bytes,
                                                                          wrapped: bool) -> None:
    data = prefix + bytes(20) + encrypt(gzip.compress(OWN_XML), b"s3cret")
    prompt = Answers("s3cret")
    with pytest.raises(ConfigError) as err:
        parse_config(gzip.compress(data) if wrapped else data, "exam.seb", passwords=prompt)
    assert str(err.value) == (f"exam.seb: this .seb file is encrypted for a certificate ({prefix.decode()}), "
                              "which lockdown cannot use; ask your institution for the configuration "
                              "encrypted with a password instead, or unencrypted")
    assert prompt.requests == []


def test_an_encrypted_block_inside_an_encrypted_block_is_refused() -> None:
    inner = b"pswd" + encrypt(gzip.compress(OWN_XML), b"s3cret")
    with pytest.raises(ConfigError, match="an encrypted block inside an encrypted block"):
        parse_config(b"pswd" + encrypt(inner, b"s3cret"), "exam.seb", passwords=Answers("s3cret"))


def test_decrypted_content_that_is_not_settings_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"not a lockdown JSON configuration or an SEB \.seb file"):
        parse_config(b"pswd" + encrypt(b"hello", b"s3cret"), "exam.seb", passwords=Answers("s3cret"))


def test_an_authentic_block_with_bad_padding_is_a_damaged_file() -> None:
    inner = encrypt(b"x" * 15 + b"\x00", b"s3cret", pad=False)  # HMAC right, PKCS#7 padding impossible
    with pytest.raises(ConfigError) as err:
        parse_config(b"pswd" + inner, "exam.seb", passwords=Answers("s3cret"))
    assert str(err.value) == ("exam.seb: the encrypted .seb file is damaged: the data decrypts but its "
                              "padding is invalid (written by a broken tool)")
