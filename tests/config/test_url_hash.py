"""The URL the key hashes are made with: exactly as the browser requested it, fragment removed only.

Expected values are plain hashlib over the literal strings, as Moodle computes them:
hash('sha256', $url . $key), with $url the request target as sent (its $FULLME, in which `"` and `'`
are written %22 and %27) for the headers, and `window.location.href` for the JavaScript API.
"""

from __future__ import annotations

import hashlib
import re

import pytest

from lockdown import __version__
from lockdown.sebkeys.bek import request_hash
from lockdown.sebkeys.configkey import config_key_hash
from lockdown.sebkeys.jsapi import SebKeys, api_script, app_version
from lockdown.urls.transport import without_fragment

CK = "4fa9af8ec8759eb7c680752ef4ee5eaf1a860628608fccae2715d519849f9292"
BEK = "b" * 64
BASE = "https://moodle.example.org"

# (URL as requested, the string hashed)
CASES = [
    (BASE + "/mod/quiz/view.php?id=7", BASE + "/mod/quiz/view.php?id=7"),
    (BASE + "/a%2Fb%20c%C3%A9?x=%2F%20%C3%A9", BASE + "/a%2Fb%20c%C3%A9?x=%2F%20%C3%A9"),
    (BASE + "/a%2fb%c3%a9?q=%41", BASE + "/a%2fb%c3%a9?q=%41"),   # never decoded nor re-cased
    (BASE + "/search?q=a+b&r=c%2Bd", BASE + "/search?q=a+b&r=c%2Bd"),
    (BASE + "/p?", BASE + "/p?"),                                  # an empty query stays
    (BASE + "/p?#", BASE + "/p?"),
    (BASE + "/p#section-2", BASE + "/p"),
    (BASE + "/p?x=1#a#b", BASE + "/p?x=1"),
    (BASE + "/p;a=b?a=b=c&&", BASE + "/p;a=b?a=b=c&&"),
]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(("url", "hashed"), CASES)
def test_the_url_is_hashed_as_requested_with_only_the_fragment_removed(url: str, hashed: str) -> None:
    assert without_fragment(url) == hashed
    assert config_key_hash(url, CK) == sha(hashed + CK)
    assert request_hash(url, BEK) == sha(hashed + BEK)
    headers = SebKeys(CK, BEK).headers(url)
    assert headers == {"X-SafeExamBrowser-ConfigKeyHash": sha(hashed + CK),
                       "X-SafeExamBrowser-RequestHash": sha(hashed + BEK)}


def test_headers_write_quotes_as_moodles_fullme_does_but_the_javascript_api_does_not() -> None:
    url = BASE + "/pluginfile.php/l'examen/\"x\"?q='1'"
    fullme = BASE + "/pluginfile.php/l%27examen/%22x%22?q=%271%27"
    headers = SebKeys(CK, BEK).headers(url)
    assert headers["X-SafeExamBrowser-ConfigKeyHash"] == sha(fullme + CK)
    assert headers["X-SafeExamBrowser-RequestHash"] == sha(fullme + BEK)
    assert SebKeys(CK, BEK).for_url(url) == (sha(url + CK), sha(url + BEK))


def test_the_page_script_is_bound_to_its_url_and_carries_hashes_not_keys() -> None:
    url = BASE + "/p?"
    script = api_script(SebKeys(CK, BEK), url + "#frag")
    assert sha(url + CK) in script and sha(url + BEK) in script
    assert '"url": "' + url + '"' in script
    assert CK not in script and BEK not in script


@pytest.mark.parametrize(("os_name", "system"), [("linux", "Linux"), ("windows", "Windows"),
                                                ("macos", "macOS")])
def test_version_has_sebs_five_parts(os_name: str, system: str) -> None:
    # SEB: appDisplayName_<OS>_versionString_buildNumber_bundleID,
    # e.g. SEB_Windows_3.10.2_920_org.safeexambrowser.SafeExamBrowser
    version = app_version("3f2a9c01d4e5", os_name)  # type: ignore[arg-type]
    assert version == f"lockdown_{system}_{__version__}_3f2a9c01d4e5_lockdown"
    assert len(version.split("_")) == 5
    assert re.fullmatch(r"[^_]+_(Linux|Windows|macOS)_\d+\.\d+\.\d+_[^_]+_[^_]+", version)
    assert app_version("", os_name).split("_")[3] == "dev"  # type: ignore[arg-type]
