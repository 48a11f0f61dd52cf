"""The server tests run against the real stub (a subprocess on loopback)."""

from collections.abc import Iterator

import pytest

from tests.support.stub import Stub, start_stub, stub


@pytest.fixture(scope="module")
def shared_stub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stub]:
    """One stub for a module's many small, independent requests (rejections, parametrized cases)."""
    s = start_stub(tmp_path_factory.mktemp("shared"))
    try:
        yield s
    finally:
        s.stop()


__all__ = ["shared_stub", "stub"]
