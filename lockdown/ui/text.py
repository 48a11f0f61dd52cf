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
    "guard.app_closed": {
        "en": "“{name}” was closed: it is not allowed during this exam.",
        "fr": "« {name} » a été fermé : ce programme n'est pas autorisé pendant cet examen."},
    "guard.failed.process_guard": {
        "en": "lockdown can no longer check for programs that are not allowed. Your exam goes on; "
              "please tell your proctor.",
        "fr": "lockdown ne peut plus vérifier les programmes non autorisés. Votre examen continue ; "
              "prévenez votre surveillant."},
    "quit.title": {"en": "Leave the exam", "fr": "Quitter l'examen"},
    "quit.password": {"en": "Quit password:", "fr": "Mot de passe de sortie :"},
    "quit.confirm": {"en": "Leave the exam now?", "fr": "Quitter l'examen maintenant ?"},
    "quit.wrong": {"en": "Wrong password.", "fr": "Mot de passe incorrect."},
    "quit.ok": {"en": "&Leave", "fr": "&Quitter"},
    "quit.cancel": {"en": "&Back to the exam", "fr": "&Retour à l'examen"},
    "exam.a11y": {"en": "Exam page", "fr": "Page d'examen"},
    "start.title": {"en": "lockdown exam kiosk", "fr": "Kiosque d'examen lockdown"},
    "start.intro": {
        "en": "lockdown opens your online exam full screen and keeps other apps out until you "
              "finish. It starts from the link or the file your institution gave you: click the "
              "\"Launch Safe Exam Browser\" button of your exam, or open the file or paste the link here.",
        "fr": "lockdown ouvre votre examen en ligne en plein écran et tient les autres applications "
              "à l'écart jusqu'à la fin. Il démarre depuis le lien ou le fichier fourni par votre "
              "établissement : cliquez sur le bouton « Lancer Safe Exam Browser » de votre examen, "
              "ou ouvrez le fichier ou collez le lien ici."},
    "start.open_file": {"en": "&Open the exam file…", "fr": "&Ouvrir le fichier d'examen…"},
    "start.open_file.a11y": {"en": "Open the exam file your institution gave you",
                             "fr": "Ouvrir le fichier d'examen fourni par votre établissement"},
    "start.file_filter": {"en": "Exam configurations (*.seb *.json)",
                          "fr": "Configurations d'examen (*.seb *.json)"},
    "start.link": {"en": "Or paste the exam &link:", "fr": "Ou collez le &lien de l'examen :"},
    "start.link.a11y": {"en": "Exam link", "fr": "Lien de l'examen"},
    "start.open_link": {"en": "Open the &link", "fr": "Ouvrir le l&ien"},
    "start.open_link.a11y": {"en": "Open the pasted exam link", "fr": "Ouvrir le lien d'examen collé"},
    "start.link.empty": {"en": "Paste the exam link first.", "fr": "Collez d'abord le lien de l'examen."},
    "start.link.invalid": {
        "en": "This is not an exam link: it should start with sebs://, seb:// or https://.",
        "fr": "Ce n'est pas un lien d'examen : il doit commencer par sebs://, seb:// ou https://."},
    "start.link.insecure": {
        "en": "This link is not secure (http://): ask your institution for its https:// or sebs:// link.",
        "fr": "Ce lien n'est pas sécurisé (http://) : demandez à votre établissement son lien https:// "
              "ou sebs://."},
    "start.check": {"en": "&Check this computer", "fr": "&Vérifier cet ordinateur"},
    "start.check.a11y": {"en": "Check whether this computer can sit an exam",
                         "fr": "Vérifier si cet ordinateur peut passer un examen"},
    "start.checking": {"en": "Checking this computer…", "fr": "Vérification de cet ordinateur…"},
    "start.results.a11y": {"en": "Results of the computer check",
                           "fr": "Résultats de la vérification de l'ordinateur"},
    "start.uninstall": {
        "en": "After your exam, remove lockdown with \"Uninstall Lockdown\" in your applications menu "
              "(or the command lockdown uninstall): nothing of it stays on this computer.",
        "fr": "Après votre examen, supprimez lockdown avec « Uninstall Lockdown » dans le menu des "
              "applications (ou la commande lockdown uninstall) : rien n'en reste sur cet ordinateur."},
    "start.leave": {"en": "&Quit", "fr": "&Quitter"},
    "start.leave.a11y": {"en": "Quit lockdown", "fr": "Quitter lockdown"},
    "signin.title": {"en": "Sign in to get your exam", "fr": "Connectez-vous pour obtenir votre examen"},
    "signin.intro": {
        "en": "This is the sign-in step, not the exam: sign in with your institution account as "
              "usual. Nothing you type here is kept by lockdown. Once your institution sends the exam, "
              "this window closes and lockdown shows what it will do before the exam starts.",
        "fr": "Ceci est l'étape de connexion, pas l'examen : connectez-vous avec le compte de votre "
              "établissement comme d'habitude. lockdown ne garde rien de ce que vous saisissez ici. "
              "Dès que votre établissement envoie l'examen, cette fenêtre se ferme et lockdown vous "
              "montre ce qu'il va faire avant le début de l'examen."},
    "signin.page.a11y": {"en": "Sign-in page of your institution",
                         "fr": "Page de connexion de votre établissement"},
    "signin.cancel": {"en": "&Cancel (change nothing)", "fr": "&Annuler (ne rien modifier)"},
    "signin.cancel.a11y": {"en": "Cancel and leave without changing anything",
                           "fr": "Annuler et quitter sans rien modifier"},
    "signin.refused": {"en": "That page was not opened: the sign-in step only opens secure (https) pages.",
                       "fr": "Cette page n'a pas été ouverte : l'étape de connexion n'ouvre que des "
                             "pages sécurisées (https)."},
    "signin.not_configuration": {
        "en": "Only the exam configuration can be downloaded here.",
        "fr": "Seule la configuration de l'examen peut être téléchargée ici."},
    "signin.receiving": {"en": "Receiving the exam configuration…",
                         "fr": "Réception de la configuration de l'examen…"},
    "signin.failed": {"en": "The exam configuration could not be received. Try the link again.",
                      "fr": "La configuration de l'examen n'a pas pu être reçue. Réessayez le lien."},
    "password.title": {"en": "Protected exam settings", "fr": "Paramètres d'examen protégés"},
    "password.intro": {
        "en": "This exam's settings are protected by a password. Type the settings password you were "
              "given to open the exam. Nothing is changed on this computer before the exam opens.",
        "fr": "Les paramètres de cet examen sont protégés par un mot de passe. Saisissez le mot de passe "
              "des paramètres qui vous a été donné pour ouvrir l'examen. Rien n'est modifié sur cet "
              "ordinateur avant l'ouverture de l'examen."},
    "password.label": {"en": "&Settings password:", "fr": "&Mot de passe des paramètres :"},
    "password.wrong": {"en": "Wrong password. {count} tries left.",
                       "fr": "Mot de passe incorrect. Il reste {count} essais."},
    "password.wrong_last": {
        "en": "Wrong password. This is the last try: if it is wrong too, the exam does not open; ask "
              "your teacher or proctor for the settings password.",
        "fr": "Mot de passe incorrect. C'est le dernier essai : s'il est faux lui aussi, l'examen ne "
              "s'ouvre pas ; demandez le mot de passe des paramètres à votre enseignant ou au "
              "surveillant."},
    "password.open": {"en": "&Open the exam", "fr": "&Ouvrir l'examen"},
    "password.leave": {"en": "&Leave (change nothing)", "fr": "&Quitter (ne rien modifier)"},
    "password.leave.a11y": {"en": "Leave without changing anything",
                            "fr": "Quitter sans rien modifier"},
    "taskbar.a11y": {"en": "Exam taskbar (F6 to reach it and go back to the page)",
                     "fr": "Barre des tâches de l'examen (F6 pour y aller et revenir à la page)"},
    "taskbar.back": {"en": "Back to the previous page", "fr": "Retour à la page précédente"},
    "taskbar.reload": {"en": "Reload", "fr": "Recharger"},
    "taskbar.reload.a11y": {"en": "Reload the page", "fr": "Recharger la page"},
    "taskbar.zoom_out": {"en": "Zoom out", "fr": "Réduire"},
    "taskbar.zoom_in": {"en": "Zoom in", "fr": "Agrandir"},
    "taskbar.zoom_reset": {"en": "Zoom {percent} %: back to 100 %",
                           "fr": "Zoom {percent} % : revenir à 100 %"},
    "taskbar.address.a11y": {"en": "Page address", "fr": "Adresse de la page"},
    "taskbar.layout.a11y": {"en": "Keyboard layout {name}: press to switch to {next}",
                            "fr": "Disposition du clavier {name} : appuyez pour passer à {next}"},
    "taskbar.layout.one": {"en": "Keyboard layout {name}", "fr": "Disposition du clavier {name}"},
    "taskbar.layout.failed": {"en": "The keyboard layout could not be changed.",
                              "fr": "La disposition du clavier n'a pas pu être changée."},
    "taskbar.volume": {"en": "Volume {level} %", "fr": "Volume {level} %"},
    "taskbar.volume.muted": {"en": "Sound off", "fr": "Son coupé"},
    "taskbar.volume_down": {"en": "Volume down", "fr": "Baisser le volume"},
    "taskbar.volume_up": {"en": "Volume up", "fr": "Monter le volume"},
    "taskbar.mute": {"en": "Turn the sound off", "fr": "Couper le son"},
    "taskbar.unmute": {"en": "Turn the sound on", "fr": "Remettre le son"},
    "taskbar.volume.failed": {"en": "The volume could not be changed.",
                              "fr": "Le volume n'a pas pu être modifié."},
    "taskbar.wifi": {"en": "Wi-Fi", "fr": "Wi-Fi"},
    "taskbar.wifi.a11y": {"en": "Wi-Fi networks this computer knows",
                          "fr": "Réseaux Wi-Fi connus de cet ordinateur"},
    "taskbar.wifi.none": {"en": "No known Wi-Fi network is in range.",
                          "fr": "Aucun réseau Wi-Fi connu n'est à portée."},
    "taskbar.wifi.network": {"en": "{name} ({strength} %)", "fr": "{name} ({strength} %)"},
    "taskbar.wifi.active": {"en": "{name} ({strength} %, connected)",
                            "fr": "{name} ({strength} %, connecté)"},
    "taskbar.wifi.connecting": {"en": "Connecting to {name}…", "fr": "Connexion à {name}…"},
    "taskbar.wifi.failed": {"en": "Could not connect to {name}.", "fr": "Connexion à {name} impossible."},
    "taskbar.network.online": {"en": "Online", "fr": "En ligne"},
    "taskbar.network.offline": {"en": "No network", "fr": "Pas de réseau"},
    "taskbar.network.server_lost": {"en": "Exam server unreachable", "fr": "Serveur d'examen injoignable"},
    "taskbar.network.unknown": {"en": "Network", "fr": "Réseau"},
    "taskbar.network.a11y": {"en": "Network: {state}", "fr": "Réseau : {state}"},
    "taskbar.battery": {"en": "Battery {percent} %", "fr": "Batterie {percent} %"},
    "taskbar.battery.charging": {"en": "Battery {percent} %, charging",
                                 "fr": "Batterie {percent} %, en charge"},
    "taskbar.battery.low": {"en": "Battery low: {percent} %", "fr": "Batterie faible : {percent} %"},
    "taskbar.clock.a11y": {"en": "Time {time}", "fr": "Heure {time}"},
    "taskbar.quit": {"en": "Leave the exam", "fr": "Quitter l'examen"},
    "taskbar.app": {"en": "Start {name}", "fr": "Démarrer {name}"},
    "taskbar.app.running": {"en": "{name} is running: show it", "fr": "{name} est ouvert : l'afficher"},
    "taskbar.app.failed": {"en": "{name} could not be started.", "fr": "{name} n'a pas pu être démarré."},
    "reload.title": {"en": "Reload the page", "fr": "Recharger la page"},
    "reload.question": {"en": "Reload this page? What you have not saved on it may be lost.",
                        "fr": "Recharger cette page ? Ce que vous n'y avez pas enregistré peut être perdu."},
    "reload.ok": {"en": "&Reload", "fr": "&Recharger"},
    "reload.cancel": {"en": "&Cancel", "fr": "&Annuler"},
    "refused.reload": {"en": "Reloading the page is not allowed during this exam.",
                       "fr": "Le rechargement de la page n'est pas autorisé pendant cet examen."},
    "quiturl.title": {"en": "End of the exam", "fr": "Fin de l'examen"},
    "quiturl.question": {"en": "You have reached the end of the exam. Leave the exam now?",
                         "fr": "Vous êtes arrivé à la fin de l'examen. Quitter l'examen maintenant ?"},
    "quiturl.ok": {"en": "&Leave the exam", "fr": "&Quitter l'examen"},
    "quiturl.cancel": {"en": "&Stay on this page", "fr": "&Rester sur cette page"},
    "message.battery_low": {
        "en": "The battery is low ({percent} %): plug in the charger now so that you can finish the exam.",
        "fr": "La batterie est faible ({percent} %) : branchez le chargeur maintenant pour pouvoir "
              "terminer l'examen."},
    "message.screen_added": {
        "en": "Another screen was connected. It is covered: your exam stays on this screen.",
        "fr": "Un autre écran a été branché. Il est couvert : votre examen reste sur cet écran."},
    "message.network_lost": {
        "en": "This computer has lost its network connection. What is on the page stays; reconnect to "
              "go on saving.",
        "fr": "Cet ordinateur a perdu sa connexion réseau. Ce qui est sur la page reste ; reconnectez-vous "
              "pour continuer à enregistrer."},
    "message.network_back": {"en": "This computer is connected to a network again.",
                             "fr": "Cet ordinateur est de nouveau connecté à un réseau."},
}


def tr(lang: Language, key: str, **values: object) -> str:
    """The sentence `key` in `lang`, with `{name}` placeholders filled from `values`."""
    return _TEXT[key][lang].format(**values)


def keys() -> tuple[str, ...]:
    """Every sentence key (a test checks each exists in both languages)."""
    return tuple(_TEXT)
