"""The terminal words the scale itself: a level that must be explained asks its question."""

from __future__ import annotations

from harness.terminal_demo import Terminal
from tests.terminal.conftest import Screen


def test_a_level_5_without_a_reason_is_refused_with_its_question(
    terminal: Terminal, screen: Screen
) -> None:
    session = terminal.session
    session.type("ana> start Share one intake form --deadline 3d")
    screen.new()
    session.type("dee> level 5")
    assert screen.new()[1:] == [
        "(to dee) Level 5 needs an answer: What information or discussion do you need?"
    ]
    session.type("cy> level 6")
    assert screen.new()[1:] == [
        "(to cy) Level 6 needs an answer: What alternative could work for you and the group?"
    ]
