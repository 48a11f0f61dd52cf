"""The sample exam: only lockdown with the right configuration gets the pages, which stand alone."""

from __future__ import annotations

import plistlib
import re
from html.parser import HTMLParser

import requests

from lockdown.sebkeys.configkey import config_key, config_key_hash
from tests.server.helpers import CONFIG_HEADER, exam_get, native_key
from tests.support.stub import Stub


def test_exam_page_without_header_gets_403_telling_to_use_lockdown(stub: Stub) -> None:
    r = requests.get(stub.url + "/exam/", timeout=10)
    assert r.status_code == 403
    assert "Open this exam with lockdown" in r.text and "Ouvrez cet examen avec lockdown" in r.text
    assert r.headers["content-type"].startswith("text/html")


def test_exam_page_with_wrong_header_gets_403(stub: Stub) -> None:
    url = stub.url + "/exam/"
    for value in ("0" * 64, config_key_hash(url, "f" * 64), "not-a-hash"):
        r = requests.get(url, headers={CONFIG_HEADER: value}, timeout=10)
        assert r.status_code == 403, value


def test_header_is_bound_to_the_url_it_was_computed_for(stub: Stub) -> None:
    key = native_key(stub)
    good_for_start = config_key_hash(stub.url + "/exam/", key)
    r = requests.get(stub.url + "/exam/done", headers={CONFIG_HEADER: good_for_start}, timeout=10)
    assert r.status_code == 403
    r = requests.get(stub.url + "/exam/?lang=fr", headers={CONFIG_HEADER: good_for_start}, timeout=10)
    assert r.status_code == 403


def test_both_served_configurations_open_the_exam(stub: Stub) -> None:
    native = requests.get(stub.url + "/exam/config.json", timeout=10).json()
    seb = plistlib.loads(requests.get(stub.url + "/exam/config.seb", timeout=10).content)
    assert native["format"] == 1
    assert native["start_url"] == seb["startURL"] == stub.url + "/exam/"
    assert native["quit_url"] == seb["quitURL"] == stub.url + "/exam/done"
    assert native["server"]["url"] == stub.url
    assert native["url_filter"]["enabled"] is True
    assert native["url_filter"]["rules"] == [{"action": "allow", "expression": stub.url + "/*"}]
    assert "language" not in native
    for key in (config_key(native), config_key(seb)):
        r = exam_get(stub, "/exam/", key)
        assert r.status_code == 200
        assert 'id="exam"' in r.text


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.urls: list[str] = []
        self.inputs: list[tuple[str, str]] = []
        self.labels_for: set[str] = set()
        self.in_label = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        for attr in ("src", "href", "action"):
            if attr in a:
                self.urls.append(a[attr])
        if tag in ("input", "textarea", "select"):
            self.inputs.append((a.get("id", ""), a.get("type", tag)))
        if tag == "label":
            self.labels_for.add(a.get("for", ""))


def _parse(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    return p


def test_exam_exists_in_french_and_english_with_four_kinds_of_question(stub: Stub) -> None:
    en = exam_get(stub, "/exam/?lang=en")
    fr = exam_get(stub, "/exam/?lang=fr")
    auto = exam_get(stub, "/exam/", headers={"Accept-Language": "fr-CA,fr;q=0.9"})
    assert _parse(en.text).lang == "en" and "Sample exam" in en.text
    assert _parse(fr.text).lang == "fr" and "Examen d&#x27;exemple" in fr.text
    assert _parse(auto.text).lang == "fr"
    kinds = {kind for _, kind in _parse(en.text).inputs}
    assert {"radio", "checkbox", "text", "textarea"} <= kinds


def test_every_field_has_a_label_and_nothing_comes_from_elsewhere(stub: Stub) -> None:
    r = exam_get(stub, "/exam/")
    page = _parse(r.text)
    assert all(ident and ident in page.labels_for for ident, _ in page.inputs)
    assert page.urls and all(u.startswith("/") and not u.startswith("//") for u in page.urls)
    assert "default-src 'self'" in r.headers["content-security-policy"]
    for asset in ("/exam/exam.js", "/exam/exam.css"):
        body = exam_get(stub, asset).text
        assert not re.search(r"https?://", body), asset
        assert requests.get(stub.url + asset, timeout=10).status_code == 403


def test_autosave_submit_and_quit_page(stub: Stub) -> None:
    attempt = re.search(r'data-attempt="([0-9a-f]{32})"', exam_get(stub, "/exam/").text)
    assert attempt
    key = native_key(stub)

    def post(path: str, body: object) -> requests.Response:
        url = stub.url + path
        return requests.post(url, json=body, headers={CONFIG_HEADER: config_key_hash(url, key)}, timeout=10)

    answers = {"attempt": attempt.group(1), "answers": {"q1": "b", "q2": ["2", "7"], "q4": "Rayleigh."}}
    assert post("/exam/api/save", answers).status_code == 200
    assert requests.post(stub.url + "/exam/api/save", json=answers, timeout=10).status_code == 403
    assert post("/exam/api/save", {**answers, "extra": 1}).status_code == 400
    assert post("/exam/api/submit", answers).json() == {"saved": True, "submitted": True}
    assert post("/exam/api/save", answers).status_code == 409
    done = exam_get(stub, "/exam/done", headers={"Accept-Language": "fr"})
    assert done.status_code == 200 and "Examen terminé" in done.text


def test_exam_script_autosaves_periodically_and_on_change(stub: Stub) -> None:
    js = exam_get(stub, "/exam/exam.js").text
    assert "setInterval(save, 5000)" in js
    assert 'addEventListener("input", changed)' in js
    assert '"/exam/api/save"' in js and '"/exam/api/submit"' in js and '"/exam/done"' in js
