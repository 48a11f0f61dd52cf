"""SEB's browser settings in the real kiosk (Qt offscreen, pages over loopback), through the
front end as `lockdown run` builds it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from lockdown.config.model import ExamConfig, UrlFilter, UrlRule
from lockdown.config.sebfile import dump_seb
from lockdown.platform.fake import FakeBackend
from lockdown.taskbar import ExamTools
from lockdown.ui.frontend import QtFrontend
from lockdown.ui.kiosk import KioskWindow
from tests.ui.kiosk_helpers import KEYS, exam_config

pytestmark = pytest.mark.timeout(300)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def frontend() -> Iterator[list[QtFrontend]]:
    made: list[QtFrontend] = []
    yield made
    for f in made:
        f.close()


def open_exam(qtbot: Any, made: list[QtFrontend], config: ExamConfig) -> KioskWindow:
    ui = QtFrontend(config, "en")
    made.append(ui)
    ui.open_kiosk(KEYS, ExamTools(FakeBackend(), config))
    kiosk = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible())
    return kiosk


@pytest.mark.parametrize(("content_filter", "loads"), [(True, False), (False, True)])
def test_embedded_content_follows_the_content_filter(qtbot, serve, frontend, content_filter, loads) -> None:  # type: ignore[no-untyped-def]
    exam, cdn = serve(), serve()
    cdn.add("/pic.png", "")
    exam.add("/", f"<!doctype html><title>Exam</title><img src='{cdn.url}/pic.png'>"
                  f"<a id='away' href='{cdn.url}/pic.png'>away</a>")
    rules = (UrlRule("allow", exam.url.removeprefix("http://") + "/*"),)
    config = exam_config(exam.url + "/", url_filter=UrlFilter(enabled=True, rules=rules,
                                                              content_filter=content_filter))
    kiosk = open_exam(qtbot, frontend, config)
    qtbot.waitUntil(lambda: "/" in exam.paths(), timeout=20000)
    if loads:
        qtbot.waitUntil(lambda: "/pic.png" in cdn.paths(), timeout=20000)
    else:
        qtbot.wait(1500)
        assert cdn.paths() == []
    assert kiosk.page.url().toString() == exam.url + "/"


CONVERT = Path("/usr/lib/qt6/libexec/qwebengine_convert_dict")
HUNSPELL = Path("/usr/share/hunspell")
CHILD = Path(__file__).with_name("spell_child.py")


@pytest.fixture(scope="module")
def dictionaries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """French and English dictionaries made from the system's Hunspell ones with Qt's converter,
    as tools/make_dictionaries.py makes them for the build."""
    if not CONVERT.exists() or not (HUNSPELL / "fr_FR.dic").exists() or not (HUNSPELL / "en_US.dic").exists():
        pytest.fail("needs qt6-webengine-dev-tools, hunspell-fr and hunspell-en-us (apt-get install ...)")
    folder = tmp_path_factory.mktemp("dictionaries")
    for source, name in (("fr_FR", "fr-FR"), ("en_US", "en-US")):
        subprocess.run([str(CONVERT), str(HUNSPELL / f"{source}.dic"), str(folder / f"{name}.bdic")],
                       check=True, capture_output=True, timeout=120)
    return folder


@pytest.mark.parametrize(("lang", "typed", "word", "fixed"), [
    ("fr", "Bonjour le", "mondde", "monde"), ("en", "Hello", "wrold", "world")])
def test_spell_checking_in_the_exams_language(serve, tmp_path, dictionaries, lang, typed, word,  # type: ignore[no-untyped-def]
                                              fixed) -> None:
    site = serve()
    site.add("/", f"<!doctype html><title>Exam</title><div id='t' contenteditable spellcheck='true' "
                  f"style='font-size:30px'>{typed} <span id='w'>{word}</span> </div>")
    for allowed in (True, False):
        config = tmp_path / f"exam-{allowed}.seb"
        config.write_bytes(dump_seb({"startURL": site.url + "/", "allowSpellCheck": allowed,
                                     "lockdownLanguage": lang, "lockdownAllowUnverifiedBuild": True}))
        env = dict(os.environ, QTWEBENGINE_DICTIONARIES_PATH=str(dictionaries), PYTHONPATH=str(REPO))
        done = subprocess.run([sys.executable, str(CHILD), str(config), fixed], capture_output=True,
                              text=True, timeout=120, env=env, cwd=REPO)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        assert lines, done.stderr[-2000:]
        said = json.loads(lines[-1])
        if allowed:
            assert said["misspelled"] == word
            assert fixed in said["suggestions"]
            assert said["panel"] == said["suggestions"][:6]  # the dictionary's, nothing of Chromium's menu
            assert said["text"] == f"{typed} {fixed} "  # chosen in the panel: the word is replaced
        else:
            assert said["misspelled"] == "" and said["panel"] is None
            assert said["text"] == f"{typed} {word} "
