"""The hosts the URL policy can reach, as the browser engine's proxy bypass list.

The request interceptor judges every request it sees; some connections it never sees (a
preconnect, a WebSocket of a worker, WebRTC's TURN over TCP, the DNS look-ups before them). So
the engine is also given a proxy that leads nowhere, bypassed only for the policy's hosts: what
is not for them never leaves the machine and no name outside them is looked up (a SOCKS5 proxy
resolves names itself). Chromium's bypass rules match hosts (with `*`) and ports, not paths:
this layer is coarser than the policy, and the interceptor stays the judge. A regular-expression
allow rule, or one that names no host, can allow any host: then there is no list (None).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from lockdown.config.model import ExamConfig
from lockdown.urls.policy import SimplifiedRule, compile_rule

NOWHERE_PROXY = "socks5://127.0.0.1:9"
"""A privileged port on this machine: an ordinary user cannot listen there, nothing answers."""


def _host_port(host: str, port: int | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}" if port is not None else shown


def _url_host(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
        return _host_port(parts.hostname, parts.port) if parts.hostname else None
    except ValueError:
        return None


def _rule_hosts(rule: SimplifiedRule) -> list[str] | None:
    """Bypass patterns for a wildcard rule's host, as SEB matches it (see SimplifiedRule._host)."""
    host = rule.host_expression
    if not host.strip("*"):
        return None
    if host.startswith("."):
        return [_host_port(host[1:], rule.port)]
    if host.isalnum() or host.startswith("*"):
        return [_host_port(host, rule.port)]
    return [_host_port(host, rule.port), _host_port("*." + host, rule.port)]


def policy_hosts(config: ExamConfig) -> list[str] | None:
    """The bypass patterns for every host the policy may allow, or None when it may allow any."""
    hosts = [h for h in (_url_host(config.start_url), _url_host(config.quit_url or "")) if h]
    if config.url_filter.enabled:
        for rule in config.url_filter.rules:
            if not rule.active or rule.action != "allow":
                continue
            matcher = compile_rule(rule)
            found = _rule_hosts(matcher) if isinstance(matcher, SimplifiedRule) else None
            if found is None:
                return None
            hosts += found
    return list(dict.fromkeys(hosts))


def bypass_list(hosts: list[str]) -> str:
    """Chromium's `--proxy-bypass-list`: without its implicit loopback rule, then `hosts`."""
    return ";".join(["<-loopback>", *hosts])
