"""Fuzz every endpoint of the stub from its own OpenAPI description: no input may cause a 5xx.

Valid and invalid inputs (schemathesis' positive and negative modes), with a real session token or
the admin token where the endpoint needs one, so the fuzzing reaches the code behind the checks.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings

from server_stub.app import StubSettings, create_app
from tests.server.helpers import open_session
from tests.support.stub import Stub, start_stub


@pytest.fixture(scope="module")
def fuzz_stub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stub]:
    s = start_stub(tmp_path_factory.mktemp("fuzz"))
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="module")
def session_token(fuzz_stub: Stub) -> str:
    return open_session(fuzz_stub)


# The description the running stub serves at /openapi.json, built by the same code at import time
# (schemathesis' lazy fixture loader does not work with this pytest).
schema = schemathesis.openapi.from_dict(
    create_app(StubSettings(base_url="http://127.0.0.1", admin_token="unused-" * 3)).openapi())


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_server_fail(case: schemathesis.Case, fuzz_stub: Stub, session_token: str) -> None:
    served = requests.get(fuzz_stub.url + "/openapi.json", timeout=10).json()
    assert served["paths"].keys() == schema.raw_schema["paths"].keys()
    path = case.operation.path
    headers = dict(case.headers or {})
    if not any(k.lower() == "authorization" for k in headers):
        admin = path.startswith(("/admin", "/api/admin"))
        headers["Authorization"] = f"Bearer {fuzz_stub.admin_token if admin else session_token}"
    try:
        response = case.call(base_url=fuzz_stub.url, headers=headers, timeout=10)
    except requests.exceptions.InvalidHeader:
        return  # the generated header cannot even be sent
    status = response.status_code
    assert status < 500, f"{case.method} {path}: {status} {response.content[:300]!r}"
    assert b"Traceback" not in response.content
