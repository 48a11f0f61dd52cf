"""The exam browser's policy, one refused kind per test, on real pages served over loopback."""

from __future__ import annotations

import hashlib
import time

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from lockdown import __version__
from lockdown.ui.browser import DEFAULT_UA_SUFFIX
from tests.ui.kiosk_helpers import KEYS, allow_also, exam_config, js, load, open_kiosk, top_level_windows

pytestmark = pytest.mark.timeout(120)

HOME = """<!doctype html><html><head><title>Exam home</title></head><body>
<a id="foreign" href="{foreign}/secret">foreign</a>
<a id="page2" href="/page2">page 2</a>
<a id="blank-foreign" target="_blank" href="{foreign}/popup">popup</a>
<a id="blank-ok" target="_blank" href="/page2">same-site popup</a>
<a id="data" href="data:text/html,<h1>hi</h1>">data</a>
<a id="dl" href="/file.bin">download</a>
<input id="up" type="file" style="position:absolute;left:20px;top:200px;width:200px;height:40px">
<p id="out"></p>
<script>window.drops = 0; document.addEventListener("drop", function () { window.drops++; }, true);</script>
</body></html>"""


def rect_center(qtbot, kiosk, element_id):  # type: ignore[no-untyped-def]
    r = js(qtbot, kiosk, f"(function(){{var r=document.getElementById('{element_id}')"
                         ".getBoundingClientRect(); return [r.left + r.width/2, r.top + r.height/2];})()")
    return QPoint(int(r[0]), int(r[1]))


@pytest.fixture
def sites(serve):  # type: ignore[no-untyped-def]
    exam, foreign = serve(), serve()
    exam.add("/", HOME.replace("{foreign}", foreign.url))
    exam.add("/page2", "<title>Page two</title><p>two</p>")
    exam.add("/redirect", "", status=302, headers={"Location": foreign.url + "/landing"})
    exam.add("/done", "<title>done</title>")
    exam.pages["/file.bin"] = (200, {"Content-Type": "application/octet-stream",
                                     "Content-Disposition": "attachment; filename=f.bin"}, b"x" * 100)
    for path in ("/secret", "/popup", "/landing", "/img.png", "/api"):
        foreign.add(path, "<title>foreign</title>")
    return exam, foreign


@pytest.fixture
def kiosk(qtbot, sites):  # type: ignore[no-untyped-def]
    exam, _ = sites
    return open_kiosk(qtbot, exam_config(exam.url + "/", quit_url=exam.url + "/done"))


def assert_refused(qtbot, kiosk, exam, text):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(kiosk.message.isVisible, timeout=15000)
    assert text in kiosk.message.text()
    qtbot.waitUntil(lambda: kiosk.page.url().toString() == exam.url + "/", timeout=15000)


def test_link_outside_the_policy_is_refused_and_the_page_stays(qtbot, kiosk, sites):  # type: ignore[no-untyped-def]
    exam, foreign = sites
    js(qtbot, kiosk, "document.getElementById('foreign').click(); true")
    assert_refused(qtbot, kiosk, exam, "not part of the exam")
    time.sleep(0.3)
    assert foreign.received == []


def test_allowed_link_navigates_in_the_view(qtbot, kiosk, sites):  # type: ignore[no-untyped-def]
    exam, _ = sites
    load(qtbot, kiosk, "document.getElementById('page2').click()")
    assert kiosk.page.url().toString() == exam.url + "/page2"
    assert not kiosk.message.isVisible()


def test_redirect_to_another_host_is_refused(qtbot, kiosk, sites):  # type: ignore[no-untyped-def]
    exam, foreign = sites
    js(qtbot, kiosk, "location.href = '/redirect'; true")
    qtbot.waitUntil(lambda: "/redirect" in exam.paths(), timeout=15000)
    time.sleep(0.5)
    assert foreign.received == []
    assert not kiosk.page.url().toString().startswith(foreign.url)


def test_subresources_and_fetch_to_another_host_are_blocked(qtbot, kiosk, sites):  # type: ignore[no-untyped-def]
    _, foreign = sites
    js(qtbot, kiosk, f"var img = new Image(); img.src = '{foreign.url}/img.png'; 1")
    js(qtbot, kiosk, f"fetch('{foreign.url}/api')"
                     ".then(()=>document.title='F-OK', ()=>document.title='F-NO'); 1")
    qtbot.waitUntil(lambda: kiosk.page.title() in ("F-OK", "F-NO"), timeout=15000)
    assert kiosk.page.title() == "F-NO"
    assert foreign.received == []


def test_new_window_to_another_host_is_refused(qtbot, kiosk, sites):  # type: ignore[no-untyped-def]
    exam, foreign = sites
    js(qtbot, kiosk, "document.getElementById('blank-foreign').click(); true")
    assert_refused(qtbot, kiosk, exam, "New windows and tabs are not available")
    assert foreign.received == []
    assert top_level_windows().count("lockdown-kiosk") == 1


def test_window_open_of_an_allowed_page_opens_in_the_same_view(qtbot, kiosk, sites):  # type: ignore[no-untyped-def]
    exam, _ = sites
    before = top_level_windows()
    load(qtbot, kiosk, "window.open('/page2', '_blank')")
    assert kiosk.page.url().toString() == exam.url + "/page2"
    assert top_level_windows() == before


@pytest.mark.parametrize("button, modifier",
                         [(Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier),
                          (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier)])
def test_middle_and_ctrl_click_open_allowed_links_in_the_same_view(qtbot, kiosk, sites, button, modifier):  # type: ignore[no-untyped-def]
    exam, _ = sites
    before = top_level_windows()
    point = rect_center(qtbot, kiosk, "page2")
    with qtbot.waitSignal(kiosk.page.loadFinished, timeout=10000):
        QTest.mouseClick(kiosk.view.focusProxy(), button, modifier, point)
    assert kiosk.page.url().toString() == exam.url + "/page2"
    assert top_level_windows() == before


@pytest.mark.parametrize("keys", ["Ctrl+T", "Ctrl+N"])
def test_ctrl_t_and_ctrl_n_open_nothing(qtbot, kiosk, sites, keys):  # type: ignore[no-untyped-def]
    exam, _ = sites
    before = top_level_windows()
    key = Qt.Key.Key_T if keys == "Ctrl+T" else Qt.Key.Key_N
    QTest.keyClick(kiosk.view.focusProxy(), key, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)
    assert top_level_windows() == before
    assert kiosk.page.url().toString() == exam.url + "/"


@pytest.mark.parametrize("url", ["file:///etc/hostname", "view-source:{exam}/", "chrome://version",
                                 "qrc:/qtwebengine/", "data:text/html,<h1>x</h1>", "about:blank"])
def test_internal_and_local_urls_are_refused(qtbot, kiosk, sites, url):  # type: ignore[no-untyped-def]
    exam, _ = sites
    kiosk.page.load(QUrl(url.format(exam=exam.url)))
    assert_refused(qtbot, kiosk, exam, "not part of the exam")


def test_top_level_data_link_is_refused(qtbot, kiosk, sites):  # type: ignore[no-untyped-def]
    exam, _ = sites
    js(qtbot, kiosk, "document.getElementById('data').click(); true")
    qtbot.wait(500)
    assert kiosk.page.url().toString() == exam.url + "/"


def test_developer_tools_cannot_open(qtbot, kiosk):  # type: ignore[no-untyped-def]
    before = top_level_windows()
    kiosk.page.triggerAction(kiosk.page.WebAction.InspectElement)
    QTest.keyClick(kiosk.view.focusProxy(), Qt.Key.Key_F12)
    QTest.keyClick(kiosk.view.focusProxy(), Qt.Key.Key_I,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(500)
    assert kiosk.page.devToolsPage() is None
    assert top_level_windows() == before


def test_download_is_refused(qtbot, kiosk, sites, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    exam, _ = sites
    js(qtbot, kiosk, "document.getElementById('dl').click(); true")
    assert_refused(qtbot, kiosk, exam, "Downloads are not allowed")


def test_upload_is_refused(qtbot, kiosk, sites):  # type: ignore[no-untyped-def]
    exam, _ = sites
    point = rect_center(qtbot, kiosk, "up")
    QTest.mouseClick(kiosk.view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     point)
    assert_refused(qtbot, kiosk, exam, "Sending files is not allowed")
    assert js(qtbot, kiosk, "document.getElementById('up').files.length") == 0


def test_printing_is_refused(qtbot, kiosk, sites):  # type: ignore[no-untyped-def]
    exam, _ = sites
    js(qtbot, kiosk, "window.print(); true")
    assert_refused(qtbot, kiosk, exam, "Printing is not allowed")


def test_dropped_files_do_not_reach_the_page(qtbot, kiosk, sites, tmp_path):  # type: ignore[no-untyped-def]
    exam, _ = sites
    dropped = tmp_path / "answers.html"
    dropped.write_text("<h1>cheat sheet</h1>")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    target = kiosk.view.focusProxy()
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    qtbot.wait(500)
    assert not event.isAccepted()
    assert js(qtbot, kiosk, "window.drops") == 0
    assert kiosk.page.url().toString() == exam.url + "/"
    assert not target.acceptDrops() and not kiosk.view.acceptDrops()


def test_no_context_menu(qtbot, kiosk):  # type: ignore[no-untyped-def]
    QTest.mouseClick(kiosk.view.focusProxy(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(300, 300))
    qtbot.wait(500)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]


def test_seb_headers_go_to_the_exam_host_only(qtbot, serve):  # type: ignore[no-untyped-def]
    exam, other = serve(), serve()
    exam.add("/", f'<title>x</title><img src="{other.url}/pic.png">')
    other.add("/pic.png", "")
    kiosk = open_kiosk(qtbot, allow_also(exam.url + "/", other.url))
    qtbot.waitUntil(lambda: "/pic.png" in other.paths(), timeout=15000)
    (headers,) = exam.headers_for("/")
    url = exam.url + "/"
    assert headers["x-safeexambrowser-configkeyhash"] == hashlib.sha256(
        (url + KEYS.config_key).encode()).hexdigest()
    assert headers["x-safeexambrowser-requesthash"] == hashlib.sha256(
        (url + KEYS.browser_exam_key).encode()).hexdigest()
    assert headers["user-agent"].endswith(f" SEB/3 lockdown/{__version__}")
    assert DEFAULT_UA_SUFFIX == f" SEB/3 lockdown/{__version__}"
    (foreign_headers,) = other.headers_for("/pic.png")
    assert not [h for h in foreign_headers if h.startswith("x-safeexambrowser")]
    del kiosk


def test_user_agent_suffix_can_be_configured(qtbot, serve):  # type: ignore[no-untyped-def]
    exam = serve()
    exam.add("/", "<title>x</title>")
    open_kiosk(qtbot, exam_config(exam.url + "/", user_agent_suffix=" MyLMS/2"))
    (headers,) = exam.headers_for("/")
    assert headers["user-agent"].endswith(" MyLMS/2") and "SEB/3" not in headers["user-agent"]


def test_seb_javascript_api_is_current_and_read_only(qtbot, kiosk, sites):  # type: ignore[no-untyped-def]
    exam, _ = sites

    def expected(url: str) -> list[str]:
        return [hashlib.sha256((url + KEYS.config_key).encode()).hexdigest(),
                hashlib.sha256((url + KEYS.browser_exam_key).encode()).hexdigest()]

    read = "[SafeExamBrowser.security.configKey, SafeExamBrowser.security.browserExamKey]"
    assert js(qtbot, kiosk, read) == expected(exam.url + "/")
    version = f"lockdown_Linux_{__version__}_dev_lockdown"  # SEB's name_OS_version_build_id
    assert js(qtbot, kiosk, "[SafeExamBrowser.version, SafeExamBrowser.security.appVersion]") == [version] * 2
    tamper = """(function () { try { SafeExamBrowser.security.configKey = 'x'; } catch (e) {}
        try { window.SafeExamBrowser = {}; } catch (e) {}
        try { delete window.SafeExamBrowser; } catch (e) {}
        return [Object.isFrozen(SafeExamBrowser), Object.isFrozen(SafeExamBrowser.security),
                SafeExamBrowser.security.configKey.length, typeof qt, typeof QWebChannel]; })()"""
    assert js(qtbot, kiosk, tamper) == [True, True, 64, "undefined", "undefined"]
    load(qtbot, kiosk, "location.href = '/page2#frag'")
    assert js(qtbot, kiosk, read) == expected(exam.url + "/page2")
    js(qtbot, kiosk, "SafeExamBrowser.security.updateKeys(function () { document.title = 'updated'; }); 1")
    qtbot.waitUntil(lambda: kiosk.page.title() == "updated", timeout=15000)


def test_quit_url_ends_the_exam(qtbot, kiosk, sites):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(kiosk.finished, timeout=15000) as blocker:
        js(qtbot, kiosk, "location.href = '/done'; true")
    assert blocker.args == ["quit_url"]


def test_window_title_is_page_title_and_suffix(qtbot, serve):  # type: ignore[no-untyped-def]
    exam = serve()
    exam.add("/", "<title>Algebra final</title>")
    kiosk = open_kiosk(qtbot, exam_config(exam.url + "/", window_title_suffix="University X"))
    qtbot.waitUntil(lambda: kiosk.windowTitle() == "Algebra final - University X", timeout=15000)
