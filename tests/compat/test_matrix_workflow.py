"""The CI matrix cannot run here; at least its file must be valid and cover every system and Python."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

yaml: Any = importlib.import_module("yaml")  # PyYAML ships no type hints

WORKFLOW = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "matrix.yml"


def load() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_workflow_is_valid_yaml_with_triggers() -> None:
    data = load()
    triggers = data["on"] if "on" in data else data[True]  # YAML 1.1 reads a bare `on` as True
    assert {"push", "pull_request"} <= set(triggers)
    assert data["jobs"]


def test_matrix_names_the_three_systems_and_pythons_without_fail_fast() -> None:
    [job] = load()["jobs"].values()
    strategy = job["strategy"]
    assert strategy["fail-fast"] is False
    assert set(strategy["matrix"]["os"]) == {"windows-latest", "macos-latest", "ubuntu-latest"}
    # Quoted on purpose: unquoted 3.10-style versions become floats.
    assert strategy["matrix"]["python"] == ["3.11", "3.12", "3.13"]
    assert job["runs-on"] == "${{ matrix.os }}"


def test_steps_use_the_matrix_python_and_run_the_tests_and_the_check() -> None:
    [job] = load()["jobs"].values()
    steps = job["steps"]
    setup = next(s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "${{ matrix.python }}"
    runs = "\n".join(str(s.get("run", "")) for s in steps)
    assert "pytest" in runs
    assert "lockdown check --json" in runs
    assert 'test "$code" -le 1' in runs  # a crash (exit 2 or 70) fails the job; a failed check does not
