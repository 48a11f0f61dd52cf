"""`python -m server_stub`: bind, print the URL on the first stdout line, then serve until stopped."""

from __future__ import annotations

import argparse
import logging
import secrets
import socket
import sys
from pathlib import Path

import uvicorn

from server_stub.app import StubSettings, create_app
from server_stub.configs import DemoAllowances


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m server_stub", description=__doc__)
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
    return p.parse_args(argv)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    if not 0 <= args.port <= 65535 or args.retention_days <= 0:
        print("server_stub: --port must be 0-65535 and --retention-days positive", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="server_stub: %(message)s")
    try:
        sock = _bind(args.host, args.port)
    except OSError as exc:
        print(f"server_stub: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    base = f"http://{shown_host}:{port}"
    token = args.admin_token or secrets.token_urlsafe(24)
    settings = StubSettings(base_url=base, admin_token=token, db=args.db, release_dir=args.release_dir,
                            retention_days=args.retention_days, record=args.record,
                            allow=DemoAllowances(args.allow_unverified_build, args.allow_virtual_machine))
    try:
        app = create_app(settings)
    except Exception as exc:  # e.g. an unreadable --db: one line, not a traceback
        print(f"server_stub: cannot start: {exc}", file=sys.stderr)
        return 2
    print(f"lockdown server stub listening on {base}", flush=True)
    if not args.admin_token:
        print(f"admin token: {token}", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=2)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
