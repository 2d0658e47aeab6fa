"""The terminal's notifier says what a stream can do: its lines have no reference and
cannot be looked up. The round still gets its explanations and its final redraw."""

from __future__ import annotations

from harness.terminal_demo import Terminal
from tests.terminal.conftest import Screen


def test_the_terminal_keeps_no_post_reference_yet_explains_and_redraws(
    terminal: Terminal, screen: Screen
) -> None:
    session = terminal.session
    session.type("ana> start Share one intake form --deadline 3d")
    session.type("cy> level 6 Pilot it in one clinic first")
    session.type("ana> close")
    printed = screen.new()
    assert (
        "#partners | round #1 thread | cy chose 6 Cannot support. What alternative could work "
        'for you and the group? "Pilot it in one clinic first"'
    ) in printed
    assert any(
        line.startswith("#partners | Round #1 closed ") and line.endswith("The outcome follows.")
        for line in printed
    )
    assert terminal.service.view(1).round.message_ref is None  # none invented
