"""The stub playing Moodle's Safe Exam Browser quiz rule, over loopback, as a browser or SEB meets it.

Expected values come from Moodle's code and tests (mod/quiz/accessrule/seb), and every key and hash is
computed here, plainly, from what the stub serves: never with the stub's or lockdown's functions.
"""

from __future__ import annotations

import base64
import hashlib
import json
import plistlib
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.config.helpers import MOODLE_KEY, MOODLE_SEB
from tests.support.stub import HARNESS, REPO, Stub, start_stub

ACCOUNT = {"username": "student", "password": "student-password"}
SEB_UA = "Mozilla/5.0 (X11; Linux x86_64) SEB/3 lockdown-test-harness"
BEK = "b" * 64
CK_HEADER = "X-SafeExamBrowser-ConfigKeyHash"
RH_HEADER = "X-SafeExamBrowser-RequestHash"
SEB_REQUIRED = ("This quiz has been configured so that students may only attempt it using the "
                "Safe Exam Browser.")
INVALID_KEYS = "The config key or browser exam keys could not be validated."


# --- a plain Config Key (safeexambrowser.org/developer/seb-config-key.html) ---------------------------

def _s(text: str) -> str:
    """JSON string; backslashes and non-ASCII unescaped (SEB's rule, Moodle's JSON_UNESCAPED_*)."""
    return json.dumps(text, ensure_ascii=False).replace("\\\\", "\\")


def _j(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _s(value)
    if isinstance(value, bytes):
        return _s(base64.b64encode(value).decode())
    if isinstance(value, datetime):
        return _s(value.replace(tzinfo=UTC).isoformat())
    if isinstance(value, list):
        return "[" + ",".join(_j(v) for v in value) + "]"
    items = sorted(((k, v) for k, v in value.items() if v != {}), key=lambda kv: kv[0].lower())
    return "{" + ",".join(_s(k) + ":" + _j(v) for k, v in items) + "}"


def plain_config_key(plist: bytes) -> str:
    settings = plistlib.loads(plist)
    settings.pop("originatorVersion", None)
    return hashlib.sha256(_j(settings).encode()).hexdigest()


def sha(url: str, key: str) -> str:
    return hashlib.sha256((url + key).encode()).hexdigest()


# --- fixtures and small helpers ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def moodle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stub]:
    """Moodle's defaults ("Auto-configure SEB" on); quiz 3 allows one Browser Exam Key."""
    s = start_stub(tmp_path_factory.mktemp("moodle"), extra_args=["--moodle-bek", BEK])
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="module")
def sso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stub]:
    """Log in through the identity provider on localhost; "Auto-configure SEB" off; no BEK allowed."""
    s = start_stub(tmp_path_factory.mktemp("sso"), extra_args=["--moodle-idp", "--moodle-no-autoreconfigure"])
    try:
        yield s
    finally:
        s.stop()


def idp_url(stub: Stub) -> str:
    out = (stub.workdir / f"stdout-{stub.starts}.txt").read_text()
    m = re.search(r"^identity provider listening on (http://localhost:\d+)$", out, re.M)
    assert m, out
    return m.group(1)


def browser(ua: str = HARNESS["User-Agent"]) -> requests.Session:
    s = requests.Session()
    s.headers["User-Agent"] = ua
    return s


def hidden(page: str, name: str) -> str:
    m = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert m, f"no {name} in page"
    return unescape(m.group(1))


def submit_login(stub: Stub, s: requests.Session, form: requests.Response) -> requests.Response:
    """Fill Moodle's login form with the test account and follow the redirects."""
    data = {**ACCOUNT, "logintoken": hidden(form.text, "logintoken")}
    return s.post(stub.url + "/login/index.php", data=data, timeout=10)


def idp_sign_in(sso: Stub, s: requests.Session, form: requests.Response) -> requests.Response:
    """Fill the identity provider's form and follow the redirects back to Moodle."""
    data = {**ACCOUNT, "service": hidden(form.text, "service")}
    return s.post(idp_url(sso) + "/idp/login", data=data, timeout=10)


def log_in(stub: Stub, ua: str = HARNESS["User-Agent"]) -> requests.Session:
    s = browser(ua)
    r = submit_login(stub, s, s.get(stub.url + "/login/index.php", timeout=10))
    assert r.status_code == 200 and r.url == stub.url + "/", [h.headers.get("location") for h in r.history]
    return s


def served_plist(stub: Stub, s: requests.Session, cmid: int = 2) -> bytes:
    r = s.get(f"{stub.url}/mod/quiz/accessrule/seb/config.php?cmid={cmid}", allow_redirects=False, timeout=10)
    assert r.status_code == 200, r.text
    return r.content


def quiz(s: requests.Session, url: str, **headers: str) -> requests.Response:
    return s.get(url, headers=headers, allow_redirects=False, timeout=10)


def admitted(r: requests.Response) -> bool:
    assert r.status_code == 200, r.status_code
    return 'id="responseform"' in r.text


def message(r: requests.Response) -> str:
    """The box where Moodle explains why the quiz cannot be attempted."""
    m = re.search(r'<div class="box quizattempt" id="quizaccess-message">(.*?)</div>\n', r.text, re.S)
    assert m
    return m.group(1)


RECONFIGURE = "<script>document.location.replace("


def page_settings(r: requests.Response) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="quizaccess-seb">(.*?)</script>', r.text)
    assert m
    settings: dict[str, Any] = json.loads(m.group(1))
    return settings


def service(stub: Stub, s: requests.Session, sesskey: str, args: dict[str, Any]) -> Any:
    body = [{"index": 0, "methodname": "quizaccess_seb_validate_quiz_keys", "args": args}]
    r = s.post(f"{stub.url}/lib/ajax/service.php?sesskey={sesskey}&info=quizaccess_seb_validate_quiz_keys",
               json=body, timeout=10)
    assert r.status_code == 200
    return r.json()


# --- logging in --------------------------------------------------------------------------------------

def test_quiz_without_session_redirects_to_login_then_back_after_it(moodle: Stub) -> None:
    s = browser()
    view = moodle.url + "/mod/quiz/view.php?id=2"
    r = quiz(s, view)
    assert (r.status_code, r.headers["location"]) == (303, moodle.url + "/login/index.php")
    cookie = r.headers["set-cookie"]
    assert cookie.startswith("MoodleSession=") and "httponly" in cookie.lower() and "path=/" in cookie.lower()
    form = s.get(r.headers["location"], timeout=10)
    assert 'name="username"' in form.text and 'type="password"' in form.text
    before = s.cookies["MoodleSession"]
    r = submit_login(moodle, s, form)
    assert [h.headers["location"] for h in r.history] == [moodle.url + "/login/index.php?testsession=3", view]
    assert r.status_code == 200 and SEB_REQUIRED in r.text
    assert s.cookies["MoodleSession"] != before  # a new session id on login


def test_wrong_password_or_missing_logintoken_opens_no_session(moodle: Stub) -> None:
    s = browser()
    form = s.get(moodle.url + "/login/index.php", timeout=10)
    for data in ({**ACCOUNT, "password": "wrong", "logintoken": hidden(form.text, "logintoken")}, ACCOUNT):
        r = s.post(moodle.url + "/login/index.php", data=data, allow_redirects=False, timeout=10)
        assert r.status_code == 200 and "Invalid login, please try again" in r.text
    assert quiz(s, moodle.url + "/mod/quiz/view.php?id=2").status_code == 303


def test_logout_needs_the_sesskey_then_ends_the_session(moodle: Stub) -> None:
    s = log_in(moodle)
    page = quiz(s, moodle.url + "/mod/quiz/view.php?id=2")
    sesskey = page_settings(page)["sesskey"]
    r = s.get(moodle.url + "/login/logout.php", allow_redirects=False, timeout=10)
    assert r.status_code == 200 and "Do you really want to log out?" in r.text
    assert quiz(s, moodle.url + "/mod/quiz/view.php?id=2").status_code == 200
    r = s.get(f"{moodle.url}/login/logout.php?sesskey={sesskey}", allow_redirects=False, timeout=10)
    assert (r.status_code, r.headers["location"]) == (303, moodle.url + "/")
    assert quiz(s, moodle.url + "/mod/quiz/view.php?id=2").status_code == 303


def test_another_host_name_is_sent_to_wwwroot(moodle: Stub) -> None:
    r = requests.get(f"http://localhost:{moodle.port}/mod/quiz/view.php?id=2", allow_redirects=False,
                     headers=HARNESS, timeout=10)
    assert (r.status_code, r.headers["location"]) == (303, moodle.url + "/")


def test_identity_provider_round_trip_and_single_sign_on(sso: Stub) -> None:
    idp = idp_url(sso)
    s = browser()
    view = sso.url + "/mod/quiz/view.php?id=2"
    r = s.get(view, timeout=10)
    assert r.url.startswith(idp + "/idp/login?")
    service_url = sso.url + "/login/index.php?authCAS=CAS"
    assert parse_qs(urlsplit(r.url).query) == {"service": [service_url]}
    r = s.post(idp + "/idp/login", data={**ACCOUNT, "password": "wrong", "service": service_url}, timeout=10)
    assert "Wrong username or password." in r.text and not r.history
    r = s.post(idp + "/idp/login", data={**ACCOUNT, "service": service_url}, allow_redirects=False,
               timeout=10)
    assert r.status_code == 303 and "httponly" in r.headers["set-cookie"].lower()
    back = r.headers["location"]
    ticket = parse_qs(urlsplit(back).query)["ticket"][0]
    assert back == f"{service_url}&ticket={ticket}" and ticket.startswith("ST-")
    r = s.get(back, timeout=10)
    assert r.url == view and SEB_REQUIRED in r.text
    assert {c.name for c in s.cookies} == {"MoodleSession", "IdPSession"}
    assert s.get(back, timeout=10).status_code == 403  # a ticket serves once
    # after Moodle's logout the identity provider still knows the student: no password this time
    s.get(f"{sso.url}/login/logout.php?sesskey={page_settings(r)['sesskey']}", timeout=10)
    r = s.get(view, timeout=10)
    assert r.url == view and SEB_REQUIRED in r.text
    assert any(h.url.startswith(idp) for h in r.history)
    assert not any(h.request.method == "POST" for h in r.history)


def test_identity_provider_serves_no_other_site(sso: Stub) -> None:
    r = requests.get(idp_url(sso) + "/idp/login", params={"service": "http://example.org/login"}, timeout=10)
    assert r.status_code == 400


# --- config.php and the .seb it serves -----------------------------------------------------------------

def test_config_php_without_session_redirects_to_login_then_downloads(moodle: Stub) -> None:
    s = browser()
    url = moodle.url + "/mod/quiz/accessrule/seb/config.php?cmid=2"
    r = s.get(url, allow_redirects=False, timeout=10)
    assert (r.status_code, r.headers["location"]) == (303, moodle.url + "/login/index.php")
    assert b"plist" not in r.content
    r = submit_login(moodle, s, s.get(moodle.url + "/login/index.php", timeout=10))
    assert r.url == url and r.status_code == 200
    assert r.headers["content-type"] == "application/seb"
    assert r.headers["content-disposition"] == "attachment; filename=config.seb"
    assert r.headers["cache-control"] == "private, max-age=1, no-transform"
    assert r.headers["pragma"] == "no-cache"
    assert plistlib.loads(r.content)["startURL"] == moodle.url + "/mod/quiz/view.php?id=2"


def test_served_plist_is_what_moodle_generates_for_configure_manually(moodle: Stub) -> None:
    raw = served_plist(moodle, log_in(moodle))
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC '
                          b'"-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
                          b'<plist version="1.0"><dict><key>showTaskBar</key><true/>')
    settings = plistlib.loads(raw)
    # seb_quiz_settings.php: the boolean settings (form defaults), quit link, filter rules, then the
    # settings Moodle enforces, in this order (quiz_settings_test.php shows the same layout)
    assert list(settings.items()) == [
        ("showTaskBar", True), ("allowWlan", False), ("showReloadButton", True), ("showTime", True),
        ("showInputLanguage", True), ("allowQuit", True), ("quitURLConfirm", True),
        ("audioControlEnabled", False), ("audioMute", False), ("allowSpellCheck", False),
        ("browserWindowAllowReload", True), ("URLFilterEnable", False),
        ("URLFilterEnableContentFilter", False),
        ("quitURL", moodle.url + "/exit-seb?cmid=2"), ("URLFilterRules", []),
        ("startURL", moodle.url + "/mod/quiz/view.php?id=2"), ("sendBrowserExamKey", True),
        ("browserWindowWebView", 3), ("examSessionClearCookiesOnStart", False),
        ("allowPreferencesWindow", False)]


def test_stubs_config_key_matches_moodles_known_answer() -> None:
    from server_stub.sebkey import config_key

    assert config_key(MOODLE_SEB.read_bytes()) == MOODLE_KEY
    assert plain_config_key(MOODLE_SEB.read_bytes()) == MOODLE_KEY


def test_lockdowns_config_key_of_the_served_plist_opens_the_quiz(moodle: Stub) -> None:
    from lockdown.config import parse_config
    from lockdown.sebkeys.configkey import config_key

    s = log_in(moodle)
    settings = parse_config(served_plist(moodle, s), "config.seb").settings
    view = moodle.url + "/mod/quiz/view.php?id=2"
    assert admitted(quiz(s, view, **{CK_HEADER: sha(view, config_key(settings))}))


# --- the quiz page: headers -----------------------------------------------------------------------------

def test_quiz_page_without_header_shows_launch_and_download_buttons(moodle: Stub) -> None:
    s = log_in(moodle)
    r = quiz(s, moodle.url + "/mod/quiz/view.php?id=2")
    assert not admitted(r) and SEB_REQUIRED in r.text and INVALID_KEYS not in message(r)
    host = moodle.url.removeprefix("http://")
    assert f'href="seb://{host}/mod/quiz/accessrule/seb/config.php?cmid=2"' in r.text
    assert f'href="{moodle.url}/mod/quiz/accessrule/seb/config.php?cmid=2"' in r.text
    assert ">Launch Safe Exam Browser<" in r.text and ">Download configuration<" in r.text
    assert RECONFIGURE not in r.text


def test_quiz_page_admits_the_hash_of_the_url_exactly_as_requested(moodle: Stub) -> None:
    key = plain_config_key(served_plist(moodle, log_in(moodle)))
    plist = plistlib.loads(served_plist(moodle, log_in(moodle)))
    view = moodle.url + "/mod/quiz/view.php?id=2"
    r = quiz(log_in(moodle), view, **{CK_HEADER: sha(view, key)})
    assert admitted(r)
    assert f'href="{plist["quitURL"]}"' in r.text and ">Finish attempt<" in r.text
    # percent-encoding counts as sent (%2F is not /), and a fragment is never part of the URL
    odd = view + "&next=%2Fmod"
    assert admitted(quiz(log_in(moodle), odd, **{CK_HEADER: sha(odd, key)}))
    assert not admitted(quiz(log_in(moodle), odd, **{CK_HEADER: sha(view + "&next=/mod", key)}))
    assert not admitted(quiz(log_in(moodle), view, **{CK_HEADER: sha(view + "#top", key)}))


def test_wrong_or_foreign_hash_is_refused(moodle: Stub) -> None:
    key = plain_config_key(served_plist(moodle, log_in(moodle)))
    view = moodle.url + "/mod/quiz/view.php?id=2"
    for value in ("0" * 64, sha(view, "f" * 64), sha(moodle.url + "/mod/quiz/view.php?id=3", key),
                  sha(view, key).upper()):
        r = quiz(log_in(moodle), view, **{CK_HEADER: value})
        assert not admitted(r) and SEB_REQUIRED in r.text and RECONFIGURE not in r.text, value


def test_access_granted_once_is_kept_for_the_session_until_the_attempt_ends(moodle: Stub) -> None:
    s = log_in(moodle)
    key = plain_config_key(served_plist(moodle, s))
    view = moodle.url + "/mod/quiz/view.php?id=2"
    page = quiz(s, view, **{CK_HEADER: sha(view, key)})
    assert admitted(page)
    assert admitted(quiz(s, view))  # set_session_access: no header needed any more in this session
    r = s.post(moodle.url + "/mod/quiz/processattempt.php", allow_redirects=False, timeout=10,
               data={"cmid": "2", "sesskey": hidden(page.text, "sesskey"), "answer": "Ottawa"})
    assert (r.status_code, r.headers["location"]) == (303, view)
    assert ">Ottawa</textarea>" in quiz(s, view).text
    finish = re.search(r'<a href="([^"]+)"[^>]*id="finish"', page.text)
    assert finish and s.get(unescape(finish.group(1)), timeout=10).status_code == 200
    assert not admitted(quiz(s, view))


def test_seb_arriving_with_a_wrong_key_is_sent_to_the_seb_link(moodle: Stub, sso: Stub) -> None:
    """rule.php: only SEB (User-Agent), only with a ConfigKeyHash header, only with Auto-configure SEB on."""
    link = f"seb://{moodle.url.removeprefix('http://')}/mod/quiz/accessrule/seb/config.php?cmid=2"
    view = moodle.url + "/mod/quiz/view.php?id=2"
    r = quiz(log_in(moodle, SEB_UA), view, **{CK_HEADER: "0" * 64})
    assert not admitted(r) and INVALID_KEYS in message(r)
    assert f'{RECONFIGURE}"{link}");</script>' in r.text
    assert RECONFIGURE not in quiz(log_in(moodle, SEB_UA), view).text
    assert RECONFIGURE not in quiz(log_in(moodle), view, **{CK_HEADER: "0" * 64}).text
    assert page_settings(r)["autoreconfigure"] is True
    # the same on a site with Auto-configure SEB off
    s = browser(SEB_UA)
    idp_sign_in(sso, s, s.get(sso.url + "/mod/quiz/view.php?id=2", timeout=10))
    r = quiz(s, sso.url + "/mod/quiz/view.php?id=2", **{CK_HEADER: "0" * 64})
    assert not admitted(r) and INVALID_KEYS in message(r)
    assert RECONFIGURE not in r.text and page_settings(r)["autoreconfigure"] is False


# --- quiz 3: SEB client configuration, Browser Exam Key ------------------------------------------------

def test_client_config_quiz_needs_seb_and_an_allowed_browser_exam_key(moodle: Stub) -> None:
    view = moodle.url + "/mod/quiz/view.php?id=3"
    r = quiz(log_in(moodle), view, **{RH_HEADER: sha(view, BEK)})
    assert not admitted(r) and "configured to use the Safe Exam Browser with client configuration" in r.text
    assert admitted(quiz(log_in(moodle, SEB_UA), view, **{RH_HEADER: sha(view, BEK)}))
    r = quiz(log_in(moodle, SEB_UA), view, **{RH_HEADER: sha(view, "c" * 64)})
    assert not admitted(r) and INVALID_KEYS in message(r) and "seb://" not in message(r)
    r = log_in(moodle).get(moodle.url + "/mod/quiz/accessrule/seb/config.php?cmid=3", timeout=10)
    assert r.status_code == 404 and "No SEB config could be found for quiz with cmid: 3" in r.text


def test_client_config_quiz_without_allowed_keys_checks_the_user_agent_only(sso: Stub) -> None:
    s = browser(SEB_UA)
    idp_sign_in(sso, s, s.get(sso.url + "/mod/quiz/view.php?id=3", timeout=10))
    assert admitted(quiz(s, sso.url + "/mod/quiz/view.php?id=3"))


# --- the JavaScript route: quizaccess_seb_validate_quiz_keys -----------------------------------------

def test_validate_quiz_keys_answers_per_key_and_opens_the_quiz(moodle: Stub) -> None:
    s = log_in(moodle, SEB_UA)
    key = plain_config_key(served_plist(moodle, s))
    view = moodle.url + "/mod/quiz/view.php?id=2"
    sesskey = page_settings(quiz(s, view))["sesskey"]
    wrong = service(moodle, s, sesskey, {"cmid": 2, "url": view, "configkey": sha(view, "f" * 64),
                                         "browserexamkey": "0" * 64})
    assert wrong == [{"error": False, "data": {"configkey": False, "browserexamkey": True}}]
    assert not admitted(quiz(s, view))
    right = service(moodle, s, sesskey, {"cmid": 2, "url": view, "configkey": sha(view, key),
                                         "browserexamkey": "0" * 64})
    assert right == [{"error": False, "data": {"configkey": True, "browserexamkey": True}}]
    assert admitted(quiz(s, view))  # what the page's reload then sees
    bek = service(moodle, s, sesskey, {"cmid": "3", "url": moodle.url + "/mod/quiz/view.php?id=3",
                                       "browserexamkey": sha(moodle.url + "/mod/quiz/view.php?id=3", BEK)})
    assert bek == [{"error": False, "data": {"configkey": True, "browserexamkey": True}}]


def test_validate_quiz_keys_needs_login_sesskey_and_a_key(moodle: Stub) -> None:
    view = moodle.url + "/mod/quiz/view.php?id=2"
    args = {"cmid": 2, "url": view, "configkey": "0" * 64}

    def code(reply: Any) -> str:
        assert isinstance(reply, list) and len(reply) == 1 and reply[0]["error"] is True
        assert set(reply[0]["exception"]) == {"message", "errorcode", "link", "moreinfourl"}
        return str(reply[0]["exception"]["errorcode"])

    assert code(service(moodle, browser(), "x", args)) == "servicerequireslogin"
    s = log_in(moodle)
    sesskey = page_settings(quiz(s, view))["sesskey"]
    assert code(service(moodle, s, "wrong", args)) == "invalidsesskey"
    assert code(service(moodle, s, sesskey, {"cmid": 2, "url": view})) == "invalidparameter"
    assert code(service(moodle, s, sesskey, {**args, "extra": 1})) == "invalidparameter"
    assert code(service(moodle, s, sesskey, {**args, "configkey": "not:alnum"})) == "invalidparameter"
    assert code(service(moodle, s, sesskey, {**args, "cmid": 99})) == "invalidrecord"
    r = s.post(f"{moodle.url}/lib/ajax/service.php?sesskey={sesskey}", data=b"{not json", timeout=10)
    assert r.status_code == 200 and r.json()["errorcode"] == "codingerror"


# --- the command line ---------------------------------------------------------------------------------

def test_help_documents_the_moodle_options_and_bad_values_exit_2() -> None:
    run = [sys.executable, "-m", "server_stub"]
    out = subprocess.run([*run, "--help"], cwd=REPO, capture_output=True, text=True, timeout=30).stdout
    for text in ("--moodle-idp", "--idp-port", "--moodle-no-autoreconfigure", "--moodle-bek",
                 "/mod/quiz/view.php?id=2", "student / student-password"):
        assert text in out, text
    for bad in (["--moodle-bek", "xyz"], ["--moodle-idp", "--host", "0.0.0.0"], ["--idp-port", "70000"]):
        r = subprocess.run([*run, *bad], cwd=REPO, capture_output=True, text=True, timeout=30)
        assert r.returncode == 2 and r.stdout == "", bad
        assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
