"""Checks on how the session runs: keyring, privileges, virtual machine, remote session, other apps.

The virtual-machine and remote-session checks only inform (warn at most): the exam's configuration
and a human decide, never this check. Names of running programs stay on the student's screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from lockdown.compat.result import Check, Status
from lockdown.platform import VmCheck

_FRIENDLY = {
    "SecretService": "Secret Service (GNOME Keyring, KeePassXC...)",
    "libsecret": "Secret Service via libsecret",
    "kwallet": "KWallet",
    "Windows": "Windows Credential Manager",
    "macOS": "macOS Keychain",
}


def _qualname(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__name__}"


def _judge_backend(backend: object) -> tuple[Status, str]:
    """pass for a system keyring, warn for a file-based one, fail for failing/null/plaintext ones."""
    qual = _qualname(backend)
    module = type(backend).__module__
    if module in ("keyring.backends.fail", "keyring.backends.null"):
        return "fail", "no usable keyring"
    if "plaintext" in qual.lower():
        return "fail", f"plaintext file keyring ({qual}): secrets would be stored unencrypted"
    if module.startswith("keyrings.alt"):
        return "warn", f"file-based keyring ({qual}), not the system keyring"
    short = module.rsplit(".", 1)[-1]
    return "pass", _FRIENDLY.get(short, qual)


def check_keyring(backend: object) -> Check:
    """lockdown keeps its queue key and session token in the system keyring, never in a file."""
    name = "keyring"
    fix = ("Linux: log in to a desktop session with GNOME Keyring or KWallet running and unlocked; "
           "Windows and macOS: sign in normally (the system keyring is built in)")
    members = getattr(backend, "backends", None)
    if type(backend).__name__ == "ChainerBackend" and isinstance(members, Sequence):
        verdicts = [_judge_backend(b) for b in members]
        for wanted in ("pass", "warn"):
            found = [text for status, text in verdicts if status == wanted]
            if found:
                return Check(name, wanted, ", ".join(found), "" if wanted == "pass" else fix)
        return Check(name, "fail", "no usable keyring among the available backends", fix)
    status, text = _judge_backend(backend)
    return Check(name, status, text, "" if status == "pass" else fix)


def check_not_elevated(refusal: str | None) -> Check:
    """`refusal` is the reason lockdown would refuse to start (administrator/root), or None."""
    if refusal is None:
        return Check("not_elevated", "pass", "running as an ordinary user")
    return Check("not_elevated", "fail", refusal,
                 "run lockdown from your ordinary account, without administrator rights")


def check_virtual_machine(vm: VmCheck, allowed: bool) -> Check:
    """Information only: the configuration (and a proctor) decide what a virtual machine means.

    Says which of the three it is: one found, none found (and by what), or could not check (why).
    """
    name = "virtual_machine"
    if vm.found is not None:
        if allowed:
            return Check(name, "pass", f"virtual machine ({vm.found}); this exam allows it")
        return Check(name, "warn", f"virtual machine ({vm.found}); this exam does not allow it",
                     "sit the exam on the computer itself, not inside a virtual machine")
    if vm.state == "none":
        unchecked = f"; not checked: {'; '.join(vm.problems)}" if vm.problems else ""
        return Check(name, "pass", f"no virtual machine found (checked: {', '.join(vm.checked)}{unchecked})")
    why = "; ".join(vm.problems) or "no source to check"
    if allowed:
        return Check(name, "pass", f"could not check for a virtual machine ({why}); this exam allows one")
    return Check(name, "warn", f"could not check for a virtual machine ({why})",
                 "on a real computer there is nothing to do: lockdown tells the student it could not check")


def check_remote_session(reason: str | None, allowed: bool) -> Check:
    """Information only, like the virtual-machine check."""
    name = "remote_session"
    if reason is None:
        return Check(name, "pass", "local session")
    if allowed:
        return Check(name, "pass", f"remote session ({reason}); this exam allows it")
    return Check(name, "warn", f"remote session ({reason}); this exam does not allow it",
                 "sit the exam in front of the computer, not through remote desktop")


def check_prohibited_apps(names: Sequence[str]) -> Check:
    """Running prohibited programs: counted in the verdict, named only on the student's screen."""
    name = "prohibited_apps"
    if not names:
        return Check(name, "pass", "no prohibited program running")
    distinct = tuple(sorted(set(names), key=str.lower))
    n = len(distinct)
    return Check(name, "warn", f"{n} prohibited program{'s' if n > 1 else ''} running",
                 "close them before the exam (lockdown offers to close them when it starts)",
                 local_only=distinct)
