"""Which dictionaries the exam's spell checking uses, and from where."""

from __future__ import annotations

from pathlib import Path

from lockdown.spelling import ENV, Dictionaries, candidate_folders, find_dictionaries


def test_the_folder_named_by_the_environment_comes_first_then_the_builds_then_the_systems(
        tmp_path: Path) -> None:
    build, system = tmp_path / "build", tmp_path / "system"
    assert candidate_folders({}, build, [system]) == [build, system]
    assert candidate_folders({ENV: "/x"}, build, [system]) == [Path("/x"), build, system]


def test_the_first_folder_with_the_exams_language_wins(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "en-US.bdic").write_bytes(b"x")
    (b / "fr-FR.bdic").write_bytes(b"x")
    (b / "en-GB.bdic").write_bytes(b"x")
    assert find_dictionaries("fr", [a, b]) == Dictionaries(b, ("fr-FR",))
    assert find_dictionaries("en", [a, b]) == Dictionaries(a, ("en-US",))
    assert find_dictionaries("en", [b]) == Dictionaries(b, ("en-GB",))
    assert find_dictionaries("fr", [a]) is None
