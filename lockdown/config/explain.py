"""`lockdown run --explain`: what a configuration will make lockdown do, in plain words.

An admin reads this before an exam to check that a `.seb` written for SEB means what they expect
here, above all which SEB settings lockdown does not act on.
"""

from __future__ import annotations

from lockdown.config.keynotes import key_note
from lockdown.config.model import ExamConfig, ProcessRule
from lockdown.config.sebmap import KNOWN_KEYS
from lockdown.sebkeys.configkey import config_key

_SHOWN_URL = {"never": "never", "load_error": "when it cannot be loaded", "always": "always"}


def _yes(flag: bool, yes: str, no: str) -> str:
    return yes if flag else no


def _processes(title: str, rules: tuple[ProcessRule, ...]) -> list[str]:
    if not rules:
        return [f"{title}: none listed"]
    lines = [f"{title}:"]
    for r in rules:
        note = f" - {r.description}" if r.description else ""
        lines.append(f"  {r.executable}{note}{'' if r.active else ' (inactive: ignored)'}")
    return lines


def _shown(flag: bool) -> str:
    return "shown" if flag else "hidden"


def _taskbar(config: ExamConfig) -> list[str]:
    t, b = config.taskbar, config.browser
    if not t.shown:
        return ["Taskbar: hidden (F6 reaches nothing; Ctrl+Q still follows the quit rules)"]
    return [
        "Taskbar: shown along the bottom of the screen; F6 moves the keyboard focus to it and back",
        f"  clock: {_shown(t.clock)}; battery: shown when there is one (warning under 15 %); "
        "network: shown",
        f"  keyboard layouts: {_shown(t.keyboard_layout)}; Wi-Fi list: "
        + ("shown where the OS lets an ordinary user reconnect" if t.wifi else "hidden"),
        f"  volume and mute: {_shown(t.audio)}",
        f"  reload: {_shown(t.reload and b.allow_reload)}; back: {_shown(b.allow_back)}; "
        f"zoom: {_shown(b.zoom)}; page address: {_SHOWN_URL[b.show_url]}",
    ]


def _browser(config: ExamConfig) -> list[str]:
    b, a = config.browser, config.audio
    reload_ = ("allowed (F5, Ctrl+R" + (", asked first)" if b.reload_warning else ")")
               if b.allow_reload else "not allowed")
    windows = {"same_window": "open in the exam's window", "refuse": "refused"}
    sound = []
    if a.mute:
        sound.append("muted")
    if a.volume is not None:
        sound.append(f"volume set to {a.volume} %")
    return [
        f"Reloading: {reload_}; going back: {_yes(b.allow_back, 'allowed (Alt+Left)', 'not allowed')}; "
        f"zoom: {_yes(b.zoom, 'allowed (Ctrl+plus, Ctrl+minus, Ctrl+0)', 'not allowed')}",
        "Spell checking: " + _yes(b.spell_check, "on, in the exam language, with the dictionaries found",
                                  "off"),
        "Reaching the quit page: " + _yes(b.quit_url_confirm, "asks the student first",
                                          "ends the exam at once"),
        f"New windows: by a link {windows[b.new_window_by_link]}, "
        f"by a script {windows[b.new_window_by_script]}",
        "Sound at the start: " + (" and ".join(sound) + "; put back at the end" if sound
                                  else "left as it is"),
    ]


def _every_key(config: ExamConfig) -> list[str]:
    """Each key of the document, applied or ignored with the reason."""
    lines = ["Every setting of the file:"]
    for key in sorted(config.settings, key=str.casefold):
        if config.format == "seb":
            note = key_note(key, key in KNOWN_KEYS)
        else:
            note = "ignored: a comment" if key.startswith("_") else "applied"
        lines.append(f"  {key}: {note}")
    return lines


def explain(config: ExamConfig) -> list[str]:
    """Human lines, one fact each, in the order the exam meets them."""
    kind = "SEB .seb file" if config.format == "seb" else "lockdown JSON (format 1)"
    lines = [
        f"Configuration: {config.source} ({kind})",
        f"Config Key: {config_key(config.settings)}",
        f"Start page: {config.start_url}",
        f"Quit page: {config.quit_url}" if config.quit_url else "Quit page: none (the exam ends by quitting)",
    ]
    f = config.url_filter
    if not f.enabled:
        lines.append("URL filter: off; only pages of the start page's site (same scheme, host and port) open")
    else:
        active = [r for r in f.rules if r.active]
        lines.append(f"URL filter: on, {len(active)} active rule(s); "
                     "block rules win, unmatched URLs are blocked")
        lines.append("Embedded content (images, scripts, frames): "
                     + _yes(f.content_filter, "judged by the same rules", "loads from any http(s) address"))
        for r in f.rules:
            kind_ = "regex" if r.regex else "wildcard"
            state = "" if r.active else " (inactive: ignored)"
            lines.append(f"  {r.action} {kind_} {r.expression}{state}")
    if not config.allow_quit:
        lines.append("Quitting: only through the quit page or the exam server")
    elif config.hashed_quit_password:
        lines.append("Quitting: Ctrl+Q asks for the quit password")
    else:
        lines.append("Quitting: Ctrl+Q quits after a confirmation")
    lines += _processes("Programs closed before and during the exam", config.prohibited_processes)
    lines += _processes("Programs allowed to keep running", config.permitted_processes)
    for app in config.permitted_processes:
        if app.active and (app.in_taskbar or app.autostart):
            how = [w for w, on in (("a taskbar button", app.in_taskbar),
                                   ("started with the exam", app.autostart)) if on]
            lines.append(f"  {app.title or app.executable}: {', '.join(how)}; "
                         "closed at the end if lockdown started it")
    lines += [
        f"Screens: at most {config.allowed_displays_max}",
        _yes(config.allow_virtual_machine, "Virtual machines: allowed", "Virtual machines: refused"),
        _yes(config.allow_remote_session, "Remote desktop sessions: allowed",
             "Remote desktop sessions: refused"),
        _yes(config.wayland == "limited", "Wayland: allowed with the limits it imposes (no keyboard grab)",
             "Wayland: refused; the student is asked to log in to an X11 session"),
        _yes(config.allow_unverified_build, "Unverified builds (running from source): allowed",
             "Unverified builds (running from source): refused"),
        f"Downloads: {_yes(config.allow_downloads, 'allowed', 'blocked')}; "
        f"uploads: {_yes(config.allow_uploads, 'allowed', 'blocked')}; "
        f"printing: {_yes(config.allow_printing, 'allowed', 'blocked')}",
        f"Window title suffix: {config.window_title_suffix!r}" if config.window_title_suffix
        else "Window title suffix: none",
        f"Language: {config.language}" if config.language else "Language: follows the system",
        _yes(config.exam_key_salt is not None, "Browser Exam Key salt: set", "Browser Exam Key salt: none"),
        ("Reconfiguration by a seb(s):// link in the exam: allowed for "
         + (config.reconfiguration_url or "any link")
         if config.allow_reconfiguration else "Reconfiguration by a seb(s):// link in the exam: refused"),
    ]
    if config.server is None:
        lines.append("Exam server: none; no events are sent")
    else:
        events = _yes(config.server.send_events, "events sent (privacy manifest only)", "no events sent")
        lines.append(f"Exam server: {config.server.url}; {events}")
    n = config.network
    lines.append(f"Network needed: {n.min_download_kbps} kbit/s down, latency under {n.max_latency_ms} ms, "
                 f"clock within {n.max_clock_offset_s} s of the server")
    lines += _taskbar(config) + _browser(config)
    if config.ignored_keys:
        what = "SEB settings" if config.format == "seb" else "comment keys"
        lines.append(f"Ignored {what} ({len(config.ignored_keys)}; they still count for the Config Key): "
                     + ", ".join(config.ignored_keys))
    else:
        lines.append("Ignored settings: none")
    return lines + _every_key(config)
