"""Every sentence the student reads, in French: message key -> sentence with {placeholders}.

The keys and placeholders are the same as in `lockdown/words/en.py` (a test checks it). French
typography: a space before ":", ";" and "?", guillemets with no-break spaces, a comma as the
decimal mark and a narrow no-break space between thousands.
"""

from __future__ import annotations

from collections.abc import Mapping

DECIMAL = ","
THOUSANDS = "\u202f"
"""How numbers are written: the decimal mark and the thousands separator."""
SEPARATOR = " ; "
"""Between the items of a list of reasons."""

TEXT: Mapping[str, str] = {
    # The notice before the exam (the privacy manifest follows it, see privacy.*)
    "notice.title": "Avant votre examen",
    "notice.checking": (
        "Vérification que cette copie de lockdown est l'officielle, non modifiée… {percent} %. "
        "L'examen s'ouvre dès que c'est terminé."),
    "notice.checking.a11y": "Vérification de cette copie de lockdown",
    "notice.intro": (
        "lockdown va ouvrir votre examen en plein écran et tenir à l'écart les autres applications, "
        "fenêtres et pages web jusqu'à la fin. Rien ne reste modifié sur cet ordinateur après l'examen."),
    "notice.exam": "Examen : {url}",
    "notice.continue": "&Continuer vers l'examen",
    "notice.cancel": "&Annuler (ne rien modifier)",
    "notice.continue.a11y": "Continuer vers l'examen",
    "notice.cancel.a11y": "Annuler et quitter sans rien modifier",
    "notice.body.a11y": "Ce que lockdown surveille et envoie",

    # The checks before the exam starts
    "checks.title": "Avant le début de l'examen",
    "checks.apps": (
        "Ces applications ne sont pas autorisées pendant l'examen. lockdown peut les fermer pour vous "
        "(enregistrez d'abord votre travail) :"),
    "checks.close_apps": "&Fermer ces applications",
    "checks.blocked": "L'examen ne peut pas démarrer sur cet ordinateur :",
    "checks.warning": "À noter :",
    "checks.override": "Un surveillant peut saisir le mot de passe de sortie pour démarrer quand même :",
    "checks.start": "&Démarrer l'examen",
    "checks.leave": "&Quitter",
    "checks.password.a11y": "Mot de passe de sortie du surveillant",
    "checks.screens": (
        "{count} écrans sont branchés ; cet examen en autorise {allowed}. Débranchez les autres et "
        "recommencez."),

    # What the environment checks found (a finding's {detail} is one of reason.*)
    "finding.elevated": (
        "lockdown fonctionne avec des droits d'administrateur ou root ({detail}). Lancez-le depuis votre "
        "compte habituel."),
    "finding.no_display": (
        "Aucun écran n'a été trouvé ({detail}) : lockdown a besoin d'une session graphique pour afficher "
        "l'examen."),
    "finding.wayland.refused": (
        "Votre bureau utilise Wayland ({detail}), où lockdown ne peut pas tenir les autres applications à "
        "l'écart. Fermez la session, choisissez une session X11 (Xorg) sur l'écran de connexion et "
        "relancez l'examen."),
    "finding.wayland.limited": (
        "Votre bureau utilise Wayland ({detail}) : cet examen se déroule avec une protection limitée "
        "(raccourcis et autres fenêtres non bloqués), comme sa configuration le permet."),
    "finding.vm.refused": (
        "Cet ordinateur semble être une machine virtuelle ({detail}) ; cet examen ne le permet pas. "
        "Utilisez directement votre ordinateur, sans machine virtuelle."),
    "finding.vm.allowed": (
        "Cet ordinateur semble être une machine virtuelle ({detail}) ; cet examen le permet."),
    "finding.vm.unknown": (
        "lockdown n'a pas pu vérifier si cet ordinateur est une machine virtuelle ({detail}). Cet "
        "examen n'autorise pas les machines virtuelles : si vous en utilisez une, quittez et "
        "passez l'examen directement sur l'ordinateur."),
    "finding.display.refused": (
        "L'examen ne s'afficherait pas sur l'écran de cet ordinateur mais sur {detail}, que "
        "d'autres programmes peuvent afficher ailleurs ; cet examen ne le permet pas. Lancez "
        "lockdown depuis votre session de bureau elle-même."),
    "finding.display.allowed": (
        "L'examen s'affiche sur {detail}, pas sur l'écran de cet ordinateur ; cet examen le permet."),
    "reason.list": "{items}",
    "leftovers.will_retry": (
        "impossible de supprimer {path} ({reason}) ; lockdown réessaiera à son prochain démarrage, "
        "ou vous pouvez supprimer ce dossier vous-même"),
    "leftovers.remove_yourself": (
        "impossible de supprimer {path} ({reason}) ; veuillez supprimer ce dossier vous-même"),
    "finding.remote.refused": (
        "Cette session semble utilisée à distance ({detail}) ; cet examen ne le permet pas. Passez "
        "l'examen directement sur l'ordinateur."),
    "finding.remote.allowed": "Cette session semble utilisée à distance ({detail}) ; cet examen le permet.",
    "finding.overridable": (
        "{finding} Un surveillant peut autoriser le début de l'examen avec le mot de passe de sortie."),

    # Why the platform thinks so (the details of findings and checks)
    "reason.no_display": "ni DISPLAY ni WAYLAND_DISPLAY",
    "reason.wayland": "session Wayland",
    "reason.elevated.tool": "lancé par un outil d'élévation ({variable} est défini)",
    "reason.elevated.root_from_user": (
        "exécuté en root (identifiant 0), lancé depuis la session de l'utilisateur {uid}"),
    "reason.elevated.root": "exécuté en root (identifiant 0)",
    "reason.elevated.capabilities": "exécuté avec des privilèges supplémentaires (capacités {capabilities})",
    "reason.elevated.windows_admin": "exécuté en administrateur avec élévation",
    "reason.vm.systemd": "{name} (systemd-detect-virt)",
    "reason.vm.named": "{name}",
    "reason.vm.cpu_flag": "le processeur signale un hyperviseur",
    "reason.vm.macos_hypervisor": "macOS signale un hyperviseur (kern.hv_vmm_present)",
    "reason.vm.apple": "machine virtuelle Apple ({model})",
    "reason.vm.firmware_unreadable": (
        "les informations du micrologiciel dans /sys/class/dmi/id sont illisibles ({error})"),
    "reason.vm.cpuinfo_unreadable": "/proc/cpuinfo est illisible ({error})",
    "reason.vm.no_cpu_flags": "/proc/cpuinfo n'indique aucun indicateur du processeur",
    "reason.vm.bios_unreadable": "les informations du BIOS ne peuvent pas être lues dans le registre",
    "reason.vm.sysctl_silent": "sysctl ne répond ni pour kern.hv_vmm_present ni pour hw.model",
    "reason.display.vnc_extension": "un serveur VNC (son extension VNC)",
    "reason.display.no_outputs": "un serveur X qui ne déclare aucune sortie d'écran (Xnest ou semblable)",
    "reason.display.virtual_outputs": (
        "un serveur X virtuel ou imbriqué (sa seule sortie d'écran s'appelle {outputs})"),
    "reason.display.xephyr": "un serveur X imbriqué (Xephyr)",
    "reason.display.xnest": "un serveur X imbriqué (Xnest)",
    "reason.display.xvnc": "un serveur VNC (Xvnc)",
    "reason.display.tigervnc": "un serveur VNC (TigerVNC)",
    "reason.display.tightvnc": "un serveur VNC (TightVNC)",
    "reason.display.xpra": "une session Xpra",
    "launch.effect.loader": "une bibliothèque chargée dans lockdown avant son démarrage",
    "launch.effect.platform": "l'examen sur un autre affichage que cet écran",
    "launch.effect.switches": "des options du moteur de navigation ({switches})",
    "launch.effect.debugging": "le débogage à distance ({switches})",
    "launch.effect.no_switch": "aucune option",
    "launch.effect.engine_switches": "des options du moteur de navigation",
    "launch.effect.remote_debugging": "le débogage à distance de la page d'examen",
    "launch.effect.renderer": "un autre programme pour afficher la page",
    "launch.effect.resources": "d'autres ressources du moteur de navigation",
    "launch.effect.dictionaries": "d'autres dictionnaires d'orthographe",
    "launch.effect.platform_plugins": "des modules d'affichage d'un autre dossier",
    "launch.effect.qt_plugins": "des modules Qt d'un autre dossier",
    "launch.effect.input_plugins": "des modules de saisie supplémentaires",
    "launch.effect.proxy": "le trafic de l'examen par un proxy que l'examen n'a pas désigné",
    "launch.override": "{variable} : {effect}",
    "launch.refused": (
        "lockdown a été lancé avec des réglages qui changeraient le déroulement de l'examen "
        "({listed}) ; relancez-le sans eux"),
    "config.field.proxy": (
        "doit être l'URL d'un proxy comme http://proxy.example.org:3128 (http, https, socks4 ou "
        "socks5 ; hôte et port seulement)"),
    "reason.program.missing": "{program} n'est pas installé",
    "reason.program.silent": "{program} n'a pas répondu en {seconds} s",
    "reason.program.failed": "{program} n'a pas pu être lancé ({error})",
    "reason.program.exit": "{program} a échoué (code de sortie {status})",
    "reason.remote.ssh": "connexion SSH",
    "reason.remote.xrdp": "bureau à distance xrdp",
    "reason.remote.x2go": "bureau à distance X2Go",
    "reason.remote.nx": "bureau à distance NX",
    "reason.remote.vnc_desktop": "bureau à distance VNC",
    "reason.remote.vnc_sharing": "partage d'écran VNC",
    "reason.remote.macos_sharing": "Partage d'écran de macOS",
    "reason.remote.apple_remote_desktop": "Apple Remote Desktop",
    "reason.remote.windows_rdp": "session Bureau à distance",
    "reason.remote.windows_control": "la session est contrôlée à distance",

    # The exam window
    "cover.text": "L'examen se déroule sur l'écran principal.",
    "refused.navigation": "Cette page ne fait pas partie de l'examen : elle n'a pas été ouverte.",
    "refused.window": "Les nouvelles fenêtres et onglets ne sont pas disponibles pendant l'examen.",
    "refused.download": "Les téléchargements ne sont pas autorisés pendant cet examen.",
    "refused.upload": "L'envoi de fichiers n'est pas autorisé pendant cet examen.",
    "refused.print": "L'impression n'est pas autorisée pendant cet examen.",
    "refused.quit": "La sortie est désactivée pour cet examen : rendez-le pour terminer.",
    "refused.reconfigure": "Cet examen ne permet pas d'ouvrir une autre configuration d'examen.",
    "reconfigure.title": "Ouvrir un autre examen ?",
    "reconfigure.question": (
        "La page d'examen demande d'ouvrir une autre configuration d'examen, venant de {host}. "
        "lockdown terminerait cet examen et démarrerait le nouveau (vous verrez d'abord sa "
        "notice). L'ouvrir ?"),
    "reconfigure.open": "&Ouvrir le nouvel examen",
    "reconfigure.stay": "&Rester dans cet examen",
    "reconfigure.receiving": "Réception de la nouvelle configuration d'examen…",
    "reconfigure.not_configuration": (
        "Le site a envoyé une page web (peut-être sa page de connexion), pas une configuration "
        "d'examen : vous restez dans cet examen."),
    "reconfigure.failed": (
        "La nouvelle configuration d'examen n'a pas pu être reçue : vous restez dans cet examen."),
    "reconfigure.timeout": (
        "La nouvelle configuration d'examen n'est pas arrivée à temps : vous restez dans cet examen."),
    "offline.title": "Connexion perdue",
    "offline.body": (
        "La page d'examen est injoignable. Votre travail est conservé : lockdown réessaie et l'examen "
        "revient dès le retour de la connexion."),
    "offline.retrying": "Nouvel essai dans {seconds} s.",
    "offline.retry": "&Réessayer maintenant",
    "banner.lost": "Connexion au serveur d'examen perdue. Votre travail est conservé ; reconnexion…",
    "banner.back": "La connexion au serveur d'examen est rétablie.",
    "banner.a11y": "État de la connexion",
    "message.a11y": "Message",
    "quit.title": "Quitter l'examen",
    "quit.password": "Mot de passe de sortie :",
    "quit.confirm": "Quitter l'examen maintenant ?",
    "quit.wrong": "Mot de passe incorrect.",
    "quit.ok": "&Quitter",
    "quit.cancel": "&Retour à l'examen",
    "exam.a11y": "Page d'examen",

    # An exam configuration that cannot be used
    "config.error": "{source} : {problem}",
    "config.error.field": "{source} : {field} : {problem}",
    "config.type.plist.bool": "<true/> ou <false/>",
    "config.type.plist.int": "un <integer>",
    "config.type.plist.str": "une <string>",
    "config.type.plist.list": "un <array>",
    "config.type.plist.dict": "un <dict>",
    "config.type.plist.bytes": "<data>",
    "config.type.json.bool": "true ou false",
    "config.type.json.int": "un entier",
    "config.type.json.str": "une chaîne de caractères",
    "config.type.json.list": "un tableau",
    "config.type.json.dict": "un objet",
    "config.type.json.bytes": "une chaîne Base64",
    "config.field.type": "doit être {expected}, pas {value}",
    "config.field.missing": "manquant",
    "config.field.range": "doit être entre {minimum} et {maximum}, pas {value}",
    "config.field.choice": "doit être l'une des valeurs {choices}, pas {value}",
    "config.field.url_empty": "doit être une URL http(s), pas vide",
    "config.field.url": "doit être une URL http(s), pas {value}",
    "config.field.sha256": "doit être le SHA-256 du mot de passe, en 64 chiffres hexadécimaux",
    "config.field.unknown": "réglage inconnu",
    "config.field.unknown_close": "réglage inconnu (vouliez-vous dire {close} ?)",
    "config.field.empty": "ne doit pas être vide",
    "config.field.base64": "doit être en Base64",
    "config.format.missing": "manquant ; une configuration lockdown commence par \"format\": {version}",
    "config.format.newer": (
        "la version {version} est plus récente que celle que ce lockdown sait lire ({readable}) ; mettez "
        "lockdown à jour"),
    "config.format.wrong": "doit être {version}, pas {value}",
    "config.rule.action_missing": "manquant ; \"allow\" ou \"block\"",
    "config.rule.no_letter": "doit contenir une lettre, un chiffre ou *",
    "config.rule.bad_regex": "expression régulière invalide ({error})",
    "config.seb.certificate": (
        "ce fichier .seb est chiffré pour un certificat ({prefix}), ce que lockdown ne peut pas "
        "utiliser ; demandez à votre établissement la configuration chiffrée par mot de passe, ou "
        "non chiffrée"),
    "config.seb.nested_encryption": "un bloc chiffré dans un bloc chiffré ; SEB n'écrit pas de tels fichiers",
    "config.seb.crypt.short": "{size} octets, moins que le plus petit bloc chiffré ({smallest} octets)",
    "config.seb.crypt.version": "format de chiffrement version {version} ; lockdown lit les versions 2 et 3",
    "config.seb.crypt.options": "octet d'options {options} : ses clés ne sont pas dérivées d'un mot de passe",
    "config.seb.crypt.blocks": (
        "les données chiffrées ne font pas un nombre entier de blocs AES (coupées ou abîmées)"),
    "config.seb.crypt.padding": (
        "les données se déchiffrent mais leur remplissage est invalide (écrites par un outil défectueux)"),
    "config.seb.crypt.not_authentic": "mot de passe incorrect, ou fichier modifié après son chiffrement",
    "config.seb.damaged": "le fichier .seb chiffré est abîmé : {reason}",
    "config.seb.damaged_or_unsupported": "le fichier .seb chiffré est abîmé ou non pris en charge : {reason}",
    "config.seb.password_needed": (
        "ce fichier .seb est chiffré par un mot de passe des paramètres ; donnez-le avec "
        "--password-file FICHIER"),
    "config.seb.password_cancelled": "aucun mot de passe des paramètres n'a été saisi ; rien n'a été modifié",
    "config.seb.wrong_password_tries": (
        "mot de passe des paramètres incorrect ({tries} essais), ou fichier modifié après son chiffrement"),
    "config.seb.wrong_password": (
        "mot de passe des paramètres incorrect, ou fichier modifié après son chiffrement"),
    "password_file.missing": "--password-file {path} : fichier introuvable",
    "password_file.directory": "--password-file {path} : c'est un dossier, pas un fichier",
    "password_file.unreadable": "--password-file {path} : illisible ({error})",
    "password_file.too_large": (
        "--password-file {path} : plus de {kib} Kio ; ce n'est pas un fichier de mot de passe"),
    "password_file.not_utf8": "--password-file {path} : pas du texte UTF-8",
    "config.gzip.corrupt": "données gzip corrompues ({error})",
    "config.gzip.too_large": "fait plus de {mib} Mio une fois décompressé",
    "config.gzip.truncated": "données gzip tronquées",
    "config.plist.binary": (
        "les listes de propriétés binaires ne sont pas prises en charge ; enregistrez la configuration en "
        "XML"),
    "config.plist.entities": "les déclarations d'entités XML ne sont pas permises dans une configuration",
    "config.plist.invalid": "liste de propriétés invalide ({error})",
    "config.plist.not_dict": "le niveau supérieur de la liste de propriétés doit être un <dict>",
    "config.nesting": "imbriqué sur plus de {levels} niveaux",
    "config.json.not_utf8": "JSON invalide (le fichier n'est pas en UTF-8)",
    "config.json.syntax": "JSON invalide ({error} à la ligne {line}, colonne {column})",
    "config.json.invalid": "JSON invalide ({error})",
    "config.json.not_object": "le niveau supérieur d'une configuration JSON doit être un objet",
    "config.file.empty": "le fichier est vide",
    "config.file.unknown_format": "ni une configuration JSON de lockdown, ni un fichier .seb de SEB",
    "config.file.too_large": "plus de {mib} Mio : ce n'est pas une configuration",
    "config.file.missing": "fichier introuvable",
    "config.file.directory": "est un dossier, pas un fichier de configuration",
    "config.file.permission": "illisible (permission refusée)",
    "config.file.unreadable": "illisible ({error})",
    "config.file.remote": "une URL file:// doit désigner un fichier de cet ordinateur",
    "config.no_config_key_form": "contient une valeur qui n'a pas de forme pour la Config Key ({error})",
    "config.url.plain_http": (
        "http:// n'est permis que pour les adresses de bouclage (loopback) ; utilisez https://"),
    "config.url.scheme": "seules les URL https:// (ou http:// en bouclage) peuvent être chargées",
    "config.url.no_host": "URL invalide (pas d'hôte)",
    "config.url.redirected": "redirigé vers {target} : {problem}",
    "config.url.unsupported_scheme": (
        "impossible de charger les URL {scheme}:// ; donnez un fichier ou une URL https://"),
    "config.download.status": "le serveur a répondu HTTP {status}",
    "config.download.sign_in": "le serveur demande de se connecter d'abord (HTTP {status})",
    "config.download.web_page": (
        "le serveur a répondu par une page web (une page de connexion ?), pas par une configuration"),
    "config.download.failed": "impossible de télécharger la configuration ({error})",
    "config.download.redirects": "plus de {limit} redirections",
    "url.plain_http": (
        "{url} : http:// n'est permis que pour les adresses de bouclage (loopback) ; utilisez https://"),
    "url.not_https": "{url} : seules les URL https:// sont permises",

    # Starting the exam: what stops it
    "elevated.refused": (
        "lockdown refuse de fonctionner avec des droits élevés : {reason}. Lancez lockdown depuis votre "
        "compte utilisateur habituel, sans droits d'administrateur ni root"),
    "exam.build.invalid": (
        "cette copie de lockdown ne correspond pas à sa version signée : {problems} (réinstallez-la depuis "
        "la version officielle)"),
    "exam.build.unverifiable": (
        "cette copie de lockdown ne peut pas être vérifiée ({problems}) et cet examen exige une version "
        "vérifiée : installez la version officielle"),
    "exam.cannot_start": "l'examen ne peut pas démarrer sur cet ordinateur : {reasons}",
    "exam.prepare_failed": (
        "impossible de préparer cet ordinateur pour l'examen ({error}) ; rien n'est resté modifié"),
    "exam.revert_failed": "certaines modifications n'ont pas pu être annulées : {error}",
    "exam.next_not_opened": (
        "l'examen suivant n'a pas été ouvert : certaines modifications de celui-ci n'ont pas pu "
        "être annulées : {error}"),

    # The system keyring and the exam server
    "secrets.none": "aucun trousseau système sûr n'est disponible ({backend})",
    "secrets.unreadable": "le trousseau du système ne peut pas être lu : {error}",
    "secrets.unwritable": "le trousseau du système ne peut pas être modifié : {error}",
    "net.unreachable": "{server} : {error} : le serveur est injoignable",
    "net.status": "{url} : HTTP {code} : {reason}",
    "net.reply.declared_too_large": "{server} : réponse de {size} octets, trop grande",
    "net.reply.too_large": "{server} : réponse de plus de {limit} octets",
    "net.reply.not_json": "{source} : la réponse du serveur n'est pas du JSON valide",
    "net.reply.not_object": "{source} : la réponse du serveur n'est pas un objet JSON",
    "net.no_token": "{server} : le serveur n'a envoyé aucun jeton de session utilisable",

    # Checking this copy of lockdown against its signed release
    "integrity.from_source": (
        "exécuté depuis les sources, pas depuis une version construite : aucun manifeste signé ne permet "
        "la vérification"),
    "integrity.unreadable": "{path} : illisible ({error})",
    "integrity.not_folder": "{path} : ce n'est pas un dossier",
    "integrity.pending.failed": "la vérification de cette copie a échoué ({error})",
    "integrity.pending.cut_short": (
        "le compte rendu de la vérification de cette copie a été interrompu ({error})"),
    "integrity.pending.no_verdict": "la vérification de cette copie s'est terminée sans verdict",
    "integrity.signer.file": "la clé de {path}",
    "integrity.signer.pinned": "la clé épinglée de cette version {key}",
    "integrity.missing": "manquant : {path}",
    "integrity.modified": "modifié : {path} ({reason})",
    "integrity.extra": "en trop : {path}",
    "integrity.kind.file": "fichier ordinaire",
    "integrity.kind.link": "lien",
    "integrity.kind.other": "fichier spécial",
    "integrity.reason.not_link": "lien vers {target} attendu, trouvé : {found}",
    "integrity.reason.link_target": "le lien pointe vers {found}, pas vers {expected}",
    "integrity.reason.not_file": "fichier ordinaire attendu, trouvé : {found}",
    "integrity.reason.size": "taille {size} au lieu de {expected}",
    "integrity.reason.executable": "droit d'exécution modifié",
    "integrity.reason.unreadable": "illisible : {error}",
    "integrity.reason.content": "contenu différent",
    "integrity.signature.size": (
        "signature : {size} octets au lieu de {expected} ; ce n'est pas une signature de ce manifeste "
        "(tronquée ou échangée)"),
    "integrity.signature.mismatch": (
        "la signature ne correspond pas au manifeste pour la clé de publication : le manifeste a été "
        "modifié, la signature échangée, ou elle a été faite avec une autre clé"),
    "integrity.key.public": "clé publique",
    "integrity.key.private": "clé privée",
    "integrity.key.pinned": "clé de publication épinglée",
    "integrity.key.not_pem_public": "{source} : ce n'est pas une clé publique PEM ({error})",
    "integrity.key.not_ed25519_public": "{source} : ce n'est pas une clé publique Ed25519",
    "integrity.key.not_pem_private": "{source} : ce n'est pas une clé privée PEM non chiffrée ({error})",
    "integrity.key.not_ed25519_private": "{source} : ce n'est pas une clé privée Ed25519",
    "integrity.what.manifest": "manifeste",
    "integrity.what.signature": "signature",
    "integrity.what.public_key": "clé publique",
    "integrity.source.redirect": "{url} : redirigé vers une URL que lockdown ne charge pas ({problem})",
    "integrity.source.unreadable": "{what} {source} : illisible ({error})",
    "integrity.source.insecure": "{what} : {problem}",
    "integrity.source.status": "{what} {source} : le serveur a répondu {status} {reason}",
    "integrity.source.unreachable": "{what} {source} : impossible à récupérer ({error})",
    "integrity.source.too_big": "{what} {source} : plus de {limit} octets ; ce n'est pas un(e) {what}",
    "integrity.manifest.path.empty": (
        "manifeste : le chemin {path} est vide ou contient un NUL ou une barre oblique inverse"),
    "integrity.manifest.path.absolute": "manifeste : le chemin {path} est absolu ; refusé",
    "integrity.manifest.path.climbs": "manifeste : le chemin {path} sort du dossier d'installation ; refusé",
    "integrity.manifest.path.not_canonical": "manifeste : le chemin {path} n'est pas sous forme canonique",
    "integrity.manifest.link.no_target": "manifeste : le lien {path} n'a pas de cible",
    "integrity.manifest.link.absolute": "manifeste : le lien {path} -> {target} est absolu ; refusé",
    "integrity.manifest.link.climbs": "manifeste : le lien {path} -> {target} sort du dossier d'installation",
    "integrity.manifest.field.missing": "manifeste : {field} est absent ou n'est pas de type {kind}",
    "integrity.manifest.keys": "manifeste : {where} a des clés inattendues ou manquantes {keys}",
    "integrity.manifest.keys.top": (
        "manifeste : le niveau supérieur a des clés inattendues ou manquantes {keys}"),
    "integrity.manifest.entry.not_object": "manifeste : files[{index}] n'est pas un objet",
    "integrity.manifest.entry.bad_values": "manifeste : {path} : taille, mode ou sha256 incorrect",
    "integrity.manifest.too_big": "manifeste : {size} octets, c'est trop pour un manifeste",
    "integrity.manifest.json": "manifeste : JSON invalide ({error}) ; tronqué ou corrompu ?",
    "integrity.manifest.not_object": "manifeste : ce n'est pas un objet JSON",
    "integrity.manifest.format": (
        "manifeste : le format {format} n'est pas pris en charge ({expected} attendu)"),
    "integrity.manifest.digest": (
        "manifeste : son empreinte ne correspond pas à son contenu (modifié à la main ?)"),
    "integrity.manifest.twice": "manifeste : {path} figure deux fois",
    "integrity.manifest.file_holds": "manifeste : {parent} figure comme fichier mais contient {path}",
    "integrity.manifest.tree.odd": "{root} : ni fichier ordinaire ni lien : {paths}",

    # The installer
    "install.title": "Installer Lockdown",
    "install.what": (
        "Lockdown {version} sera installé pour vous seul, dans :\n{folder}\n\nEntrées de menu : "
        "{shortcuts}\nEspace nécessaire : {size} Mo"),
    "install.upgrade": "La copie existante sera réparée ou mise à jour.",
    "install.handlers": (
        "Il ouvrira les liens d'examen seb:// et sebs:// et les fichiers .seb ; sa désinstallation "
        "rend ce qui les ouvrait auparavant."),
    "install.rights": "Aucun droit d'administrateur nécessaire.",
    "install.go": "&Installer",
    "install.done": (
        "Lockdown est installé. Le jour de l'examen, ouvrez «\u00a0Lockdown exam\u00a0» depuis le menu des "
        "applications. Pour le retirer, utilisez «\u00a0Uninstall Lockdown\u00a0»."),
    "install.notes": "À noter :",
    "install.window_failed": "L'installation n'a pas abouti :\n{error}",
    "install.installed": (
        "lockdown {version} installé dans {folder} ({files} fichiers) ; entrées de menu : {shortcuts}"),
    "install.report.note": "remarque : {note}",
    "install.no_shortcuts": "aucune",
    "install.step.check_bundle": "vérification du paquet d'après son manifeste signé",
    "install.step.copy": "{file}",
    "install.step.check_copy": "vérification de la copie installée",
    "install.no_bundle": (
        "lancez le programme lockdown-install construit, ou indiquez le paquet avec --bundle DOSSIER"),
    "install.key_unreadable": "{path} : illisible ({error})",
    "install.not_bundle": (
        "{bundle} : ce n'est pas un paquet lockdown (il ne contient pas le programme lockdown)"),
    "install.installed_copy": (
        "{bundle} : c'est la copie installée ; lancez l'installateur depuis le paquet téléchargé"),
    "install.link_out": "{link} : le paquet contient un lien qui mène hors de lui ({target})",
    "install.failed": "impossible d'installer dans {folder} : {error}",
    "install.bundle.no_manifest": (
        "{folder} : aucun manifeste signé pour vérifier les fichiers ({path} : {error})"),
    "install.bundle.mismatch": "{folder} : ne correspond pas à son manifeste signé : {problems}",
    "install.bundle.more": "et {count} de plus",
    "install.note.type_not_registered": (
        "le type de fichier .seb n'est pas enregistré : {why} ; les liens seb:// et sebs:// "
        "ouvrent quand même lockdown"),
    "install.note.type_may_fail": "le type de fichier .seb risque de ne pas fonctionner : {problem}",
    "install.note.mimeapps_unchanged": (
        "{path} n'est pas modifié (c'est un lien symbolique ou pas un simple fichier) : lockdown "
        "ne devient pas le programme par défaut des liens seb:// et sebs://"),
    "install.note.replaced": (
        "{key} appartenait à un autre programme ({command}) ; lockdown la remplace, et le "
        "désinstalleur la remettra"),
    "install.note.replaced.no_command": (
        "{key} appartenait à un autre programme (sans commande d'ouverture) ; lockdown la "
        "remplace, et le désinstalleur la remettra"),
    "install.mime.no_tool": "{tool} n'est pas installé (Debian : shared-mime-info)",
    "install.mime.tool_unrun": "{tool} n'a pas pu être lancé ({error})",
    "install.mime.tool_failed": "{tool} a échoué ({code}) : {message}",
    "install.mime.tool_failed.silent": "{tool} a échoué ({code}) sans message",
    "install.mime.odd_file": "{path} n'est ni un simple fichier ni un dossier",
    "install.mime.not_folder": "{path} n'est pas un simple dossier",
    "install.mime.package_there": "{path} est déjà là, sans trace de ce qui s'y trouvait avant",
    "install.mime.unchecked": "votre base MIME {path} n'a pas pu être vérifiée ({error})",
    "install.mime.not_rebuildable": (
        "votre base MIME {path} n'est pas ce que ses paquets produisent : elle ne pourrait pas "
        "être rendue à l'octet près une fois le type de lockdown retiré"),
    "receipt.not_string": "{source} : '{name}' doit être une chaîne",
    "receipt.too_large": "{source} : le reçu fait plus de {limit} octets",
    "receipt.json": "{source} : ce n'est pas un reçu JSON valide ({error})",
    "receipt.not_object": "{source} : un reçu est un objet JSON",
    "receipt.keys": "{source} : clés inattendues ou manquantes : {keys}",
    "receipt.version": "{source} : ce n'est pas un reçu lockdown de version {version}",
    "receipt.complete": "{source} : 'complete' doit valoir true ou false",
    "receipt.install_dir": "{source} : 'install_dir' doit être un chemin absolu sans '..'",
    "receipt.entries": "{source} : 'entries' doit être une liste",
    "receipt.entry.shape": (
        "{source} : entries[{index}] : doit être un objet avec exactement 'kind' et 'path'"),
    "receipt.entry.shape.change": (
        "{source} : entries[{index}] : doit être un objet avec exactement 'kind', 'path' et 'undo'"),
    "receipt.entry.kind": "{source} : entries[{index}] : type inconnu ou chemin qui n'est pas une chaîne",
    "receipt.entry.location": (
        "{source} : entries[{index}] : {path} n'est pas un emplacement acceptable pour {kind}"),
    "receipt.entry.undo": "{source} : entries[{index}] : 'undo' : {problem}",
    "receipt.undo.object": "{what} doit être un objet avec exactement {keys}",
    "receipt.undo.what.line": "une modification de ligne",
    "receipt.undo.what.database": "une modification de base",
    "receipt.undo.what.digest": "une empreinte",
    "receipt.undo.what.value": "une valeur de registre",
    "receipt.undo.what.key": "une clé de registre",
    "receipt.undo.what.registry": "une modification du registre",
    "receipt.undo.line": "'{name}' doit être une seule ligne de texte",
    "receipt.undo.flag": "'{name}' doit valoir true ou false",
    "receipt.undo.mime_type": "'key' doit être un type MIME",
    "receipt.undo.line_for": "'before' et 'after' doivent être des lignes pour {key}",
    "receipt.undo.digest_path": (
        "le chemin d'une empreinte doit être relatif, avec des '/' et sans '.' ni '..'"),
    "receipt.undo.database": "'database' doit être une chaîne",
    "receipt.undo.database_path": "'database' doit être un chemin absolu sans '..'",
    "receipt.undo.digests": "'before' doit être une liste d'au plus {limit} éléments",
    "receipt.undo.sha256": "'sha256' doit être 64 chiffres hexadécimaux en minuscules ou null",
    "receipt.undo.digest_twice": "'before' cite deux fois le même chemin",
    "receipt.undo.value_name": "le nom d'une valeur de registre doit être une chaîne sans NUL",
    "receipt.undo.value_type": "le type d'une valeur de registre doit être un nombre REG_* de 0 à {highest}",
    "receipt.undo.value_text": "une valeur de registre texte doit contenir une chaîne",
    "receipt.undo.value_number": (
        "une valeur de registre numérique doit contenir un nombre positif de sa taille"),
    "receipt.undo.value_strings": "une valeur de registre multichaîne doit contenir une liste de chaînes",
    "receipt.undo.value_binary": "une valeur de registre binaire doit contenir des chiffres hexadécimaux",
    "receipt.undo.tree_depth": "un arbre de registre a au plus {limit} niveaux de clés",
    "receipt.undo.key_shape": "une clé de registre a une liste de valeurs et un objet de sous-clés",
    "receipt.undo.tree_size": "un arbre de registre contient au plus {limit} clés et valeurs",
    "receipt.undo.value_twice": "une clé de registre contient deux fois le même nom de valeur",
    "receipt.undo.subkey_name": (
        "le nom d'une sous-clé de registre doit faire de 1 à {limit} caractères sans '\\'"),
    "receipt.undo.subkey_twice": "une clé de registre contient deux fois le même nom de sous-clé",
    "receipt.unreadable": "{source} : impossible de lire le reçu ({error})",

    # The uninstaller (its window, lockdown-uninstall and lockdown uninstall)
    "uninstall.title": "Désinstaller Lockdown",
    "uninstall.what": "Lockdown et tout ce qu'il a écrit seront supprimés :",
    "uninstall.nothing": "Rien de Lockdown n'a été trouvé sur cet ordinateur.",
    "uninstall.go": "&Supprimer",
    "uninstall.clean": "Terminé : il ne reste aucune trace de Lockdown sur cet ordinateur.",
    "uninstall.left": "Terminé, mais certains éléments restent :",
    "uninstall.item": "{target} ({why})",
    "uninstall.why.menu_entry": "entrée de menu",
    "uninstall.why.registry": "entrée d'Applications et fonctionnalités",
    "uninstall.why.keyring": "entrée du trousseau",
    "uninstall.why.session_temp": "dossier temporaire d'une session d'examen",
    "uninstall.why.cache": "cache",
    "uninstall.why.settings": "réglages",
    "uninstall.why.logs": "journaux",
    "uninstall.why.state": "état de session",
    "uninstall.why.program": "programme installé",
    "uninstall.why.data": "données et reçu",
    "uninstall.why.parent": "dossier créé par l'installateur, supprimé s'il est vide",
    "uninstall.why.default.sebs": "application par défaut de x-scheme-handler/sebs",
    "uninstall.why.default.seb": "application par défaut de x-scheme-handler/seb",
    "uninstall.why.default.file": "application par défaut de application/seb",
    "uninstall.why.mime_package": "le type de fichier .seb, dans la base MIME de l'utilisateur",
    "uninstall.why.handler.sebs": "programme qui ouvre les liens sebs://",
    "uninstall.why.handler.seb": "programme qui ouvre les liens seb://",
    "uninstall.why.seb_type": "le type de fichier .seb",
    "uninstall.why.seb_program": "le programme qui ouvre les fichiers .seb",
    "uninstall.why.change": "un programme qui ouvre des liens ou des fichiers",
    "uninstall.busy": (
        "utilisé par le processus lockdown {pid} en cours ; relancez le désinstalleur quand il sera terminé"),
    "uninstall.refused.registry": "ce n'est pas une clé de registre utilisée par lockdown",
    "uninstall.refused.not_plain": "ce n'est pas un simple chemin absolu",
    "uninstall.refused.outside": "hors des dossiers de lockdown",
    "uninstall.refused.through_link": "atteint par le lien symbolique {link}",
    "uninstall.refused.not_parent": "ce n'est pas un dossier créé par lockdown pour contenir les siens",
    "uninstall.refused.unsafe_rmtree": "ce système ne sait pas supprimer des dossiers sans suivre les liens",
    "uninstall.refused.link": "c'est un lien symbolique",
    "uninstall.refused.change": "ce n'est pas une modification que lockdown fait sur ce système",
    "uninstall.refused.mimeapps": "ce n'est pas le mimeapps.list de lockdown ({path})",
    "uninstall.refused.mime_line": "ce n'est pas une ligne d'application par défaut que lockdown écrit",
    "uninstall.refused.mime_package": (
        "ce n'est pas le paquet de lockdown dans la base MIME de l'utilisateur ({path})"),
    "uninstall.note.receipt_unused": (
        "le reçu n'a pas été utilisé : {problem} ; suppression de tous les emplacements de lockdown"),
    "uninstall.note.unfinished": (
        "la dernière installation n'a pas abouti ; suppression de ce qu'elle avait commencé"),
    "uninstall.os_error": "n'a pas pu être supprimé ({error})",
    "uninstall.undo_error": "n'a pas pu être remis en état ({error})",
    "uninstall.unchanged.no_record": "le reçu ne dit pas ce qu'il y avait avant : laissé tel quel",
    "uninstall.unchanged.changed": "la clé a changé depuis l'installation : elle reste telle quelle",
    "uninstall.unchanged.now_link": "{path} est maintenant un lien symbolique : laissé tel quel",
    "uninstall.unchanged.line_still_ours": (
        "la ligne de {type} a été modifiée depuis l'installation et nomme toujours {entry} : "
        "laissée telle quelle"),
    "uninstall.unchanged.not_rebuilt": (
        "la base n'a pas pu être reconstruite sans le type de lockdown : {problem}"),
    "uninstall.unchanged.differs": (
        "la base, reconstruite sans le type de lockdown, diffère d'avant l'installation : {paths}"),
    "uninstall.note.line_changed": (
        "{path} : la ligne de {type} a été modifiée depuis l'installation : laissée telle quelle"),
    "uninstall.note.database_kept": (
        "{path} : gardée, reconstruite sans le type de lockdown : elle contient aussi désormais {packages}"),
    "uninstall.note.database_changed": (
        "{path} : reconstruite sans le type de lockdown à partir de ses paquets, qui ont changé "
        "depuis l'installation"),
    "uninstall.note.key_put_back": (
        "{key} n'était plus là ; le programme qu'elle désignait avant l'installation y est remis"),
    "uninstall.keyring_unasked": "le trousseau n'a pas pu être interrogé : {problem}",
    "uninstall.still_present": "toujours présent après suppression",
    "uninstall.volume_restored": "le son qu'un examen interrompu avait modifié est remis comme avant",
    "uninstall.record_kept": "{path} garde la liste de ces dossiers pour la prochaine désinstallation",
    "uninstall.record_failed": "{path} n'a pas pu être écrit ({error}) : supprimez ces dossiers vous-même",
    "uninstall.step.looking": "nouvelle vérification",
    "uninstall.step.done": "terminé",
    "uninstall.report.note": "remarque : {note}",
    "uninstall.report.refused": "refusé : {path} : {why}",
    "uninstall.report.remains": "reste : {item} : {why}",
    "uninstall.report.no_trace": "aucune trace ne reste",
    "uninstall.dry.remove": "supprimerait : {item}",
    "uninstall.dry.refuse": "refuserait : {path} : {why}",
    "uninstall.dry.leave": "laisserait : {item} : {why}",
    "uninstall.dry.nothing": "rien de lockdown n'a été trouvé",
    "task.error.title": "Lockdown",
    "task.close": "&Fermer",
    "task.cancel": "&Annuler",
    "task.progress.a11y": "Progression",

    # lockdown check: what this machine can do
    "check.title.os": "Système d'exploitation",
    "check.title.arch": "Processeur",
    "check.title.memory": "Mémoire libre",
    "check.title.disk": "Espace disque libre",
    "check.title.display_server": "Serveur d'affichage",
    "check.title.screens": "Écrans",
    "check.title.webengine": "Moteur de navigation",
    "check.title.keyboard_blocking": "Blocage du clavier",
    "check.title.keyring": "Trousseau du système",
    "check.title.not_elevated": "Utilisateur ordinaire",
    "check.title.virtual_machine": "Machine virtuelle",
    "check.title.remote_session": "Session à distance",
    "check.title.prohibited_apps": "Programmes interdits",
    "check.title.server_reachable": "Serveur d'examen",
    "check.title.download_speed": "Débit descendant",
    "check.title.clock_offset": "Horloge",
    "check.status.pass": "OK",
    "check.status.warn": "ATTENTION",
    "check.status.fail": "ÉCHEC",
    "check.table.fix": "à faire : {fix}",
    "check.table.can_sit": "Cette machine peut passer l'examen.",
    "check.table.cannot_sit": (
        "Cette machine ne peut pas passer l'examen en l'état : voir ce qu'il faut faire ci-dessus."),
    "check.table.summary": "{passed} réussi(s), {warned} avertissement(s), {failed} échoué(s). {verdict}",
    "check.report.preview": "lockdown check --report enverra exactement ceci à {url} :",
    "check.report.nothing_else": (
        "Rien d'autre n'est envoyé : ni noms, ni adresses, ni détails des vérifications."),
    "check.report.ask": "Envoyer ce rapport ? [o/N]",
    "check.report.sent": "Rapport envoyé. Merci.",
    "check.report.not_sent": "Rapport non envoyé.",
    "check.report.no_terminal": (
        "le rapport n'a pas été envoyé : lancez la commande dans un terminal pour le confirmer, ou ajoutez "
        "--yes"),
    "check.usage.yes_alone": "--yes ne fait que confirmer --report",
    "run.explain_needs_config": (
        "--explain a besoin de la configuration de l'examen (un fichier ou une adresse)"),
    "run.no_config": (
        "aucune configuration d'examen donnée : ouvrez le fichier ou le lien fourni par votre "
        "établissement (lockdown run CONFIG)"),
    "run.already_running": (
        "un examen est déjà ouvert dans lockdown (processus {pid}) : terminez-le, puis ouvrez le suivant"),
    "check.usage.report_needs_server": (
        "--report a besoin d'un serveur d'examen : ajoutez --server URL ou donnez la configuration de "
        "l'examen"),
    "check.os.libc_unknown": "{system} : version de la bibliothèque C inconnue (pas glibc ?)",
    "check.os.glibc_old": "{system} : glibc {glibc} est trop ancienne",
    "check.os.linux": "{system} (glibc {glibc})",
    "check.os.windows_old": "Windows build {build} est trop ancien",
    "check.os.windows": "Windows {version} (build {build})",
    "check.os.macos_old": "macOS {version} est trop ancien",
    "check.os.macos_unsupported": "macOS {version} n'est plus pris en charge par les versions récentes de Qt",
    "check.os.macos": "macOS {version}",
    "check.arch.ok": "processeur {arch}",
    "check.arch.windows_arm": "processeur arm64 : Windows exécute la version x86_64 en émulation (plus lent)",
    "check.arch.32bit": "processeur ou système 32 bits : Qt 6 ne fonctionne que sur des systèmes 64 bits",
    "check.arch.unknown": "famille de processeur non prise en charge",
    "unit.gb": "{value:.1f} Go",
    "unit.mb": "{value} Mo",
    "check.memory.ok": "{free} disponibles sur {total}",
    "check.memory.too_little": "{free} disponibles sur {total} (il en faut au moins {needed})",
    "check.memory.low": "{free} disponibles sur {total} ({recommended} recommandés)",
    "check.disk.ok": "{free} libres là où lockdown s'installe",
    "check.disk.too_little": "{free} libres là où lockdown s'installe (il en faut au moins {needed})",
    "check.disk.low": "{free} libres là où lockdown s'installe ({recommended} recommandés)",
    "check.display.x11": "X11",
    "check.display.windows": "bureau Windows",
    "check.display.macos": "bureau macOS",
    "check.display.wayland_limited": "Wayland : cet examen l'accepte avec un verrouillage plus faible",
    "check.display.wayland_refused": "Wayland : cet examen exige une session X11",
    "check.display.none": "aucune session graphique trouvée (pas d'affichage)",
    "check.screens.uncounted": "les écrans n'ont pas pu être comptés : {reason}",
    "check.screens.none": "aucun écran trouvé",
    "check.screens.too_many": "{count} écrans branchés, l'examen en autorise {allowed}",
    "check.screens.too_many_one": "{count} écran branché, l'examen en autorise {allowed}",
    "check.screens.ok": "{count} écrans (l'examen en autorise {allowed})",
    "check.screens.ok_one": "{count} écran (l'examen en autorise {allowed})",
    "check.keyboard.x11": "capture du clavier X11",
    "check.keyboard.windows": "crochet clavier de bas niveau",
    "check.keyboard.macos": (
        "options de présentation (changement d'application et Forcer à quitter désactivés)"),
    "check.keyboard.wayland": (
        "impossible sous Wayland : une application ordinaire ne peut pas capturer le clavier"),
    "check.keyboard.none": "aucune session graphique, rien à capturer",
    "check.webengine.ok": "{engine} a affiché une page de test",
    "check.webengine.offscreen": "{engine} a affiché une page de test (hors écran : pas d'affichage)",
    "check.webengine.failed": "{engine} n'a pas pu afficher une page de test : {reason}",
    "probe.timeout": "pas de réponse en {seconds:.0f} s",
    "probe.not_started": "impossible de lancer la sonde ({error})",
    "probe.stopped": "Qt s'est arrêté avec le code {code} : {output}",
    "probe.stopped_silent": "Qt s'est arrêté avec le code {code}, sans rien afficher",
    "probe.no_display": (
        "pas d'affichage (ni DISPLAY ni WAYLAND_DISPLAY ne sont définis : une machine sans écran ou une "
        "session en mode texte)"),
    "probe.not_real_display": (
        "Qt fonctionne sur sa plateforme '{platform}' (QT_QPA_PLATFORM), pas sur un vrai affichage"),
    "probe.no_count": "la sonde n'a donné aucun nombre d'écrans",
    "probe.render.timeout": "délai dépassé",
    "probe.render.script": "le script de la page ne s'est pas exécuté",
    "probe.render.not_drawn": "la page a été chargée mais rien n'a été dessiné",
    "probe.render.load_failed": "la page de test n'a pas pu être chargée",
    "probe.render.unknown": "la sonde a échoué ({code})",
    "check.keyring.secret_service": "Secret Service (GNOME Keyring, KeePassXC...)",
    "check.keyring.libsecret": "Secret Service via libsecret",
    "check.keyring.kwallet": "KWallet",
    "check.keyring.windows": "Gestionnaire d'identification Windows",
    "check.keyring.macos": "Trousseau d'accès de macOS",
    "check.keyring.other": "{backend}",
    "check.keyring.list": "{backends}",
    "check.keyring.none": "aucun trousseau utilisable",
    "check.keyring.plaintext": (
        "trousseau en fichier texte ({backend}) : les secrets seraient stockés sans chiffrement"),
    "check.keyring.file": "trousseau en fichier ({backend}), pas le trousseau du système",
    "check.keyring.none_among": "aucun trousseau utilisable parmi ceux disponibles",
    "check.elevated.no": "exécuté en utilisateur ordinaire",
    "check.vm.none": "aucune machine virtuelle trouvée (vérifié : {checked})",
    "check.vm.none_partly": (
        "aucune machine virtuelle trouvée (vérifié : {checked} ; non vérifié : {problems})"),
    "check.vm.no_source": "aucune source à consulter",
    "check.vm.unknown": "impossible de vérifier s'il s'agit d'une machine virtuelle ({why})",
    "check.vm.unknown_allowed": (
        "impossible de vérifier s'il s'agit d'une machine virtuelle ({why}) ; cet examen l'autorise"),
    "check.fix.vm_unknown": (
        "sur un vrai ordinateur, rien à faire : lockdown indique à l'étudiant qu'il n'a pas pu vérifier"),
    "check.vm.allowed": "machine virtuelle ({reason}) ; cet examen le permet",
    "check.vm.refused": "machine virtuelle ({reason}) ; cet examen ne le permet pas",
    "check.remote.none": "session locale",
    "check.remote.allowed": "session à distance ({reason}) ; cet examen le permet",
    "check.remote.refused": "session à distance ({reason}) ; cet examen ne le permet pas",
    "check.apps.none": "aucun programme interdit en cours",
    "check.apps.running": "{count} programmes interdits en cours",
    "check.apps.running_one": "{count} programme interdit en cours",
    "check.server.not_checked": "non vérifié : aucun serveur d'examen indiqué",
    "check.server.not_measured": "non mesuré",
    "check.server.bad_time": "la réponse /api/time du serveur n'est pas {{\"time\": <secondes>}}",
    "check.server.unreachable": "serveur d'examen injoignable : {error}",
    "check.server.answers": "le serveur d'examen répond en {ms:.0f} ms",
    "check.server.slow": "le serveur d'examen répond en {ms:.0f} ms (plus de {limit} ms)",
    "check.download.short": "{received} octets reçus au lieu de {size}",
    "check.download.failed": "le test de téléchargement a échoué : {error}",
    "check.download.speed": "{kbps:,.0f} kbit/s (l'examen demande {needed:,})",
    "check.clock.unavailable": "heure du serveur indisponible : {error}",
    "check.clock.behind": "cette horloge retarde de {seconds:.1f} s sur celle du serveur",
    "check.clock.ahead": "cette horloge avance de {seconds:.1f} s sur celle du serveur",
    "check.clock.behind_over": (
        "cette horloge retarde de {seconds:.1f} s sur celle du serveur (plus de {limit} s)"),
    "check.clock.ahead_over": (
        "cette horloge avance de {seconds:.1f} s sur celle du serveur (plus de {limit} s)"),

    # lockdown check: what to do about it
    "check.fix.desktop_session": (
        "lancez la vérification depuis une session de bureau graphique (pas par SSH ni depuis une console "
        "texte)"),
    "check.fix.x11_session": (
        "fermez la session et choisissez une session « Xorg » / « X11 » sur l'écran de connexion"),
    "check.fix.connect_screen": "branchez un écran et ouvrez une session de bureau",
    "check.fix.unplug_screens": (
        "débranchez ou éteignez des écrans jusqu'à ce qu'il n'en reste pas plus de {allowed} allumés"),
    "check.fix.graphics": (
        "mettez à jour le pilote graphique et le système, puis relancez la vérification ; si l'échec "
        "persiste, demandez au support informatique de votre examen"),
    "check.fix.keyring": (
        "Linux : ouvrez une session de bureau où GNOME Keyring ou KWallet fonctionne et est déverrouillé ; "
        "Windows et macOS : connectez-vous normalement (le trousseau du système est intégré)"),
    "check.fix.ordinary_account": (
        "lancez lockdown depuis votre compte habituel, sans droits d'administrateur"),
    "check.fix.no_vm": "passez l'examen sur l'ordinateur lui-même, pas dans une machine virtuelle",
    "check.fix.no_remote": "passez l'examen devant l'ordinateur, pas par un bureau à distance",
    "check.fix.close_apps": "fermez-les avant l'examen (lockdown propose de les fermer au démarrage)",
    "check.fix.give_server": (
        "lancez la vérification avec la configuration de l'examen, ou ajoutez --server URL"),
    "check.fix.connection_and_address": (
        "vérifiez la connexion Internet (ou le proxy/pare-feu) et l'adresse du serveur"),
    "check.fix.wired": "utilisez une connexion filaire ou rapprochez-vous du point d'accès Wi-Fi",
    "check.fix.connection": "vérifiez la connexion Internet, puis relancez la vérification",
    "check.fix.faster_connection": (
        "utilisez une connexion plus rapide (filaire, ou plus près du point d'accès Wi-Fi) et arrêtez "
        "téléchargements et vidéos pendant l'examen"),
    "check.fix.network_time": (
        "activez la date et l'heure automatiques (heure réseau) dans les réglages du système"),
    "check.fix.mainstream_linux": (
        "utilisez une distribution courante (Debian, Ubuntu, Fedora...) avec glibc {glibc} ou plus récente"),
    "check.fix.newer_glibc": "passez à une distribution avec glibc {glibc} ou plus récente",
    "check.fix.windows": "mettez à jour vers Windows 10 version 1809 ou ultérieure, ou Windows 11",
    "check.fix.macos": "mettez macOS à jour vers la version {version} ou ultérieure",
    "check.fix.practice_exam": "faites un examen d'entraînement sur cette machine bien avant le vrai",
    "check.fix.64bit": "utilisez une machine et un système 64 bits",
    "check.fix.processor": "utilisez une machine avec un processeur x86_64 (Intel/AMD) ou arm64",
    "check.fix.memory_restart": "fermez les autres programmes, ou redémarrez la machine avant l'examen",
    "check.fix.memory": "fermez les autres programmes avant l'examen",
    "check.fix.disk_bin": (
        "libérez de l'espace disque (videz la corbeille, supprimez les gros téléchargements)"),
    "check.fix.disk": "libérez de l'espace disque avant l'examen",

    # The command line
    "cli.interrupted": "interrompu",
    "cli.internal_error": (
        "erreur interne ({error}) ; merci de la signaler, avec LOCKDOWN_DEBUG=1 pour les détails"),
    "verify.progress": "vérification : {done:.0f} / {total:.0f} Mo",
    "verify.ok": (
        "OK : {files} fichiers ({mb:.0f} Mo) dans {folder} correspondent au manifeste signé de {app} "
        "{version} (commit {commit}, empreinte {digest}), signé avec {signer}"),
    "verify.from_source": (
        "verify : exécuté depuis les sources ; donnez le DOSSIER_D_INSTALLATION de la copie à vérifier"),
    "verify.differs": (
        "{folder} : {missing} fichier(s) manquant(s), {modified} modifié(s), {extra} en trop par rapport "
        "au manifeste signé ; réinstallez lockdown depuis la source officielle"),
    "bek.from_source": (
        "bek : exécuté depuis les sources, qui n'ont pas de Browser Exam Key ; donnez --manifest de la "
        "version officielle"),
    "demo.no_stub": (
        "la démo a besoin du serveur de démonstration (server_stub/ à côté de lockdown/), que cette "
        "installation ne contient pas"),
    "demo.stub_failed": "le serveur de démonstration n'a pas démarré : {output}",
    "demo.stub_silent": "le serveur de démonstration n'a pas démarré",
    "demo.server": "serveur d'examen à l'adresse {url}",

    # The privacy manifest (lockdown/privacy.py): the notice and docs/PRIVACY.md
    "privacy.document": "Manifeste de confidentialité",
    "privacy.generated": (
        "Généré depuis `lockdown/privacy.py` et `lockdown/words/` par `lockdown privacy --markdown` ; un "
        "test garde ce fichier et le code identiques."),
    "privacy.title": "Ce que lockdown envoie et conserve",
    "privacy.heading.never": "Jamais collecté",
    "privacy.heading.sent": "Envoyé",
    "privacy.heading.to": "À",
    "privacy.heading.when": "Quand",
    "privacy.heading.kept": "Conservation",
    "privacy.heading.stored": "Conservé sur cette machine",
    "privacy.heading.protection": "Protection",
    "privacy.heading.deleted": "Effacé",
    "privacy.heading.field": "Champ",
    "privacy.heading.why": "Pourquoi",
    "privacy.heading.page": (
        "Ce que la page d'examen peut lire elle-même (comme toute page web ; lockdown n'en envoie rien)"),
    "privacy.page.user_agent": (
        "l'agent utilisateur : versions du moteur de navigation et de lockdown, familles du "
        "système et du processeur (par exemple X11, Linux x86_64), jamais la version du noyau ou "
        "du build ni le modèle"),
    "privacy.page.cores": (
        "le nombre de cœurs du processeur et une classe de mémoire approximative (par exemple 8 Go)"),
    "privacy.page.locale": "le fuseau horaire et la langue",
    "privacy.page.screen": "la taille de l'écran",
    "privacy.never.camera": "caméra ou microphone",
    "privacy.never.screen": "captures ou enregistrements d'écran",
    "privacy.never.keystrokes": "frappes au clavier",
    "privacy.never.windows": "titres de fenêtres ou noms de vos applications",
    "privacy.never.names": "votre nom, nom d'utilisateur ou de machine",
    "privacy.never.identifiers": "identifiants matériels ou adresses réseau",
    "privacy.never.profiling": "analyse du comportement ou décision automatique",
    "privacy.server": "le serveur d'examen de votre établissement",
    "privacy.request_headers.when": "avec chaque requête du navigateur d'examen vers le serveur d'examen",
    "privacy.request_headers.retention": (
        "non conservé par lockdown ; selon la journalisation de la plateforme"),
    "privacy.request_headers.config_key_hash": (
        "prouve que l'examen utilise la configuration préparée par l'enseignant"),
    "privacy.request_headers.request_hash": (
        "prouve que la requête vient d'une version officielle non modifiée"),
    "privacy.request_headers.authorization": (
        "le jeton pseudonyme de session, sur les appels à l'API du serveur d'examen"),
    "privacy.request_headers.user_agent": (
        "versions du navigateur et de lockdown, pour l'affichage de la page"),
    "privacy.session.when": "une fois, au début de l'examen",
    "privacy.session.retention": "le jeton est effacé de cette machine à la fin de l'examen",
    "privacy.session.config_key": (
        "désigne la configuration d'examen, pour obtenir un jeton de session pseudonyme"),
    "privacy.heartbeat.when": (
        "toutes les 10 secondes d'examen sans autre envoi : une demande de l'heure du serveur, pour que le "
        "bandeau vous signale une coupure"),
    "privacy.heartbeat.retention": "rien à conserver : aucune donnée",
    "privacy.event.when": "pendant l'examen, quand l'un des événements listés se produit",
    "privacy.event.retention": "conservé par le serveur deux mois au plus, puis effacé",
    "privacy.event.event_id": (
        "un nombre aléatoire pour qu'un événement renvoyé après une coupure compte une fois"),
    "privacy.event.type": "ce qui s'est passé, dans une liste fixe : {types}",
    "privacy.event.t": "secondes écoulées depuis le début de l'examen (pas d'heure)",
    "privacy.compat_report.when": "seulement avec `lockdown check --report`, après que vous l'avez vu",
    "privacy.compat_report.retention": "agrégé en comptes anonymes pour les administrateurs",
    "privacy.compat_report.report_id": "un nombre aléatoire pour qu'un rapport renvoyé compte une fois",
    "privacy.compat_report.os_family": "le système à tester",
    "privacy.compat_report.os_version": "le numéro de version du système (ni build, ni nom de machine)",
    "privacy.compat_report.arch": "famille de processeur",
    "privacy.compat_report.qt_version": "version du moteur de navigation",
    "privacy.compat_report.lockdown_version": "version de lockdown",
    "privacy.compat_report.check": "le résultat de chaque vérification : pass, warn ou fail (sans détail)",
    "privacy.stored.event_queue.what": "les événements pas encore envoyés pendant une coupure réseau",
    "privacy.stored.event_queue.protection": "chiffré (AES-GCM), clé dans le trousseau du système",
    "privacy.stored.event_queue.deleted": "dès leur envoi, et par le désinstalleur",
    "privacy.stored.session_token.what": "le jeton pseudonyme de session d'examen",
    "privacy.stored.session_token.protection": "dans le trousseau du système",
    "privacy.stored.session_token.deleted": "à la fin de l'examen",
    "privacy.stored.browser_data.what": "cookies, cache et stockage des pages du navigateur d'examen",
    "privacy.stored.browser_data.protection": "jamais écrits sur le disque (mémoire seule)",
    "privacy.stored.browser_data.deleted": "à la fermeture du kiosque",

    # lockdown run --explain: what a configuration will do (read by the exam's admin)
    "explain.kind.seb": "fichier .seb de SEB",
    "explain.kind.native": "JSON lockdown (format 1)",
    "explain.source": "Configuration : {source} ({kind})",
    "explain.config_key": "Config Key : {key}",
    "explain.start": "Page de départ : {url}",
    "explain.quit_page": "Page de sortie : {url}",
    "explain.quit_page.none": "Page de sortie : aucune (l'examen se termine en quittant)",
    "explain.filter.off": (
        "Filtre d'URL : désactivé ; seules les pages du site de la page de départ (même schéma, hôte et "
        "port) s'ouvrent"),
    "explain.filter.on": (
        "Filtre d'URL : activé, {count} règle(s) active(s) ; les règles de blocage l'emportent, les URL "
        "sans règle sont bloquées"),
    "explain.inactive": "(inactive : ignorée)",
    "explain.quit.never": "Sortie : seulement par la page de sortie ou le serveur d'examen",
    "explain.quit.password": "Sortie : Ctrl+Q demande le mot de passe de sortie",
    "explain.quit.confirm": "Sortie : Ctrl+Q quitte après confirmation",
    "explain.programs.prohibited": "Programmes fermés avant et pendant l'examen",
    "explain.programs.permitted": "Programmes autorisés à continuer",
    "explain.programs": "{title} :",
    "explain.programs.none": "{title} : aucun indiqué",
    "explain.screens": "Écrans : {count} au plus",
    "explain.vm.allowed": "Machines virtuelles : autorisées",
    "explain.vm.refused": "Machines virtuelles : refusées",
    "explain.remote.allowed": "Sessions de bureau à distance : autorisées",
    "explain.remote.refused": "Sessions de bureau à distance : refusées",
    "explain.display.allowed": (
        "Affichages autres que l'écran de la machine (serveur X imbriqué, VNC, écran virtuel) : autorisés"),
    "explain.display.refused": (
        "Affichages autres que l'écran de la machine (serveur X imbriqué, VNC, écran virtuel) : refusés"),
    "explain.launch.refused": (
        "Lancement avec des réglages qui changent le fonctionnement de lockdown (plateforme Qt, "
        "options du moteur, variables de proxy) : refusé"),
    "explain.launch.ignored": (
        "Lancement avec des réglages qui changent le fonctionnement de lockdown (plateforme Qt, "
        "options du moteur, variables de proxy) : réglages ignorés"),
    "explain.proxy": "Proxy : {proxy}",
    "explain.proxy.none": "Proxy : aucun (ceux de l'environnement et du bureau sont ignorés)",
    "explain.webrtc.allowed": "WebRTC : autorisé",
    "explain.webrtc.off": "WebRTC : désactivé",
    "explain.wayland.limited": "Wayland : autorisé avec les limites qu'il impose (pas de capture du clavier)",
    "explain.wayland.refused": "Wayland : refusé ; l'étudiant doit ouvrir une session X11",
    "explain.unverified.allowed": "Versions non vérifiées (exécutées depuis les sources) : autorisées",
    "explain.unverified.refused": "Versions non vérifiées (exécutées depuis les sources) : refusées",
    "explain.allowed": "oui",
    "explain.blocked": "non",
    "explain.transfers": (
        "Téléchargements autorisés : {downloads} ; envois de fichiers autorisés : {uploads} ; impression "
        "autorisée : {printing}"),
    "explain.title_suffix": "Suffixe du titre de fenêtre : {suffix}",
    "explain.title_suffix.none": "Suffixe du titre de fenêtre : aucun",
    "explain.language": "Langue : {language}",
    "explain.language.system": "Langue : celle du système",
    "explain.salt.set": "Sel de la Browser Exam Key : défini",
    "explain.salt.none": "Sel de la Browser Exam Key : aucun",
    "explain.reconfigure.allowed": (
        "Reconfiguration par un lien seb(s):// dans l'examen : autorisée pour {links}"),
    "explain.reconfigure.any": "tout lien",
    "explain.reconfigure.refused": "Reconfiguration par un lien seb(s):// dans l'examen : refusée",
    "explain.server.none": "Serveur d'examen : aucun ; aucun événement n'est envoyé",
    "explain.server": "Serveur d'examen : {url} ; {events}",
    "explain.server.events": "événements envoyés (manifeste de confidentialité seulement)",
    "explain.server.no_events": "aucun événement envoyé",
    "explain.network": (
        "Réseau nécessaire : {kbps} kbit/s en réception, latence sous {latency} ms, horloge à moins de "
        "{offset} s de celle du serveur"),
    "explain.ignored.seb": (
        "Réglages SEB ignorés ({count} ; ils comptent quand même pour la Config Key) : {keys}"),
    "explain.ignored.comments": (
        "Clés de commentaire ignorées ({count} ; elles comptent quand même pour la Config Key) : {keys}"),
    "explain.ignored.none": "Réglages ignorés : aucun",

    # The menu entries the installer creates (their names stay "Lockdown exam" and "Uninstall Lockdown")
    "install.shortcut.exam": "Passer un examen avec lockdown",
    "install.shortcut.uninstall": "Supprimer lockdown et tout ce qu'il a écrit",
    "guard.app_closed": "« {name} » a été fermé : ce programme n'est pas autorisé pendant cet examen.",
    "guard.failed.process_guard": (
        "lockdown ne peut plus vérifier les programmes non autorisés. Votre examen continue ; "
        "prévenez votre surveillant."),
    "start.title": "Kiosque d'examen lockdown",
    "start.intro": (
        "lockdown ouvre votre examen en ligne en plein écran et tient les autres applications à "
        "l'écart jusqu'à la fin. Il démarre depuis le lien ou le fichier fourni par votre "
        "établissement : cliquez sur le bouton « Lancer Safe Exam Browser » de votre examen, ou "
        "ouvrez le fichier ou collez le lien ici."),
    "start.open_file": "&Ouvrir le fichier d'examen…",
    "start.open_file.a11y": "Ouvrir le fichier d'examen fourni par votre établissement",
    "start.file_filter": "Configurations d'examen (*.seb *.json)",
    "start.link": "Ou collez le &lien de l'examen :",
    "start.link.a11y": "Lien de l'examen",
    "start.open_link": "Ouvrir le l&ien",
    "start.open_link.a11y": "Ouvrir le lien d'examen collé",
    "start.link.empty": "Collez d'abord le lien de l'examen.",
    "start.link.invalid": (
        "Ce n'est pas un lien d'examen : il doit commencer par sebs://, seb:// ou https://."),
    "start.link.insecure": (
        "Ce lien n'est pas sécurisé (http://) : demandez à votre établissement son lien https:// "
        "ou sebs://."),
    "start.check": "&Vérifier cet ordinateur",
    "start.check.a11y": "Vérifier si cet ordinateur peut passer un examen",
    "start.checking": "Vérification de cet ordinateur…",
    "start.results.a11y": "Résultats de la vérification de l'ordinateur",
    "start.uninstall": (
        "Après votre examen, supprimez lockdown avec « Uninstall Lockdown » dans le menu des "
        "applications (ou la commande lockdown uninstall) : rien n'en reste sur cet ordinateur."),
    "start.leave": "&Quitter",
    "start.leave.a11y": "Quitter lockdown",
    "signin.title": "Connectez-vous pour obtenir votre examen",
    "signin.intro": (
        "Ceci est l'étape de connexion, pas l'examen : connectez-vous avec le compte de votre "
        "établissement comme d'habitude. lockdown ne garde rien de ce que vous saisissez ici. Dès "
        "que votre établissement envoie l'examen, cette fenêtre se ferme et lockdown vous montre "
        "ce qu'il va faire avant le début de l'examen."),
    "signin.page.a11y": "Page de connexion de votre établissement",
    "signin.cancel": "&Annuler (ne rien modifier)",
    "signin.cancel.a11y": "Annuler et quitter sans rien modifier",
    "signin.refused": (
        "Cette page n'a pas été ouverte : l'étape de connexion n'ouvre que des pages sécurisées (https)."),
    "signin.not_configuration": "Seule la configuration de l'examen peut être téléchargée ici.",
    "signin.receiving": "Réception de la configuration de l'examen…",
    "signin.failed": "La configuration de l'examen n'a pas pu être reçue. Réessayez le lien.",
    "password.title": "Paramètres d'examen protégés",
    "password.intro": (
        "Les paramètres de cet examen sont protégés par un mot de passe. Saisissez le mot de passe "
        "des paramètres qui vous a été donné pour ouvrir l'examen. Rien n'est modifié sur cet "
        "ordinateur avant l'ouverture de l'examen."),
    "password.label": "&Mot de passe des paramètres :",
    "password.wrong": "Mot de passe incorrect. Il reste {count} essais.",
    "password.wrong_last": (
        "Mot de passe incorrect. C'est le dernier essai : s'il est faux lui aussi, l'examen ne "
        "s'ouvre pas ; demandez le mot de passe des paramètres à votre enseignant ou au "
        "surveillant."),
    "password.open": "&Ouvrir l'examen",
    "password.leave": "&Quitter (ne rien modifier)",
    "password.leave.a11y": "Quitter sans rien modifier",
    "spelling.a11y": "Suggestions d'orthographe",
    "spelling.none": "Aucune suggestion pour «\u00a0{word}\u00a0»",
    "spelling.replace": "Remplacer «\u00a0{word}\u00a0» par «\u00a0{suggestion}\u00a0»",
    "taskbar.a11y": "Barre des tâches de l'examen (F6 pour y aller et revenir à la page)",
    "taskbar.back": "Retour à la page précédente",
    "taskbar.reload": "Recharger",
    "taskbar.reload.a11y": "Recharger la page",
    "taskbar.zoom_out": "Réduire",
    "taskbar.zoom_in": "Agrandir",
    "taskbar.zoom_reset": "Zoom {percent} % : revenir à 100 %",
    "taskbar.address.a11y": "Adresse de la page",
    "taskbar.layout.a11y": "Disposition du clavier {name} : appuyez pour passer à {next}",
    "taskbar.layout.one": "Disposition du clavier {name}",
    "taskbar.layout.failed": "La disposition du clavier n'a pas pu être changée.",
    "taskbar.volume": "Volume {level} %",
    "taskbar.volume.muted": "Son coupé",
    "taskbar.volume_down": "Baisser le volume",
    "taskbar.volume_up": "Monter le volume",
    "taskbar.mute": "Couper le son",
    "taskbar.unmute": "Remettre le son",
    "taskbar.volume.failed": "Le volume n'a pas pu être modifié.",
    "taskbar.wifi": "Wi-Fi",
    "taskbar.wifi.a11y": "Réseaux Wi-Fi connus de cet ordinateur",
    "taskbar.wifi.none": "Aucun réseau Wi-Fi connu n'est à portée.",
    "taskbar.wifi.network": "{name} ({strength} %)",
    "taskbar.wifi.active": "{name} ({strength} %, connecté)",
    "taskbar.wifi.connecting": "Connexion à {name}…",
    "taskbar.wifi.failed": "Connexion à {name} impossible.",
    "taskbar.network.online": "En ligne",
    "taskbar.network.offline": "Pas de réseau",
    "taskbar.network.server_lost": "Serveur d'examen injoignable",
    "taskbar.network.unknown": "Réseau",
    "taskbar.network.a11y": "Réseau : {state}",
    "taskbar.battery": "Batterie {percent} %",
    "taskbar.battery.charging": "Batterie {percent} %, en charge",
    "taskbar.battery.low": "Batterie faible : {percent} %",
    "taskbar.clock.a11y": "Heure {time}",
    "taskbar.quit": "Quitter l'examen",
    "taskbar.app": "Démarrer {name}",
    "taskbar.app.running": "{name} est ouvert : l'afficher",
    "taskbar.app.failed": "{name} n'a pas pu être démarré.",
    "reload.title": "Recharger la page",
    "reload.question": "Recharger cette page ? Ce que vous n'y avez pas enregistré peut être perdu.",
    "reload.ok": "&Recharger",
    "reload.cancel": "&Annuler",
    "refused.reload": "Le rechargement de la page n'est pas autorisé pendant cet examen.",
    "quiturl.title": "Fin de l'examen",
    "quiturl.question": "Vous êtes arrivé à la fin de l'examen. Quitter l'examen maintenant ?",
    "quiturl.ok": "&Quitter l'examen",
    "quiturl.cancel": "&Rester sur cette page",
    "message.battery_low": (
        "La batterie est faible ({percent} %) : branchez le chargeur maintenant pour pouvoir "
        "terminer l'examen."),
    "message.screen_added": (
        "Un autre écran a été branché. Il est couvert : votre examen reste sur cet écran."),
    "message.network_lost": (
        "Cet ordinateur a perdu sa connexion réseau. Ce qui est sur la page reste ; "
        "reconnectez-vous pour continuer à enregistrer."),
    "message.network_back": "Cet ordinateur est de nouveau connecté à un réseau.",
    "explain.shown": "visible",
    "explain.hidden": "non visible",
    "explain.taskbar.hidden": (
        "Barre des tâches : masquée (F6 n'atteint rien ; Ctrl+Q suit toujours les règles pour quitter)"),
    "explain.taskbar.shown": (
        "Barre des tâches : affichée en bas de l'écran ; F6 y amène le focus du clavier et l'en ramène"),
    "explain.taskbar.status": (
        "  horloge : {clock} ; batterie : affichée s'il y en a une (avertissement sous 15 %) ; "
        "réseau : affiché"),
    "explain.taskbar.layouts": "  dispositions du clavier : {layouts} ; liste Wi-Fi : {wifi}",
    "explain.taskbar.wifi": "affichée là où le système laisse un utilisateur ordinaire se reconnecter",
    "explain.taskbar.volume": "  volume et coupure du son : {volume}",
    "explain.taskbar.buttons": (
        "  recharger : {reload} ; retour : {back} ; zoom : {zoom} ; adresse de la page : {address}"),
    "explain.address.never": "jamais",
    "explain.address.load_error": "quand elle ne peut pas être chargée",
    "explain.address.always": "toujours",
    "explain.reload.refused": "non autorisé",
    "explain.reload.allowed": "autorisé (F5, Ctrl+R)",
    "explain.reload.asked": "autorisé (F5, Ctrl+R, avec une question d'abord)",
    "explain.back.allowed": "autorisé (Alt+Gauche)",
    "explain.back.refused": "non autorisé",
    "explain.zoom.allowed": "autorisé (Ctrl+plus, Ctrl+moins, Ctrl+0)",
    "explain.zoom.refused": "non autorisé",
    "explain.browsing": "Rechargement : {reload} ; retour en arrière : {back} ; zoom : {zoom}",
    "explain.spelling.on": (
        "Correcteur orthographique : activé, dans la langue de l'examen, avec les dictionnaires trouvés"),
    "explain.spelling.off": "Correcteur orthographique : désactivé",
    "explain.quit_page.asks": "Arrivée sur la page de fin : l'étudiant est d'abord interrogé",
    "explain.quit_page.ends": "Arrivée sur la page de fin : l'examen se termine aussitôt",
    "explain.window.same": "ouvertes dans la fenêtre de l'examen",
    "explain.window.refused": "refusées",
    "explain.new_windows": "Nouvelles fenêtres : par un lien {link}, par un script {script}",
    "explain.sound.muted": "Son au début : coupé ; rétabli à la fin",
    "explain.sound.volume": "Son au début : volume réglé à {volume} % ; rétabli à la fin",
    "explain.sound.muted_volume": "Son au début : coupé et volume réglé à {volume} % ; rétabli à la fin",
    "explain.sound.unchanged": "Son au début : laissé tel quel",
    "explain.every_key": "Chaque réglage du fichier :",
    "explain.every_key.line": "  {key} : {note}",
    "explain.content_filter.on": "Contenu intégré (images, scripts, cadres) : jugé par les mêmes règles",
    "explain.content_filter.off": (
        "Contenu intégré (images, scripts, cadres) : chargé depuis toute adresse http(s)"),
    "explain.app.button": "un bouton dans la barre des tâches",
    "explain.app.autostart": "démarré avec l'examen",
    "explain.app": "{name} : {how} ; fermé à la fin si lockdown l'a démarré",
    "keynote.ignored.keys": (
        "lockdown bloque en bloc les raccourcis de changement du bureau (capture du clavier, "
        "crochet ou options de présentation) ; les touches ne se règlent pas une à une"),
    "keynote.ignored.window": (
        "lockdown a une seule fenêtre d'examen plein écran, sans barre d'outils, barre d'adresse "
        "ni autre fenêtre"),
    "keynote.ignored.system": (
        "SEB pour Windows modifie des réglages du système par son service ; lockdown fonctionne "
        "sans droits d'administrateur et ne modifie aucun réglage du système"),
    "keynote.ignored.logs": (
        "le journal de lockdown lui est propre (rien n'en est envoyé) ; son niveau est choisi par "
        "qui le lance"),
    "keynote.ignored.file": "décrit le fichier .seb lui-même, pas l'examen",
    "keynote.ignored.fresh": (
        "chaque examen commence dans un nouveau profil de navigation privée, supprimé à sa fin"),
    "keynote.ignored.server": (
        "SEB Server n'est pas pris en charge ; lockdown parle à son propre serveur d'examen "
        "(lockdownServerURL)"),
    "keynote.ignored.filter_old": (
        "un ancien format de filtre d'URL ; lockdown lit URLFilterEnable et URLFilterRules"),
    "keynote.ignored.mobile": "pour SEB sur iPad et iPhone",
    "keynote.ignored.mac": "pour SEB sur macOS",
    "keynote.applied.start_url": "la première page de l'examen",
    "keynote.applied.quit_url": "arriver sur cette page termine l'examen",
    "keynote.applied.quit_url_confirm": (
        "si l'étudiant est interrogé avant que la page de fin ne termine l'examen"),
    "keynote.applied.url_filter_enable": "si les règles d'URL décident des pages qui s'ouvrent",
    "keynote.applied.url_filter_enable_content_filter": "si les règles d'URL jugent aussi le contenu intégré",
    "keynote.applied.url_filter_rules": "les règles d'autorisation et de blocage",
    "keynote.applied.hashed_quit_password": (
        "le mot de passe de sortie demandé par Ctrl+Q et le bouton Quitter"),
    "keynote.applied.allow_quit": (
        "si Ctrl+Q et le bouton Quitter de la barre des tâches peuvent terminer l'examen"),
    "keynote.applied.prohibited_processes": "les programmes fermés avant et pendant l'examen",
    "keynote.applied.permitted_processes": "les programmes autorisés, démarrés depuis la barre des tâches",
    "keynote.applied.allowed_displays_max_number": "combien d'écrans peuvent être branchés",
    "keynote.applied.allow_virtual_machine": "si l'examen peut se passer dans une machine virtuelle",
    "keynote.applied.allow_screen_sharing": (
        "si l'examen peut se passer dans une session à distance ou partagée"),
    "keynote.applied.browser_window_title_suffix": (
        "ajouté au titre de la fenêtre (lu par les lecteurs d'écran)"),
    "keynote.applied.allow_down_uploads": (
        "les téléchargements et les envois (sauf si allowDownloads/allowUploads disent autre chose)"),
    "keynote.applied.allow_downloads": "si des fichiers peuvent être téléchargés",
    "keynote.applied.allow_uploads": "si des fichiers peuvent être envoyés",
    "keynote.applied.allow_print": "si la page peut être imprimée",
    "keynote.applied.exam_key_salt": "le sel de la Browser Exam Key",
    "keynote.applied.exam_session_reconfigure_allow": (
        "si un lien seb(s):// dans l'examen peut charger un autre examen"),
    "keynote.applied.exam_session_reconfigure_config_url": "quels liens seb(s):// le peuvent",
    "keynote.applied.show_task_bar": "la barre des tâches en bas de l'écran",
    "keynote.applied.show_time": "l'horloge de la barre des tâches",
    "keynote.applied.show_reload_button": "le bouton Recharger de la barre des tâches",
    "keynote.applied.show_input_language": "le choix de la disposition du clavier dans la barre des tâches",
    "keynote.applied.allow_wlan": (
        "la liste Wi-Fi de la barre des tâches, là où le système laisse un utilisateur ordinaire "
        "se reconnecter"),
    "keynote.applied.audio_control_enabled": (
        "les réglages du volume et de la coupure du son dans la barre des tâches"),
    "keynote.applied.audio_mute": "le son est coupé au début (et rétabli à la fin)",
    "keynote.applied.audio_set_volume_level": "si le volume est réglé au début (et rétabli à la fin)",
    "keynote.applied.audio_volume_level": "le volume réglé au début",
    "keynote.applied.browser_window_allow_reload": (
        "si la page peut être rechargée (F5, Ctrl+R, le bouton Recharger)"),
    "keynote.applied.show_reload_warning": "si le rechargement pose d'abord la question",
    "keynote.applied.allow_browsing_back_forward": "le bouton Retour et Alt+Gauche",
    "keynote.applied.enable_zoom_page": (
        "le zoom de la page (Ctrl+plus/moins/0 et les boutons de la barre des tâches)"),
    "keynote.applied.allow_spell_check": "le correcteur orthographique dans la langue de l'examen",
    "keynote.applied.new_browser_window_by_link_policy": (
        "les liens qui demandent une nouvelle fenêtre : la même fenêtre, ou rien"),
    "keynote.applied.new_browser_window_by_script_policy": (
        "les scripts qui demandent une nouvelle fenêtre : la même, ou rien"),
    "keynote.applied.browser_window_show_url": "si la barre des tâches affiche l'adresse de la page",
    "keynote.ignored.send_browser_exam_key": (
        "lockdown envoie toujours les en-têtes Config Key et Browser Exam Key, et seulement au "
        "site de l'examen"),
    "keynote.ignored.browser_window_web_view": (
        "la page est affichée par QtWebEngine (Chromium) avec les réglages fixes de lockdown (ceci "
        "choisit le moteur web de SEB pour macOS)"),
    "keynote.ignored.allow_preferences_window": "lockdown n'a pas de fenêtre de préférences",
    "keynote.ignored.enable_seb_browser": (
        "le navigateur d'examen de lockdown est toujours actif (c'est l'examen)"),
    "keynote.ignored.enable_java_script": (
        "la page est affichée par QtWebEngine (Chromium) avec les réglages fixes de lockdown ; "
        "JavaScript est toujours actif"),
    "keynote.ignored.enable_java": (
        "la page est affichée par QtWebEngine (Chromium) avec les réglages fixes de lockdown ; les "
        "applets Java n'y existent pas"),
    "keynote.ignored.enable_plug_ins": (
        "la page est affichée par QtWebEngine (Chromium) avec les réglages fixes de lockdown ; les "
        "modules externes sont toujours désactivés"),
    "keynote.ignored.allow_flash_fullscreen": (
        "la page est affichée par QtWebEngine (Chromium) avec les réglages fixes de lockdown ; "
        "Flash n'y existe pas"),
    "keynote.ignored.allow_pdf_plug_in": (
        "les fichiers PDF ne sont jamais affichés dans la page ; ce sont des téléchargements "
        "(allowDownloads décide)"),
    "keynote.ignored.allow_pdf_reader_toolbar": "les fichiers PDF ne sont jamais affichés dans la page",
    "keynote.ignored.browser_media_autoplay": (
        "la page est affichée par QtWebEngine (Chromium) avec les réglages fixes de lockdown (les "
        "règles de lecture automatique de Chromium)"),
    "keynote.ignored.allow_video_capture": (
        "la page d'examen n'a jamais accès à la caméra, au micro ni à l'écran"),
    "keynote.ignored.block_pop_up_windows": (
        "les nouvelles fenêtres suivent newBrowserWindowByLinkPolicy / ByScriptPolicy"),
    "keynote.ignored.new_browser_window_by_link_block_foreign": (
        "la page d'une nouvelle fenêtre est jugée par les règles d'URL comme toute page"),
    "keynote.ignored.browser_user_agent": (
        "l'agent utilisateur de lockdown finit par « SEB/3 lockdown/<version> » (lockdownUserAgentSuffix)"),
    "keynote.ignored.browser_url_salt": "les empreintes des requêtes sont calculées comme Moodle les vérifie",
    "keynote.ignored.browser_messaging_socket": "une connexion de SEB pour macOS à SEB Server",
    "keynote.ignored.start_url_allow_deep_link": "l'examen s'ouvre sur startURL",
    "keynote.ignored.start_url_append_query_parameter": "l'examen s'ouvre sur startURL tel qu'il est écrit",
    "keynote.ignored.additional_resources": (
        "lockdown n'offre pas cette fonction pendant l'examen (ressources supplémentaires intégrées)"),
    "keynote.ignored.embedded_certificates": "lockdown ne fait confiance qu'aux certificats du système",
    "keynote.ignored.download_and_open_seb_config": (
        "un autre .seb ne s'ouvre que par examSessionReconfigureAllow"),
    "keynote.ignored.download_directory_win": (
        "les téléchargements vont dans le dossier de téléchargement du système"),
    "keynote.ignored.open_downloads": "lockdown n'ouvre jamais les fichiers téléchargés",
    "keynote.ignored.choose_file_to_upload_policy": (
        "allowUploads décide ; la fenêtre de choix de fichier du système est utilisée"),
    "keynote.ignored.browser_show_file_system_element_path": (
        "la fenêtre de choix de fichier du système est utilisée"),
    "keynote.ignored.allow_developer_console": "les outils de développement ne sont jamais disponibles",
    "keynote.ignored.allow_find": (
        "lockdown n'offre pas cette fonction pendant l'examen (rechercher dans la page)"),
    "keynote.ignored.allow_dictionary_lookup": (
        "jamais disponible : la page n'a pas de menu contextuel et lockdown pas de dictionnaire"),
    "keynote.ignored.allow_dictation": (
        "la dictée est celle du système (non bloquée, c'est une aide technique)"),
    "keynote.ignored.enable_drawing_editor": (
        "lockdown n'offre pas cette fonction pendant l'examen (éditeur de dessin)"),
    "keynote.ignored.enable_zoom_text": "QtWebEngine ne zoome que des pages entières ; enableZoomPage décide",
    "keynote.ignored.show_navigation_buttons": (
        "le bouton Retour de la barre des tâches suit allowBrowsingBackForward"),
    "keynote.ignored.show_back_to_start_button": (
        "lockdown n'offre pas cette fonction pendant l'examen (retour au début)"),
    "keynote.ignored.show_quit_button": "le bouton Quitter de la barre des tâches suit allowQuit",
    "keynote.ignored.task_bar_height": (
        "la hauteur de la barre des tâches suit la taille de police du système"),
    "keynote.ignored.quit_url_restart": "arriver sur la page de fin termine l'examen",
    "keynote.ignored.url_filter_message": "une page refusée est signalée par le court message de lockdown",
    "keynote.ignored.proxies": "lockdown utilise les réglages de proxy du système",
    "keynote.ignored.enable_alt_f4": (
        "la fenêtre d'examen ne peut pas être fermée par le gestionnaire de fenêtres, quoi que "
        "dise ce réglage"),
    "keynote.ignored.enable_print_screen": (
        "les captures d'écran sont empêchées là où le système le permet (protection contre la capture)"),
    "keynote.ignored.enable_right_mouse": "la page d'examen n'affiche jamais de menu contextuel",
    "keynote.ignored.enable_middle_mouse": (
        "la nouvelle fenêtre d'un clic du milieu suit newBrowserWindowByLinkPolicy"),
    "keynote.ignored.ignore_exit_keys": (
        "l'examen se termine par Ctrl+Q, le bouton Quitter, la page de fin ou le serveur d'examen"),
    "keynote.ignored.ignore_quit_password": "un mot de passe de sortie configuré est toujours demandé",
    "keynote.ignored.enable_touch_exit": "pour SEB sur iPad et iPhone ou les écrans tactiles",
    "keynote.ignored.touch_optimized": "lockdown n'a pas de présentation tactile",
    "keynote.ignored.browser_screen_keyboard": (
        "les claviers à l'écran sont ceux du système (jamais bloqués, ce sont des aides techniques)"),
    "keynote.ignored.allow_sticky_keys": (
        "les réglages d'accessibilité sont ceux du système ; lockdown ne les modifie pas"),
    "keynote.ignored.display_always_on": "lockdown ne modifie pas les réglages d'alimentation du système",
    "keynote.ignored.monitor_processes": "la surveillance des programmes fonctionne toujours",
    "keynote.ignored.enable_private_clipboard": (
        "le presse-papiers est toujours vidé au début, à la fin et à chaque changement"),
    "keynote.ignored.allow_switch_to_applications": (
        "seuls les programmes autorisés (permittedProcesses) peuvent passer au premier plan"),
    "keynote.ignored.allow_user_switching": "pour SEB sur macOS (changement rapide d'utilisateur)",
    "keynote.ignored.allow_display_mirroring": (
        "les écrans sont comptés (allowedDisplaysMaxNumber) ; la recopie d'écran n'est pas détectée"),
    "keynote.ignored.allowed_display_builtin": (
        "les écrans sont comptés (allowedDisplaysMaxNumber), intégrés ou non"),
    "keynote.ignored.allowed_displays_ignore_failure": "les écrans sont comptés (allowedDisplaysMaxNumber)",
    "keynote.ignored.allow_siri": "pour SEB sur macOS et iOS",
    "keynote.ignored.allow_user_app_folder_install": "pour SEB sur macOS (où SEB lui-même est installé)",
    "keynote.ignored.min_mac_os_version": (
        "pour SEB sur macOS ; lockdown check indique les systèmes que lockdown prend en charge"),
    "keynote.ignored.seb_allowed_versions": (
        "les versions de SEB autorisées ; lockdown vérifie plutôt sa propre version"),
    "keynote.ignored.battery_charge_threshold_critical": "la barre des tâches avertit sous 15 %",
    "keynote.ignored.show_side_menu": (
        "lockdown n'a pas de menu latéral ; la barre des tâches montre ce que l'examen permet"),
    "keynote.ignored.show_proctoring_view_button": (
        "lockdown n'offre pas cette fonction pendant l'examen (surveillance à distance)"),
    "keynote.ignored.raise_hand_button_show": (
        "lockdown n'offre pas cette fonction pendant l'examen (lever la main)"),
    "keynote.ignored.seb_config_purpose": (
        "décrit le fichier .seb lui-même, pas l'examen (lockdown ne fait passer que des examens avec)"),
    "keynote.ignored.config_key_salt": "la Config Key est calculée comme Moodle la calcule",
    "keynote.ignored.hashed_admin_password": "lockdown n'a pas de réglages à lui à protéger",
    "keynote.ignored.user_agent_short": (
        "l'agent utilisateur de lockdown finit par « SEB/3 lockdown/<version> »"),
    "keynote.applied": "appliqué",
    "keynote.applied.what": "appliqué : {what}",
    "keynote.ignored.why": "ignoré : {reason}",
    "keynote.ignored.other_version": "ignoré : pas un réglage de cette version de lockdown",
    "keynote.ignored.unknown": "ignoré : inconnu de lockdown : il n'a aucun effet",
    "keynote.ignored.comment": "ignoré : un commentaire",
    "desk.missing.x11": (
        "dispositions du clavier et fenêtres : libX11, python-xlib ou le serveur X est injoignable"),
    "desk.missing.wayland": (
        "dispositions du clavier et fenêtres : seulement sous X11 (sous Wayland aucune application "
        "ne peut les changer ni mettre en avant la fenêtre d'une autre)"),
    "desk.missing.pactl": "volume : aucun serveur de son ne répond à pactl",
    "desk.missing.osascript": (
        "volume : la sortie son utilisée n'a pas de volume propre, ou osascript ne peut pas être lancé"),
    "desk.missing.coreaudio": (
        "volume : il n'y a pas de sortie son, ou Windows n'en donne pas le volume"),
    "desk.missing.wifi": "liste Wi-Fi : pas encore disponible sous {os}",
    "config.field.string_array": "doit être un tableau de chaînes",
}
