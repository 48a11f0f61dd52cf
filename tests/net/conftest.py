"""The client tests run against the real stub (a subprocess on loopback), with proxies in between."""

from tests.support.stub import stub

__all__ = ["stub"]
