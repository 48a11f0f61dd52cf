"""The exam's taskbar in a real kiosk window (Qt offscreen, real pages over loopback).

The OS's sources are the platform's fakes (a battery, a network link, keyboard layouts, a
volume) set by each test; what the bar shows is read as a screen reader gets it (Qt's
accessibility interface). Expected texts and numbers are written out here: the time from
Python's clock, zoomed CSS widths from the zoom factor, SEB's documented defaults.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from lockdown.config.model import BrowserSettings, ExamConfig, TaskbarSettings
from lockdown.platform.base import BatteryState, Desk
from lockdown.platform.fake import FakeBackend, FakeLayouts, FakeLink, FakePower, FakeVolume
from lockdown.taskbar import ExamTools
from lockdown.ui.kiosk import KioskWindow
from lockdown.ui.taskbar import Taskbar
from lockdown.urls.navigation import NavigationRules
from lockdown.urls.policy import UrlPolicy
from tests.ui.kiosk_helpers import KEYS, act_until, dispose, exam_config, js

pytestmark = pytest.mark.timeout(120)

PAGE = "<!doctype html><title>Exam</title><body><input id='answer'><p id='w'></p></body>"


def name_of(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None, widget
    return iface.text(QAccessible.Text.Name).strip()


def desk(**parts: Any) -> Desk:
    return Desk(power=parts.pop("power", FakePower()), network=parts.pop("network", FakeLink()), **parts)


def kiosk_with_bar(qtbot: Any, config: ExamConfig, the_desk: Desk | None = None, lang: str = "en",
                   wait: bool = True) -> KioskWindow:
    rules = NavigationRules(UrlPolicy(config).allows, config.start_url, config.quit_url)
    tools = ExamTools(FakeBackend(desk=the_desk or desk()), config)
    kiosk = KioskWindow(config, rules, KEYS, lang, tools=tools)  # type: ignore[arg-type]
    qtbot.addWidget(kiosk, before_close_func=dispose)
    kiosk.resize(1024, 700)
    kiosk.show()
    if wait:
        with qtbot.waitSignal(kiosk.page.loadFinished, timeout=20000):
            kiosk.open_exam()
    return kiosk


def bar(kiosk: KioskWindow) -> Taskbar:
    assert kiosk.taskbar is not None
    return kiosk.taskbar


def answer(qtbot: Any, object_name: str, accept: bool) -> list[str]:
    """Press OK or Cancel in the dialog `object_name` as soon as it shows; returns its question."""
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.objectName() == object_name:
            seen.append(dialog.accessibleDescription())
            button = dialog.ok if accept else dialog.cancel  # type: ignore[attr-defined]
            button.click()
        else:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)
    return seen


@pytest.fixture
def site(serve):  # type: ignore[no-untyped-def]
    exam = serve()
    exam.add("/", PAGE)
    exam.add("/two", "<!doctype html><title>Two</title><body>two</body>")
    exam.add("/done", "<!doctype html><title>Done</title><body>done</body>")
    return exam


# What the bar shows ---------------------------------------------------------------------------


def test_default_bar_shows_seb_defaults_and_no_battery_without_one(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/"))
    b = bar(kiosk)
    # SEB's defaults: taskbar, clock and reload on; back off (allowBrowsingBackForward false); zoom on
    assert b.clock is not None and b.reload is not None and b.zoom_in is not None and b.quit is not None
    assert b.back is None
    assert b.battery is not None and not b.battery.isVisible()
    assert name_of(b.network) == "Network: Online"
    # the page gets the screen minus the bar
    assert kiosk.stack.height() + b.height() == kiosk.height()
    assert b.geometry().bottom() == kiosk.height() - 1


def test_the_clock_says_the_time(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/", language="fr"), lang="fr")
    clock = bar(kiosk).clock
    assert clock is not None
    before = datetime.datetime.now()
    text = clock.text()
    after = datetime.datetime.now()
    assert text in {f"{t:%H:%M}" for t in (before, after)}  # French: 24 hours, two digits
    assert name_of(clock) == f"Heure {text}"


def test_the_english_clock_has_am_and_pm(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/"))
    clock = bar(kiosk).clock
    assert clock is not None
    now = datetime.datetime.now()
    expected = {f"{(t.hour % 12) or 12}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"
                for t in (now - datetime.timedelta(minutes=1), now, now + datetime.timedelta(minutes=1))}
    assert " ".join(clock.text().split()) in expected  # Qt may use a narrow no-break space


def test_battery_level_charging_and_a_low_battery_warning(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    power = FakePower(BatteryState(80, charging=True))
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/"), desk(power=power))
    b = bar(kiosk)
    assert b.battery is not None and b.battery.isVisible()
    assert name_of(b.battery) == "Battery 80 %, charging"
    power.state = BatteryState(15, charging=False)
    b.poll()
    assert name_of(b.battery) == "Battery 15 %"
    assert not kiosk.message.isVisible()
    power.state = BatteryState(14, charging=False)  # under 15 %: the warning, and the student is told
    b.poll()
    assert name_of(b.battery) == "Battery low: 14 %"
    assert b.battery.property("low") is True
    assert kiosk.message.isVisible()
    assert kiosk.message.text() == ("The battery is low (14 %): plug in the charger now so that you can "
                                    "finish the exam.")
    power.state = None  # the battery went away (unplugged pack): nothing is shown
    b.poll()
    assert not b.battery.isVisible()


def test_the_network_item_and_the_messages_when_the_link_drops(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    link = FakeLink(True)
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/"), desk(network=link))
    b = bar(kiosk)
    assert b.network is not None
    link.state = False
    b.poll()
    assert name_of(b.network) == "Network: No network"
    assert "lost its network connection" in kiosk.message.text()
    link.state = True
    b.poll()
    assert name_of(b.network) == "Network: Online"
    assert kiosk.message.text() == "This computer is connected to a network again."
    kiosk.connection_changed(False)  # the exam server's banner says lost: the bar too
    assert name_of(b.network) == "Network: Exam server unreachable"
    assert kiosk.banner.isVisible()


def test_hidden_items_follow_the_configuration(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    config = exam_config(site.url + "/", allow_quit=False,
                         taskbar=TaskbarSettings(clock=False, reload=False),
                         browser=BrowserSettings(zoom=False, allow_back=True))
    b = bar(kiosk_with_bar(qtbot, config))
    assert b.clock is None and b.reload is None and b.zoom_in is None and b.quit is None
    assert b.back is not None
    hidden = exam_config(site.url + "/", taskbar=TaskbarSettings(shown=False))
    assert kiosk_with_bar(qtbot, hidden).taskbar is None


def test_every_item_is_named_and_keyboard_reachable_in_french(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    config = exam_config(site.url + "/", language="fr", taskbar=TaskbarSettings(audio=True),
                         browser=BrowserSettings(allow_back=True))
    kiosk = kiosk_with_bar(qtbot, config, desk(power=FakePower(BatteryState(50, False)),
                                               keyboard_layouts=FakeLayouts(), volume=FakeVolume(40)),
                           lang="fr")
    b = bar(kiosk)
    items = [w for w in b.findChildren(QWidget)
             if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    names = {w.objectName(): name_of(w) for w in items}
    assert all(names.values()), names
    assert names["lockdown-reload"] == "Recharger la page"
    assert names["lockdown-quit"] == "Quitter l'examen"
    assert names["lockdown-battery"] == "Batterie 50 %"
    assert names["lockdown-volume"] == "Volume 40 %"
    assert names["lockdown-layout"] == "Disposition du clavier us : appuyez pour passer à fr"
    assert name_of(b) == "Barre des tâches de l'examen (F6 pour y aller et revenir à la page)"


def test_f6_moves_the_focus_to_the_bar_and_back(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/"))
    kiosk.activateWindow()
    kiosk.view.setFocus()
    b = bar(kiosk)
    QTest.keyClick(kiosk, Qt.Key.Key_F6)
    qtbot.waitUntil(b.has_focus_inside, timeout=5000)
    first = QApplication.focusWidget()
    QTest.keyClick(first, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is not first and b.has_focus_inside()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: not b.has_focus_inside(), timeout=5000)
    QTest.keyClick(kiosk, Qt.Key.Key_F6)
    qtbot.waitUntil(b.has_focus_inside, timeout=5000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not b.has_focus_inside(), timeout=5000)


def test_the_bar_grows_with_the_system_font(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    heights = []
    try:
        for points in (10.0, 20.0):
            font = QFont(original)
            font.setPointSizeF(points)
            app.setFont(font)
            b = bar(kiosk_with_bar(qtbot, exam_config(site.url + "/"), wait=False))
            heights.append(b.sizeHint().height())
            assert all("px" not in w.styleSheet() for w in [b, *b.findChildren(QWidget)])
    finally:
        app.setFont(original)
    small, big = heights
    assert big > small * 1.5, heights


# What the bar does ----------------------------------------------------------------------------


def test_the_layout_button_switches_among_the_users_layouts(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    layouts = FakeLayouts(("us", "fr(bepo)"), current=0)
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/"), desk(keyboard_layouts=layouts))
    button = bar(kiosk).layout_button
    assert button is not None and button.text() == "US"
    button.click()
    assert layouts.selected == [1]
    assert button.text() == "FR"
    assert name_of(button) == "Keyboard layout fr(bepo): press to switch to us"
    button.click()
    assert layouts.selected == [1, 0] and button.text() == "US"


def test_zoom_buttons_zoom_the_page(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/"))
    b = bar(kiosk)
    width = js(qtbot, kiosk, "window.innerWidth")
    assert b.zoom_in is not None and b.zoom_reset is not None and b.zoom_out is not None
    b.zoom_in.click()
    qtbot.waitUntil(lambda: js(qtbot, kiosk, "window.innerWidth") != width, timeout=10000)
    assert js(qtbot, kiosk, "window.innerWidth") == pytest.approx(width / 1.1, abs=1.5)
    assert b.zoom_reset.text() == "110 %"
    b.zoom_reset.click()
    qtbot.waitUntil(lambda: js(qtbot, kiosk, "window.innerWidth") == width, timeout=10000)
    b.zoom_out.click()
    qtbot.waitUntil(lambda: js(qtbot, kiosk, "window.innerWidth") != width, timeout=10000)
    assert js(qtbot, kiosk, "window.innerWidth") == pytest.approx(width / 0.9, abs=1.5)


def ctrl_wheel(kiosk: KioskWindow) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    target = kiosk.view.focusProxy()
    for _ in range(3):
        QApplication.sendEvent(target, QWheelEvent(
            QPointF(100, 100), QPointF(target.mapToGlobal(QPoint(100, 100))), QPoint(0, 0), QPoint(0, 120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
            False))


def test_ctrl_wheel_zooms_only_when_the_exam_allows_zooming(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    allowed = kiosk_with_bar(qtbot, exam_config(site.url + "/"))
    ctrl_wheel(allowed)  # Chromium zooms on Ctrl+wheel by itself
    qtbot.waitUntil(lambda: allowed.view.zoomFactor() > 1.0, timeout=10000)
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/", browser=BrowserSettings(zoom=False)))
    kiosk.activateWindow()
    QTest.keyClick(kiosk, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    kiosk.zoom(+1)
    ctrl_wheel(kiosk)
    qtbot.wait(1000)
    assert kiosk.view.zoomFactor() == 1.0


def test_reload_asks_first_then_reloads_the_page(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/"))
    js(qtbot, kiosk, "document.getElementById('answer').value = 'typed'; 1")
    loads = site.paths().count("/")
    reload_ = bar(kiosk).reload
    assert reload_ is not None
    question = answer(qtbot, "lockdown-reload-dialog", accept=False)
    reload_.click()  # Cancel: nothing happens
    assert question == ["Reload this page? What you have not saved on it may be lost."]
    qtbot.wait(300)
    assert site.paths().count("/") == loads
    assert js(qtbot, kiosk, "document.getElementById('answer').value") == "typed"
    answer(qtbot, "lockdown-reload-dialog", accept=True)
    with qtbot.waitSignal(kiosk.page.loadFinished, timeout=20000):
        reload_.click()
    assert site.paths().count("/") == loads + 1
    assert js(qtbot, kiosk, "document.getElementById('answer').value") == ""


def test_f5_reloads_without_asking_when_the_warning_is_off(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/", browser=BrowserSettings(reload_warning=False)))
    loads = site.paths().count("/")
    kiosk.activateWindow()
    with qtbot.waitSignal(kiosk.page.loadFinished, timeout=20000):
        QTest.keyClick(kiosk, Qt.Key.Key_F5)
    assert site.paths().count("/") == loads + 1


def test_no_reload_when_the_exam_forbids_it(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/", browser=BrowserSettings(allow_reload=False)))
    assert bar(kiosk).reload is None
    loads = site.paths().count("/")
    kiosk.reload_page()
    assert kiosk.message.text() == "Reloading the page is not allowed during this exam."
    qtbot.wait(300)
    assert site.paths().count("/") == loads


def test_back_goes_to_the_previous_page_when_allowed(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/", browser=BrowserSettings(allow_back=True)))
    with qtbot.waitSignal(kiosk.page.loadFinished, timeout=20000):
        js(qtbot, kiosk, "location.href = '/two'; 1")
    back = bar(kiosk).back
    assert back is not None
    assert kiosk.page.history().canGoBack()
    back.click()  # (a page from the back-forward cache may show without a new load)
    qtbot.waitUntil(lambda: kiosk.page.url().toString() == site.url + "/", timeout=20000)


def test_the_quit_page_asks_and_cancel_stays(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    config = exam_config(site.url + "/", quit_url=site.url + "/done",
                         browser=BrowserSettings(quit_url_confirm=True))
    kiosk = kiosk_with_bar(qtbot, config)
    ended: list[str] = []
    kiosk.finished.connect(ended.append)
    question = answer(qtbot, "lockdown-quiturl-dialog", accept=False)
    js(qtbot, kiosk, "location.href = '/done'; 1")
    qtbot.waitUntil(lambda: bool(question), timeout=15000)
    assert question == ["You have reached the end of the exam. Leave the exam now?"]
    qtbot.wait(300)
    assert ended == [] and kiosk.page.url().toString() == site.url + "/"
    answer(qtbot, "lockdown-quiturl-dialog", accept=True)
    js(qtbot, kiosk, "location.href = '/done'; 1")
    qtbot.waitUntil(lambda: ended == ["quit_url"], timeout=15000)


def test_the_quit_page_ends_at_once_without_quit_url_confirm(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/", quit_url=site.url + "/done"))
    ended: list[str] = []
    kiosk.finished.connect(ended.append)
    js(qtbot, kiosk, "location.href = '/done'; 1")
    qtbot.waitUntil(lambda: ended == ["quit_url"], timeout=15000)


def test_the_quit_button_follows_the_ctrl_q_rules(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/"))
    ended: list[str] = []
    kiosk.finished.connect(ended.append)
    quit_ = bar(kiosk).quit
    assert quit_ is not None

    def leave() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.objectName() == "lockdown-quit-dialog":
            assert isinstance(dialog, QDialog)
            dialog.accept()
        else:
            QTimer.singleShot(50, leave)

    QTimer.singleShot(50, leave)
    quit_.click()
    assert ended == ["quit_shortcut"]


@pytest.mark.parametrize(("link", "script", "blank_opens", "script_opens"), [
    ("same_window", "same_window", True, True), ("refuse", "same_window", False, True),
    ("same_window", "refuse", True, False)])
def test_new_window_policies(qtbot, serve, link, script, blank_opens, script_opens) -> None:  # type: ignore[no-untyped-def]
    site = serve()
    site.add("/", "<!doctype html><title>Home</title><a id='b' target='_blank' href='/two'>two</a>")
    site.add("/two", "<!doctype html><title>Two</title>")
    config = exam_config(site.url + "/", browser=BrowserSettings(new_window_by_link=link,
                                                                new_window_by_script=script))
    kiosk = kiosk_with_bar(qtbot, config)
    opened = _opens(qtbot, kiosk, lambda: QTest.mouseClick(
        kiosk.view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        _center(qtbot, kiosk, "b")))
    assert opened == blank_opens
    if opened:
        with qtbot.waitSignal(kiosk.page.loadFinished, timeout=20000):
            kiosk.page.load(site.url + "/")  # type: ignore[arg-type]
    assert _opens(qtbot, kiosk, lambda: js(qtbot, kiosk, "window.open('/two'); 1")) == script_opens


def _center(qtbot: Any, kiosk: KioskWindow, element: str) -> Any:
    from PySide6.QtCore import QPoint

    r = js(qtbot, kiosk, f"(function(){{var r=document.getElementById('{element}').getBoundingClientRect();"
                         "return [r.left + r.width/2, r.top + r.height/2];})()")
    return QPoint(int(r[0]), int(r[1]))


def _opens(qtbot: Any, kiosk: KioskWindow, act: Callable[[], object]) -> bool:
    """Whether `act` made the page go to /two (in the same window); False when refused."""
    act_until(qtbot, act, lambda: kiosk.page.url().toString().endswith("/two") or kiosk.message.isVisible())
    opened = kiosk.page.url().toString().endswith("/two")
    if not opened:
        assert kiosk.message.text() == "New windows and tabs are not available during the exam."
        kiosk.message.hide()
    return opened


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Another screen was connected. It is covered: your exam stays on this screen."),
    ("fr", "Un autre écran a été branché. Il est couvert : votre examen reste sur cet écran.")])
def test_the_student_is_told_when_a_screen_is_added(qtbot, site, lang, expected) -> None:  # type: ignore[no-untyped-def]
    from lockdown.guard.events import ScreenCountChanged
    from lockdown.ui.frontend import QtFrontend

    config = exam_config(site.url + "/")
    frontend = QtFrontend(config, lang)
    try:
        frontend.open_kiosk(KEYS, ExamTools(FakeBackend(), config))
        kiosk = next(w for w in QApplication.topLevelWidgets()
                     if isinstance(w, KioskWindow) and w.isVisible())
        frontend.show(ScreenCountChanged(2))
        qtbot.waitUntil(lambda: kiosk.message.isVisible() and name_of(kiosk.message) == expected,
                        timeout=5000)
        kiosk.message.hide()
        frontend.show(ScreenCountChanged(1))  # one was unplugged: nothing to say
        qtbot.wait(300)
        assert not kiosk.message.isVisible()
    finally:
        frontend.close()


def test_volume_buttons_change_the_sound(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    volume = FakeVolume(level=50)
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/", taskbar=TaskbarSettings(audio=True)),
                           desk(volume=volume))
    b = bar(kiosk)
    assert b.volume is not None and b.volume_up is not None and b.volume_down is not None
    assert b.mute is not None
    assert name_of(b.volume) == "Volume 50 %"
    b.volume_up.click()
    assert volume.level == 60 and name_of(b.volume) == "Volume 60 %"
    b.volume_down.click()
    b.volume_down.click()
    assert volume.level == 40
    assert name_of(b.mute) == "Turn the sound off"
    b.mute.click()
    assert volume.muted and name_of(b.volume) == "Sound off" and name_of(b.mute) == "Turn the sound on"
    volume.fail = True
    b.volume_up.click()
    assert kiosk.message.text() == "The volume could not be changed."


def test_the_wifi_list_reconnects_to_a_known_network(qtbot, site) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QToolButton

    from lockdown.platform.base import WifiNetwork
    from lockdown.platform.fake import FakeWifi

    wifi = FakeWifi([WifiNetwork("Campus", 80, True), WifiNetwork("Library", 40, False)])
    kiosk = kiosk_with_bar(qtbot, exam_config(site.url + "/", taskbar=TaskbarSettings(wifi=True)),
                           desk(wifi=wifi))
    b = bar(kiosk)
    assert b.wifi is not None
    b.wifi.click()
    panel = b.wifi_panel
    assert panel is not None and panel.isVisible()
    assert panel.parentWidget() is kiosk  # over the page, not a pop-up window
    buttons = {name_of(w): w for w in panel.findChildren(QToolButton)}
    assert set(buttons) == {"Campus (80 %, connected)", "Library (40 %)"}
    buttons["Library (40 %)"].click()
    assert wifi.connected_to == ["Library"]
    assert not panel.isVisible()
    assert kiosk.message.text() == "Connecting to Library…"
    wifi.known = []
    b.wifi.click()
    assert [name_of(w) for w in panel.findChildren(QWidget) if w.isVisible() and name_of(w)] == [
        "No known Wi-Fi network is in range."]


@pytest.mark.parametrize("prefix", ["reload", "quiturl"])
def test_the_questions_are_named_and_answer_safely_by_default(qtbot, prefix) -> None:  # type: ignore[no-untyped-def]
    from lockdown.ui.confirm import ConfirmDialog

    dialog = ConfirmDialog("fr", prefix)
    qtbot.addWidget(dialog)
    dialog.show()
    assert name_of(dialog.ok) and name_of(dialog.cancel)
    assert dialog.cancel.isDefault()
    assert dialog.accessibleDescription() in {
        "Recharger cette page ? Ce que vous n'y avez pas enregistré peut être perdu.",
        "Vous êtes arrivé à la fin de l'examen. Quitter l'examen maintenant ?"}
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected
