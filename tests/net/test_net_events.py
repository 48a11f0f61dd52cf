"""An event of the exam through the real dispatcher and client to the real stub: its type, no name."""

from __future__ import annotations

import json
from pathlib import Path

from lockdown.app import ExamServer, exam_keys
from lockdown.config.model import ExamConfig
from lockdown.guard.events import Event, EventDispatcher, ProhibitedAppClosed
from lockdown.integrity.selfcheck import SelfCheckResult
from tests.net.clients import make_client
from tests.support.privacy_check import assert_requests_private
from tests.support.stub import Stub

NAME = "zqxvprivatetool"


def test_a_closed_program_reaches_the_server_as_its_type_and_the_student_by_name(
        stub: Stub, tmp_path: Path) -> None:
    config = ExamConfig(source="t", format="native", start_url=stub.url + "/exam/")
    server = ExamServer(config, exam_keys(config, SelfCheckResult("valid", [], "d" * 64)))
    server.client = make_client(stub, tmp_path)
    shown: list[Event] = []
    dispatch = EventDispatcher(server=server, student=shown.append)
    server.client.open_session()
    server.start()
    dispatch(ProhibitedAppClosed(NAME))
    assert server.client.flush(10)
    server.revert()  # the session ends

    assert shown == [ProhibitedAppClosed(NAME)]
    recorded = stub.requests()
    sent = [json.loads(r["body"]) for r in recorded if r["path"] == "/api/events"]
    assert [e["type"] for e in sent] == ["prohibited_app_closed"]
    assert set(sent[0]) == {"event_id", "type", "t"}
    assert not any(NAME in json.dumps(r) for r in recorded)
    assert_requests_private(recorded, extra_secrets=[NAME])
