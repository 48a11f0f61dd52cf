"""Every sentence the kiosk shows, in English and French (user text is made here, at the edge)."""

from __future__ import annotations

from collections.abc import Mapping

from lockdown.i18n import Language

_TEXT: Mapping[str, Mapping[Language, str]] = {
    "notice.title": {"en": "Before your exam", "fr": "Avant votre examen"},
    "notice.intro": {
        "en": "lockdown will now open your exam full screen and keep other apps, windows and web "
              "pages out until you finish. Nothing is changed on this computer once the exam ends.",
        "fr": "lockdown va ouvrir votre examen en plein écran et tenir à l'écart les autres "
              "applications, fenêtres et pages web jusqu'à la fin. Rien ne reste modifié sur cet "
              "ordinateur après l'examen."},
    "notice.exam": {"en": "Exam: {url}", "fr": "Examen : {url}"},
    "notice.continue": {"en": "&Continue to the exam", "fr": "&Continuer vers l'examen"},
    "notice.cancel": {"en": "C&ancel (change nothing)", "fr": "&Annuler (ne rien modifier)"},
    "notice.continue.a11y": {"en": "Continue to the exam", "fr": "Continuer vers l'examen"},
    "notice.cancel.a11y": {"en": "Cancel and leave without changing anything",
                           "fr": "Annuler et quitter sans rien modifier"},
    "notice.body.a11y": {"en": "What lockdown watches and sends",
                         "fr": "Ce que lockdown surveille et envoie"},
    "notice.checking": {
        "en": "Checking that this copy of lockdown is the official one, unmodified… {percent} %. "
              "The exam opens as soon as it is done.",
        "fr": "Vérification que cette copie de lockdown est l'officielle, non modifiée… {percent} %. "
              "L'examen s'ouvre dès que c'est terminé."},
    "notice.checking.a11y": {"en": "Checking this copy of lockdown",
                             "fr": "Vérification de cette copie de lockdown"},
    "checks.title": {"en": "Before the exam starts", "fr": "Avant le début de l'examen"},
    "checks.apps": {
        "en": "These apps are not allowed during the exam. lockdown can close them for you "
              "(save your work in them first):",
        "fr": "Ces applications ne sont pas autorisées pendant l'examen. lockdown peut les fermer "
              "pour vous (enregistrez d'abord votre travail) :"},
    "checks.close_apps": {"en": "C&lose these apps", "fr": "&Fermer ces applications"},
    "checks.blocked": {"en": "The exam cannot start on this computer:",
                       "fr": "L'examen ne peut pas démarrer sur cet ordinateur :"},
    "checks.warning": {"en": "Please note:", "fr": "À noter :"},
    "checks.override": {"en": "A proctor may type the quit password to start anyway:",
                        "fr": "Un surveillant peut saisir le mot de passe de sortie pour démarrer "
                              "quand même :"},
    "checks.start": {"en": "&Start the exam", "fr": "&Démarrer l'examen"},
    "checks.leave": {"en": "&Leave", "fr": "&Quitter"},
    "checks.password.a11y": {"en": "Proctor's quit password", "fr": "Mot de passe de sortie du surveillant"},
    "checks.screens": {
        "en": "{count} screens are connected; this exam allows {allowed}. Disconnect the others and "
              "start again.",
        "fr": "{count} écrans sont branchés ; cet examen en autorise {allowed}. Débranchez les autres "
              "et recommencez."},
    "checks.wayland.refuse": {
        "en": "This is a Wayland session. lockdown needs an X11 session here: log out and choose "
              "an X11 (Xorg) session at the login screen.",
        "fr": "Cette session est Wayland. lockdown a besoin ici d'une session X11 : déconnectez-vous "
              "et choisissez une session X11 (Xorg) à l'écran de connexion."},
    "checks.wayland.limited": {
        "en": "This is a Wayland session: other windows cannot be kept out completely.",
        "fr": "Cette session est Wayland : les autres fenêtres ne peuvent pas être tenues à l'écart "
              "complètement."},
    "checks.vm": {"en": "This computer looks like a virtual machine ({reason}).",
                  "fr": "Cet ordinateur semble être une machine virtuelle ({reason})."},
    "checks.remote": {"en": "This looks like a remote session ({reason}).",
                      "fr": "Cette session semble être une session à distance ({reason})."},
    "cover.text": {"en": "The exam runs on the main screen.",
                   "fr": "L'examen se déroule sur l'écran principal."},
    "refused.navigation": {"en": "This page is not part of the exam, so it was not opened.",
                           "fr": "Cette page ne fait pas partie de l'examen : elle n'a pas été ouverte."},
    "refused.window": {"en": "New windows and tabs are not available during the exam.",
                       "fr": "Les nouvelles fenêtres et onglets ne sont pas disponibles pendant l'examen."},
    "refused.download": {"en": "Downloads are not allowed during this exam.",
                         "fr": "Les téléchargements ne sont pas autorisés pendant cet examen."},
    "refused.upload": {"en": "Sending files is not allowed during this exam.",
                       "fr": "L'envoi de fichiers n'est pas autorisé pendant cet examen."},
    "refused.print": {"en": "Printing is not allowed during this exam.",
                      "fr": "L'impression n'est pas autorisée pendant cet examen."},
    "refused.quit": {"en": "Quitting is disabled for this exam: submit it to finish.",
                     "fr": "La sortie est désactivée pour cet examen : rendez-le pour terminer."},
    "offline.title": {"en": "Connection lost", "fr": "Connexion perdue"},
    "offline.body": {
        "en": "The exam page could not be reached. Your work is kept: lockdown keeps trying and the "
              "exam comes back as soon as the connection returns.",
        "fr": "La page d'examen est injoignable. Votre travail est conservé : lockdown réessaie et "
              "l'examen revient dès le retour de la connexion."},
    "offline.retrying": {"en": "Next try in {seconds} s.", "fr": "Nouvel essai dans {seconds} s."},
    "offline.retry": {"en": "&Try again now", "fr": "&Réessayer maintenant"},
    "banner.lost": {"en": "Connection to the exam server lost. Your work is kept; reconnecting…",
                    "fr": "Connexion au serveur d'examen perdue. Votre travail est conservé ; reconnexion…"},
    "banner.back": {"en": "Connection to the exam server is back.",
                    "fr": "La connexion au serveur d'examen est rétablie."},
    "banner.a11y": {"en": "Connection status", "fr": "État de la connexion"},
    "message.a11y": {"en": "Message", "fr": "Message"},
    "quit.title": {"en": "Leave the exam", "fr": "Quitter l'examen"},
    "quit.password": {"en": "Quit password:", "fr": "Mot de passe de sortie :"},
    "quit.confirm": {"en": "Leave the exam now?", "fr": "Quitter l'examen maintenant ?"},
    "quit.wrong": {"en": "Wrong password.", "fr": "Mot de passe incorrect."},
    "quit.ok": {"en": "&Leave", "fr": "&Quitter"},
    "quit.cancel": {"en": "&Back to the exam", "fr": "&Retour à l'examen"},
    "exam.a11y": {"en": "Exam page", "fr": "Page d'examen"},
}


def tr(lang: Language, key: str, **values: object) -> str:
    """The sentence `key` in `lang`, with `{name}` placeholders filled from `values`."""
    return _TEXT[key][lang].format(**values)


def keys() -> tuple[str, ...]:
    """Every sentence key (a test checks each exists in both languages)."""
    return tuple(_TEXT)
