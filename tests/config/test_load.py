"""load_config: files, a real HTTP server on loopback, and the transport rule (no network needed)."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lockdown.config import load_config
from lockdown.config.loader import MAX_CONFIG_BYTES
from lockdown.errors import ConfigError, SignInRequired
from lockdown.sebkeys.configkey import config_key
from tests.config.helpers import MOODLE_KEY, MOODLE_SEB, native

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, headers, body = ROUTES.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 in a thread; ROUTES says what each path answers."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    ROUTES.clear()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_loads_a_seb_file_from_a_path() -> None:
    config = load_config(str(MOODLE_SEB))
    assert config.source == str(MOODLE_SEB) and config_key(config.settings) == MOODLE_KEY


def test_loads_a_file_url() -> None:
    assert config_key(load_config(MOODLE_SEB.as_uri()).settings) == MOODLE_KEY


def test_a_file_url_is_percent_decoded_as_a_file_manager_writes_it(tmp_path: Path) -> None:
    copy = tmp_path / "my exam é.seb"
    copy.write_bytes(MOODLE_SEB.read_bytes())
    url = "file://" + str(tmp_path).replace(" ", "%20") + "/my%20exam%20%C3%A9.seb"  # RFC 8089, UTF-8
    assert config_key(load_config(url).settings) == MOODLE_KEY
    assert config_key(load_config(url.replace("file://", "file://localhost")).settings) == MOODLE_KEY
    with pytest.raises(ConfigError, match="must name a file on this computer"):
        load_config("file://server.example.org/share/exam.seb")


def test_loads_native_json_and_compressed_seb_over_loopback_http(server: str) -> None:
    ROUTES["/exam/config.json"] = (200, {"Content-Type": "application/json"}, json.dumps(native()).encode())
    ROUTES["/exam/config.seb"] = (200, {}, gzip.compress(b"plnd" + gzip.compress(MOODLE_SEB.read_bytes())))
    config = load_config(server + "/exam/config.json")
    assert config.format == "native" and config.source == server + "/exam/config.json"
    assert config_key(load_config(server + "/exam/config.seb").settings) == MOODLE_KEY


def test_seb_scheme_links_map_to_http(server: str) -> None:
    ROUTES["/quiz.seb"] = (200, {}, MOODLE_SEB.read_bytes())
    assert config_key(load_config(server.replace("http://", "seb://") + "/quiz.seb").settings) == MOODLE_KEY


def test_follows_a_redirect_on_loopback(server: str) -> None:
    ROUTES["/old"] = (302, {"Location": "/exam/config.json"}, b"")
    ROUTES["/exam/config.json"] = (200, {}, json.dumps(native()).encode())
    assert load_config(server + "/old").format == "native"


def test_refuses_a_redirect_to_plain_http_off_loopback(server: str) -> None:
    ROUTES["/old"] = (302, {"Location": "http://exam.example.org/config.json"}, b"")
    with pytest.raises(ConfigError, match=r"redirected to http://exam\.example\.org/\S+: plain http"):
        load_config(server + "/old")


def test_refuses_endless_redirects(server: str) -> None:
    ROUTES["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(ConfigError, match="more than 5 redirects"):
        load_config(server + "/loop")


@pytest.mark.parametrize("url", ["http://exam.example.org/config.seb", "http://10.0.0.1/c.json",
                                 "http://127.0.0.1.nip.io/c.json", "sebs://"])
def test_refuses_plain_http_to_a_non_loopback_host_without_connecting(url: str) -> None:
    with pytest.raises(ConfigError, match=r"plain http://|not a valid URL"):
        load_config(url)


def test_http_errors_and_oversized_answers_are_one_config_error(server: str) -> None:
    ROUTES["/big"] = (200, {}, b"{" + b" " * MAX_CONFIG_BYTES)
    with pytest.raises(ConfigError, match="the server answered HTTP 404"):
        load_config(server + "/missing")
    with pytest.raises(ConfigError, match="larger than 8 MiB"):
        load_config(server + "/big")


def test_an_html_login_page_asks_for_the_sign_in_step(server: str) -> None:
    page = b"<!doctype html><html><body>Log in</body></html>"
    ROUTES["/login"] = (200, {"Content-Type": "text/html; charset=utf-8"}, page)
    with pytest.raises(SignInRequired, match="answered with a web page") as raised:
        load_config(server + "/login")
    assert raised.value.url == server + "/login"


def test_moodle_config_php_without_a_session_redirects_to_its_login_page(server: str) -> None:
    """Moodle answers a stranger with a redirect to /login/index.php, which is an HTML page."""
    config_php = "/mod/quiz/accessrule/seb/config.php?cmid=7"
    ROUTES[config_php] = (303, {"Location": "/login/index.php"}, b"")
    ROUTES["/login/index.php"] = (200, {"Content-Type": "text/html"}, b"<html>login</html>")
    link = server.replace("http://", "seb://") + config_php
    with pytest.raises(SignInRequired) as raised:
        load_config(link)
    assert raised.value.url == server + config_php  # the configuration's own URL, over http


@pytest.mark.parametrize("status", [401, 403])
def test_unauthorised_answers_ask_for_the_sign_in_step(server: str, status: int) -> None:
    ROUTES["/c.seb"] = (status, {}, b"")
    with pytest.raises(SignInRequired, match=f"sign in first \\(HTTP {status}\\)"):
        load_config(server + "/c.seb")


def test_connection_refused_is_one_config_error() -> None:
    with pytest.raises(ConfigError, match="could not download the configuration"):
        load_config("http://127.0.0.1:9/config.json")


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_config(str(tmp_path / "missing.seb"))
    with pytest.raises(ConfigError, match="is a directory"):
        load_config(str(tmp_path))
    with pytest.raises(ConfigError, match="cannot load ftp:// URLs"):
        load_config("ftp://exam.example.org/c.seb")
