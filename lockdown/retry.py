"""Retry delays for a page that could not load: quick at first, then every half minute at most."""

from __future__ import annotations


class Backoff:
    """Doubling delays from `first` to `longest` seconds; `reset()` after a success."""

    def __init__(self, first: float = 1.0, longest: float = 30.0) -> None:
        self.first = first
        self.longest = longest
        self._next = first

    def next_delay(self) -> float:
        """The delay before the next try; each call doubles the following one, up to `longest`."""
        delay = self._next
        self._next = min(self._next * 2, self.longest)
        return delay

    def reset(self) -> None:
        self._next = self.first
