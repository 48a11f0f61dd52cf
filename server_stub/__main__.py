"""`python -m server_stub`: bind, print the URL on the first stdout line, then serve until stopped."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import re
import secrets
import socket
import sys
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

from server_stub.app import StubSettings, create_app
from server_stub.configs import DemoAllowances
from server_stub.idp import TEST_ACCOUNTS, ByPort, Tickets, create_idp_app
from server_stub.middleware import BodyGate, Recorder
from server_stub.moodle import MoodleOptions

_ACCOUNT = next(iter(TEST_ACCOUNTS.items()))
EPILOG = f"""The stub also plays Moodle and its Safe Exam Browser quiz rule (quizaccess_seb), same URL:
  /login/index.php               log in (test account: {_ACCOUNT[0]} / {_ACCOUNT[1]}); cookie MoodleSession
  /login/logout.php?sesskey=S    log out
  /mod/quiz/view.php?id=2        quiz, "Configure manually": checks X-SafeExamBrowser-ConfigKeyHash
  /mod/quiz/view.php?id=3        quiz, "Use SEB client config": checks "SEB" in the User-Agent and,
                                 with --moodle-bek, X-SafeExamBrowser-RequestHash
  /mod/quiz/accessrule/seb/config.php?cmid=2   the quiz's .seb file (login required)
  POST /lib/ajax/service.php?sesskey=S         quizaccess_seb_validate_quiz_keys (SEB's JavaScript route)"""


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m server_stub", description=__doc__, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port; 0 picks a free one (default)")
    p.add_argument("--db", default=":memory:", help="SQLite file for the stub's state (default: in memory)")
    p.add_argument("--admin-token", help="token admins send as 'Authorization: Bearer'; generated if absent")
    p.add_argument("--release-dir", type=Path, help="folder holding manifest.json and manifest.sig")
    p.add_argument("--retention-days", type=float, default=61.0,
                   help="delete stored events after this many days (default 61, about two months)")
    p.add_argument("--record", type=Path, help="append every request received as a JSON line (tests)")
    p.add_argument("--allow-unverified-build", action="store_true",
                   help="let lockdown run from source sit the exam (demo; no signed manifest to check)")
    p.add_argument("--allow-virtual-machine", action="store_true",
                   help="let the exam run in a virtual machine (demo, CI)")
    p.add_argument("--moodle-idp", action="store_true",
                   help="Moodle logs students in through an identity provider on a second loopback host, "
                        "http://localhost:IDP-PORT (single sign-on with one-time tickets, as CAS does); "
                        "its URL is printed on a line 'identity provider listening on URL'")
    p.add_argument("--idp-port", type=int, default=0,
                   help="port of the --moodle-idp identity provider; 0 picks a free one (default)")
    p.add_argument("--moodle-no-autoreconfigure", action="store_true",
                   help="turn off Moodle's 'Auto-configure SEB' (on by default, as in Moodle): SEB arriving "
                        "with a wrong Config Key is then not sent to the seb:// link")
    p.add_argument("--moodle-bek", action="append", default=[], metavar="HEX",
                   help="an allowed Browser Exam Key (64 hex digits) for quiz 3; repeatable")
    return p.parse_args(argv)


def _loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    if not 0 <= args.port <= 65535 or not 0 <= args.idp_port <= 65535 or args.retention_days <= 0:
        print("server_stub: --port and --idp-port must be 0-65535 and --retention-days positive",
              file=sys.stderr)
        return 2
    beks = tuple(k.lower() for k in args.moodle_bek)
    if not all(re.fullmatch(r"[0-9a-f]{64}", k) for k in beks):
        print("server_stub: --moodle-bek must be 64 hexadecimal digits", file=sys.stderr)
        return 2
    if args.moodle_idp and not _loopback(args.host):
        print("server_stub: --moodle-idp serves http://localhost:PORT, so --host must be a loopback address",
              file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="server_stub: %(message)s")
    sockets: list[socket.socket] = []
    for port_wanted, wanted in ((args.port, True), (args.idp_port, args.moodle_idp)):
        if not wanted:
            continue
        try:
            sockets.append(_bind(args.host, port_wanted))
        except OSError as exc:
            print(f"server_stub: cannot listen on {args.host}:{port_wanted}: {exc.strerror}", file=sys.stderr)
            return 2
    port = sockets[0].getsockname()[1]
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    base = f"http://{shown_host}:{port}"
    idp_port = sockets[1].getsockname()[1] if args.moodle_idp else None
    idp_url = f"http://localhost:{idp_port}" if idp_port else None
    token = args.admin_token or secrets.token_urlsafe(24)
    allow = DemoAllowances(args.allow_unverified_build, args.allow_virtual_machine)
    settings = StubSettings(base_url=base, admin_token=token, db=args.db, release_dir=args.release_dir,
                            retention_days=args.retention_days, record=args.record, allow=allow,
                            moodle=MoodleOptions(idp_url=idp_url, allowed_beks=beks, allow=allow,
                                                 autoreconfigure=not args.moodle_no_autoreconfigure))
    tickets = Tickets()
    try:
        app = create_app(settings, tickets)
    except Exception as exc:  # e.g. an unreadable --db: one line, not a traceback
        print(f"server_stub: cannot start: {exc}", file=sys.stderr)
        return 2
    served: ASGIApp = app
    if idp_port:
        idp = create_idp_app(f"{base}/login/index.php", tickets)
        recorder = Recorder(args.record) if args.record else None
        served = ByPort(app, {idp_port: BodyGate(idp, recorder=recorder)})
    print(f"lockdown server stub listening on {base}", flush=True)
    if not args.admin_token:
        print(f"admin token: {token}", flush=True)
    if idp_url:
        print(f"identity provider listening on {idp_url}", flush=True)
    config = uvicorn.Config(served, log_level="warning", access_log=False, timeout_graceful_shutdown=2,
                            interface="asgi3")
    uvicorn.Server(config).run(sockets=sockets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
