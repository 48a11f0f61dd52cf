"""Environment checks that alert, never decide on their own.

`detect_environment()` gathers facts (display server, virtual machine, remote session, elevated)
with a reason the student can read. `environment_decision()` is the pure rule that turns them,
with the exam configuration, into findings: what blocks the start, and whether a proctor may
override it with the quit password (a human decides). The kiosk only shows the findings, in the
student's language (a finding's `message` is a `Phrase`, said by the window). A virtual-machine
check that could not be made is said as such (why, and what it means for an exam that refuses
virtual machines); it neither blocks nor passes for "no virtual machine".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lockdown.config.model import ExamConfig
from lockdown.platform import DisplayServer, SessionFacts, VmCheck, get_backend
from lockdown.words import Phrase, phrase

Severity = Literal["info", "warning", "error"]
Check = Literal["elevated", "no_display", "wayland", "virtual_machine", "virtual_machine_unknown",
                "virtual_display", "remote_session"]


@dataclass(frozen=True)
class Environment:
    """What was found; each reason is None when nothing was found."""

    display_server: DisplayServer
    virtual_machine: VmCheck
    remote_session: Phrase | None
    elevated: Phrase | None
    virtual_display: Phrase | None = None
    """The display is not the machine's screen (a nested X server, a VNC server...)."""


def detect_environment(backend: SessionFacts | None = None) -> Environment:
    """Ask the platform backend; nothing found here is sent anywhere."""
    b = backend or get_backend()
    display_probe = getattr(b, "virtual_display", None)  # only backends with X11 displays have it
    return Environment(
        display_server=b.display_server(),
        virtual_machine=b.virtual_machine(),
        remote_session=b.remote_session(),
        elevated=b.elevated(),
        virtual_display=display_probe() if callable(display_probe) else None,
    )


_SAID: dict[tuple[Check, bool], str] = {
    # (check, blocks) -> the message key of what the student is told
    ("elevated", True): "finding.elevated",
    ("no_display", True): "finding.no_display",
    ("wayland", True): "finding.wayland.refused",
    ("wayland", False): "finding.wayland.limited",
    ("virtual_machine", True): "finding.vm.refused",
    ("virtual_machine", False): "finding.vm.allowed",
    ("remote_session", True): "finding.remote.refused",
    ("remote_session", False): "finding.remote.allowed",
    ("virtual_machine_unknown", False): "finding.vm.unknown",
    ("virtual_display", True): "finding.display.refused",
    ("virtual_display", False): "finding.display.allowed",
}


@dataclass(frozen=True)
class Finding:
    """One thing the student is told before the exam, and what it means for the start."""

    check: Check
    severity: Severity
    blocks: bool
    """The exam may not start as things are."""
    overridable: bool
    """A proctor may let it start anyway by typing the quit password."""
    detail: Phrase
    """The backend's reason (e.g. "QEMU", an SSH connection)."""

    @property
    def message(self) -> Phrase:
        """What the student is told, with the proctor's way out when there is one."""
        said = Phrase(_SAID[(self.check, self.blocks)], {"detail": self.detail})
        return phrase("finding.overridable", finding=said) if self.overridable else said


def environment_decision(env: Environment, config: ExamConfig) -> list[Finding]:
    """The findings for this environment under this exam's configuration, most serious first.

    Elevated rights and a missing screen can never be overridden; everything else that blocks
    can be, by a proctor, when the exam has a quit password. A virtual-machine check that could not
    be made only warns, and only when the exam refuses virtual machines: an unreadable firmware
    file is not evidence of one, and it must not pass for a check that found none either.
    """
    proctor = config.hashed_quit_password is not None
    findings: list[Finding] = []
    if env.elevated:
        findings.append(Finding("elevated", "error", True, False, env.elevated))
    if env.display_server == "none":
        findings.append(Finding("no_display", "error", True, False, phrase("reason.no_display")))
    elif env.display_server == "wayland":
        refuse = config.wayland == "refuse"
        findings.append(Finding("wayland", "error" if refuse else "warning", refuse, refuse and proctor,
                                phrase("reason.wayland")))
    vm = env.virtual_machine
    if vm.found is not None:
        refuse = not config.allow_virtual_machine
        findings.append(Finding("virtual_machine", "error" if refuse else "info", refuse,
                                refuse and proctor, vm.found))
    elif vm.state == "unknown" and not config.allow_virtual_machine:
        why: Phrase | list[Phrase] = list(vm.problems) or phrase("check.vm.no_source")
        findings.append(Finding("virtual_machine_unknown", "warning", False, False,
                                phrase("reason.list", items=why)))
    if env.virtual_display:
        allowed = (config.allow_virtual_machine if config.allow_virtual_display is None
                   else config.allow_virtual_display)
        findings.append(Finding("virtual_display", "info" if allowed else "error", not allowed,
                                not allowed and proctor, env.virtual_display))
    if env.remote_session:
        refuse = not config.allow_remote_session
        findings.append(Finding("remote_session", "error" if refuse else "info", refuse,
                                refuse and proctor, env.remote_session))
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: order[f.severity])
