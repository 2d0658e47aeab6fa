"""The core must not know Slack or SQL: a Teams front end could sit beside handlers/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "bot"
# The composition root wires both sides together on purpose.
COMPOSITION = {"app.py", "cli.py"}
FORBIDDEN = (
    "slack_bolt",
    "slack_sdk",
    "sqlmodel",
    "sqlalchemy",
    "handlers",
    "storage",
    "slack_emulator",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


CORE_FILES = sorted(p for p in CORE.rglob("*.py") if p.name not in COMPOSITION)


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_platform_or_database(path: Path) -> None:
    bad = {name for name in _imports(path) if name.split(".")[0] in FORBIDDEN}
    assert not bad, f"{path.name} imports {sorted(bad)}"
