"""Keyring, privileges, virtual machine, remote session and prohibited-program verdicts."""

from __future__ import annotations

from typing import Any

import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyring.backends.SecretService

from lockdown.compat.security import (
    check_keyring,
    check_not_elevated,
    check_prohibited_apps,
    check_remote_session,
    check_virtual_machine,
)
from lockdown.platform import VmCheck
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


def test_remote_session_informs_and_never_fails() -> None:
    assert check_remote_session(None, False).status == "pass"
    assert check_remote_session(phrase("reason.remote.xrdp"), True).status == "pass"
    warned = check_remote_session(phrase("reason.remote.xrdp"), False)
    assert warned.status == "warn" and "xrdp" in english(warned.detail)


def test_the_vm_check_says_which_of_found_none_or_could_not_check() -> None:
    found = VmCheck(phrase("reason.vm.named", name="QEMU"), ("firmware strings",))
    assert check_virtual_machine(found, True).status == "pass"
    warned = check_virtual_machine(found, False)
    assert warned.status == "warn" and "QEMU" in english(warned.detail)
    unreadable = phrase("reason.vm.firmware_unreadable", error="Permission denied")
    none = check_virtual_machine(VmCheck(None, ("systemd-detect-virt", "processor flags"), (unreadable,)),
                                 False)
    assert none.status == "pass"
    assert english(none.detail) == (
        "no virtual machine found (checked: systemd-detect-virt, processor flags; "
        "not checked: the firmware strings in /sys/class/dmi/id cannot be read (Permission denied))")
    unknown = VmCheck(problems=(phrase("reason.program.missing", program="systemd-detect-virt"),
                                phrase("reason.vm.cpuinfo_unreadable", error="Permission denied")))
    told = check_virtual_machine(unknown, False)
    assert told.status == "warn" and english(told.detail) == (
        "could not check for a virtual machine (systemd-detect-virt is not installed; "
        "/proc/cpuinfo cannot be read (Permission denied))")
    assert "no virtual machine" not in english(told.detail)
    assert check_virtual_machine(unknown, True).status == "pass"


def test_prohibited_apps_are_counted_in_the_detail_and_named_only_locally() -> None:
    check = check_prohibited_apps(["teamviewer", "obs", "teamviewer"])
    assert check.status == "warn"
    assert "teamviewer" not in english(check.detail) and "obs" not in english(check.detail)
    assert english(check.detail).startswith("2 ")
    assert check.local_only == ("obs", "teamviewer")


def test_no_prohibited_apps_passes() -> None:
    assert check_prohibited_apps([]).status == "pass"
