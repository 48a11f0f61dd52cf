"""SEB's keys through the real kiosk: headers hashed with the URL Chromium actually requested, and the
JavaScript API in every frame with that frame's own values.

One kiosk run. The loopback servers record each raw request target; the test recomputes every value
with hashlib from what the server saw (Moodle: hash('sha256', $FULLME . $key), $FULLME being the
request target as sent with `"` and `'` as %22 and %27) and from each frame's `location.href`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from lockdown import __version__
from tests.ui.kiosk_helpers import KEYS, allow_also, open_kiosk

pytestmark = pytest.mark.timeout(180)

FRAMES = {  # iframe src as the page writes it -> request target as Chromium sends it
    "/enc%2Fp%20a%C3%A9?x=%2F%20%C3%A9&y=a+b": "/enc%2Fp%20a%C3%A9?x=%2F%20%C3%A9&y=a+b",
    "/empty?": "/empty?",
    "/frag?z=1#part": "/frag?z=1",
    "/it's": "/it's",
    "/raw é ü?q=é": "/raw%20%C3%A9%20%C3%BC?q=%C3%A9",
}
READ = ("JSON.stringify([String(location.href), typeof SafeExamBrowser === 'undefined' ? null :"
        " [SafeExamBrowser.security.configKey, SafeExamBrowser.security.browserExamKey,"
        " SafeExamBrowser.version, SafeExamBrowser.security.appVersion]])")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def frame_values(qtbot: Any, kiosk: Any) -> list[tuple[str, list[str] | None]]:
    """(location.href, API values) of the main frame and every frame below it."""
    frames, out = [kiosk.page.mainFrame()], []
    while frames:
        frame = frames.pop()
        frames.extend(frame.children())
        box: list[str] = []
        frame.runJavaScript(READ, 0, box.append)
        qtbot.waitUntil(lambda b=box: bool(b), timeout=15000)
        href, values = json.loads(box[0])
        out.append((href, values))
    return out


def test_headers_and_every_frames_api_match_the_url_as_requested(qtbot, serve):  # type: ignore[no-untyped-def]
    exam, other = serve(), serve()
    frames = "".join(f'<iframe src="{src}"></iframe>' for src in FRAMES)
    exam.add("/", f'<title>exam</title>{frames}<iframe src="{other.url}/outside?o=1"></iframe>')
    for target in FRAMES.values():
        exam.add(target.split("?")[0], "<title>frame</title><p>frame</p>")
    other.add("/outside", "<title>outside</title>")

    kiosk = open_kiosk(qtbot, allow_also(exam.url + "/", other.url))
    qtbot.waitUntil(lambda: set(FRAMES.values()) <= set(exam.paths()), timeout=30000)

    # Headers: every request to the exam host, checked against the raw target the server received.
    for target, headers in exam.received:
        fullme = exam.url + target.replace('"', "%22").replace("'", "%27")
        assert headers["x-safeexambrowser-configkeyhash"] == sha(fullme + KEYS.config_key), target
        assert headers["x-safeexambrowser-requesthash"] == sha(fullme + KEYS.browser_exam_key), target
    assert not [h for _, hs in other.received for h in hs if h.startswith("x-safeexambrowser")]

    # The JavaScript API: in every frame, with that frame's own URL, fragment removed.
    seen = frame_values(qtbot, kiosk)
    fragments = ["#" + src.partition("#")[2] if "#" in src else "" for src in FRAMES]
    expected_hrefs = [exam.url + "/", other.url + "/outside?o=1",
                      *(exam.url + t + f for t, f in zip(FRAMES.values(), fragments, strict=True))]
    assert sorted(href for href, _ in seen) == sorted(expected_hrefs)
    version = f"lockdown_Linux_{__version__}_dev_lockdown"
    for href, values in seen:
        url = href.split("#")[0]
        expected = [sha(url + KEYS.config_key), sha(url + KEYS.browser_exam_key), version, version]
        assert values == expected, href
