"""Small helpers shared by the server tests."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from lockdown.sebkeys.configkey import config_key, config_key_hash
from tests.support.stub import HARNESS, Stub

CONFIG_HEADER = "X-SafeExamBrowser-ConfigKeyHash"


def native_key(stub: Stub) -> str:
    return config_key(requests.get(stub.url + "/exam/config.json", headers=HARNESS, timeout=10).json())


def exam_get(stub: Stub, path: str, key: str | None = None, **kw: Any) -> requests.Response:
    """GET an exam page as lockdown would, with the Config Key hash of the full URL."""
    url = stub.url + path
    headers = {CONFIG_HEADER: config_key_hash(url, key or native_key(stub)), **kw.pop("headers", {})}
    return requests.get(url, headers=headers, timeout=10, **kw)


def open_session(stub: Stub) -> str:
    r = requests.post(stub.url + "/api/session", json={"config_key": native_key(stub)}, timeout=10)
    assert r.status_code == 201, r.text
    token: str = r.json()["token"]
    return token


def new_event(type_: str = "focus_lost", t: int = 12) -> dict[str, Any]:
    return {"event_id": str(uuid.uuid4()), "type": type_, "t": t}


def post_event(stub: Stub, token: str, body: Any) -> requests.Response:
    return requests.post(stub.url + "/api/events", json=body, headers={"Authorization": f"Bearer {token}"},
                         timeout=10)
