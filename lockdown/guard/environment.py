"""Environment checks that alert, never decide on their own.

`detect_environment()` gathers facts (display server, virtual machine, remote session, elevated)
with a reason the student can read. `environment_decision()` is the pure rule that turns them,
with the exam configuration, into findings: what blocks the start, and whether a proctor may
override it with the quit password (a human decides). The kiosk only shows the findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lockdown.config.model import ExamConfig
from lockdown.i18n import Language
from lockdown.platform import DisplayServer, PlatformBackend, get_backend

Severity = Literal["info", "warning", "error"]
Check = Literal["elevated", "no_display", "wayland", "virtual_machine", "virtual_display", "remote_session"]


@dataclass(frozen=True)
class Environment:
    """What was found; each reason is None when nothing was found."""

    display_server: DisplayServer
    virtual_machine: str | None
    remote_session: str | None
    elevated: str | None
    virtual_display: str | None = None
    """The display is not the machine's screen (a nested X server, a VNC server...)."""


def detect_environment(backend: PlatformBackend | None = None) -> Environment:
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


_TEXT: dict[tuple[Check, bool], dict[Language, str]] = {
    ("elevated", True): {
        "en": "lockdown is running with administrator or root rights ({detail}). "
              "Start it from your ordinary account.",
        "fr": "lockdown fonctionne avec des droits d'administrateur ou root ({detail}). "
              "Lancez-le depuis votre compte habituel.",
    },
    ("no_display", True): {
        "en": "No screen was found ({detail}): lockdown needs a graphical session to show the exam.",
        "fr": "Aucun écran n'a été trouvé ({detail}) : lockdown a besoin d'une session graphique "
              "pour afficher l'examen.",
    },
    ("wayland", True): {
        "en": "Your desktop uses Wayland ({detail}), where lockdown cannot keep other apps out. "
              "Log out, choose an X11 (Xorg) session on the login screen, and start the exam again.",
        "fr": "Votre bureau utilise Wayland ({detail}), où lockdown ne peut pas tenir les autres "
              "applications à l'écart. Fermez la session, choisissez une session X11 (Xorg) sur "
              "l'écran de connexion et relancez l'examen.",
    },
    ("wayland", False): {
        "en": "Your desktop uses Wayland ({detail}): this exam runs with limited protection "
              "(shortcuts and other windows are not blocked), as its configuration allows.",
        "fr": "Votre bureau utilise Wayland ({detail}) : cet examen se déroule avec une protection "
              "limitée (raccourcis et autres fenêtres non bloqués), comme sa configuration le permet.",
    },
    ("virtual_machine", True): {
        "en": "This computer looks like a virtual machine ({detail}); this exam does not allow that. "
              "Use your computer directly, without a virtual machine.",
        "fr": "Cet ordinateur semble être une machine virtuelle ({detail}) ; cet examen ne le permet "
              "pas. Utilisez directement votre ordinateur, sans machine virtuelle.",
    },
    ("virtual_machine", False): {
        "en": "This computer looks like a virtual machine ({detail}); this exam allows it.",
        "fr": "Cet ordinateur semble être une machine virtuelle ({detail}) ; cet examen le permet.",
    },
    ("virtual_display", True): {
        "en": "The exam would not be shown on this computer's own screen but on {detail}, which "
              "other programs can show elsewhere; this exam does not allow that. Start lockdown "
              "from your desktop session itself.",
        "fr": "L'examen ne s'afficherait pas sur l'écran de cet ordinateur mais sur {detail}, que "
              "d'autres programmes peuvent afficher ailleurs ; cet examen ne le permet pas. Lancez "
              "lockdown depuis votre session de bureau elle-même.",
    },
    ("virtual_display", False): {
        "en": "The exam is shown on {detail}, not on this computer's own screen; this exam allows it.",
        "fr": "L'examen s'affiche sur {detail}, pas sur l'écran de cet ordinateur ; cet examen le permet.",
    },
    ("remote_session", True): {
        "en": "This session seems to be used remotely ({detail}); this exam does not allow that. "
              "Sit the exam at the computer itself.",
        "fr": "Cette session semble utilisée à distance ({detail}) ; cet examen ne le permet pas. "
              "Passez l'examen directement sur l'ordinateur.",
    },
    ("remote_session", False): {
        "en": "This session seems to be used remotely ({detail}); this exam allows it.",
        "fr": "Cette session semble utilisée à distance ({detail}) ; cet examen le permet.",
    },
}

_PROCTOR: dict[Language, str] = {
    "en": " A proctor may let the exam start with the quit password.",
    "fr": " Un surveillant peut autoriser le début de l'examen avec le mot de passe de sortie.",
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
    detail: str
    """The backend's reason (e.g. "QEMU", "SSH connection")."""

    def text(self, lang: Language = "en") -> str:
        """The sentence shown to the student."""
        message = _TEXT[(self.check, self.blocks)][lang].format(detail=self.detail)
        return message + (_PROCTOR[lang] if self.overridable else "")


def environment_decision(env: Environment, config: ExamConfig) -> list[Finding]:
    """The findings for this environment under this exam's configuration, most serious first.

    Elevated rights and a missing screen can never be overridden; everything else that blocks
    can be, by a proctor, when the exam has a quit password.
    """
    proctor = config.hashed_quit_password is not None
    findings: list[Finding] = []
    if env.elevated:
        findings.append(Finding("elevated", "error", True, False, env.elevated))
    if env.display_server == "none":
        findings.append(Finding("no_display", "error", True, False, "no DISPLAY or WAYLAND_DISPLAY"))
    elif env.display_server == "wayland":
        refuse = config.wayland == "refuse"
        findings.append(Finding("wayland", "error" if refuse else "warning", refuse, refuse and proctor,
                                "Wayland session"))
    if env.virtual_machine:
        refuse = not config.allow_virtual_machine
        findings.append(Finding("virtual_machine", "error" if refuse else "info", refuse,
                                refuse and proctor, env.virtual_machine))
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
