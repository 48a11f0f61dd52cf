"""`lockdown run --explain`: what a configuration will make lockdown do, in plain words.

An admin reads this before an exam to check that a `.seb` written for SEB means what they expect
here, above all which SEB settings lockdown does not act on.
"""

from __future__ import annotations

from lockdown.config.model import ExamConfig, ProcessRule
from lockdown.sebkeys.configkey import config_key


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
    lines += [
        f"Screens: at most {config.allowed_displays_max}",
        _yes(config.allow_virtual_machine, "Virtual machines: allowed", "Virtual machines: refused"),
        _yes(config.allow_remote_session, "Remote desktop sessions: allowed",
             "Remote desktop sessions: refused"),
        _yes(config.allow_virtual_machine if config.allow_virtual_display is None
             else config.allow_virtual_display,
             "Displays other than the machine's screen (nested X server, VNC, virtual framebuffer): allowed",
             "Displays other than the machine's screen (nested X server, VNC, virtual framebuffer): refused"),
        _yes(config.launch_overrides == "refuse",
             "Started with settings that change how lockdown runs (Qt platform, engine switches, proxy "
             "variables): refused",
             "Started with settings that change how lockdown runs (Qt platform, engine switches, proxy "
             "variables): ignored"),
        f"Proxy: {config.proxy}" if config.proxy
        else "Proxy: none (the environment's and the desktop's are ignored)",
        _yes(config.allow_webrtc, "WebRTC: allowed", "WebRTC: off"),
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
    ]
    if config.server is None:
        lines.append("Exam server: none; no events are sent")
    else:
        events = _yes(config.server.send_events, "events sent (privacy manifest only)", "no events sent")
        lines.append(f"Exam server: {config.server.url}; {events}")
    n = config.network
    lines.append(f"Network needed: {n.min_download_kbps} kbit/s down, latency under {n.max_latency_ms} ms, "
                 f"clock within {n.max_clock_offset_s} s of the server")
    if config.ignored_keys:
        what = "SEB settings" if config.format == "seb" else "comment keys"
        lines.append(f"Ignored {what} ({len(config.ignored_keys)}; they still count for the Config Key): "
                     + ", ".join(config.ignored_keys))
    else:
        lines.append("Ignored settings: none")
    return lines
