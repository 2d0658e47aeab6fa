"""What the wheel ships and what the console script runs (pyproject.toml)."""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

PYPROJECT = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text("utf-8"))


def test_the_console_script_runs_the_composition_roots_command_line() -> None:
    target = PYPROJECT["project"]["scripts"]["consensus-bot"]
    module, function = target.split(":")
    assert module == "bootstrap.cli"
    assert callable(getattr(importlib.import_module(module), function))


def test_the_wheel_ships_the_composition_root_but_no_test_double() -> None:
    included = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    assert {"bootstrap*", "bot*", "handlers*", "storage*"} <= set(included)
    assert not any(p.startswith(("slack_emulator", "harness")) for p in included)
