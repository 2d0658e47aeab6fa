"""docs/ARCHITECTURE.md is where a newcomer starts: every file or folder it names must exist,
so a move that forgets the page fails here rather than misleading the next reader."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "ARCHITECTURE.md"
PACKAGES = ("bot", "handlers", "storage", "bootstrap", "terminal", "harness", "tests", "docs")
# A path in backquotes under one of the project's packages: `bot/domain/round.py`, `storage/`.
NAMED = re.compile(r"`((?:" + "|".join(PACKAGES) + r")/[\w/.\-]*)`")
# Named as a place that does not exist yet, on purpose.
PLANNED = {"handlers/slack/"}


def named_paths(text: str) -> set[str]:
    return set(NAMED.findall(text)) - PLANNED


def test_every_path_the_architecture_page_names_exists() -> None:
    missing = sorted(p for p in named_paths(PAGE.read_text()) if not (ROOT / p).exists())
    assert not missing, f"docs/ARCHITECTURE.md names paths that do not exist: {missing}"


def test_a_path_in_backquotes_is_found_and_prose_is_not() -> None:
    text = "the rules (`bot/domain/round.py`), the `storage/` package, not bot/usecases in prose"
    assert named_paths(text) == {"bot/domain/round.py", "storage/"}


def concept_table(text: str) -> list[list[str]]:
    """The rows of the table that names each concept's module in every layer."""
    start = text.index("| concept | rules")
    table = text[start : text.index("\n\n", start)].splitlines()
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in table[2:]]


def test_every_module_the_concept_table_names_exists_in_its_layer() -> None:
    text = PAGE.read_text()
    header = text[text.index("| concept | rules") :].splitlines()[0]
    folders = re.findall(r"`([\w/]+)/`", header)
    assert len(folders) == 6
    missing = [
        f"{folder}/{name}"
        for row in concept_table(text)
        for folder, cell in zip(folders, row[1:], strict=True)
        for name in re.findall(r"`([\w.]+\.py)`", re.sub(r"\(.*?\)", "", cell))
        if not (ROOT / folder / name).exists()
    ]
    assert not missing, f"the concept table names modules that do not exist: {missing}"
