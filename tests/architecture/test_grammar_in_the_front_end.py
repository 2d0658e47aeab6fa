"""Each front end parses its own syntax into the core's requests (issue 12): the slash command,
Slack's id shapes and the grammar live in the Slack front end, not in the core."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ("bootstrap", "bot", "handlers", "storage", "terminal")
SLACK_ID_SHAPES = ("[UW]", "[CG]")


def _string_literals(package: str) -> list[tuple[Path, str]]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append((path.relative_to(ROOT), node.value))
    return found


def test_the_slash_command_is_named_once_in_the_slack_front_end() -> None:
    named = [
        str(path)
        for package in PRODUCTION
        for path, text in _string_literals(package)
        if text == "/consensus"
    ]
    assert named == [str(Path("handlers/grammar/subcommands.py"))]


def test_the_core_matches_no_slack_id_shapes() -> None:
    shapes = [
        (str(path), text)
        for path, text in _string_literals("bot")
        if any(shape in text for shape in SLACK_ID_SHAPES)
    ]
    assert shapes == []


def test_the_core_holds_no_command_grammar_modules() -> None:
    moved = ("commands.py", "governance_commands.py", "command_text.py", "subcommands.py")
    assert [name for name in moved if (ROOT / "bot" / name).exists()] == []
