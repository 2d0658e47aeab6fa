"""A terminal session on SQLite with a clock that moves only when a test moves it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.terminal_demo import Terminal, open_terminal


class Screen(io.StringIO):
    """What the terminal printed; ``new()`` gives the lines printed since the last call."""

    _read = 0

    def new(self) -> list[str]:
        lines = self.getvalue().splitlines()
        fresh, self._read = lines[self._read :], len(lines)
        return fresh


@pytest.fixture
def screen() -> Screen:
    return Screen()


@pytest.fixture
def terminal(screen: Screen, tmp_path: Path) -> Iterator[Terminal]:
    with open_terminal(screen, tmp_path / "terminal.db") as opened:
        yield opened
