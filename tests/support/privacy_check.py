"""Check recorded requests against the privacy manifest and against this machine's personal data.

    from tests.support.privacy_check import assert_requests_private
    assert_requests_private(stub.requests())

For lockdown's own API (/api/...) every body field must be in the manifest message of its endpoint
(checked with `privacy.build_payload`, values included). Every header must be in the manifest's
`request_headers` or a plain transport header (Host, Accept...). The exam page's own traffic
(/exam/...: answers the student types) is the exam platform's business, not lockdown's: its fields
are not checked against the manifest, but no request at all may contain the user name, host name,
home folder, a MAC address, the machine id, a running process's name or a window title.
Admin reads (/admin/..., /api/admin/...) and requests carrying the test harness's User-Agent
(`HARNESS_USER_AGENT`, sent by tests/support/stub.py and test helpers) are the test's own traffic
and are skipped.
"""

from __future__ import annotations

import base64
import getpass
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import psutil

from lockdown import privacy

TRANSPORT_HEADERS = frozenset({
    "host", "accept", "accept-encoding", "accept-language", "connection", "content-type", "content-length",
    "cache-control", "pragma", "origin", "referer", "upgrade-insecure-requests", "priority",
    "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "sec-fetch-user",
    "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform",
})
"""Headers any HTTP client sends that carry nothing about the person or the machine's identity."""

SESSION_AUTH = re.compile(r"Bearer [A-Za-z0-9_-]{16,128}")
"""The pseudonymous session token the server itself issued (manifest message `session`)."""

API_BODIES: Mapping[tuple[str, str], str] = {
    ("POST", "/api/session"): "session",
    ("POST", "/api/events"): "event",
    ("POST", "/api/compat-reports"): "compat_report",
}
API_QUERIES: Mapping[str, re.Pattern[str]] = {"/api/download": re.compile(r"bytes=[0-9]{1,9}")}

SUBSTRING_MIN = 5

HARNESS_USER_AGENT = "lockdown-test-harness"

OWN_NAMES = frozenset({"lockdown", "lockdown-install", "lockdown-uninstall"})
"""lockdown's own name and version travel in the User-Agent, as the manifest says."""


def _user_names() -> set[str]:
    names = {getpass.getuser(), os.environ.get("USER", ""), os.environ.get("LOGNAME", ""),
             os.environ.get("SUDO_USER", "")}
    entry = pwd.getpwuid(os.getuid())
    names.add(entry.pw_name)
    names.update(part for part in re.split(r"[,\s]+", entry.pw_gecos) if part)
    return names


def _host_names() -> set[str]:
    names = {socket.gethostname(), socket.getfqdn()}
    names |= {n.split(".")[0] for n in list(names)}
    return names - {"localhost", "localhost.localdomain"}


def _macs() -> set[str]:
    found = set()
    for addrs in psutil.net_if_addrs().values():
        for a in addrs:
            if a.family == psutil.AF_LINK and a.address and a.address.strip("0:-"):
                found.add(a.address)
    node = uuid.getnode()
    found.add(":".join(f"{(node >> s) & 0xFF:02x}" for s in range(40, -1, -8)))
    forms = set()
    for mac in found:
        digits = re.sub(r"[^0-9a-fA-F]", "", mac)
        pairs = [digits[i:i + 2] for i in range(0, len(digits), 2)]
        forms |= {digits, ":".join(pairs), "-".join(pairs)}
    return forms


def _machine_ids() -> set[str]:
    ids = set()
    for p in (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id")):
        try:
            ids.add(p.read_text().strip())
        except OSError:
            pass
    return ids


def _process_names() -> set[str]:
    names = set()
    for proc in psutil.process_iter(["name"]):
        name = proc.info.get("name") or ""
        if len(name) >= 4 and name.lower() not in OWN_NAMES:
            names.add(name)
    return names


def window_titles() -> set[str]:
    """Titles of the X windows on $DISPLAY (empty without a display or xdotool)."""
    if not os.environ.get("DISPLAY") or not shutil.which("xdotool"):
        return set()
    ids = subprocess.run(["xdotool", "search", "--name", "."], capture_output=True, text=True,
                         timeout=10).stdout.split()
    titles = set()
    for wid in ids:
        r = subprocess.run(["xdotool", "getwindowname", wid], capture_output=True, text=True, timeout=10)
        title = r.stdout.strip()
        if len(title) >= 4 and title.lower() not in OWN_NAMES:
            titles.add(title)
    return titles


def personal_data(extra: Iterable[str] = ()) -> dict[str, set[str]]:
    """What must never leave this machine, by kind (empty and one-character values are left out)."""
    data = {
        "user name": _user_names(),
        "host name": _host_names(),
        "home folder": {str(Path.home()), os.environ.get("HOME", "")},
        "MAC address": _macs(),
        "machine id": _machine_ids(),
        "window title": window_titles(),
        "extra": set(extra),
    }
    return {kind: {v for v in values if len(v) >= 2} for kind, values in data.items()}


def _texts(req: Mapping[str, Any]) -> list[str]:
    texts = [req["method"], req["path"], unquote(req["path"])]
    texts += [f"{name}: {value}" for name, value in req["headers"]]
    if req.get("body"):
        texts.append(req["body"])
    if req.get("body_base64"):
        texts.append(base64.b64decode(req["body_base64"]).decode("latin-1"))
    return texts


def _check_api(req: Mapping[str, Any], path: str, query: str) -> list[str]:
    problems = []
    message = API_BODIES.get((req["method"], path))
    body = req.get("body") or ""
    if message is not None:
        try:
            data = json.loads(body)
            if not isinstance(data, dict):
                raise ValueError("not an object")
            privacy.build_payload(message, data)
        except (ValueError, privacy.PrivacyViolation) as exc:
            problems.append(f"body not allowed by manifest message {message!r}: {exc}")
    elif body or req.get("body_base64"):
        problems.append("a body where the manifest allows none")
    allowed_query = API_QUERIES.get(path)
    if query and not (allowed_query and allowed_query.fullmatch(query)):
        problems.append(f"query string {query!r} not allowed")
    return problems


def _check_headers(req: Mapping[str, Any]) -> list[str]:
    manifest = {f.name.lower(): f for f in privacy.message("request_headers").fields}
    problems = []
    for name, value in req["headers"]:
        key = name.lower()
        if key in manifest:
            if not manifest[key].accepts(value):
                problems.append(f"header {name} value not allowed by the manifest")
        elif key == "authorization":
            if not SESSION_AUTH.fullmatch(value):
                problems.append("Authorization header is not a session token")
        elif key not in TRANSPORT_HEADERS:
            problems.append(f"header {name!r} is not in the privacy manifest")
    return problems


def request_problems(req: Mapping[str, Any], secrets: Mapping[str, set[str]],
                     process_names: set[str]) -> list[str]:
    """Everything wrong with one recorded request (empty when it is private)."""
    parts = urlsplit(req["path"])
    problems = _check_headers(req)
    if parts.path.startswith("/api/"):
        problems += _check_api(req, parts.path, parts.query)
    texts = _texts(req)
    low = "\n".join(texts).lower()
    names = {t.lower() for text in texts for t in re.findall(r"[A-Za-z0-9_.+-]+", text)}
    words = {t.lower() for text in texts for t in re.findall(r"[A-Za-z0-9]+", text)}
    for kind, values in secrets.items():
        for v in values:
            # Short values ("vm", "bob") are matched as whole words, longer ones anywhere.
            if (v.lower() in words) if len(v) < SUBSTRING_MIN else (v.lower() in low):
                problems.append(f"contains the {kind} {v!r}")
    for name in process_names:
        if name.lower() in names:
            problems.append(f"contains the process name {name!r}")
    return problems


def assert_requests_private(requests: Sequence[Mapping[str, Any]], extra_secrets: Iterable[str] = ()) -> None:
    """Fail with the list of problems when any recorded request breaks the privacy rules."""
    assert requests, "no request was recorded: nothing to check"
    secrets = personal_data(extra_secrets)
    procs = _process_names()
    report = []
    for req in requests:
        path = urlsplit(req["path"]).path
        agent = next((v for k, v in req["headers"] if k.lower() == "user-agent"), None)
        if path.startswith(("/admin/", "/api/admin/")) or agent == HARNESS_USER_AGENT:
            continue
        for p in request_problems(req, secrets, procs):
            report.append(f"{req['method']} {req['path']}: {p}")
    assert not report, "requests break the privacy rules:\n" + "\n".join(report)
