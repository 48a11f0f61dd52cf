"""The keyboard layout the student had is put back at the end of the exam, whatever the taskbar's
button chose meanwhile; with the real X server's layouts too."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from lockdown.keyboard_layout import LayoutAtStart
from lockdown.platform.fake import FakeLayouts
from tests.guard.xtools import xkb_group


class Refusing(FakeLayouts):
    def current(self) -> int:
        raise OSError("no keyboard")


def test_the_layout_the_student_chose_during_the_exam_is_undone() -> None:
    layouts = FakeLayouts(("us", "fr", "de"), current=1)
    op = LayoutAtStart(True, lambda: layouts)
    op.perform()
    layouts.select(2)  # the taskbar's button, twice
    layouts.select(0)
    op.revert()
    assert layouts.index == 1 and layouts.selected == [2, 0, 1]


def test_nothing_is_selected_when_the_layout_did_not_change() -> None:
    layouts = FakeLayouts(("us", "fr"), current=1)
    op = LayoutAtStart(True, lambda: layouts)
    op.perform()
    op.revert()
    assert layouts.selected == []


def test_no_button_nothing_read_or_written() -> None:
    asked: list[bool] = []
    op = LayoutAtStart(False, lambda: asked.append(True) or None)  # type: ignore[func-returns-value]
    op.perform()
    op.revert()
    assert asked == []


def test_a_layout_list_changed_meanwhile_is_left_alone() -> None:
    layouts = FakeLayouts(("us", "fr"), current=0)
    op = LayoutAtStart(True, lambda: layouts)
    op.perform()
    layouts.select(1)
    layouts.names = ("fr", "de")  # the student's own settings: numbers name other layouts now
    op.revert()
    assert layouts.selected == [1]


def test_a_layout_that_cannot_be_read_is_not_put_back(caplog: pytest.LogCaptureFixture) -> None:
    layouts = Refusing(("us", "fr"))
    op = LayoutAtStart(True, lambda: layouts)
    op.perform()
    op.revert()
    assert layouts.selected == [] and "cannot be read" in caplog.text


@pytest.fixture
def us_fr(x_display: str) -> Iterator[str]:
    subprocess.run(["setxkbmap", "-display", x_display, "-layout", "us,fr"], check=True, timeout=30)
    try:
        yield x_display
    finally:
        subprocess.run(["setxkbmap", "-display", x_display, "-layout", "us"], check=False, timeout=30)


@pytest.mark.x11
def test_the_x_servers_layout_is_put_back(us_fr: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from lockdown.platform.linux.keyboard import CtypesXkb, XkbLayouts

    monkeypatch.setenv("DISPLAY", us_fr)
    api = CtypesXkb.open()
    assert api is not None
    layouts = XkbLayouts(api)
    assert layouts.layouts() == ("us", "fr") and xkb_group(us_fr) == 0
    op = LayoutAtStart(True, lambda: layouts)
    op.perform()
    layouts.select(1)
    assert xkb_group(us_fr) == 1
    op.revert()
    assert xkb_group(us_fr) == 0
