"""Checks on how the session runs: keyring, privileges, virtual machine, remote session, other apps.

The virtual-machine and remote-session checks only inform (warn at most): the exam's configuration
and a human decide, never this check. Names of running programs stay on the student's screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from lockdown.compat.result import Check, Status
from lockdown.platform import VmCheck
from lockdown.words import Phrase, phrase

_FRIENDLY = {
    "SecretService": "check.keyring.secret_service",
    "libsecret": "check.keyring.libsecret",
    "kwallet": "check.keyring.kwallet",
    "Windows": "check.keyring.windows",
    "macOS": "check.keyring.macos",
}
"""Keyring backend modules and how they are named to the student (message keys)."""


def _qualname(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__name__}"


def _judge_backend(backend: object) -> tuple[Status, Phrase]:
    """pass for a system keyring, warn for a file-based one, fail for failing/null/plaintext ones."""
    qual = _qualname(backend)
    module = type(backend).__module__
    if module in ("keyring.backends.fail", "keyring.backends.null"):
        return "fail", phrase("check.keyring.none")
    if "plaintext" in qual.lower():
        return "fail", phrase("check.keyring.plaintext", backend=qual)
    if module.startswith("keyrings.alt"):
        return "warn", phrase("check.keyring.file", backend=qual)
    short = module.rsplit(".", 1)[-1]
    if short in _FRIENDLY:
        return "pass", phrase(_FRIENDLY[short])
    return "pass", phrase("check.keyring.other", backend=qual)


def check_keyring(backend: object) -> Check:
    """lockdown keeps its queue key and session token in the system keyring, never in a file."""
    name = "keyring"
    fix = phrase("check.fix.keyring")
    members = getattr(backend, "backends", None)
    if type(backend).__name__ == "ChainerBackend" and isinstance(members, Sequence):
        verdicts = [_judge_backend(b) for b in members]
        for wanted in ("pass", "warn"):
            found = [text for status, text in verdicts if status == wanted]
            if found:
                return Check(name, wanted, phrase("check.keyring.list", backends=found),
                             None if wanted == "pass" else fix)
        return Check(name, "fail", phrase("check.keyring.none_among"), fix)
    status, text = _judge_backend(backend)
    return Check(name, status, text, None if status == "pass" else fix)


def check_not_elevated(refusal: Phrase | None) -> Check:
    """`refusal` is the reason lockdown would refuse to start (administrator/root), or None."""
    if refusal is None:
        return Check("not_elevated", "pass", phrase("check.elevated.no"))
    return Check("not_elevated", "fail", refusal, phrase("check.fix.ordinary_account"))


def check_virtual_machine(vm: VmCheck, allowed: bool) -> Check:
    """Information only: the configuration (and a proctor) decide what a virtual machine means.

    Says which of the three it is: one found, none found (and by what), or could not check (why).
    """
    name = "virtual_machine"
    if vm.found is not None:
        if allowed:
            return Check(name, "pass", phrase("check.vm.allowed", reason=vm.found))
        return Check(name, "warn", phrase("check.vm.refused", reason=vm.found), phrase("check.fix.no_vm"))
    if vm.state == "none":
        if vm.problems:
            return Check(name, "pass", phrase("check.vm.none_partly", checked=", ".join(vm.checked),
                                              problems=list(vm.problems)))
        return Check(name, "pass", phrase("check.vm.none", checked=", ".join(vm.checked)))
    why: Phrase | list[Phrase] = list(vm.problems) or phrase("check.vm.no_source")
    if allowed:
        return Check(name, "pass", phrase("check.vm.unknown_allowed", why=why))
    return Check(name, "warn", phrase("check.vm.unknown", why=why), phrase("check.fix.vm_unknown"))


def check_remote_session(reason: Phrase | None, allowed: bool) -> Check:
    """Information only, like the virtual-machine check."""
    name = "remote_session"
    if reason is None:
        return Check(name, "pass", phrase("check.remote.none"))
    if allowed:
        return Check(name, "pass", phrase("check.remote.allowed", reason=reason))
    return Check(name, "warn", phrase("check.remote.refused", reason=reason), phrase("check.fix.no_remote"))


def check_prohibited_apps(names: Sequence[str]) -> Check:
    """Running prohibited programs: counted in the verdict, named only on the student's screen."""
    name = "prohibited_apps"
    if not names:
        return Check(name, "pass", phrase("check.apps.none"))
    distinct = tuple(sorted(set(names), key=str.lower))
    n = len(distinct)
    return Check(name, "warn", phrase("check.apps.running" if n > 1 else "check.apps.running_one", count=n),
                 phrase("check.fix.close_apps"), local_only=distinct)
