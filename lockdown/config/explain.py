"""`lockdown run --explain`: what a configuration will make lockdown do, in plain words.

An admin reads this before an exam to check that a `.seb` written for SEB means what they expect
here, above all which SEB settings lockdown does not act on. The lines are made here, at the edge,
in the reader's language.
"""

from __future__ import annotations

from lockdown.config.keynotes import key_note
from lockdown.config.model import ExamConfig, ProcessRule
from lockdown.config.sebmap import KNOWN_KEYS
from lockdown.i18n import Language
from lockdown.sebkeys.configkey import config_key
from lockdown.words import say

_SHOWN_URL = {"never": "explain.address.never", "load_error": "explain.address.load_error",
              "always": "explain.address.always"}


def _processes(lang: Language, title: str, rules: tuple[ProcessRule, ...]) -> list[str]:
    if not rules:
        return [say(lang, "explain.programs.none", title=say(lang, title))]
    lines = [say(lang, "explain.programs", title=say(lang, title))]
    for r in rules:
        note = f" - {r.description}" if r.description else ""
        state = "" if r.active else " " + say(lang, "explain.inactive")
        lines.append(f"  {r.executable}{note}{state}")
    return lines


def _taskbar(lang: Language, config: ExamConfig) -> list[str]:
    t, b = config.taskbar, config.browser

    def shown(flag: bool) -> str:
        return say(lang, "explain.shown" if flag else "explain.hidden")

    if not t.shown:
        return [say(lang, "explain.taskbar.hidden")]
    return [
        say(lang, "explain.taskbar.shown"),
        say(lang, "explain.taskbar.status", clock=shown(t.clock)),
        say(lang, "explain.taskbar.layouts", layouts=shown(t.keyboard_layout),
            wifi=say(lang, "explain.taskbar.wifi" if t.wifi else "explain.hidden")),
        say(lang, "explain.taskbar.volume", volume=shown(t.audio)),
        say(lang, "explain.taskbar.buttons", reload=shown(t.reload and b.allow_reload),
            back=shown(b.allow_back), zoom=shown(b.zoom), address=say(lang, _SHOWN_URL[b.show_url])),
    ]


def _browser(lang: Language, config: ExamConfig) -> list[str]:
    b, a = config.browser, config.audio

    def t(message: str, **values: object) -> str:
        return say(lang, message, **values)

    if not b.allow_reload:
        reload_ = t("explain.reload.refused")
    else:
        reload_ = t("explain.reload.asked" if b.reload_warning else "explain.reload.allowed")
    windows = {"same_window": t("explain.window.same"), "refuse": t("explain.window.refused")}
    if a.mute and a.volume is not None:
        sound = t("explain.sound.muted_volume", volume=a.volume)
    elif a.mute:
        sound = t("explain.sound.muted")
    elif a.volume is not None:
        sound = t("explain.sound.volume", volume=a.volume)
    else:
        sound = t("explain.sound.unchanged")
    return [
        t("explain.browsing", reload=reload_,
          back=t("explain.back.allowed" if b.allow_back else "explain.back.refused"),
          zoom=t("explain.zoom.allowed" if b.zoom else "explain.zoom.refused")),
        t("explain.spelling.on" if b.spell_check else "explain.spelling.off"),
        t("explain.quit_page.asks" if b.quit_url_confirm else "explain.quit_page.ends"),
        t("explain.new_windows", link=windows[b.new_window_by_link], script=windows[b.new_window_by_script]),
        sound,
    ]


def _every_key(lang: Language, config: ExamConfig) -> list[str]:
    """Each key of the document, applied or ignored with the reason."""
    lines = [say(lang, "explain.every_key")]
    for key in sorted(config.settings, key=str.casefold):
        if config.format == "seb":
            note = key_note(lang, key, key in KNOWN_KEYS)
        else:
            note = say(lang, "keynote.ignored.comment" if key.startswith("_") else "keynote.applied")
        lines.append(say(lang, "explain.every_key.line", key=key, note=note))
    return lines


def explain(config: ExamConfig, lang: Language = "en") -> list[str]:
    """Human lines, one fact each, in the order the exam meets them."""
    def t(message: str, **values: object) -> str:
        return say(lang, message, **values)

    def allowed(flag: bool) -> str:
        return t("explain.allowed" if flag else "explain.blocked")

    kind = t("explain.kind.seb") if config.format == "seb" else t("explain.kind.native")
    lines = [
        t("explain.source", source=config.source, kind=kind),
        t("explain.config_key", key=config_key(config.settings)),
        t("explain.start", url=config.start_url),
        t("explain.quit_page", url=config.quit_url) if config.quit_url else t("explain.quit_page.none"),
    ]
    f = config.url_filter
    if not f.enabled:
        lines.append(t("explain.filter.off"))
    else:
        lines.append(t("explain.filter.on", count=len([r for r in f.rules if r.active])))
        lines.append(t("explain.content_filter.on" if f.content_filter else "explain.content_filter.off"))
        for r in f.rules:
            state = "" if r.active else " " + t("explain.inactive")
            lines.append(f"  {r.action} {'regex' if r.regex else 'wildcard'} {r.expression}{state}")
    if not config.allow_quit:
        lines.append(t("explain.quit.never"))
    elif config.hashed_quit_password:
        lines.append(t("explain.quit.password"))
    else:
        lines.append(t("explain.quit.confirm"))
    lines += _processes(lang, "explain.programs.prohibited", config.prohibited_processes)
    lines += _processes(lang, "explain.programs.permitted", config.permitted_processes)
    for app in config.permitted_processes:
        if app.active and (app.in_taskbar or app.autostart):
            how = [t(w) for w, on in (("explain.app.button", app.in_taskbar),
                                      ("explain.app.autostart", app.autostart)) if on]
            lines.append("  " + t("explain.app", name=app.title or app.executable, how=", ".join(how)))
    lines += [
        t("explain.screens", count=config.allowed_displays_max),
        t("explain.vm.allowed" if config.allow_virtual_machine else "explain.vm.refused"),
        t("explain.remote.allowed" if config.allow_remote_session else "explain.remote.refused"),
        t("explain.display.allowed" if (config.allow_virtual_machine if config.allow_virtual_display is None
                                        else config.allow_virtual_display) else "explain.display.refused"),
        t("explain.launch.refused" if config.launch_overrides == "refuse" else "explain.launch.ignored"),
        t("explain.proxy", proxy=config.proxy) if config.proxy else t("explain.proxy.none"),
        t("explain.webrtc.allowed" if config.allow_webrtc else "explain.webrtc.off"),
        t("explain.wayland.limited" if config.wayland == "limited" else "explain.wayland.refused"),
        t("explain.unverified.allowed" if config.allow_unverified_build else "explain.unverified.refused"),
        t("explain.transfers", downloads=allowed(config.allow_downloads),
          uploads=allowed(config.allow_uploads), printing=allowed(config.allow_printing)),
        t("explain.title_suffix", suffix=repr(config.window_title_suffix)) if config.window_title_suffix
        else t("explain.title_suffix.none"),
        t("explain.language", language=config.language) if config.language else t("explain.language.system"),
        t("explain.salt.set" if config.exam_key_salt is not None else "explain.salt.none"),
        t("explain.reconfigure.allowed", links=config.reconfiguration_url or t("explain.reconfigure.any"))
        if config.allow_reconfiguration else t("explain.reconfigure.refused"),
    ]
    if config.server is None:
        lines.append(t("explain.server.none"))
    else:
        events = t("explain.server.events" if config.server.send_events else "explain.server.no_events")
        lines.append(t("explain.server", url=config.server.url, events=events))
    n = config.network
    lines.append(t("explain.network", kbps=n.min_download_kbps, latency=n.max_latency_ms,
                   offset=n.max_clock_offset_s))
    lines += _taskbar(lang, config) + _browser(lang, config)
    if config.ignored_keys:
        key = "explain.ignored.seb" if config.format == "seb" else "explain.ignored.comments"
        lines.append(t(key, count=len(config.ignored_keys), keys=", ".join(config.ignored_keys)))
    else:
        lines.append(t("explain.ignored.none"))
    return lines + _every_key(lang, config)
