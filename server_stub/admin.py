"""Admin access: token check (Bearer, or Basic for a browser), and the compatibility matrix views."""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import hmac
import io
import re
from html import escape
from typing import Any

from lockdown.privacy import CHECK_STATUSES


def admin_identity(authorization: str | None, admin_token: str) -> str | None:
    """Who is asking, for the access log, or None when the credentials are missing or wrong.

    `Bearer <token>` is for scripts; `Basic` (any user name, the token as password) lets an admin
    open the matrix page in a browser. The log names the Basic user, or a fingerprint of the token.
    """
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer":
        if hmac.compare_digest(value.encode(), admin_token.encode()):
            return "token:" + hashlib.sha256(value.encode()).hexdigest()[:8]
        return None
    if scheme.lower() == "basic":
        try:
            user, _, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        if hmac.compare_digest(password.encode(), admin_token.encode()):
            return "user:" + (re.sub(r"[^A-Za-z0-9._@-]", "_", user)[:64] or "admin")
        return None
    return None


Counts = list[tuple[str, str, str, str, int]]


def matrix(counts: Counts, totals: dict[tuple[str, str], int]) -> dict[str, Any]:
    """OS family and version by check, with pass/warn/fail counts."""
    checks = sorted({c[2] for c in counts})
    rows: dict[tuple[str, str], dict[str, dict[str, int]]] = {key: {} for key in sorted(totals)}
    for family, version, check, status, n in counts:
        cell = rows.setdefault((family, version), {}).setdefault(check, dict.fromkeys(CHECK_STATUSES, 0))
        cell[status] = n
    return {
        "checks": checks,
        "rows": [{"os_family": f, "os_version": v, "reports": totals.get((f, v), 0), "checks": cells}
                 for (f, v), cells in rows.items()],
    }


def matrix_csv(data: dict[str, Any]) -> str:
    """One line per OS and check (long form, ready for a spreadsheet's pivot table)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["os_family", "os_version", "reports", "check", *CHECK_STATUSES])
    for row in data["rows"]:
        for check in data["checks"]:
            cell = row["checks"].get(check, dict.fromkeys(CHECK_STATUSES, 0))
            w.writerow([row["os_family"], row["os_version"], row["reports"], check,
                        *(cell[s] for s in CHECK_STATUSES)])
    return out.getvalue()


_SYMBOL = {"pass": "✓", "warn": "!", "fail": "✗"}


def matrix_html(data: dict[str, Any]) -> str:
    """A plain, accessible table: the symbols are decoration, each cell also says its counts in words."""
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in data["checks"])
    body = []
    for row in data["rows"]:
        cells = []
        for check in data["checks"]:
            cell = row["checks"].get(check)
            if cell is None:
                cells.append("<td>–</td>")
                continue
            worst = next((s for s in ("fail", "warn", "pass") if cell[s]), "pass")
            parts = " ".join(
                f'<span class="{s}"><span aria-hidden="true">{_SYMBOL[s]}</span> {s} {cell[s]}</span>'
                for s in CHECK_STATUSES if cell[s])
            cells.append(f'<td class="{worst}">{parts}</td>')
        body.append(f'<tr><th scope="row">{escape(row["os_family"])} {escape(row["os_version"])}</th>'
                    f'<td>{row["reports"]}</td>{"".join(cells)}</tr>')
    rows = "\n".join(body) or f'<tr><td colspan="{len(data["checks"]) + 2}">No reports yet.</td></tr>'
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>lockdown compatibility matrix</title>
<style>
body {{ font-family: sans-serif; margin: 1.5rem; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #999; padding: 0.3rem 0.6rem; text-align: left; }}
td.fail {{ background: #f6d5d5; }} td.warn {{ background: #fbefc9; }} td.pass {{ background: #d9f0d9; }}
</style></head>
<body>
<h1>Compatibility matrix</h1>
<p>Reports sent with <code>lockdown check --report</code>, by operating system and check.
Also as <a href="/admin/matrix.json">JSON</a> and <a href="/admin/matrix.csv">CSV</a>.</p>
<table>
<caption>Counts of pass, warn and fail per system and check</caption>
<thead><tr><th scope="col">System</th><th scope="col">Reports</th>{head}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""
