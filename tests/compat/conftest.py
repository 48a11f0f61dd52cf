"""The real server stub for the report round trip and the privacy test."""

from tests.support.stub import stub

__all__ = ["stub"]
