"""Every sentence the student reads, in English: message key -> sentence with {placeholders}.

The keys and placeholders are the same as in `lockdown/words/fr.py` (a test checks it); the code
says a sentence with `lockdown.words.say(lang, key, **values)`. Keys are grouped by where the
student meets them.
"""

from __future__ import annotations

from collections.abc import Mapping

DECIMAL = "."
THOUSANDS = ","
"""How numbers are written: the decimal mark and the thousands separator."""
SEPARATOR = "; "
"""Between the items of a list of reasons."""

TEXT: Mapping[str, str] = {
    # The notice before the exam (the privacy manifest follows it, see privacy.*)
    "notice.title": "Before your exam",
    "notice.checking": (
        "Checking that this copy of lockdown is the official one, unmodified… {percent} %. The "
        "exam opens as soon as it is done."),
    "notice.checking.a11y": "Checking this copy of lockdown",
    "notice.intro": (
        "lockdown will now open your exam full screen and keep other apps, windows and web pages out until "
        "you finish. Nothing is changed on this computer once the exam ends."),
    "notice.exam": "Exam: {url}",
    "notice.continue": "&Continue to the exam",
    "notice.cancel": "C&ancel (change nothing)",
    "notice.continue.a11y": "Continue to the exam",
    "notice.cancel.a11y": "Cancel and leave without changing anything",
    "notice.body.a11y": "What lockdown watches and sends",

    # The checks before the exam starts
    "checks.title": "Before the exam starts",
    "checks.apps": (
        "These apps are not allowed during the exam. lockdown can close them for you (save your work in "
        "them first):"),
    "checks.close_apps": "C&lose these apps",
    "checks.blocked": "The exam cannot start on this computer:",
    "checks.warning": "Please note:",
    "checks.override": "A proctor may type the quit password to start anyway:",
    "checks.start": "&Start the exam",
    "checks.leave": "&Leave",
    "checks.password.a11y": "Proctor's quit password",
    "checks.screens": (
        "{count} screens are connected; this exam allows {allowed}. Disconnect the others and start again."),

    # What the environment checks found (a finding's {detail} is one of reason.*)
    "finding.elevated": (
        "lockdown is running with administrator or root rights ({detail}). Start it from your ordinary "
        "account."),
    "finding.no_display": (
        "No screen was found ({detail}): lockdown needs a graphical session to show the exam."),
    "finding.wayland.refused": (
        "Your desktop uses Wayland ({detail}), where lockdown cannot keep other apps out. Log out, choose "
        "an X11 (Xorg) session on the login screen, and start the exam again."),
    "finding.wayland.limited": (
        "Your desktop uses Wayland ({detail}): this exam runs with limited protection (shortcuts and other "
        "windows are not blocked), as its configuration allows."),
    "finding.vm.refused": (
        "This computer looks like a virtual machine ({detail}); this exam does not allow that. Use your "
        "computer directly, without a virtual machine."),
    "finding.vm.allowed": "This computer looks like a virtual machine ({detail}); this exam allows it.",
    "finding.vm.unknown": (
        "lockdown could not check whether this computer is a virtual machine ({detail}). This exam "
        "does not allow virtual machines: if you are using one, leave and sit the exam on the "
        "computer itself."),
    "finding.display.refused": (
        "The exam would not be shown on this computer's own screen but on {detail}, which other "
        "programs can show elsewhere; this exam does not allow that. Start lockdown from your "
        "desktop session itself."),
    "finding.display.allowed": (
        "The exam is shown on {detail}, not on this computer's own screen; this exam allows it."),
    "reason.list": "{items}",
    "leftovers.will_retry": (
        "could not remove {path} ({reason}); lockdown will try again the next time it starts, or "
        "you may delete that folder yourself"),
    "leftovers.remove_yourself": "could not remove {path} ({reason}); please delete that folder yourself",
    "finding.remote.refused": (
        "This session seems to be used remotely ({detail}); this exam does not allow that. Sit the exam at "
        "the computer itself."),
    "finding.remote.allowed": "This session seems to be used remotely ({detail}); this exam allows it.",
    "finding.overridable": "{finding} A proctor may let the exam start with the quit password.",

    # Why the platform thinks so (the details of findings and checks)
    "reason.no_display": "no DISPLAY or WAYLAND_DISPLAY",
    "reason.wayland": "Wayland session",
    "reason.elevated.tool": "started through an elevation tool ({variable} is set)",
    "reason.elevated.root_from_user": (
        "running as root (user id 0), started from the session of user id {uid}"),
    "reason.elevated.root": "running as root (user id 0)",
    "reason.elevated.capabilities": "running with extra privileges (capabilities {capabilities})",
    "reason.elevated.windows_admin": "running as an elevated administrator",
    "reason.vm.systemd": "{name} (systemd-detect-virt)",
    "reason.vm.named": "{name}",
    "reason.vm.cpu_flag": "the processor reports a hypervisor",
    "reason.vm.macos_hypervisor": "macOS reports a hypervisor (kern.hv_vmm_present)",
    "reason.vm.apple": "Apple virtual machine ({model})",
    "reason.vm.firmware_unreadable": "the firmware strings in /sys/class/dmi/id cannot be read ({error})",
    "reason.vm.cpuinfo_unreadable": "/proc/cpuinfo cannot be read ({error})",
    "reason.vm.no_cpu_flags": "/proc/cpuinfo lists no processor flags",
    "reason.vm.bios_unreadable": "the BIOS strings cannot be read from the registry",
    "reason.vm.sysctl_silent": "sysctl answers neither kern.hv_vmm_present nor hw.model",
    "reason.display.vnc_extension": "a VNC server (its VNC extension)",
    "reason.display.no_outputs": "an X server that reports no screen outputs (Xnest or similar)",
    "reason.display.virtual_outputs": (
        "a virtual or nested X server (its only screen output is named {outputs})"),
    "reason.display.xephyr": "a nested X server (Xephyr)",
    "reason.display.xnest": "a nested X server (Xnest)",
    "reason.display.xvnc": "a VNC server (Xvnc)",
    "reason.display.tigervnc": "a VNC server (TigerVNC)",
    "reason.display.tightvnc": "a VNC server (TightVNC)",
    "reason.display.xpra": "an Xpra session",
    "launch.effect.loader": "a library loaded into lockdown before it starts",
    "launch.effect.platform": "the exam on another display than this screen",
    "launch.effect.switches": "browser engine switches ({switches})",
    "launch.effect.debugging": "remote debugging ({switches})",
    "launch.effect.no_switch": "no switch",
    "launch.effect.engine_switches": "browser engine switches",
    "launch.effect.remote_debugging": "remote debugging of the exam page",
    "launch.effect.renderer": "another program as the page's renderer",
    "launch.effect.resources": "other browser engine resources",
    "launch.effect.dictionaries": "other spelling dictionaries",
    "launch.effect.platform_plugins": "display plugins from another folder",
    "launch.effect.qt_plugins": "Qt plugins from another folder",
    "launch.effect.input_plugins": "extra input plugins",
    "launch.effect.proxy": "the exam's traffic through a proxy the exam did not name",
    "launch.override": "{variable}: {effect}",
    "launch.refused": (
        "lockdown was started with settings that would change how the exam runs ({listed}); start "
        "it without them"),
    "config.field.proxy": (
        "must be a proxy URL such as http://proxy.example.org:3128 (http, https, socks4 or socks5; "
        "host and port only)"),
    "reason.program.missing": "{program} is not installed",
    "reason.program.silent": "{program} gave no answer within {seconds} s",
    "reason.program.failed": "{program} could not be run ({error})",
    "reason.program.exit": "{program} failed (exit status {status})",
    "reason.remote.ssh": "SSH connection",
    "reason.remote.xrdp": "xrdp remote desktop",
    "reason.remote.x2go": "X2Go remote desktop",
    "reason.remote.nx": "NX remote desktop",
    "reason.remote.vnc_desktop": "VNC remote desktop",
    "reason.remote.vnc_sharing": "VNC screen sharing",
    "reason.remote.macos_sharing": "macOS Screen Sharing",
    "reason.remote.apple_remote_desktop": "Apple Remote Desktop",
    "reason.remote.windows_rdp": "Remote Desktop session",
    "reason.remote.windows_control": "the session is being controlled remotely",

    # The exam window
    "cover.text": "The exam runs on the main screen.",
    "refused.navigation": "This page is not part of the exam, so it was not opened.",
    "refused.window": "New windows and tabs are not available during the exam.",
    "refused.download": "Downloads are not allowed during this exam.",
    "refused.upload": "Sending files is not allowed during this exam.",
    "refused.print": "Printing is not allowed during this exam.",
    "refused.quit": "Quitting is disabled for this exam: submit it to finish.",
    "refused.reconfigure": "This exam does not allow opening another exam configuration.",
    "reconfigure.title": "Open another exam?",
    "reconfigure.question": (
        "The exam page asks to open another exam configuration, from {host}. lockdown would end "
        "this exam and start the new one (you will see its notice first). Open it?"),
    "reconfigure.open": "&Open the new exam",
    "reconfigure.stay": "&Stay in this exam",
    "reconfigure.receiving": "Receiving the new exam configuration…",
    "reconfigure.not_configuration": (
        "The site sent a web page (perhaps its sign-in page), not an exam configuration: you stay "
        "in this exam."),
    "reconfigure.failed": "The new exam configuration could not be received: you stay in this exam.",
    "reconfigure.timeout": "The new exam configuration did not arrive in time: you stay in this exam.",
    "offline.title": "Connection lost",
    "offline.body": (
        "The exam page could not be reached. Your work is kept: lockdown keeps trying and the exam comes "
        "back as soon as the connection returns."),
    "offline.retrying": "Next try in {seconds} s.",
    "offline.retry": "&Try again now",
    "banner.lost": "Connection to the exam server lost. Your work is kept; reconnecting…",
    "banner.back": "Connection to the exam server is back.",
    "banner.a11y": "Connection status",
    "message.a11y": "Message",
    "quit.title": "Leave the exam",
    "quit.password": "Quit password:",
    "quit.confirm": "Leave the exam now?",
    "quit.wrong": "Wrong password.",
    "quit.ok": "&Leave",
    "quit.cancel": "&Back to the exam",
    "exam.a11y": "Exam page",

    # An exam configuration that cannot be used
    "config.error": "{source}: {problem}",
    "config.error.field": "{source}: {field}: {problem}",
    "config.type.plist.bool": "<true/> or <false/>",
    "config.type.plist.int": "an <integer>",
    "config.type.plist.str": "a <string>",
    "config.type.plist.list": "an <array>",
    "config.type.plist.dict": "a <dict>",
    "config.type.plist.bytes": "<data>",
    "config.type.json.bool": "true or false",
    "config.type.json.int": "an integer",
    "config.type.json.str": "a string",
    "config.type.json.list": "an array",
    "config.type.json.dict": "an object",
    "config.type.json.bytes": "a Base64 string",
    "config.field.type": "must be {expected}, not {value}",
    "config.field.missing": "missing",
    "config.field.range": "must be between {minimum} and {maximum}, not {value}",
    "config.field.choice": "must be one of {choices}, not {value}",
    "config.field.url_empty": "must be an http(s) URL, not empty",
    "config.field.url": "must be an http(s) URL, not {value}",
    "config.field.sha256": "must be the SHA-256 of the password as 64 hexadecimal digits",
    "config.field.unknown": "unknown setting",
    "config.field.unknown_close": "unknown setting (did you mean {close}?)",
    "config.field.empty": "must not be empty",
    "config.field.base64": "must be Base64",
    "config.format.missing": "missing; a lockdown configuration starts with \"format\": {version}",
    "config.format.newer": (
        "version {version} is newer than this lockdown reads ({readable}); update lockdown"),
    "config.format.wrong": "must be {version}, not {value}",
    "config.rule.action_missing": "missing; \"allow\" or \"block\"",
    "config.rule.no_letter": "must contain a letter, a digit or *",
    "config.rule.bad_regex": "invalid regular expression ({error})",
    "config.seb.certificate": (
        "this .seb file is encrypted for a certificate ({prefix}), which lockdown cannot use; ask "
        "your institution for the configuration encrypted with a password instead, or unencrypted"),
    "config.seb.nested_encryption": (
        "an encrypted block inside an encrypted block; SEB does not write such files"),
    "config.seb.crypt.short": "{size} bytes, shorter than the smallest encrypted block ({smallest} bytes)",
    "config.seb.crypt.version": "encryption format version {version}; lockdown reads versions 2 and 3",
    "config.seb.crypt.options": "options byte {options}: its keys were not derived from a password",
    "config.seb.crypt.blocks": "the encrypted data is not a whole number of AES blocks (cut or damaged)",
    "config.seb.crypt.padding": "the data decrypts but its padding is invalid (written by a broken tool)",
    "config.seb.crypt.not_authentic": "wrong password, or the file was changed after it was encrypted",
    "config.seb.damaged": "the encrypted .seb file is damaged: {reason}",
    "config.seb.damaged_or_unsupported": "the encrypted .seb file is damaged or unsupported: {reason}",
    "config.seb.password_needed": (
        "this .seb file is encrypted with a settings password; give it with --password-file FILE"),
    "config.seb.password_cancelled": "no settings password was entered; nothing was changed",
    "config.seb.wrong_password_tries": (
        "wrong settings password ({tries} tries), or the file was changed after it was encrypted"),
    "config.seb.wrong_password": "wrong settings password, or the file was changed after it was encrypted",
    "password_file.missing": "--password-file {path}: no such file",
    "password_file.directory": "--password-file {path}: is a directory, not a file",
    "password_file.unreadable": "--password-file {path}: cannot be read ({error})",
    "password_file.too_large": "--password-file {path}: larger than {kib} KiB; not a password file",
    "password_file.not_utf8": "--password-file {path}: not UTF-8 text",
    "config.gzip.corrupt": "corrupt gzip data ({error})",
    "config.gzip.too_large": "decompresses to more than {mib} MiB",
    "config.gzip.truncated": "truncated gzip data",
    "config.plist.binary": "binary property lists are not supported; save the configuration as XML",
    "config.plist.entities": "XML entity declarations are not allowed in a configuration",
    "config.plist.invalid": "not a valid property list ({error})",
    "config.plist.not_dict": "the property list's top level must be a <dict>",
    "config.nesting": "nested more than {levels} levels deep",
    "config.json.not_utf8": "not valid JSON (the file is not UTF-8)",
    "config.json.syntax": "not valid JSON ({error} at line {line} column {column})",
    "config.json.invalid": "not valid JSON ({error})",
    "config.json.not_object": "the top level of a JSON configuration must be an object",
    "config.file.empty": "the file is empty",
    "config.file.unknown_format": "not a lockdown JSON configuration or an SEB .seb file",
    "config.file.too_large": "larger than {mib} MiB; not a configuration",
    "config.file.missing": "no such file",
    "config.file.directory": "is a directory, not a configuration file",
    "config.file.permission": "cannot be read (permission denied)",
    "config.file.unreadable": "cannot be read ({error})",
    "config.file.remote": "a file:// URL must name a file on this computer",
    "config.no_config_key_form": "holds a value with no Config Key form ({error})",
    "config.url.plain_http": "plain http:// is allowed only for loopback addresses; use https://",
    "config.url.scheme": "only https:// URLs (or http:// on loopback) can be loaded",
    "config.url.no_host": "not a valid URL (no host)",
    "config.url.redirected": "redirected to {target}: {problem}",
    "config.url.unsupported_scheme": "cannot load {scheme}:// URLs; give a file or an https:// URL",
    "config.download.status": "the server answered HTTP {status}",
    "config.download.sign_in": "the server asks to sign in first (HTTP {status})",
    "config.download.web_page": "the server answered with a web page (a sign-in page?), not a configuration",
    "config.download.failed": "could not download the configuration ({error})",
    "config.download.redirects": "more than {limit} redirects",
    "url.plain_http": "{url}: plain http is allowed only for loopback addresses; use https://",
    "url.not_https": "{url}: only https:// URLs are allowed",

    # Starting the exam: what stops it
    "elevated.refused": (
        "refusing to run elevated: {reason}. Start lockdown from your ordinary user account, without "
        "administrator or root rights"),
    "exam.build.invalid": (
        "this copy of lockdown does not match its signed release: {problems} (reinstall it from the "
        "official release)"),
    "exam.build.unverifiable": (
        "this copy of lockdown cannot be checked ({problems}) and this exam requires a verified build: "
        "install the official release"),
    "exam.cannot_start": "the exam cannot start on this computer: {reasons}",
    "exam.prepare_failed": "could not prepare this computer for the exam ({error}); nothing was left changed",
    "exam.revert_failed": "some changes could not be undone: {error}",
    "exam.next_not_opened": (
        "the next exam was not opened: some changes of this one could not be undone: {error}"),

    # The system keyring and the exam server
    "secrets.none": "no secure system keyring is available ({backend})",
    "secrets.unreadable": "the system keyring cannot be read: {error}",
    "secrets.unwritable": "the system keyring cannot be written: {error}",
    "net.unreachable": "{server}: {error}: cannot reach the server",
    "net.status": "{url}: HTTP {code}: {reason}",
    "net.reply.declared_too_large": "{server}: reply of {size} bytes is too large",
    "net.reply.too_large": "{server}: reply larger than {limit} bytes",
    "net.reply.not_json": "{source}: the server's reply is not valid JSON",
    "net.reply.not_object": "{source}: the server's reply is not a JSON object",
    "net.no_token": "{server}: the server sent no usable session token",

    # Checking this copy of lockdown against its signed release
    "integrity.from_source": (
        "running from source, not from a built release: there is no signed manifest to check against"),
    "integrity.unreadable": "{path}: cannot be read ({error})",
    "integrity.not_folder": "{path}: not a folder",
    "integrity.pending.failed": "the self-check failed ({error})",
    "integrity.pending.cut_short": "the self-check's report was cut short ({error})",
    "integrity.pending.no_verdict": "the self-check ended without a verdict",
    "integrity.signer.file": "the key in {path}",
    "integrity.signer.pinned": "this build's pinned key {key}",
    "integrity.missing": "missing: {path}",
    "integrity.modified": "modified: {path} ({reason})",
    "integrity.extra": "extra: {path}",
    "integrity.kind.file": "regular file",
    "integrity.kind.link": "link",
    "integrity.kind.other": "special file",
    "integrity.reason.not_link": "expected a link to {target}, found a {found}",
    "integrity.reason.link_target": "link points to {found}, not {expected}",
    "integrity.reason.not_file": "expected a regular file, found a {found}",
    "integrity.reason.size": "size {size} instead of {expected}",
    "integrity.reason.executable": "executable permission changed",
    "integrity.reason.unreadable": "cannot be read: {error}",
    "integrity.reason.content": "content differs",
    "integrity.signature.size": (
        "signature: {size} bytes instead of {expected}; not a signature of this manifest (truncated or "
        "swapped)"),
    "integrity.signature.mismatch": (
        "signature does not match the manifest for the release key: the manifest was edited, the signature "
        "swapped, or it was signed with another key"),
    "integrity.key.public": "public key",
    "integrity.key.private": "private key",
    "integrity.key.pinned": "pinned release key",
    "integrity.key.not_pem_public": "{source}: not a PEM public key ({error})",
    "integrity.key.not_ed25519_public": "{source}: not an Ed25519 public key",
    "integrity.key.not_pem_private": "{source}: not an unencrypted PEM private key ({error})",
    "integrity.key.not_ed25519_private": "{source}: not an Ed25519 private key",
    "integrity.what.manifest": "manifest",
    "integrity.what.signature": "signature",
    "integrity.what.public_key": "public key",
    "integrity.source.redirect": "{url}: redirected to a URL lockdown will not fetch ({problem})",
    "integrity.source.unreadable": "{what} {source}: cannot be read ({error})",
    "integrity.source.insecure": "{what}: {problem}",
    "integrity.source.status": "{what} {source}: server answered {status} {reason}",
    "integrity.source.unreachable": "{what} {source}: cannot be fetched ({error})",
    "integrity.source.too_big": "{what} {source}: more than {limit} bytes; not a {what}",
    "integrity.manifest.path.empty": "manifest: path {path} is empty or has a NUL or backslash",
    "integrity.manifest.path.absolute": "manifest: path {path} is absolute; refusing it",
    "integrity.manifest.path.climbs": "manifest: path {path} climbs out of the install folder; refusing it",
    "integrity.manifest.path.not_canonical": "manifest: path {path} is not in canonical form",
    "integrity.manifest.link.no_target": "manifest: link {path} has no target",
    "integrity.manifest.link.absolute": "manifest: link {path} -> {target} is absolute; refusing it",
    "integrity.manifest.link.climbs": "manifest: link {path} -> {target} climbs out of the install folder",
    "integrity.manifest.field.missing": "manifest: {field} is missing or not a {kind}",
    "integrity.manifest.keys": "manifest: {where} has unexpected or missing keys {keys}",
    "integrity.manifest.keys.top": "manifest: top level has unexpected or missing keys {keys}",
    "integrity.manifest.entry.not_object": "manifest: files[{index}] is not an object",
    "integrity.manifest.entry.bad_values": "manifest: {path}: bad size, mode or sha256",
    "integrity.manifest.too_big": "manifest: {size} bytes is too big to be a manifest",
    "integrity.manifest.json": "manifest: not valid JSON ({error}); truncated or corrupted?",
    "integrity.manifest.not_object": "manifest: not a JSON object",
    "integrity.manifest.format": "manifest: format {format} is not supported (expected {expected})",
    "integrity.manifest.digest": "manifest: its digest does not match its contents (edited by hand?)",
    "integrity.manifest.twice": "manifest: {path} is listed twice",
    "integrity.manifest.file_holds": "manifest: {parent} is listed as a file but holds {path}",
    "integrity.manifest.tree.odd": "{root}: not a regular file or link: {paths}",

    # The installer
    "install.title": "Install Lockdown",
    "install.what": (
        "Lockdown {version} will be installed for you only, in:\n{folder}\n\nMenu entries: "
        "{shortcuts}\nSpace needed: {size} MB"),
    "install.upgrade": "An existing copy will be repaired or upgraded.",
    "install.handlers": (
        "It will open seb:// and sebs:// exam links and .seb files; uninstalling it gives back "
        "whatever opened them before."),
    "install.rights": "No administrator rights needed.",
    "install.go": "&Install",
    "install.done": (
        "Lockdown is installed. On exam day, open “Lockdown exam” from your applications menu. To remove "
        "it, use “Uninstall Lockdown”."),
    "install.notes": "Please note:",
    "install.window_failed": "The installation did not complete:\n{error}",
    "install.installed": (
        "installed lockdown {version} in {folder} ({files} files); menu entries: {shortcuts}"),
    "install.report.note": "note: {note}",
    "install.no_shortcuts": "none",
    "install.step.check_bundle": "checking the bundle against its signed manifest",
    "install.step.copy": "{file}",
    "install.step.check_copy": "checking the installed copy",
    "install.no_bundle": "run the built lockdown-install program, or name the bundle with --bundle DIR",
    "install.key_unreadable": "{path}: cannot be read ({error})",
    "install.not_bundle": "{bundle}: not a lockdown bundle (no lockdown program in it)",
    "install.installed_copy": (
        "{bundle}: this is the installed copy; run the installer from the downloaded bundle"),
    "install.link_out": "{link}: the bundle holds a link that leads out of it ({target})",
    "install.failed": "could not install into {folder}: {error}",
    "install.bundle.no_manifest": "{folder}: no signed manifest to check the files against ({path}: {error})",
    "install.bundle.mismatch": "{folder}: does not match its signed manifest: {problems}",
    "install.bundle.more": "and {count} more",
    "install.note.type_not_registered": (
        "the .seb file type is not registered: {why}; seb:// and sebs:// links still open lockdown"),
    "install.note.type_may_fail": "the .seb file type may not work: {problem}",
    "install.note.mimeapps_unchanged": (
        "{path} is not changed (it is a symbolic link or not a plain file): lockdown is not made "
        "the default for seb:// and sebs:// links"),
    "install.note.replaced": (
        "{key} belonged to another program ({command}); lockdown replaces it, and the uninstaller "
        "puts it back"),
    "install.note.replaced.no_command": (
        "{key} belonged to another program (no open command); lockdown replaces it, and the "
        "uninstaller puts it back"),
    "install.mime.no_tool": "{tool} is not installed (Debian: shared-mime-info)",
    "install.mime.tool_unrun": "{tool} could not run ({error})",
    "install.mime.tool_failed": "{tool} failed ({code}): {message}",
    "install.mime.tool_failed.silent": "{tool} failed ({code}) without a message",
    "install.mime.odd_file": "{path} is not a plain file or folder",
    "install.mime.not_folder": "{path} is not a plain folder",
    "install.mime.package_there": "{path} is already there, with no record of what was there before it",
    "install.mime.unchecked": "your MIME database {path} could not be checked ({error})",
    "install.mime.not_rebuildable": (
        "your MIME database {path} is not what its packages build, so it could not be given back "
        "byte for byte after lockdown's type is removed"),
    "receipt.not_string": "{source}: '{name}' must be a string",
    "receipt.too_large": "{source}: receipt is larger than {limit} bytes",
    "receipt.json": "{source}: not a valid JSON receipt ({error})",
    "receipt.not_object": "{source}: a receipt is a JSON object",
    "receipt.keys": "{source}: unexpected or missing keys: {keys}",
    "receipt.version": "{source}: not a lockdown receipt of version {version}",
    "receipt.complete": "{source}: 'complete' must be true or false",
    "receipt.install_dir": "{source}: 'install_dir' must be an absolute path without '..'",
    "receipt.entries": "{source}: 'entries' must be a list",
    "receipt.entry.shape": "{source}: entries[{index}]: must be an object with exactly 'kind' and 'path'",
    "receipt.entry.shape.change": (
        "{source}: entries[{index}]: must be an object with exactly 'kind', 'path' and 'undo'"),
    "receipt.entry.kind": "{source}: entries[{index}]: unknown kind or non-string path",
    "receipt.entry.location": "{source}: entries[{index}]: {path} is not an acceptable {kind} location",
    "receipt.entry.undo": "{source}: entries[{index}]: 'undo': {problem}",
    "receipt.undo.object": "{what} must be an object with exactly {keys}",
    "receipt.undo.what.line": "a line change",
    "receipt.undo.what.database": "a database change",
    "receipt.undo.what.digest": "a digest",
    "receipt.undo.what.value": "a registry value",
    "receipt.undo.what.key": "a registry key",
    "receipt.undo.what.registry": "a registry change",
    "receipt.undo.line": "'{name}' must be one line of text",
    "receipt.undo.flag": "'{name}' must be true or false",
    "receipt.undo.mime_type": "'key' must be a MIME type",
    "receipt.undo.line_for": "'before' and 'after' must be lines for {key}",
    "receipt.undo.digest_path": "a digest path must be relative, with '/' and no '.' or '..'",
    "receipt.undo.database": "'database' must be a string",
    "receipt.undo.database_path": "'database' must be an absolute path without '..'",
    "receipt.undo.digests": "'before' must be a list of at most {limit} entries",
    "receipt.undo.sha256": "'sha256' must be 64 lowercase hex digits or null",
    "receipt.undo.digest_twice": "'before' lists a path twice",
    "receipt.undo.value_name": "a registry value's name must be a string without NUL",
    "receipt.undo.value_type": "a registry value's type must be a REG_* number from 0 to {highest}",
    "receipt.undo.value_text": "a text registry value must hold a string",
    "receipt.undo.value_number": "a number registry value must hold an unsigned number of its size",
    "receipt.undo.value_strings": "a multi-string registry value must hold a list of strings",
    "receipt.undo.value_binary": "a binary registry value must hold hex digits",
    "receipt.undo.tree_depth": "a registry tree is at most {limit} keys deep",
    "receipt.undo.key_shape": "a registry key has a list of values and an object of subkeys",
    "receipt.undo.tree_size": "a registry tree holds at most {limit} keys and values",
    "receipt.undo.value_twice": "a registry key holds a value name twice",
    "receipt.undo.subkey_name": "a registry subkey name must be 1 to {limit} characters without '\\'",
    "receipt.undo.subkey_twice": "a registry key holds a subkey name twice",
    "receipt.unreadable": "{source}: cannot read the receipt ({error})",

    # The uninstaller (its window, lockdown-uninstall and lockdown uninstall)
    "uninstall.title": "Uninstall Lockdown",
    "uninstall.what": "Lockdown and everything it wrote will be removed:",
    "uninstall.nothing": "Nothing of Lockdown was found on this computer.",
    "uninstall.go": "&Remove",
    "uninstall.clean": "Done: no trace of Lockdown is left on this computer.",
    "uninstall.left": "Done, but some things remain:",
    "uninstall.item": "{target} ({why})",
    "uninstall.why.menu_entry": "menu entry",
    "uninstall.why.registry": "Apps & features entry",
    "uninstall.why.keyring": "keyring entry",
    "uninstall.why.session_temp": "temporary folder of an exam session",
    "uninstall.why.cache": "cache",
    "uninstall.why.settings": "settings",
    "uninstall.why.logs": "logs",
    "uninstall.why.state": "session state",
    "uninstall.why.program": "installed program",
    "uninstall.why.data": "data and receipt",
    "uninstall.why.parent": "folder created by the installer, removed if empty",
    "uninstall.why.default.sebs": "default application for x-scheme-handler/sebs",
    "uninstall.why.default.seb": "default application for x-scheme-handler/seb",
    "uninstall.why.default.file": "default application for application/seb",
    "uninstall.why.mime_package": "the .seb file type, in the user MIME database",
    "uninstall.why.handler.sebs": "handler of sebs:// links",
    "uninstall.why.handler.seb": "handler of seb:// links",
    "uninstall.why.seb_type": "the .seb file type",
    "uninstall.why.seb_program": "the program that opens .seb files",
    "uninstall.why.change": "a link or file handler",
    "uninstall.busy": "in use by running lockdown process {pid}; run the uninstaller again once it has ended",
    "uninstall.refused.registry": "not a registry key lockdown uses",
    "uninstall.refused.not_plain": "not a plain absolute path",
    "uninstall.refused.outside": "outside the folders lockdown owns",
    "uninstall.refused.through_link": "reached through the symbolic link {link}",
    "uninstall.refused.not_parent": "not a folder lockdown created to hold its own folders",
    "uninstall.refused.unsafe_rmtree": "this platform cannot delete folders without following links",
    "uninstall.refused.link": "is a symbolic link",
    "uninstall.refused.change": "not a change lockdown makes on this system",
    "uninstall.refused.mimeapps": "not lockdown's mimeapps.list ({path})",
    "uninstall.refused.mime_line": "not a default-application line lockdown sets",
    "uninstall.refused.mime_package": "not lockdown's package in the user MIME database ({path})",
    "uninstall.note.receipt_unused": (
        "the receipt was not used: {problem}; removing every location lockdown owns"),
    "uninstall.note.unfinished": "the last install did not finish; removing what it had started",
    "uninstall.os_error": "could not be removed ({error})",
    "uninstall.undo_error": "could not be put back ({error})",
    "uninstall.unchanged.no_record": "the receipt does not say what was there before it: left as it is",
    "uninstall.unchanged.changed": "changed since the install: left as it is",
    "uninstall.unchanged.now_link": "{path} is now a symbolic link: left as it is",
    "uninstall.unchanged.line_still_ours": (
        "the line for {type} was changed since the install and still names {entry}: left as it is"),
    "uninstall.unchanged.not_rebuilt": "could not be rebuilt without lockdown's type: {problem}",
    "uninstall.unchanged.differs": (
        "rebuilt without lockdown's type, but it differs from before the install: {paths}"),
    "uninstall.note.line_changed": "{path}: the line for {type} was changed since the install: left as it is",
    "uninstall.note.database_kept": (
        "{path}: kept, rebuilt without lockdown's type: it now also holds {packages}"),
    "uninstall.note.database_changed": (
        "{path}: rebuilt without lockdown's type from its packages, which changed since the install"),
    "uninstall.note.key_put_back": "{key} was not there; the handler it held before the install is put back",
    "uninstall.keyring_unasked": "the keyring could not be asked: {problem}",
    "uninstall.still_present": "still present after removal",
    "uninstall.volume_restored": "the sound an interrupted exam had changed is set back as it was before",
    "uninstall.record_kept": "{path} keeps the list of those folders for the next uninstall",
    "uninstall.record_failed": "{path} could not be written ({error}): delete those folders yourself",
    "uninstall.step.looking": "looking again",
    "uninstall.step.done": "done",
    "uninstall.report.note": "note: {note}",
    "uninstall.report.refused": "refused: {path}: {why}",
    "uninstall.report.remains": "remains: {item}: {why}",
    "uninstall.report.no_trace": "no trace left",
    "uninstall.dry.remove": "would remove: {item}",
    "uninstall.dry.refuse": "would refuse: {path}: {why}",
    "uninstall.dry.leave": "would leave: {item}: {why}",
    "uninstall.dry.nothing": "nothing of lockdown was found",
    "task.error.title": "Lockdown",
    "task.close": "&Close",
    "task.cancel": "&Cancel",
    "task.progress.a11y": "Progress",

    # lockdown check: what this machine can do
    "check.title.os": "Operating system",
    "check.title.arch": "Processor",
    "check.title.memory": "Free memory",
    "check.title.disk": "Free disk space",
    "check.title.display_server": "Display server",
    "check.title.screens": "Screens",
    "check.title.webengine": "Browser engine",
    "check.title.keyboard_blocking": "Keyboard blocking",
    "check.title.keyring": "System keyring",
    "check.title.not_elevated": "Ordinary user",
    "check.title.virtual_machine": "Virtual machine",
    "check.title.remote_session": "Remote session",
    "check.title.prohibited_apps": "Prohibited programs",
    "check.title.server_reachable": "Exam server",
    "check.title.download_speed": "Download speed",
    "check.title.clock_offset": "Clock",
    "check.status.pass": "PASS",
    "check.status.warn": "WARN",
    "check.status.fail": "FAIL",
    "check.table.fix": "fix: {fix}",
    "check.table.can_sit": "This machine can sit the exam.",
    "check.table.cannot_sit": "This machine cannot sit the exam as it is: see the fixes above.",
    "check.table.summary": "{passed} passed, {warned} warning(s), {failed} failed. {verdict}",
    "check.report.preview": "lockdown check --report will send exactly this to {url}:",
    "check.report.nothing_else": "Nothing else is sent: no names, no addresses, no details of the checks.",
    "check.report.ask": "Send this report? [y/N]",
    "check.report.sent": "Report sent. Thank you.",
    "check.report.not_sent": "Report not sent.",
    "check.report.no_terminal": "the report was not sent: run in a terminal to confirm it, or add --yes",
    "check.usage.yes_alone": "--yes only confirms --report",
    "run.explain_needs_config": "--explain needs the exam's configuration (a file or URL)",
    "run.no_config": (
        "no exam configuration given: open the file or link your institution gave you (lockdown run CONFIG)"),
    "run.already_running": (
        "an exam is already open in lockdown (process {pid}): finish it, then open the next one"),
    "check.usage.report_needs_server": (
        "--report needs an exam server: add --server URL or give the exam's configuration"),
    "check.os.libc_unknown": "{system}: C library version unknown (not glibc?)",
    "check.os.glibc_old": "{system}: glibc {glibc} is too old",
    "check.os.linux": "{system} (glibc {glibc})",
    "check.os.windows_old": "Windows build {build} is too old",
    "check.os.windows": "Windows {version} (build {build})",
    "check.os.macos_old": "macOS {version} is too old",
    "check.os.macos_unsupported": "macOS {version} is no longer supported by recent Qt releases",
    "check.os.macos": "macOS {version}",
    "check.arch.ok": "{arch} processor",
    "check.arch.windows_arm": "arm64 processor: Windows runs the x86_64 build under emulation (slower)",
    "check.arch.32bit": "32-bit processor or system: Qt 6 runs on 64-bit systems only",
    "check.arch.unknown": "unsupported processor family",
    "unit.gb": "{value:.1f} GB",
    "unit.mb": "{value} MB",
    "check.memory.ok": "{free} available of {total}",
    "check.memory.too_little": "{free} available of {total} (at least {needed} needed)",
    "check.memory.low": "{free} available of {total} ({recommended} recommended)",
    "check.disk.ok": "{free} free where lockdown installs",
    "check.disk.too_little": "{free} free where lockdown installs (at least {needed} needed)",
    "check.disk.low": "{free} free where lockdown installs ({recommended} recommended)",
    "check.display.x11": "X11",
    "check.display.windows": "Windows desktop",
    "check.display.macos": "macOS desktop",
    "check.display.wayland_limited": "Wayland: this exam accepts it with weaker lockdown",
    "check.display.wayland_refused": "Wayland: this exam requires an X11 session",
    "check.display.none": "no graphical session found (no display)",
    "check.screens.uncounted": "screens could not be counted: {reason}",
    "check.screens.none": "no screen found",
    "check.screens.too_many": "{count} screens connected, the exam allows {allowed}",
    "check.screens.too_many_one": "{count} screen connected, the exam allows {allowed}",
    "check.screens.ok": "{count} screens (the exam allows {allowed})",
    "check.screens.ok_one": "{count} screen (the exam allows {allowed})",
    "check.keyboard.x11": "X11 keyboard grab",
    "check.keyboard.windows": "low-level keyboard hook",
    "check.keyboard.macos": "presentation options (app switching and Force Quit disabled)",
    "check.keyboard.wayland": "not possible under Wayland: an ordinary app cannot grab the keyboard",
    "check.keyboard.none": "no graphical session, nothing to grab",
    "check.webengine.ok": "{engine} rendered a test page",
    "check.webengine.offscreen": "{engine} rendered a test page (off screen: no display)",
    "check.webengine.failed": "{engine} could not render a test page: {reason}",
    "probe.timeout": "no answer within {seconds:.0f} s",
    "probe.not_started": "could not start the probe ({error})",
    "probe.stopped": "Qt stopped with exit code {code}: {output}",
    "probe.stopped_silent": "Qt stopped with exit code {code}: no output",
    "probe.no_display": (
        "no display (DISPLAY and WAYLAND_DISPLAY are not set: a headless machine or a text-only session)"),
    "probe.not_real_display": "Qt runs on its '{platform}' platform (QT_QPA_PLATFORM), not on a real display",
    "probe.no_count": "the probe gave no screen count",
    "probe.render.timeout": "timed out",
    "probe.render.script": "the page's script did not run",
    "probe.render.not_drawn": "the page was loaded but nothing was drawn",
    "probe.render.load_failed": "the test page failed to load",
    "probe.render.unknown": "the probe failed ({code})",
    "check.keyring.secret_service": "Secret Service (GNOME Keyring, KeePassXC...)",
    "check.keyring.libsecret": "Secret Service via libsecret",
    "check.keyring.kwallet": "KWallet",
    "check.keyring.windows": "Windows Credential Manager",
    "check.keyring.macos": "macOS Keychain",
    "check.keyring.other": "{backend}",
    "check.keyring.list": "{backends}",
    "check.keyring.none": "no usable keyring",
    "check.keyring.plaintext": "plaintext file keyring ({backend}): secrets would be stored unencrypted",
    "check.keyring.file": "file-based keyring ({backend}), not the system keyring",
    "check.keyring.none_among": "no usable keyring among the available backends",
    "check.elevated.no": "running as an ordinary user",
    "check.vm.none": "no virtual machine found (checked: {checked})",
    "check.vm.none_partly": "no virtual machine found (checked: {checked}; not checked: {problems})",
    "check.vm.no_source": "no source to check",
    "check.vm.unknown": "could not check for a virtual machine ({why})",
    "check.vm.unknown_allowed": "could not check for a virtual machine ({why}); this exam allows one",
    "check.fix.vm_unknown": (
        "on a real computer there is nothing to do: lockdown tells the student it could not check"),
    "check.vm.allowed": "virtual machine ({reason}); this exam allows it",
    "check.vm.refused": "virtual machine ({reason}); this exam does not allow it",
    "check.remote.none": "local session",
    "check.remote.allowed": "remote session ({reason}); this exam allows it",
    "check.remote.refused": "remote session ({reason}); this exam does not allow it",
    "check.apps.none": "no prohibited program running",
    "check.apps.running": "{count} prohibited programs running",
    "check.apps.running_one": "{count} prohibited program running",
    "check.server.not_checked": "not checked: no exam server given",
    "check.server.not_measured": "not measured",
    "check.server.bad_time": "the server's /api/time reply is not {{\"time\": <seconds>}}",
    "check.server.unreachable": "exam server not reachable: {error}",
    "check.server.answers": "exam server answers in {ms:.0f} ms",
    "check.server.slow": "exam server answers in {ms:.0f} ms (more than {limit} ms)",
    "check.download.short": "received {received} bytes instead of {size}",
    "check.download.failed": "download test failed: {error}",
    "check.download.speed": "{kbps:,.0f} kbit/s (the exam needs {needed:,})",
    "check.clock.unavailable": "server time not available: {error}",
    "check.clock.behind": "this clock is {seconds:.1f} s behind the server's",
    "check.clock.ahead": "this clock is {seconds:.1f} s ahead of the server's",
    "check.clock.behind_over": "this clock is {seconds:.1f} s behind the server's (more than {limit} s)",
    "check.clock.ahead_over": "this clock is {seconds:.1f} s ahead of the server's (more than {limit} s)",

    # lockdown check: what to do about it
    "check.fix.desktop_session": (
        "run the check from a graphical desktop session (not over SSH or a text console)"),
    "check.fix.x11_session": "log out and choose an \"Xorg\" / \"X11\" session on the login screen",
    "check.fix.connect_screen": "connect a screen and log in to a desktop session",
    "check.fix.unplug_screens": "unplug or switch off screens until no more than {allowed} are on",
    "check.fix.graphics": (
        "update the graphics driver and the system, then run the check again; if it still fails, ask your "
        "exam's IT support"),
    "check.fix.keyring": (
        "Linux: log in to a desktop session with GNOME Keyring or KWallet running and unlocked; Windows "
        "and macOS: sign in normally (the system keyring is built in)"),
    "check.fix.ordinary_account": "run lockdown from your ordinary account, without administrator rights",
    "check.fix.no_vm": "sit the exam on the computer itself, not inside a virtual machine",
    "check.fix.no_remote": "sit the exam in front of the computer, not through remote desktop",
    "check.fix.close_apps": "close them before the exam (lockdown offers to close them when it starts)",
    "check.fix.give_server": "run the check with the exam's configuration, or add --server URL",
    "check.fix.connection_and_address": (
        "check the Internet connection (or the proxy/firewall) and the server address"),
    "check.fix.wired": "use a wired connection or move closer to the Wi-Fi access point",
    "check.fix.connection": "check the Internet connection, then run the check again",
    "check.fix.faster_connection": (
        "use a faster connection (wired, or closer to the Wi-Fi access point), and stop downloads and "
        "videos during the exam"),
    "check.fix.network_time": "turn on automatic date and time (network time) in the system settings",
    "check.fix.mainstream_linux": (
        "use a mainstream distribution (Debian, Ubuntu, Fedora...) with glibc {glibc} or newer"),
    "check.fix.newer_glibc": "upgrade to a distribution with glibc {glibc} or newer",
    "check.fix.windows": "update to Windows 10 version 1809 or later, or Windows 11",
    "check.fix.macos": "update macOS to version {version} or later",
    "check.fix.practice_exam": "try a practice exam on this machine well before the real one",
    "check.fix.64bit": "use a 64-bit machine and system",
    "check.fix.processor": "use a machine with an x86_64 (Intel/AMD) or arm64 processor",
    "check.fix.memory_restart": "close other programs, or restart the machine before the exam",
    "check.fix.memory": "close other programs before the exam",
    "check.fix.disk_bin": "free some disk space (empty the bin, remove large downloads)",
    "check.fix.disk": "free some disk space before the exam",

    # The command line
    "cli.interrupted": "interrupted",
    "cli.internal_error": "internal error ({error}); please report it, with LOCKDOWN_DEBUG=1 for details",
    "verify.progress": "verifying: {done:.0f} / {total:.0f} MB",
    "verify.ok": (
        "OK: {files} files ({mb:.0f} MB) in {folder} match the signed manifest of {app} {version} (commit "
        "{commit}, digest {digest}), signed with {signer}"),
    "verify.from_source": "verify: running from source; give the INSTALL_DIR of the copy to check",
    "verify.differs": (
        "{folder}: {missing} missing, {modified} modified, {extra} extra file(s) compared with the signed "
        "manifest; reinstall lockdown from the official source"),
    "bek.from_source": (
        "bek: running from source, which has no Browser Exam Key; give --manifest of the official release"),
    "demo.no_stub": (
        "the demo needs the server stub (server_stub/ next to lockdown/), which this installation does not "
        "include"),
    "demo.stub_failed": "the demo server stub did not start: {output}",
    "demo.stub_silent": "the demo server stub did not start",
    "demo.server": "exam server at {url}",

    # The privacy manifest (lockdown/privacy.py): the notice and docs/PRIVACY.md
    "privacy.document": "Privacy manifest",
    "privacy.generated": (
        "Generated from `lockdown/privacy.py` and `lockdown/words/` by `lockdown privacy --markdown`; a "
        "test keeps this file and the code equal."),
    "privacy.title": "What lockdown sends and keeps",
    "privacy.heading.never": "Never collected",
    "privacy.heading.sent": "Sent",
    "privacy.heading.to": "To",
    "privacy.heading.when": "When",
    "privacy.heading.kept": "Retention",
    "privacy.heading.stored": "Stored on this machine",
    "privacy.heading.protection": "Protection",
    "privacy.heading.deleted": "Deleted",
    "privacy.heading.field": "Field",
    "privacy.heading.why": "Why",
    "privacy.heading.page": (
        "What the exam page itself can read (as any web page can; lockdown sends none of it)"),
    "privacy.page.user_agent": (
        "the user agent: browser engine and lockdown versions, the system family and processor "
        "family (such as X11, Linux x86_64), never the kernel or build version nor the model"),
    "privacy.page.cores": "the number of processor cores and a rough memory class (e.g. 8 GB)",
    "privacy.page.locale": "the time zone and the language",
    "privacy.page.screen": "the screen's size",
    "privacy.never.camera": "camera or microphone",
    "privacy.never.screen": "screenshots or screen recordings",
    "privacy.never.keystrokes": "keystrokes",
    "privacy.never.windows": "window titles or the names of your apps",
    "privacy.never.names": "your name, user name or machine name",
    "privacy.never.identifiers": "hardware identifiers or network addresses",
    "privacy.never.profiling": "behaviour analysis or automatic decisions",
    "privacy.server": "your institution's exam server",
    "privacy.request_headers.when": "with every request the exam browser makes to the exam server",
    "privacy.request_headers.retention": (
        "not stored by lockdown; as your institution's platform logs requests"),
    "privacy.request_headers.config_key_hash": (
        "proves the exam runs with the configuration the teacher prepared"),
    "privacy.request_headers.request_hash": "proves the request comes from an unmodified official build",
    "privacy.request_headers.authorization": "the pseudonymous session token, on exam-server API calls only",
    "privacy.request_headers.user_agent": "browser and lockdown version, so the exam page displays correctly",
    "privacy.session.when": "once, when the exam starts",
    "privacy.session.retention": "the token is deleted from this machine when the exam ends",
    "privacy.session.config_key": "names the exam configuration, to receive a pseudonymous session token",
    "privacy.heartbeat.when": (
        "every 10 seconds of the exam in which nothing else was sent: a request for the server's time, so "
        "the banner can tell you when the connection drops"),
    "privacy.heartbeat.retention": "nothing to keep: it carries no data",
    "privacy.event.when": "during the exam, when one of the listed events happens",
    "privacy.event.retention": "kept by the server for two months at most, then deleted",
    "privacy.event.event_id": "a random number so an event resent after a network drop counts once",
    "privacy.event.type": "what happened, from a fixed list: {types}",
    "privacy.event.t": "seconds since the exam started (no clock time)",
    "privacy.compat_report.when": "only with `lockdown check --report`, after you have seen it",
    "privacy.compat_report.retention": "aggregated into anonymous counts for the administrators",
    "privacy.compat_report.report_id": "a random number so a resent report counts once",
    "privacy.compat_report.os_family": "which system to test on",
    "privacy.compat_report.os_version": "the system's version number (no build or machine name)",
    "privacy.compat_report.arch": "processor family",
    "privacy.compat_report.qt_version": "version of the browser engine",
    "privacy.compat_report.lockdown_version": "version of lockdown",
    "privacy.compat_report.check": "each check's result: pass, warn or fail (no details)",
    "privacy.stored.event_queue.what": "events not yet delivered while the network is down",
    "privacy.stored.event_queue.protection": "encrypted (AES-GCM), key in the system keyring",
    "privacy.stored.event_queue.deleted": "as soon as they are delivered, and by the uninstaller",
    "privacy.stored.session_token.what": "the pseudonymous exam-session token",
    "privacy.stored.session_token.protection": "in the system keyring",
    "privacy.stored.session_token.deleted": "at the end of the exam",
    "privacy.stored.browser_data.what": "cookies, cache and page storage of the exam browser",
    "privacy.stored.browser_data.protection": "never written to disk (memory only)",
    "privacy.stored.browser_data.deleted": "when the kiosk closes",

    # lockdown run --explain: what a configuration will do (read by the exam's admin)
    "explain.kind.seb": "SEB .seb file",
    "explain.kind.native": "lockdown JSON (format 1)",
    "explain.source": "Configuration: {source} ({kind})",
    "explain.config_key": "Config Key: {key}",
    "explain.start": "Start page: {url}",
    "explain.quit_page": "Quit page: {url}",
    "explain.quit_page.none": "Quit page: none (the exam ends by quitting)",
    "explain.filter.off": (
        "URL filter: off; only pages of the start page's site (same scheme, host and port) open"),
    "explain.filter.on": (
        "URL filter: on, {count} active rule(s); block rules win, unmatched URLs are blocked"),
    "explain.inactive": "(inactive: ignored)",
    "explain.quit.never": "Quitting: only through the quit page or the exam server",
    "explain.quit.password": "Quitting: Ctrl+Q asks for the quit password",
    "explain.quit.confirm": "Quitting: Ctrl+Q quits after a confirmation",
    "explain.programs.prohibited": "Programs closed before and during the exam",
    "explain.programs.permitted": "Programs allowed to keep running",
    "explain.programs": "{title}:",
    "explain.programs.none": "{title}: none listed",
    "explain.screens": "Screens: at most {count}",
    "explain.vm.allowed": "Virtual machines: allowed",
    "explain.vm.refused": "Virtual machines: refused",
    "explain.remote.allowed": "Remote desktop sessions: allowed",
    "explain.remote.refused": "Remote desktop sessions: refused",
    "explain.display.allowed": (
        "Displays other than the machine's screen (nested X server, VNC, virtual framebuffer): allowed"),
    "explain.display.refused": (
        "Displays other than the machine's screen (nested X server, VNC, virtual framebuffer): refused"),
    "explain.launch.refused": (
        "Started with settings that change how lockdown runs (Qt platform, engine switches, proxy "
        "variables): refused"),
    "explain.launch.ignored": (
        "Started with settings that change how lockdown runs (Qt platform, engine switches, proxy "
        "variables): ignored"),
    "explain.proxy": "Proxy: {proxy}",
    "explain.proxy.none": "Proxy: none (the environment's and the desktop's are ignored)",
    "explain.webrtc.allowed": "WebRTC: allowed",
    "explain.webrtc.off": "WebRTC: off",
    "explain.wayland.limited": "Wayland: allowed with the limits it imposes (no keyboard grab)",
    "explain.wayland.refused": "Wayland: refused; the student is asked to log in to an X11 session",
    "explain.unverified.allowed": "Unverified builds (running from source): allowed",
    "explain.unverified.refused": "Unverified builds (running from source): refused",
    "explain.allowed": "allowed",
    "explain.blocked": "blocked",
    "explain.transfers": "Downloads: {downloads}; uploads: {uploads}; printing: {printing}",
    "explain.title_suffix": "Window title suffix: {suffix}",
    "explain.title_suffix.none": "Window title suffix: none",
    "explain.language": "Language: {language}",
    "explain.language.system": "Language: follows the system",
    "explain.salt.set": "Browser Exam Key salt: set",
    "explain.salt.none": "Browser Exam Key salt: none",
    "explain.reconfigure.allowed": "Reconfiguration by a seb(s):// link in the exam: allowed for {links}",
    "explain.reconfigure.any": "any link",
    "explain.reconfigure.refused": "Reconfiguration by a seb(s):// link in the exam: refused",
    "explain.server.none": "Exam server: none; no events are sent",
    "explain.server": "Exam server: {url}; {events}",
    "explain.server.events": "events sent (privacy manifest only)",
    "explain.server.no_events": "no events sent",
    "explain.network": (
        "Network needed: {kbps} kbit/s down, latency under {latency} ms, clock within {offset} s of the "
        "server"),
    "explain.ignored.seb": "Ignored SEB settings ({count}; they still count for the Config Key): {keys}",
    "explain.ignored.comments": "Ignored comment keys ({count}; they still count for the Config Key): {keys}",
    "explain.ignored.none": "Ignored settings: none",

    # The menu entries the installer creates (their names stay "Lockdown exam" and "Uninstall Lockdown")
    "install.shortcut.exam": "Sit an exam with lockdown",
    "install.shortcut.uninstall": "Remove lockdown and everything it wrote",
    "guard.app_closed": "“{name}” was closed: it is not allowed during this exam.",
    "guard.failed.process_guard": (
        "lockdown can no longer check for programs that are not allowed. Your exam goes on; please "
        "tell your proctor."),
    "start.title": "lockdown exam kiosk",
    "start.intro": (
        "lockdown opens your online exam full screen and keeps other apps out until you finish. It "
        "starts from the link or the file your institution gave you: click the \"Launch Safe Exam "
        "Browser\" button of your exam, or open the file or paste the link here."),
    "start.open_file": "&Open the exam file…",
    "start.open_file.a11y": "Open the exam file your institution gave you",
    "start.file_filter": "Exam configurations (*.seb *.json)",
    "start.link": "Or paste the exam &link:",
    "start.link.a11y": "Exam link",
    "start.open_link": "Open the &link",
    "start.open_link.a11y": "Open the pasted exam link",
    "start.link.empty": "Paste the exam link first.",
    "start.link.invalid": "This is not an exam link: it should start with sebs://, seb:// or https://.",
    "start.link.insecure": (
        "This link is not secure (http://): ask your institution for its https:// or sebs:// link."),
    "start.check": "&Check this computer",
    "start.check.a11y": "Check whether this computer can sit an exam",
    "start.checking": "Checking this computer…",
    "start.results.a11y": "Results of the computer check",
    "start.uninstall": (
        "After your exam, remove lockdown with \"Uninstall Lockdown\" in your applications menu "
        "(or the command lockdown uninstall): nothing of it stays on this computer."),
    "start.leave": "&Quit",
    "start.leave.a11y": "Quit lockdown",
    "signin.title": "Sign in to get your exam",
    "signin.intro": (
        "This is the sign-in step, not the exam: sign in with your institution account as usual. "
        "Nothing you type here is kept by lockdown. Once your institution sends the exam, this "
        "window closes and lockdown shows what it will do before the exam starts."),
    "signin.page.a11y": "Sign-in page of your institution",
    "signin.cancel": "&Cancel (change nothing)",
    "signin.cancel.a11y": "Cancel and leave without changing anything",
    "signin.refused": "That page was not opened: the sign-in step only opens secure (https) pages.",
    "signin.not_configuration": "Only the exam configuration can be downloaded here.",
    "signin.receiving": "Receiving the exam configuration…",
    "signin.failed": "The exam configuration could not be received. Try the link again.",
    "password.title": "Protected exam settings",
    "password.intro": (
        "This exam's settings are protected by a password. Type the settings password you were "
        "given to open the exam. Nothing is changed on this computer before the exam opens."),
    "password.label": "&Settings password:",
    "password.wrong": "Wrong password. {count} tries left.",
    "password.wrong_last": (
        "Wrong password. This is the last try: if it is wrong too, the exam does not open; ask "
        "your teacher or proctor for the settings password."),
    "password.open": "&Open the exam",
    "password.leave": "&Leave (change nothing)",
    "password.leave.a11y": "Leave without changing anything",
    "spelling.a11y": "Spelling suggestions",
    "spelling.none": "No suggestion for “{word}”",
    "spelling.replace": "Replace “{word}” with “{suggestion}”",
    "taskbar.a11y": "Exam taskbar (F6 to reach it and go back to the page)",
    "taskbar.back": "Back to the previous page",
    "taskbar.reload": "Reload",
    "taskbar.reload.a11y": "Reload the page",
    "taskbar.zoom_out": "Zoom out",
    "taskbar.zoom_in": "Zoom in",
    "taskbar.zoom_reset": "Zoom {percent} %: back to 100 %",
    "taskbar.address.a11y": "Page address",
    "taskbar.layout.a11y": "Keyboard layout {name}: press to switch to {next}",
    "taskbar.layout.one": "Keyboard layout {name}",
    "taskbar.layout.failed": "The keyboard layout could not be changed.",
    "taskbar.volume": "Volume {level} %",
    "taskbar.volume.muted": "Sound off",
    "taskbar.volume_down": "Volume down",
    "taskbar.volume_up": "Volume up",
    "taskbar.mute": "Turn the sound off",
    "taskbar.unmute": "Turn the sound on",
    "taskbar.volume.failed": "The volume could not be changed.",
    "taskbar.wifi": "Wi-Fi",
    "taskbar.wifi.a11y": "Wi-Fi networks this computer knows",
    "taskbar.wifi.none": "No known Wi-Fi network is in range.",
    "taskbar.wifi.network": "{name} ({strength} %)",
    "taskbar.wifi.active": "{name} ({strength} %, connected)",
    "taskbar.wifi.connecting": "Connecting to {name}…",
    "taskbar.wifi.failed": "Could not connect to {name}.",
    "taskbar.network.online": "Online",
    "taskbar.network.offline": "No network",
    "taskbar.network.server_lost": "Exam server unreachable",
    "taskbar.network.unknown": "Network",
    "taskbar.network.a11y": "Network: {state}",
    "taskbar.battery": "Battery {percent} %",
    "taskbar.battery.charging": "Battery {percent} %, charging",
    "taskbar.battery.low": "Battery low: {percent} %",
    "taskbar.clock.a11y": "Time {time}",
    "taskbar.quit": "Leave the exam",
    "taskbar.app": "Start {name}",
    "taskbar.app.running": "{name} is running: show it",
    "taskbar.app.failed": "{name} could not be started.",
    "reload.title": "Reload the page",
    "reload.question": "Reload this page? What you have not saved on it may be lost.",
    "reload.ok": "&Reload",
    "reload.cancel": "&Cancel",
    "refused.reload": "Reloading the page is not allowed during this exam.",
    "quiturl.title": "End of the exam",
    "quiturl.question": "You have reached the end of the exam. Leave the exam now?",
    "quiturl.ok": "&Leave the exam",
    "quiturl.cancel": "&Stay on this page",
    "message.battery_low": (
        "The battery is low ({percent} %): plug in the charger now so that you can finish the exam."),
    "message.screen_added": "Another screen was connected. It is covered: your exam stays on this screen.",
    "message.network_lost": (
        "This computer has lost its network connection. What is on the page stays; reconnect to go "
        "on saving."),
    "message.network_back": "This computer is connected to a network again.",
    "explain.shown": "shown",
    "explain.hidden": "hidden",
    "explain.taskbar.hidden": "Taskbar: hidden (F6 reaches nothing; Ctrl+Q still follows the quit rules)",
    "explain.taskbar.shown": (
        "Taskbar: shown along the bottom of the screen; F6 moves the keyboard focus to it and back"),
    "explain.taskbar.status": (
        "  clock: {clock}; battery: shown when there is one (warning under 15 %); network: shown"),
    "explain.taskbar.layouts": "  keyboard layouts: {layouts}; Wi-Fi list: {wifi}",
    "explain.taskbar.wifi": "shown where the OS lets an ordinary user reconnect",
    "explain.taskbar.volume": "  volume and mute: {volume}",
    "explain.taskbar.buttons": "  reload: {reload}; back: {back}; zoom: {zoom}; page address: {address}",
    "explain.address.never": "never",
    "explain.address.load_error": "when it cannot be loaded",
    "explain.address.always": "always",
    "explain.reload.refused": "not allowed",
    "explain.reload.allowed": "allowed (F5, Ctrl+R)",
    "explain.reload.asked": "allowed (F5, Ctrl+R, asked first)",
    "explain.back.allowed": "allowed (Alt+Left)",
    "explain.back.refused": "not allowed",
    "explain.zoom.allowed": "allowed (Ctrl+plus, Ctrl+minus, Ctrl+0)",
    "explain.zoom.refused": "not allowed",
    "explain.browsing": "Reloading: {reload}; going back: {back}; zoom: {zoom}",
    "explain.spelling.on": "Spell checking: on, in the exam language, with the dictionaries found",
    "explain.spelling.off": "Spell checking: off",
    "explain.quit_page.asks": "Reaching the quit page: asks the student first",
    "explain.quit_page.ends": "Reaching the quit page: ends the exam at once",
    "explain.window.same": "open in the exam's window",
    "explain.window.refused": "refused",
    "explain.new_windows": "New windows: by a link {link}, by a script {script}",
    "explain.sound.muted": "Sound at the start: muted; put back at the end",
    "explain.sound.volume": "Sound at the start: volume set to {volume} %; put back at the end",
    "explain.sound.muted_volume": (
        "Sound at the start: muted and volume set to {volume} %; put back at the end"),
    "explain.sound.unchanged": "Sound at the start: left as it is",
    "explain.every_key": "Every setting of the file:",
    "explain.every_key.line": "  {key}: {note}",
    "explain.content_filter.on": "Embedded content (images, scripts, frames): judged by the same rules",
    "explain.content_filter.off": (
        "Embedded content (images, scripts, frames): loads from any http(s) address"),
    "explain.app.button": "a taskbar button",
    "explain.app.autostart": "started with the exam",
    "explain.app": "{name}: {how}; closed at the end if lockdown started it",
    "keynote.ignored.keys": (
        "lockdown blocks the desktop's switching shortcuts as a whole (keyboard grab, hook or "
        "presentation options); single keys are not configurable"),
    "keynote.ignored.window": (
        "lockdown has one full-screen exam window and no toolbar, address bar or extra windows"),
    "keynote.ignored.system": (
        "SEB for Windows changes system settings through its service; lockdown runs without "
        "administrator rights and changes no system setting"),
    "keynote.ignored.logs": (
        "lockdown's log is its own (nothing of it is sent); its level is set by the one who runs it"),
    "keynote.ignored.file": "describes the .seb file itself, not the exam",
    "keynote.ignored.fresh": (
        "every exam starts in a new off-the-record browser profile that is deleted at its end"),
    "keynote.ignored.server": (
        "SEB Server is not supported; lockdown talks to its own exam server (lockdownServerURL)"),
    "keynote.ignored.filter_old": (
        "an older URL filter format; lockdown reads URLFilterEnable and URLFilterRules"),
    "keynote.ignored.mobile": "for SEB on iPad and iPhone",
    "keynote.ignored.mac": "for SEB on macOS",
    "keynote.applied.start_url": "the exam's first page",
    "keynote.applied.quit_url": "reaching this page ends the exam",
    "keynote.applied.quit_url_confirm": "whether the student is asked before the quit page ends the exam",
    "keynote.applied.url_filter_enable": "whether the URL rules decide which pages open",
    "keynote.applied.url_filter_enable_content_filter": "whether the URL rules also judge embedded content",
    "keynote.applied.url_filter_rules": "the allow and block rules",
    "keynote.applied.hashed_quit_password": "the quit password asked by Ctrl+Q and the quit button",
    "keynote.applied.allow_quit": "whether Ctrl+Q and the taskbar's quit button may end the exam",
    "keynote.applied.prohibited_processes": "programs closed before and during the exam",
    "keynote.applied.permitted_processes": "programs allowed to run, started from the taskbar",
    "keynote.applied.allowed_displays_max_number": "how many screens may be connected",
    "keynote.applied.allow_virtual_machine": "whether a virtual machine may sit the exam",
    "keynote.applied.allow_screen_sharing": "whether a remote or shared session may sit the exam",
    "keynote.applied.browser_window_title_suffix": "appended to the window title (read by screen readers)",
    "keynote.applied.allow_down_uploads": (
        "downloads and uploads (unless allowDownloads/allowUploads say otherwise)"),
    "keynote.applied.allow_downloads": "whether files may be downloaded",
    "keynote.applied.allow_uploads": "whether files may be sent",
    "keynote.applied.allow_print": "whether the page may be printed",
    "keynote.applied.exam_key_salt": "the salt of the Browser Exam Key",
    "keynote.applied.exam_session_reconfigure_allow": (
        "whether a seb(s):// link in the exam may load another exam"),
    "keynote.applied.exam_session_reconfigure_config_url": "which seb(s):// links may",
    "keynote.applied.show_task_bar": "the taskbar along the bottom of the screen",
    "keynote.applied.show_time": "the clock in the taskbar",
    "keynote.applied.show_reload_button": "the taskbar's reload button",
    "keynote.applied.show_input_language": "the keyboard layout switcher in the taskbar",
    "keynote.applied.allow_wlan": (
        "the Wi-Fi list in the taskbar, where the OS lets an ordinary user reconnect"),
    "keynote.applied.audio_control_enabled": "the volume and mute controls in the taskbar",
    "keynote.applied.audio_mute": "the sound is muted at the start (and restored at the end)",
    "keynote.applied.audio_set_volume_level": (
        "whether the volume is set at the start (and restored at the end)"),
    "keynote.applied.audio_volume_level": "the volume set at the start",
    "keynote.applied.browser_window_allow_reload": (
        "whether the page may be reloaded (F5, Ctrl+R, the reload button)"),
    "keynote.applied.show_reload_warning": "whether reloading asks first",
    "keynote.applied.allow_browsing_back_forward": "the back button and Alt+Left",
    "keynote.applied.enable_zoom_page": "zooming the page (Ctrl+plus/minus/0 and the taskbar's buttons)",
    "keynote.applied.allow_spell_check": "spell checking in the exam's language",
    "keynote.applied.new_browser_window_by_link_policy": (
        "links that ask for a new window: the same window, or nothing"),
    "keynote.applied.new_browser_window_by_script_policy": (
        "scripts that ask for a new window: the same, or nothing"),
    "keynote.applied.browser_window_show_url": "whether the taskbar shows the page's address",
    "keynote.ignored.send_browser_exam_key": (
        "lockdown always sends the Config Key and Browser Exam Key headers, and only to the exam's own site"),
    "keynote.ignored.browser_window_web_view": (
        "the page is shown by QtWebEngine (Chromium) with lockdown's fixed settings (this chooses "
        "SEB for macOS's web engine)"),
    "keynote.ignored.allow_preferences_window": "lockdown has no preferences window",
    "keynote.ignored.enable_seb_browser": "lockdown's exam browser is always on (it is the exam)",
    "keynote.ignored.enable_java_script": (
        "the page is shown by QtWebEngine (Chromium) with lockdown's fixed settings; JavaScript is "
        "always on"),
    "keynote.ignored.enable_java": (
        "the page is shown by QtWebEngine (Chromium) with lockdown's fixed settings; Java applets "
        "do not exist there"),
    "keynote.ignored.enable_plug_ins": (
        "the page is shown by QtWebEngine (Chromium) with lockdown's fixed settings; plug-ins are "
        "always off"),
    "keynote.ignored.allow_flash_fullscreen": (
        "the page is shown by QtWebEngine (Chromium) with lockdown's fixed settings; Flash does "
        "not exist there"),
    "keynote.ignored.allow_pdf_plug_in": (
        "PDF files are never shown inline; they are downloads (allowDownloads decides)"),
    "keynote.ignored.allow_pdf_reader_toolbar": "PDF files are never shown inline",
    "keynote.ignored.browser_media_autoplay": (
        "the page is shown by QtWebEngine (Chromium) with lockdown's fixed settings (Chromium's "
        "autoplay rules)"),
    "keynote.ignored.allow_video_capture": (
        "the exam page is never given the camera, the microphone or the screen"),
    "keynote.ignored.block_pop_up_windows": (
        "new windows follow newBrowserWindowByLinkPolicy / ByScriptPolicy"),
    "keynote.ignored.new_browser_window_by_link_block_foreign": (
        "a new window's page is judged by the URL rules like any page"),
    "keynote.ignored.browser_user_agent": (
        "lockdown's user agent ends with \" SEB/3 lockdown/<version>\" (lockdownUserAgentSuffix)"),
    "keynote.ignored.browser_url_salt": "the request hashes are computed as Moodle checks them",
    "keynote.ignored.browser_messaging_socket": "a connection of SEB for macOS to SEB Server",
    "keynote.ignored.start_url_allow_deep_link": "the exam opens on startURL",
    "keynote.ignored.start_url_append_query_parameter": "the exam opens on startURL as written",
    "keynote.ignored.additional_resources": (
        "lockdown does not offer this feature in the exam (embedded additional resources)"),
    "keynote.ignored.embedded_certificates": "lockdown trusts the system's certificates only",
    "keynote.ignored.download_and_open_seb_config": (
        "another .seb is opened only through examSessionReconfigureAllow"),
    "keynote.ignored.download_directory_win": "downloads go to the system's download folder",
    "keynote.ignored.open_downloads": "downloaded files are never opened by lockdown",
    "keynote.ignored.choose_file_to_upload_policy": "allowUploads decides; the system's file dialog is used",
    "keynote.ignored.browser_show_file_system_element_path": "the system's file dialog is used",
    "keynote.ignored.allow_developer_console": "the developer tools are never available",
    "keynote.ignored.allow_find": "lockdown does not offer this feature in the exam (find in page)",
    "keynote.ignored.allow_dictionary_lookup": (
        "never available: the page has no context menu and lockdown no dictionary"),
    "keynote.ignored.allow_dictation": "dictation is the system's (not blocked as assistive technology)",
    "keynote.ignored.enable_drawing_editor": (
        "lockdown does not offer this feature in the exam (drawing editor)"),
    "keynote.ignored.enable_zoom_text": "QtWebEngine zooms whole pages only; enableZoomPage decides",
    "keynote.ignored.show_navigation_buttons": "the taskbar's back button follows allowBrowsingBackForward",
    "keynote.ignored.show_back_to_start_button": (
        "lockdown does not offer this feature in the exam (back to start)"),
    "keynote.ignored.show_quit_button": "the taskbar's quit button follows allowQuit",
    "keynote.ignored.task_bar_height": "the taskbar's height follows the system's font size",
    "keynote.ignored.quit_url_restart": "reaching the quit page ends the exam",
    "keynote.ignored.url_filter_message": "a refused page is told by lockdown's own short message",
    "keynote.ignored.proxies": "lockdown uses the system's proxy settings",
    "keynote.ignored.enable_alt_f4": (
        "the exam window cannot be closed by the window manager whatever this says"),
    "keynote.ignored.enable_print_screen": (
        "screenshots are kept out where the OS allows it (capture protection)"),
    "keynote.ignored.enable_right_mouse": "the exam page never shows a context menu",
    "keynote.ignored.enable_middle_mouse": "a middle-click's new window follows newBrowserWindowByLinkPolicy",
    "keynote.ignored.ignore_exit_keys": (
        "the exam ends by Ctrl+Q, the quit button, the quit page or the exam server"),
    "keynote.ignored.ignore_quit_password": "a configured quit password is always asked",
    "keynote.ignored.enable_touch_exit": "for SEB on iPad and iPhone or touch screens",
    "keynote.ignored.touch_optimized": "lockdown has no touch layout",
    "keynote.ignored.browser_screen_keyboard": (
        "on-screen keyboards are the system's (never blocked as assistive technology)"),
    "keynote.ignored.allow_sticky_keys": (
        "accessibility settings are the system's; lockdown does not change them"),
    "keynote.ignored.display_always_on": "lockdown does not change the system's power settings",
    "keynote.ignored.monitor_processes": "the process guard always runs",
    "keynote.ignored.enable_private_clipboard": (
        "the clipboard is always emptied at the start, at the end and at every switch"),
    "keynote.ignored.allow_switch_to_applications": (
        "only permitted programs (permittedProcesses) may take the front"),
    "keynote.ignored.allow_user_switching": "for SEB on macOS (fast user switching)",
    "keynote.ignored.allow_display_mirroring": (
        "screens are counted (allowedDisplaysMaxNumber); mirroring is not detected"),
    "keynote.ignored.allowed_display_builtin": (
        "screens are counted (allowedDisplaysMaxNumber), built-in or not"),
    "keynote.ignored.allowed_displays_ignore_failure": "screens are counted (allowedDisplaysMaxNumber)",
    "keynote.ignored.allow_siri": "for SEB on macOS and iOS",
    "keynote.ignored.allow_user_app_folder_install": "for SEB on macOS (where SEB itself is installed)",
    "keynote.ignored.min_mac_os_version": (
        "for SEB on macOS; lockdown check says which systems lockdown supports"),
    "keynote.ignored.seb_allowed_versions": (
        "which SEB versions may run; lockdown checks its own build instead"),
    "keynote.ignored.battery_charge_threshold_critical": "the taskbar warns below 15 %",
    "keynote.ignored.show_side_menu": "lockdown has no side menu; the taskbar shows what the exam allows",
    "keynote.ignored.show_proctoring_view_button": (
        "lockdown does not offer this feature in the exam (proctoring)"),
    "keynote.ignored.raise_hand_button_show": "lockdown does not offer this feature in the exam (raise hand)",
    "keynote.ignored.seb_config_purpose": (
        "describes the .seb file itself, not the exam (lockdown only sits exams with it)"),
    "keynote.ignored.config_key_salt": "the Config Key is computed as Moodle computes it",
    "keynote.ignored.hashed_admin_password": "lockdown has no settings of its own to protect",
    "keynote.ignored.user_agent_short": "lockdown's user agent ends with \" SEB/3 lockdown/<version>\"",
    "keynote.applied": "applied",
    "keynote.applied.what": "applied: {what}",
    "keynote.ignored.why": "ignored: {reason}",
    "keynote.ignored.other_version": "ignored: not a setting of this lockdown version",
    "keynote.ignored.unknown": "ignored: unknown to lockdown: it has no effect",
    "keynote.ignored.comment": "ignored: a comment",
    "desk.missing.x11": "keyboard layouts and windows: libX11, python-xlib or the X server cannot be reached",
    "desk.missing.wayland": (
        "keyboard layouts and windows: only under X11 (under Wayland no app may switch them or "
        "raise another's window)"),
    "desk.missing.pactl": "volume: no sound server answers pactl",
    "desk.missing.osascript": (
        "volume: the sound output in use has no volume of its own, or osascript cannot be run"),
    "desk.missing.coreaudio": "volume: there is no sound output, or Windows does not say its volume",
    "desk.missing.wifi": "Wi-Fi list: not available on {os} yet",
    "config.field.string_array": "must be an array of strings",
}
