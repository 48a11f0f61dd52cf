"""The privacy manifest: the only data that may leave the machine or be stored on it.

Everything lockdown sends is built by `build_payload()` from the messages defined here, so a field
that is not in this manifest cannot be sent. `docs/PRIVACY.md` is generated from this module
(`lockdown privacy --markdown`) and a test keeps the two equal. The notice shown before the exam
is rendered from it too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lockdown.i18n import Language

EVENT_TYPES: tuple[str, ...] = (
    "exam_started",
    "exam_ended",
    "focus_lost",
    "prohibited_app_closed",
    "screen_count_changed",
    "connection_lost",
    "connection_restored",
    "build_unverified",
    "quit_requested",
    "window_hidden",
    "window_moved",
    "window_covered",
)
"""The only kinds of event lockdown reports; an event carries its type, never a name or a title."""

CHECK_STATUSES: tuple[str, ...] = ("pass", "warn", "fail")


@dataclass(frozen=True)
class Field:
    """One field of one message: its wire name, what it may hold, and why it is needed."""

    name: str
    pattern: str
    why: Mapping[Language, str]

    def accepts(self, value: object) -> bool:
        """True when `value` is a string or int whose text matches the field's whole pattern."""
        if isinstance(value, bool) or not isinstance(value, str | int):
            return False
        return re.fullmatch(self.pattern, str(value)) is not None


@dataclass(frozen=True)
class Message:
    """One kind of data that leaves the machine: to whom, when, and the exact fields."""

    name: str
    recipient: Mapping[Language, str]
    when: Mapping[Language, str]
    retention: Mapping[Language, str]
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Stored:
    """One item lockdown keeps on the machine, how it is protected, and when it is deleted."""

    name: str
    what: Mapping[Language, str]
    protection: Mapping[Language, str]
    deleted: Mapping[Language, str]


_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
_HEX64 = r"[0-9a-f]{64}"
_TOKEN = r"[A-Za-z0-9_-]{16,128}"  # noqa: S105 (a pattern, not a secret)
_STATUS = "|".join(CHECK_STATUSES)

_SERVER: Mapping[Language, str] = {"en": "your institution's exam server",
                               "fr": "le serveur d'examen de votre établissement"}

MESSAGES: tuple[Message, ...] = (
    Message(
        name="request_headers",
        recipient=_SERVER,
        when={"en": "with every request the exam browser makes to the exam server",
              "fr": "avec chaque requête du navigateur d'examen vers le serveur d'examen"},
        retention={"en": "not stored by lockdown; as your institution's platform logs requests",
                   "fr": "non conservé par lockdown ; selon la journalisation de la plateforme"},
        fields=(
            Field("X-SafeExamBrowser-ConfigKeyHash", _HEX64,
                  {"en": "proves the exam runs with the configuration the teacher prepared",
                   "fr": "prouve que l'examen utilise la configuration préparée par l'enseignant"}),
            Field("X-SafeExamBrowser-RequestHash", _HEX64,
                  {"en": "proves the request comes from an unmodified official build",
                   "fr": "prouve que la requête vient d'une version officielle non modifiée"}),
            Field("Authorization", "Bearer " + _TOKEN,
                  {"en": "the pseudonymous session token, on exam-server API calls only",
                   "fr": "le jeton pseudonyme de session, sur les appels à l'API du serveur d'examen"}),
            Field("User-Agent", r"[ -~]{1,400}",
                  {"en": "browser and lockdown version, so the exam page displays correctly",
                   "fr": "versions du navigateur et de lockdown, pour l'affichage de la page"}),
        ),
    ),
    Message(
        name="session",
        recipient=_SERVER,
        when={"en": "once, when the exam starts", "fr": "une fois, au début de l'examen"},
        retention={"en": "the token is deleted from this machine when the exam ends",
                   "fr": "le jeton est effacé de cette machine à la fin de l'examen"},
        fields=(
            Field("config_key", _HEX64,
                  {"en": "names the exam configuration, to receive a pseudonymous session token",
                   "fr": "désigne la configuration d'examen, pour obtenir un jeton de session pseudonyme"}),
        ),
    ),
    Message(
        name="heartbeat",
        recipient=_SERVER,
        when={"en": "every 10 seconds of the exam in which nothing else was sent: a request for the "
                    "server's time, so the banner can tell you when the connection drops",
              "fr": "toutes les 10 secondes d'examen sans autre envoi : une demande de l'heure du "
                    "serveur, pour que le bandeau vous signale une coupure"},
        retention={"en": "nothing to keep: it carries no data", "fr": "rien à conserver : aucune donnée"},
        fields=(),
    ),
    Message(
        name="event",
        recipient=_SERVER,
        when={"en": "during the exam, when one of the listed events happens",
              "fr": "pendant l'examen, quand l'un des événements listés se produit"},
        retention={"en": "kept by the server for two months at most, then deleted",
                   "fr": "conservé par le serveur deux mois au plus, puis effacé"},
        fields=(
            Field("event_id", _UUID,
                  {"en": "a random number so an event resent after a network drop counts once",
                   "fr": "un nombre aléatoire pour qu'un événement renvoyé après une coupure "
                         "compte une fois"}),
            Field("type", "|".join(EVENT_TYPES),
                  {"en": "what happened, from a fixed list: " + ", ".join(EVENT_TYPES),
                   "fr": "ce qui s'est passé, dans une liste fixe : " + ", ".join(EVENT_TYPES)}),
            Field("t", r"[0-9]{1,6}",
                  {"en": "seconds since the exam started (no clock time)",
                   "fr": "secondes écoulées depuis le début de l'examen (pas d'heure)"}),
        ),
    ),
    Message(
        name="compat_report",
        recipient=_SERVER,
        when={"en": "only with `lockdown check --report`, after you have seen it",
              "fr": "seulement avec `lockdown check --report`, après que vous l'avez vu"},
        retention={"en": "aggregated into anonymous counts for the administrators",
                   "fr": "agrégé en comptes anonymes pour les administrateurs"},
        fields=(
            Field("report_id", _UUID,
                  {"en": "a random number so a resent report counts once",
                   "fr": "un nombre aléatoire pour qu'un rapport renvoyé compte une fois"}),
            Field("os_family", "linux|windows|macos",
                  {"en": "which system to test on", "fr": "le système à tester"}),
            Field("os_version", r"[0-9A-Za-z._ -]{1,40}",
                  {"en": "the system's version number (no build or machine name)",
                   "fr": "le numéro de version du système (ni build, ni nom de machine)"}),
            Field("arch", "x86_64|arm64|x86|other",
                  {"en": "processor family", "fr": "famille de processeur"}),
            Field("qt_version", r"[0-9.]{1,20}|unknown",
                  {"en": "version of the browser engine", "fr": "version du moteur de navigation"}),
            Field("lockdown_version", r"[0-9A-Za-z.+-]{1,40}",
                  {"en": "version of lockdown", "fr": "version de lockdown"}),
            Field("check.<name>", _STATUS,
                  {"en": "each check's result: pass, warn or fail (no details)",
                   "fr": "le résultat de chaque vérification : pass, warn ou fail (sans détail)"}),
        ),
    ),
)

STORED: tuple[Stored, ...] = (
    Stored("event-queue",
           {"en": "events not yet delivered while the network is down",
            "fr": "les événements pas encore envoyés pendant une coupure réseau"},
           {"en": "encrypted (AES-GCM), key in the system keyring",
            "fr": "chiffré (AES-GCM), clé dans le trousseau du système"},
           {"en": "as soon as they are delivered, and by the uninstaller",
            "fr": "dès leur envoi, et par le désinstalleur"}),
    Stored("session-token",
           {"en": "the pseudonymous exam-session token", "fr": "le jeton pseudonyme de session d'examen"},
           {"en": "in the system keyring", "fr": "dans le trousseau du système"},
           {"en": "at the end of the exam", "fr": "à la fin de l'examen"}),
    Stored("browser-data",
           {"en": "cookies, cache and page storage of the exam browser",
            "fr": "cookies, cache et stockage des pages du navigateur d'examen"},
           {"en": "never written to disk (memory only)", "fr": "jamais écrits sur le disque (mémoire seule)"},
           {"en": "when the kiosk closes", "fr": "à la fermeture du kiosque"}),
)

NEVER: Mapping[Language, tuple[str, ...]] = {
    "en": ("camera or microphone", "screenshots or screen recordings", "keystrokes",
           "window titles or the names of your apps", "your name, user name or machine name",
           "hardware identifiers or network addresses", "behaviour analysis or automatic decisions"),
    "fr": ("caméra ou microphone", "captures ou enregistrements d'écran", "frappes au clavier",
           "titres de fenêtres ou noms de vos applications", "votre nom, nom d'utilisateur ou de machine",
           "identifiants matériels ou adresses réseau", "analyse du comportement ou décision automatique"),
}


PAGE_CAN_LEARN: Mapping[Language, tuple[str, ...]] = {
    "en": ("the user agent: browser engine and lockdown versions, the system family and processor "
           "family (such as \"X11; Linux x86_64\"), never the kernel or build version nor the model",
           "the number of processor cores and a rough memory class (e.g. 8 GB)",
           "the time zone and the language", "the screen's size"),
    "fr": ("l'agent utilisateur : versions du moteur de navigation et de lockdown, familles du "
           "système et du processeur (par ex. « X11; Linux x86_64 »), jamais la version du noyau ou "
           "du build ni le modèle",
           "le nombre de cœurs du processeur et une classe de mémoire approximative (par ex. 8 Go)",
           "le fuseau horaire et la langue", "la taille de l'écran"),
}
"""What the exam page itself can read in the browser, as any web page can; lockdown sends none of it."""


class PrivacyViolation(ValueError):
    """Code tried to send something the privacy manifest does not list: a bug, never user input."""


def message(name: str) -> Message:
    """The definition of one message."""
    for m in MESSAGES:
        if m.name == name:
            return m
    raise PrivacyViolation(f"no message {name!r} in the privacy manifest")


def _field_for(msg: Message, key: str) -> Field | None:
    for f in msg.fields:
        if f.name == key or (f.name.endswith(".<name>") and key.startswith(f.name[: -len("<name>")])
                             and re.fullmatch(r"[a-z_]{1,40}", key[len(f.name) - len("<name>"):])):
            return f
    return None


def build_payload(message_name: str, values: Mapping[str, object]) -> dict[str, object]:
    """Check every field against the manifest and return a plain dict ready to serialise.

    Keys of the form `check.<name>` (compat reports) are allowed where the manifest says so.
    Raises `PrivacyViolation` for an unknown message, field or value.
    """
    msg = message(message_name)
    out: dict[str, object] = {}
    for key, value in values.items():
        f = _field_for(msg, key)
        if f is None:
            raise PrivacyViolation(f"{message_name}.{key} is not in the privacy manifest")
        if not f.accepts(value):
            raise PrivacyViolation(f"{message_name}.{key}: value not allowed by the privacy manifest")
        out[key] = value
    return out


def allowed_fields(message_name: str) -> tuple[str, ...]:
    """Wire names of one message's fields (for tests that check what the server received)."""
    return tuple(f.name for f in message(message_name).fields)


_TITLES: Mapping[Language, Mapping[str, str]] = {
    "en": {"title": "What lockdown sends and keeps", "never": "Never collected",
           "sent": "Sent", "to": "To", "when": "When", "kept": "Retention",
           "stored": "Stored on this machine", "protection": "Protection", "deleted": "Deleted",
           "field": "Field", "why": "Why",
           "page": "What the exam page itself can read (as any web page can; lockdown sends none of it)"},
    "fr": {"title": "Ce que lockdown envoie et conserve", "never": "Jamais collecté",
           "sent": "Envoyé", "to": "À", "when": "Quand", "kept": "Conservation",
           "stored": "Conservé sur cette machine", "protection": "Protection", "deleted": "Effacé",
           "field": "Champ", "why": "Pourquoi",
           "page": "Ce que la page d'examen peut lire elle-même (comme toute page web ; lockdown "
                   "n'en envoie rien)"},
}


def render_markdown(lang: Language) -> str:
    """The manifest in one language, as Markdown (docs/PRIVACY.md holds both languages)."""
    t = _TITLES[lang]
    lines = [f"## {t['title']}", "", f"### {t['never']}", ""]
    lines += [f"- {item}" for item in NEVER[lang]]
    lines += ["", f"### {t['sent']}", ""]
    for m in MESSAGES:
        lines += [f"#### `{m.name}`", "",
                  f"- {t['to']}: {m.recipient[lang]}",
                  f"- {t['when']}: {m.when[lang]}",
                  f"- {t['kept']}: {m.retention[lang]}", ""]
        if m.fields:
            lines += [f"| {t['field']} | {t['why']} |", "|---|---|"]
            lines += [f"| `{f.name}` | {f.why[lang]} |" for f in m.fields]
            lines.append("")
    lines += [f"### {t['stored']}", "",
              f"| | {t['protection']} | {t['deleted']} |", "|---|---|---|"]
    lines += [f"| {s.what[lang]} | {s.protection[lang]} | {s.deleted[lang]} |" for s in STORED]
    lines += ["", f"### {t['page']}", ""]
    lines += [f"- {item}" for item in PAGE_CAN_LEARN[lang]]
    return "\n".join(lines) + "\n"


def render_document() -> str:
    """docs/PRIVACY.md: both languages, English first."""
    head = ("# Privacy manifest / Manifeste de confidentialité\n\n"
            "Generated from `lockdown/privacy.py` by `lockdown privacy --markdown`; "
            "a test keeps this file and the code equal.\n\n"
            "Généré depuis `lockdown/privacy.py` par `lockdown privacy --markdown` ; "
            "un test garde ce fichier et le code identiques.\n\n")
    return head + render_markdown("en") + "\n" + render_markdown("fr")
