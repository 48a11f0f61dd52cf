"""Keyring, privileges, virtual machine, remote session and prohibited-program verdicts."""

from __future__ import annotations

from typing import Any

import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyring.backends.SecretService
import pytest

from lockdown.compat.security import (
    check_keyring,
    check_not_elevated,
    check_prohibited_apps,
    check_remote_session,
    check_virtual_machine,
)
from lockdown.words import phrase
from tests.support.words import english


def make(cls: type) -> Any:
    """An instance of a keyring backend class (keyring's constructors are untyped)."""
    return cls()


class PlaintextKeyring:
    """Stands for keyrings.alt.file.PlaintextKeyring (not installed here): judged by its name."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


class EncryptedKeyring:
    pass


EncryptedKeyring.__module__ = "keyrings.alt.file"


class FakeChainer:
    def __init__(self, *backends: object) -> None:
        self.backends = list(backends)


FakeChainer.__name__ = "ChainerBackend"


def test_the_failing_backend_fails() -> None:
    check = check_keyring(make(keyring.backends.fail.Keyring))
    assert check.status == "fail" and check.fix


def test_the_null_backend_fails() -> None:
    assert check_keyring(make(keyring.backends.null.Keyring)).status == "fail"


def test_secret_service_passes() -> None:
    check = check_keyring(make(keyring.backends.SecretService.Keyring))
    assert check.status == "pass"
    assert "Secret Service" in english(check.detail)


def test_a_plaintext_file_keyring_fails() -> None:
    check = check_keyring(PlaintextKeyring())
    assert check.status == "fail"
    assert "unencrypted" in english(check.detail)


def test_another_file_keyring_warns() -> None:
    assert check_keyring(EncryptedKeyring()).status == "warn"


def test_a_chainer_with_nothing_usable_fails() -> None:
    chainer = FakeChainer(make(keyring.backends.fail.Keyring), PlaintextKeyring())
    assert check_keyring(chainer).status == "fail"


def test_a_chainer_with_a_system_keyring_passes() -> None:
    chainer = FakeChainer(PlaintextKeyring(), make(keyring.backends.SecretService.Keyring))
    assert check_keyring(chainer).status == "pass"


def test_the_real_chainer_class_is_recognised() -> None:
    # keyring's own ChainerBackend: on this machine without D-Bus it holds nothing usable.
    chainer = make(keyring.backends.chainer.ChainerBackend)
    usable = [b for b in chainer.backends if type(b).__module__ != "keyring.backends.fail"]
    assert check_keyring(chainer).status == ("pass" if usable else "fail")


def test_elevated_fails_and_an_ordinary_user_passes() -> None:
    assert check_not_elevated(None).status == "pass"
    check = check_not_elevated(phrase("reason.elevated.root"))
    assert check.status == "fail" and "user id 0" in english(check.detail)


@pytest.mark.parametrize("check_fn", [check_virtual_machine, check_remote_session])
def test_vm_and_remote_session_inform_and_never_fail(check_fn: object) -> None:
    assert check_fn(None, False).status == "pass"  # type: ignore[operator]
    assert check_fn(phrase("reason.vm.named", name="QEMU"), True).status == "pass"  # type: ignore[operator]
    warned = check_fn(phrase("reason.vm.named", name="QEMU"), False)  # type: ignore[operator]
    assert warned.status == "warn" and "QEMU" in english(warned.detail)


def test_prohibited_apps_are_counted_in_the_detail_and_named_only_locally() -> None:
    check = check_prohibited_apps(["teamviewer", "obs", "teamviewer"])
    assert check.status == "warn"
    assert "teamviewer" not in english(check.detail) and "obs" not in english(check.detail)
    assert english(check.detail).startswith("2 ")
    assert check.local_only == ("obs", "teamviewer")


def test_no_prohibited_apps_passes() -> None:
    assert check_prohibited_apps([]).status == "pass"
