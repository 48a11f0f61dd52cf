"""mimeapps.list changes, undone byte for byte; expected files are written out literally."""

from __future__ import annotations

import pytest

from lockdown.platform.linux.mimeapps import LineChange, only_empty_group, set_default, undo

ID = "lockdown.desktop"
SCHEMES = ("x-scheme-handler/sebs", "x-scheme-handler/seb")


def _install(text: str) -> tuple[str, list[LineChange]]:
    changes = []
    for mime in SCHEMES:
        text, change = set_default(text, mime, ID)
        changes.append(change)
    return text, changes


def _uninstall(text: str, changes: list[LineChange]) -> str:
    for change in reversed(changes):
        text, found = undo(text, change)
        assert found
    return text


def test_a_new_file_gets_the_group_and_two_lines_and_undo_leaves_it_empty() -> None:
    text, changes = _install("")
    assert text == ("[Default Applications]\n"
                    "x-scheme-handler/sebs=lockdown.desktop;\n"
                    "x-scheme-handler/seb=lockdown.desktop;\n")
    assert _uninstall(text, changes) == "" and only_empty_group("[Default Applications]\n\n")


ORIGINAL = ("# my settings\n"
            "[Added Associations]\n"
            "text/html=firefox.desktop;\n"
            "\n"
            "[Default Applications]\n"
            "text/html=firefox.desktop;\n"
            "x-scheme-handler/seb=safeexambrowser.desktop;other.desktop\n"
            "\n"
            "[Removed Associations]\n"
            "image/png=gimp.desktop;\n")


def test_lines_go_into_the_existing_group_keeping_the_students_choice_behind() -> None:
    text, changes = _install(ORIGINAL)
    assert text == ("# my settings\n"
                    "[Added Associations]\n"
                    "text/html=firefox.desktop;\n"
                    "\n"
                    "[Default Applications]\n"
                    "text/html=firefox.desktop;\n"
                    "x-scheme-handler/seb=lockdown.desktop;safeexambrowser.desktop;other.desktop;\n"
                    "x-scheme-handler/sebs=lockdown.desktop;\n"
                    "\n"
                    "[Removed Associations]\n"
                    "image/png=gimp.desktop;\n")
    assert _uninstall(text, changes) == ORIGINAL


@pytest.mark.parametrize("original", [
    "[Added Associations]\ntext/plain=gedit.desktop;",           # no newline at the end
    "[Added Associations]\ntext/plain=gedit.desktop;\n",
    "\n\n",
    "[Default Applications]",
    "[Default Applications]\r\ntext/html=a.desktop;\r\n",
])
def test_install_then_uninstall_gives_back_the_same_bytes(original: str) -> None:
    text, changes = _install(original)
    assert "x-scheme-handler/sebs=lockdown.desktop;" in text
    assert _uninstall(text, changes) == original


def test_a_line_the_student_changed_since_is_left_alone_and_reported() -> None:
    text, changes = _install(ORIGINAL)
    edited = text.replace("x-scheme-handler/sebs=lockdown.desktop;", "x-scheme-handler/sebs=mine.desktop;")
    after, found = undo(edited, changes[0])
    assert not found and after == edited
