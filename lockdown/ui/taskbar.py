"""The taskbar along the bottom of the exam screen: what the student has at hand during the exam.

Left to right: the permitted programs, the page's address (when the exam shows it), back,
reload, zoom; then the keyboard layout, the volume, Wi-Fi, the network, the battery, the clock
and the way out. `lockdown.taskbar` decides which items there are and what a state means; this
module draws them and passes the student's presses on, as signals, to the kiosk.

Keyboard: F6 (bound by the kiosk) moves the focus here and back to the page; Left/Right and
Tab move along the bar, Escape goes back to the page. Every item has an accessible name that
says its state, and is focusable, so a screen reader reaches the clock and the battery too.
Sizes come from the font, so the bar grows with the system's font size. Nothing in it is
personal: no user or computer name, no account.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QPoint, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QStyle,
    QToolButton,
    QWidget,
)

from lockdown.config.model import ExamConfig
from lockdown.i18n import Language
from lockdown.platform.base import BatteryState, WifiNetwork
from lockdown.taskbar import (
    ExamTools,
    NetworkState,
    battery_low,
    items,
    layout_short_name,
    network_state,
)
from lockdown.ui.overlay_panel import OverlayPanel
from lockdown.words import say

log = logging.getLogger(__name__)

NETWORK_TEXT = {NetworkState.OFFLINE: "taskbar.network.offline",
                NetworkState.SERVER_LOST: "taskbar.network.server_lost",
                NetworkState.ONLINE: "taskbar.network.online",
                NetworkState.UNKNOWN: "taskbar.network.unknown"}
"""What the network item says for each state."""

TICK_MS = 1000
"""The clock and the keyboard layout are looked at every second."""
POLL_MS = 5000
"""The battery and the network every five seconds (cheap reads, but no need to hurry)."""
VOLUME_STEP = 10

_LOCALES = {"en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
            "fr": QLocale(QLocale.Language.French, QLocale.Country.France)}


def clock_text(lang: Language, time: QTime) -> str:
    """The time as the student's language writes it, hours and minutes (9:05 AM, 09:05)."""
    return _LOCALES[lang].toString(time, QLocale.FormatType.ShortFormat)


class _Status(QLabel):
    """A piece of state in the bar: focusable, so the keyboard and a screen reader reach it."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def say(self, text: str, spoken: str) -> None:
        self.setText(text)
        self.setAccessibleName(spoken)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setFrameShape(QFrame.Shape.Box)  # a visible focus mark; a label draws none itself
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setFrameShape(QFrame.Shape.NoFrame)
        super().focusOutEvent(event)


class WifiPanel(OverlayPanel):
    """The known Wi-Fi networks in range, a button each, over the page just above the bar."""

    chosen = Signal(str)

    def __init__(self, lang: Language, parent: QWidget) -> None:
        super().__init__("lockdown-wifi-panel", say(lang, "taskbar.wifi.a11y"), parent)
        self._lang = lang

    def show_networks(self, networks: list[WifiNetwork]) -> None:
        self.clear()
        if not networks:
            empty = _Status("lockdown-wifi-none", self)
            text = say(self._lang, "taskbar.wifi.none")
            empty.say(text, text)
            self._layout.addWidget(empty)
        for network in networks:
            key = "taskbar.wifi.active" if network.active else "taskbar.wifi.network"
            button = QToolButton(self)
            button.setText(say(self._lang, key, name=network.name, strength=network.strength))
            button.setAccessibleName(button.text())
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _=False, n=network.name: self.chosen.emit(n))
            self._layout.addWidget(button)
        self.adjustSize()
        parent = self.parentWidget()
        corner = QPoint(0, 0) if parent is None else QPoint(
            parent.width() - self.width(), parent.height() - self.height() - self._bar_height())
        self.present(corner)

    def _bar_height(self) -> int:
        parent = self.parentWidget()
        bar = parent.findChild(Taskbar) if parent is not None else None
        return bar.height() if bar is not None else 0


class Taskbar(QFrame):
    """The bar itself; the kiosk connects its signals and tells it the page's state."""

    reload_wanted = Signal()
    back_wanted = Signal()
    zoom_wanted = Signal(int)
    """+1 zoom in, -1 zoom out, 0 back to 100 %."""
    quit_wanted = Signal()
    page_wanted = Signal()
    """The focus should go back to the page (Escape, or a choice that is done)."""
    notice = Signal(str)
    """A sentence for the kiosk's message line: the battery is low, the network dropped."""

    def __init__(self, config: ExamConfig, tools: ExamTools, lang: Language,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._config = config
        self._tools = tools
        self._lang = lang
        self._desk = tools.desk
        self.setObjectName("lockdown-taskbar")
        self.setAccessibleName(say(lang, "taskbar.a11y"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._items = items(config, tools.desk, tools.apps is not None and bool(tools.apps.rules))
        self._server_online: bool | None = None if config.server is None else True
        self._link: bool | None = None
        self._low = False
        self._order: list[QWidget] = []
        self.app_buttons: list[QToolButton] = []
        self.wifi_panel: WifiPanel | None = None

        row = QHBoxLayout(self)
        em = QFontMetrics(self.font()).height()
        row.setContentsMargins(em // 2, em // 4, em // 2, em // 4)
        row.setSpacing(em // 2)
        self._build(row, em)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self._ticker = QTimer(self, interval=TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._poller = QTimer(self, interval=POLL_MS)
        self._poller.timeout.connect(self.poll)
        self._tick()
        self.poll()
        self._ticker.start()
        self._poller.start()

    # Building --------------------------------------------------------------------------------

    def _button(self, name: str, text: str, spoken: str, icon: QIcon | None = None) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setAccessibleName(spoken)
        button.setToolTip(spoken)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setAutoRaise(True)
        if icon is not None:
            button.setIcon(icon)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly if not text
                                      else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._order.append(button)
        return button

    def _status(self, name: str) -> _Status:
        label = _Status(name, self)
        self._order.append(label)
        return label

    def _build(self, row: QHBoxLayout, em: int) -> None:
        lang = self._lang
        style = self.style()
        self.address: _Status | None = None
        self.back: QToolButton | None = None
        self.reload: QToolButton | None = None
        self.zoom_out = self.zoom_reset = self.zoom_in = None
        self.layout_button: QToolButton | None = None
        self.volume_down = self.volume_up = self.mute = None
        self.volume: _Status | None = None
        self.wifi: QToolButton | None = None
        self.network: _Status | None = None
        self.battery: _Status | None = None
        self.clock: _Status | None = None
        self.quit: QToolButton | None = None
        if "apps" in self._items and self._tools.apps is not None:
            for index, rule in enumerate(self._tools.apps.rules):
                if not rule.in_taskbar:
                    continue
                name = rule.title or rule.executable
                icon = QIcon.fromTheme(rule.executable)
                button = self._button(f"lockdown-app-{index}", name, say(lang, "taskbar.app", name=name),
                                      icon if not icon.isNull() else None)
                button.clicked.connect(lambda _=False, i=index: self._start_app(i))
                self.app_buttons.append(button)
                row.addWidget(button)
        if "address" in self._items:
            self.address = self._status("lockdown-address")
            self.address.setAccessibleDescription(say(lang, "taskbar.address.a11y"))
            self.address.setMinimumWidth(em * 8)
            row.addWidget(self.address, 1)
        else:
            row.addStretch(1)
        if "back" in self._items:
            self.back = self._button("lockdown-back", "", say(lang, "taskbar.back"),
                                     style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
            self.back.clicked.connect(self.back_wanted)
            row.addWidget(self.back)
        if "reload" in self._items:
            self.reload = self._button("lockdown-reload", say(lang, "taskbar.reload"),
                                       say(lang, "taskbar.reload.a11y"),
                                       style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
            self.reload.clicked.connect(self.reload_wanted)
            row.addWidget(self.reload)
        if "zoom" in self._items:
            self.zoom_out = self._button("lockdown-zoom-out", "\u2212", say(lang, "taskbar.zoom_out"))
            self.zoom_reset = self._button("lockdown-zoom-reset", "100 %",
                                           say(lang, "taskbar.zoom_reset", percent=100))
            self.zoom_in = self._button("lockdown-zoom-in", "+", say(lang, "taskbar.zoom_in"))
            self.zoom_out.clicked.connect(lambda: self.zoom_wanted.emit(-1))
            self.zoom_reset.clicked.connect(lambda: self.zoom_wanted.emit(0))
            self.zoom_in.clicked.connect(lambda: self.zoom_wanted.emit(+1))
            for button in (self.zoom_out, self.zoom_reset, self.zoom_in):
                row.addWidget(button)
        row.addStretch(1)
        if "layout" in self._items:
            self.layout_button = self._button("lockdown-layout", "", "")
            self.layout_button.clicked.connect(self._next_layout)
            row.addWidget(self.layout_button)
        if "volume" in self._items:
            self.volume_down = self._button("lockdown-volume-down", "\u2212",
                                            say(lang, "taskbar.volume_down"))
            self.volume = self._status("lockdown-volume")
            self.volume_up = self._button("lockdown-volume-up", "+", say(lang, "taskbar.volume_up"))
            self.mute = self._button("lockdown-mute", "", say(lang, "taskbar.mute"),
                                     style.standardIcon(QStyle.StandardPixmap.SP_MediaVolumeMuted))
            self.volume_down.clicked.connect(lambda: self._change_volume(-VOLUME_STEP))
            self.volume_up.clicked.connect(lambda: self._change_volume(+VOLUME_STEP))
            self.mute.clicked.connect(self._toggle_mute)
            for widget in (self.volume_down, self.volume, self.volume_up, self.mute):
                row.addWidget(widget)
            self._show_volume()
        if "wifi" in self._items:
            self.wifi = self._button("lockdown-wifi", say(lang, "taskbar.wifi"),
                                     say(lang, "taskbar.wifi.a11y"))
            self.wifi.clicked.connect(self._show_wifi)
            row.addWidget(self.wifi)
        self.network = self._status("lockdown-network")
        row.addWidget(self.network)
        self.battery = self._status("lockdown-battery")
        self.battery.hide()
        row.addWidget(self.battery)
        if "clock" in self._items:
            self.clock = self._status("lockdown-clock")
            row.addWidget(self.clock)
        if "quit" in self._items:
            self.quit = self._button("lockdown-quit", say(lang, "taskbar.quit"), say(lang, "taskbar.quit"),
                                     style.standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton))
            self.quit.clicked.connect(self.quit_wanted)
            row.addWidget(self.quit)

    # What the kiosk tells the bar ------------------------------------------------------------

    def set_server_online(self, online: bool) -> None:
        """The exam server's connection changed (the banner's state)."""
        self._server_online = online
        self._show_network()

    def set_address(self, url: str, shown: bool) -> None:
        if self.address is not None:
            metrics = QFontMetrics(self.address.font())
            text = metrics.elidedText(url, Qt.TextElideMode.ElideMiddle, max(self.address.width(), 1))
            self.address.say(text if shown else "", url if shown else "")

    def set_zoom(self, factor: float) -> None:
        if self.zoom_reset is not None:
            percent = round(factor * 100)
            self.zoom_reset.setText(f"{percent} %")
            self.zoom_reset.setAccessibleName(say(self._lang, "taskbar.zoom_reset", percent=percent))

    # Keyboard --------------------------------------------------------------------------------

    def focus_first(self) -> None:
        """F6: the first item of the bar takes the focus."""
        shown = self._reachable()
        if shown:
            shown[0].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def has_focus_inside(self) -> bool:
        focus = self.focusWidget()
        return focus is not None and focus.hasFocus() and (self.isAncestorOf(focus) or (
            self.wifi_panel is not None and self.wifi_panel.isAncestorOf(focus)))

    def _reachable(self) -> list[QWidget]:
        return [w for w in self._order if w.isVisible() and w.isEnabled()]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.page_wanted.emit()
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            shown = self._reachable()
            focus = self.focusWidget()
            if focus in shown:
                step = 1 if key == Qt.Key.Key_Right else -1
                shown[(shown.index(focus) + step) % len(shown)].setFocus(Qt.FocusReason.TabFocusReason)
            return
        super().keyPressEvent(event)

    # What the bar reads ----------------------------------------------------------------------

    def _tick(self) -> None:
        if self.clock is not None:
            text = clock_text(self._lang, QTime.currentTime())
            if text != self.clock.text():
                self.clock.say(text, say(self._lang, "taskbar.clock.a11y", time=text))
        self._show_layout()
        self._show_apps()

    def poll(self) -> None:
        """Read the battery and the network now (every five seconds otherwise)."""
        self._show_battery(self._desk.power.battery())
        link = self._desk.network.connected()
        if self._link is not None and link is not None and link != self._link:
            self.notice.emit(say(self._lang, "message.network_back" if link else "message.network_lost"))
        if link is not None:
            self._link = link
        self._show_network()

    def _show_battery(self, state: BatteryState | None) -> None:
        if self.battery is None:
            return
        if state is None:
            self.battery.hide()
            return
        low = battery_low(state)
        key = "taskbar.battery.low" if low else (
            "taskbar.battery.charging" if state.charging else "taskbar.battery")
        text = say(self._lang, key, percent=state.percent)
        self.battery.say(text, text)
        self.battery.setProperty("low", low)
        self.battery.setForegroundRole(self.palette().ColorRole.BrightText if low
                                       else self.palette().ColorRole.WindowText)
        self.battery.setAutoFillBackground(low)
        self.battery.setBackgroundRole(self.palette().ColorRole.Highlight if low
                                       else self.palette().ColorRole.Window)
        self.battery.show()
        if low and not self._low:
            self.notice.emit(say(self._lang, "message.battery_low", percent=state.percent))
        self._low = low

    def _show_network(self) -> None:
        if self.network is None:
            return
        state = network_state(self._link, self._server_online)
        text = say(self._lang, NETWORK_TEXT[state])
        self.network.say(text, say(self._lang, "taskbar.network.a11y", state=text))
        self.network.setProperty("state", state.value)
        bad = state in (NetworkState.OFFLINE, NetworkState.SERVER_LOST)
        self.network.setAutoFillBackground(bad)
        self.network.setBackgroundRole(self.palette().ColorRole.Highlight if bad
                                       else self.palette().ColorRole.Window)

    # Keyboard layouts ------------------------------------------------------------------------

    def _show_layout(self) -> None:
        layouts = self._desk.keyboard_layouts
        if self.layout_button is None or layouts is None:
            return
        names = layouts.layouts()
        if not names:
            self.layout_button.hide()
            return
        current = layouts.current()
        name = names[current]
        self.layout_button.setText(layout_short_name(name))
        if len(names) > 1:
            spoken = say(self._lang, "taskbar.layout.a11y", name=name, next=names[(current + 1) % len(names)])
        else:
            spoken = say(self._lang, "taskbar.layout.one", name=name)
        self.layout_button.setAccessibleName(spoken)
        self.layout_button.setToolTip(spoken)
        self.layout_button.setEnabled(len(names) > 1)
        self.layout_button.show()

    def _next_layout(self) -> None:
        layouts = self._desk.keyboard_layouts
        if layouts is None:
            return
        names = layouts.layouts()
        if len(names) < 2:
            return
        try:
            layouts.select((layouts.current() + 1) % len(names))
        except OSError as exc:
            log.warning("keyboard layout not changed: %s", exc)
            self.notice.emit(say(self._lang, "taskbar.layout.failed"))
        self._show_layout()

    # Volume ----------------------------------------------------------------------------------

    def _show_volume(self) -> None:
        control = self._desk.volume
        if self.volume is None or control is None or self.mute is None:
            return
        try:
            state = control.state()
        except OSError:
            self.volume.say("?", say(self._lang, "taskbar.volume.failed"))
            return
        text = (say(self._lang, "taskbar.volume.muted") if state.muted
                else say(self._lang, "taskbar.volume", level=state.level))
        self.volume.say(text, text)
        spoken = say(self._lang, "taskbar.unmute" if state.muted else "taskbar.mute")
        self.mute.setAccessibleName(spoken)
        self.mute.setToolTip(spoken)
        pixmap = QStyle.StandardPixmap
        self.mute.setIcon(self.style().standardIcon(pixmap.SP_MediaVolume if state.muted
                                                    else pixmap.SP_MediaVolumeMuted))

    def _change_volume(self, delta: int) -> None:
        control = self._desk.volume
        if control is None:
            return
        try:
            state = control.state()
            control.set_level(max(0, min(100, state.level + delta)))
        except OSError as exc:
            log.warning("volume not changed: %s", exc)
            self.notice.emit(say(self._lang, "taskbar.volume.failed"))
        self._show_volume()

    def _toggle_mute(self) -> None:
        control = self._desk.volume
        if control is None:
            return
        try:
            control.set_muted(not control.state().muted)
        except OSError as exc:
            log.warning("mute not changed: %s", exc)
            self.notice.emit(say(self._lang, "taskbar.volume.failed"))
        self._show_volume()

    # Wi-Fi -----------------------------------------------------------------------------------

    def _show_wifi(self) -> None:
        wifi = self._desk.wifi
        parent = self.parentWidget()
        if wifi is None or parent is None:
            return
        if self.wifi_panel is None:
            self.wifi_panel = WifiPanel(self._lang, parent)
            self.wifi_panel.chosen.connect(self._connect_wifi)
        if self.wifi_panel.isVisible():
            self.wifi_panel.hide()
            return
        self.wifi_panel.show_networks(wifi.networks())

    def _connect_wifi(self, name: str) -> None:
        wifi = self._desk.wifi
        if self.wifi_panel is not None:
            self.wifi_panel.hide()
        if wifi is None:
            return
        try:
            wifi.connect(name)
        except OSError as exc:
            log.warning("Wi-Fi connection refused: %s", exc)
            self.notice.emit(say(self._lang, "taskbar.wifi.failed", name=name))
            return
        self.notice.emit(say(self._lang, "taskbar.wifi.connecting", name=name))
        self.page_wanted.emit()

    # Permitted programs ----------------------------------------------------------------------

    def _start_app(self, index: int) -> None:
        apps = self._tools.apps
        if apps is None:
            return
        rule = apps.rules[index]
        name = rule.title or rule.executable
        if not apps.show_or_start(index):
            self.notice.emit(say(self._lang, "taskbar.app.failed", name=name))
        self._show_apps()

    def _show_apps(self) -> None:
        apps = self._tools.apps
        if apps is None:
            return
        apps.follow_up()
        for button in self.app_buttons:
            index = int(button.objectName().rsplit("-", 1)[1])
            rule = apps.rules[index]
            name = rule.title or rule.executable
            key = "taskbar.app.running" if apps.running(index) else "taskbar.app"
            spoken = say(self._lang, key, name=name)
            if button.accessibleName() != spoken:
                button.setAccessibleName(spoken)
                button.setToolTip(spoken)
