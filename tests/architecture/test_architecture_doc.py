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
