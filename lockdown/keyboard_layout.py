"""The keyboard layout the student had, put back at the end of the exam.

An Operation. The taskbar's layout button switches among the layouts the student already has;
the system keeps the switch after lockdown is gone (on X11 the layout in use is the X server's,
for every program of the session). So the layout in use is noted when the exam starts, when the
button is shown, and selected again at the end if the student changed it. Nothing is read or
written when the button is not shown; a layout list that changed meanwhile (the student's own
settings) is left as it is, since its numbers no longer name the same layouts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from lockdown.platform.base import KeyboardLayouts

log = logging.getLogger(__name__)


class LayoutAtStart:
    """Operation `keyboard_layout`; `layouts` is asked when performed (the taskbar exists by then)."""

    name = "keyboard_layout"

    def __init__(self, button_shown: bool, layouts: Callable[[], KeyboardLayouts | None]) -> None:
        self._shown = button_shown
        self._layouts = layouts
        self._before: tuple[tuple[str, ...], int] | None = None
        self._used: KeyboardLayouts | None = None

    def perform(self) -> None:
        if not self._shown:
            return
        layouts = self._layouts()
        if layouts is None:
            return
        try:
            self._before = (layouts.layouts(), layouts.current())
        except OSError as exc:
            log.warning("the keyboard layout in use cannot be read, so it will not be put back: %s", exc)
            return
        self._used = layouts

    def revert(self) -> None:
        layouts, before = self._used, self._before
        self._used = self._before = None
        if layouts is None or before is None:
            return
        names, index = before
        if layouts.layouts() != names:
            log.info("the keyboard layouts changed during the exam: the one in use is left as it is")
            return
        if layouts.current() != index:
            layouts.select(index)
