"""The default prohibited apps and the assistive technology that is never blocked, per OS.

Names are process names as the OS reports them, compared in lower case, with a Windows ".exe"
removed. docs/LOCKDOWN.md lists the same table for people; a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping

from lockdown.platform import OsName

AppTable = Mapping[str, Mapping[OsName, tuple[str, ...]]]

PROHIBITED: AppTable = {
    "remote control and screen sharing": {
        "linux": ("teamviewer", "anydesk", "rustdesk", "x11vnc", "x0vncserver", "vncviewer",
                  "xtightvncviewer", "xtigervncviewer", "remmina", "krdc", "vinagre", "krfb",
                  "chrome-remote-desktop-host", "zoom", "teams", "teams-for-linux", "skypeforlinux"),
        "windows": ("teamviewer", "anydesk", "rustdesk", "tvnserver", "winvnc", "vncserver", "vncviewer",
                    "mstsc", "remoting_host", "zoom", "teams", "ms-teams", "skype"),
        "macos": ("teamviewer", "anydesk", "rustdesk", "vnc viewer", "vnc server", "screen sharing",
                  "remoting_me2me_host", "zoom.us", "microsoft teams", "skype"),
    },
    "screen recorders": {
        "linux": ("obs", "simplescreenrecorder", "kazam", "vokoscreen", "vokoscreenng", "peek",
                  "recordmydesktop", "kooha", "gpu-screen-recorder"),
        "windows": ("obs64", "obs32", "obs", "bdcam", "camtasia", "sharex", "screenrec"),
        "macos": ("obs", "camtasia", "screenflow", "kap"),
    },
    "other browsers": {
        "linux": ("firefox", "firefox-esr", "firefox-bin", "chromium", "chromium-browser", "chrome",
                  "google-chrome", "brave", "brave-browser", "opera", "vivaldi", "vivaldi-bin", "msedge",
                  "microsoft-edge", "epiphany", "epiphany-browser", "falkon", "midori", "konqueror"),
        "windows": ("firefox", "chrome", "msedge", "brave", "opera", "vivaldi", "iexplore", "chromium"),
        "macos": ("firefox", "google chrome", "chromium", "brave browser", "opera", "vivaldi",
                  "microsoft edge", "safari"),
    },
    "chat": {
        "linux": ("discord", "slack", "telegram-desktop", "telegram", "signal-desktop", "whatsapp",
                  "whatsapp-for-linux", "element-desktop", "element", "pidgin", "hexchat"),
        "windows": ("discord", "slack", "telegram", "signal", "whatsapp", "element"),
        "macos": ("discord", "slack", "telegram", "signal", "whatsapp", "element", "messages"),
    },
}
"""Closed when they start during the exam, and offered for closing before it."""

ASSISTIVE: AppTable = {
    "screen readers": {
        "linux": ("orca", "speech-dispatcher", "espeak", "espeak-ng", "brltty", "festival"),
        "windows": ("nvda", "nvda_slave", "jfw", "narrator", "fsreader", "zoomtext", "zt"),
        "macos": ("voiceover", "voiceoverd"),
    },
    "magnifiers": {
        "linux": ("kmag", "magnus", "xzoom"),
        "windows": ("magnify", "zoomtext", "zt", "ztmagnifier"),
        "macos": ("zoomtext",),
    },
    "on-screen keyboards and input aids": {
        "linux": ("onboard", "florence", "caribou", "dasher", "kmousetool", "kmouth", "at-spi-bus-launcher",
                  "at-spi2-registryd"),
        "windows": ("osk", "tabtip", "natspeak", "dragonbar", "readandwrite", "sapisvr"),
        "macos": ("assistivecontrol", "dictation", "read&write"),
    },
}
"""Never closed, even when a configuration lists them as prohibited."""


def names_for(table: AppTable, os_name: OsName) -> frozenset[str]:
    """Every process name of `table` for one OS."""
    return frozenset(name for groups in table.values() for name in groups.get(os_name, ()))
