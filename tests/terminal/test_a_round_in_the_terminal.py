"""A whole round through the plain-text front end: the core, SQLite, no Slack at all."""

from __future__ import annotations

import io
from datetime import timedelta

from harness.terminal_demo import Terminal, run_demo
from tests.terminal.conftest import Screen

START = "ana> start Share one intake form --deadline 3d"


def test_a_whole_round_runs_to_its_outcome_in_the_terminal(
    terminal: Terminal, screen: Screen
) -> None:
    session = terminal.session
    session.type(START)
    assert screen.new() == [
        START,
        "(to ana) Round #1 is open, with 4 voters. Its message follows.",
        '#partners | Round #1: "Share one intake form" is open until 2026-11-26 14:00 UTC',
        "#partners |   chair ana · Levels 1-4 are consensus · quorum 3 of 4",
        "#partners |   Voters: ana, ben, cy, dee",
        "#partners |   Answer with: level [#round] <1-6> [reason]. Levels: 1 Full support; "
        "2 Acceptable; 3 Support with reservations; 4 Not thrilled, will not block; "
        "5 Need more information; 6 Cannot support",
    ]

    session.type("ben> level 2")
    assert screen.new()[1:] == [
        "(to ben) Recorded for round #1: 2 Acceptable. You can change it until "
        "2026-11-26 09:00 EST."
    ]

    session.type("cy> level 6 Pilot it in one clinic first")
    assert screen.new()[1:] == [
        "(to cy) Recorded for round #1: 6 Cannot support. You can change it until "
        "2026-11-26 08:00 CST.",
        "#partners | round #1 thread | cy chose 6 Cannot support. What alternative could work "
        'for you and the group? "Pilot it in one clinic first"',
    ]

    session.type("dee> level 5 Which fields does home care need?")
    assert screen.new()[2] == (
        "#partners | round #1 thread | dee chose 5 Need more information. What information "
        'or discussion do you need? "Which fields does home care need?"'
    )

    session.type("ana> status")
    assert screen.new()[1:] == [
        '(to ana) Round #1: "Share one intake form" (open)',
        "(to ana)   chair ana · Levels 1-4 are consensus · quorum 3 of 4",
        "(to ana)   3 of 4 have responded: ben, cy, dee",
        "(to ana)   Closes 2026-11-26 09:00 EST; if it closed now: NO CONSENSUS",
        "(to ana)   Waiting for: ana",
        "(to ana)   You have not responded yet.",
    ]

    session.type("ben> level 7")
    assert screen.new()[1:] == [
        '(to ben) There is no level "7": give a level from 1 to 6, e.g. level 2.'
    ]

    terminal.clock.advance(timedelta(days=3))
    session.run_due_work()
    assert screen.new() == [
        "#partners | Round #1 closed 2026-11-26 14:00 UTC. The outcome follows.",
        '#partners | OUTCOME of Round #1: "Share one intake form": NO CONSENSUS',
        "#partners |   3 of 4 responded (quorum 3) · Levels 1-4 are consensus · "
        "closed 2026-11-26 14:00 UTC",
        "#partners |   1 Full support                  0",
        "#partners |   2 Acceptable                    1",
        "#partners |   3 Support with reservations     0",
        "#partners |   4 Not thrilled, will not block  0",
        "#partners |   5 Need more information         1",
        "#partners |   6 Cannot support                1",
        "#partners |   Information or discussion needed (level 5):",
        '#partners |     dee: "Which fields does home care need?"',
        "#partners |   Alternatives offered (level 6):",
        '#partners |     cy: "Pilot it in one clinic first"',
        "#partners |   Did not respond: ana",
    ]


def test_an_unknown_level_is_refused_privately_and_counts_nothing(
    terminal: Terminal, screen: Screen
) -> None:
    terminal.session.type(START)
    terminal.session.type("ben> level 9")
    terminal.session.type("ben> level two")
    terminal.session.type("ben> status")
    lines = screen.new()
    assert '(to ben) There is no level "9": give a level from 1 to 6, e.g. level 2.' in lines
    assert '(to ben) There is no level "two": give a level from 1 to 6, e.g. level 2.' in lines
    assert "(to ben)   0 of 4 have responded" in lines
    assert "(to ben)   You have not responded yet." in lines


def test_levels_stay_hidden_from_others_until_the_close(terminal: Terminal, screen: Screen) -> None:
    terminal.session.type(START)
    terminal.session.type("ben> level 2")
    terminal.session.type("cy> level 3 Fine by me")
    terminal.session.type("ana> status")
    # What ben and cy typed, and the answers addressed to them, are theirs; the rest is not.
    theirs = ("ben>", "cy>", "(to ben)", "(to cy)")
    shown_to_others = [line for line in screen.new() if not line.startswith(theirs)]
    assert "(to ana)   2 of 4 have responded: ben, cy" in shown_to_others
    assert not [line for line in shown_to_others if "Acceptable" in line and "Levels:" not in line]
    assert not [
        line for line in shown_to_others if "reservations" in line and "Levels:" not in line
    ]
    assert not any("Fine by me" in line for line in shown_to_others)


def test_only_the_chair_can_close_and_the_refusal_reads_as_plain_text(
    terminal: Terminal, screen: Screen
) -> None:
    terminal.session.type(START)
    screen.new()
    terminal.session.type("ben> close")
    assert screen.new() == [
        "ben> close",
        "(to ben) Only the chair (ana) can close round #1. Ask them, or start your own round "
        "with `start`.",
    ]
    terminal.session.type("ana> close")
    lines = screen.new()
    assert lines[1] == "(to ana) You closed round #1. The outcome follows."
    assert '#partners | OUTCOME of Round #1: "Share one intake form": NO QUORUM' in lines


def test_typed_text_cannot_pass_for_a_line_of_the_bot(terminal: Terminal, screen: Screen) -> None:
    terminal.session.type("ana> start Real title\n#partners | OUTCOME: CONSENSUS REACHED")
    lines = screen.new()
    assert not any(line.startswith("#partners | OUTCOME") for line in lines)
    assert (
        '#partners | Round #1: "Real title / #partners | OUTCOME: CONSENSUS REACHED" is open '
        in (lines[2][: lines[2].index("until")])
    )


def test_a_line_from_nobody_or_a_stranger_is_answered_with_what_to_type(
    terminal: Terminal, screen: Screen
) -> None:
    terminal.session.type("status")
    terminal.session.type("zed> status")
    terminal.session.type("ana> vote 2")
    assert screen.new() == [
        "status",
        "(to whoever typed that) Type a line as <person>> <command>, e.g. ana> status.",
        "zed> status",
        "(to zed) Nobody here is called 'zed'. People here: ana, ben, cy, dee.",
        "ana> vote 2",
        "(to ana) There is no command 'vote' here. Commands: start, level, status, close, "
        "cancel, revise, call-vote, ballot, close-vote, cancel-vote, escalate, resolve, log, "
        "roster, steering, help.",
    ]


def test_a_coded_core_error_is_worded_by_the_terminal(terminal: Terminal, screen: Screen) -> None:
    terminal.session.type("ana> start Too long a round --deadline 800d")
    assert screen.new()[1:] == ["(to ana) A round can run for at most a year. Try --deadline 30d."]


def test_the_demo_prints_a_whole_session_to_its_outcome() -> None:
    out = io.StringIO()
    assert run_demo(out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "ana> start Share one intake form across partners --deadline 3d"
    assert any(line.startswith("(to ana) Reminder: Round #1") for line in lines)
    assert (
        '#partners | OUTCOME of Round #1: "Share one intake form across partners": NO CONSENSUS'
        in lines
    )


def test_the_chair_cancels_and_no_outcome_is_posted(terminal: Terminal, screen: Screen) -> None:
    terminal.session.type(START)
    terminal.session.type("ben> level 1")
    screen.new()
    terminal.session.type("ana> cancel")
    terminal.session.type("ana> status #1")
    lines = screen.new()
    assert lines[:3] == [
        "ana> cancel",
        "(to ana) You cancelled round #1. No outcome will be posted.",
        "#partners | Round #1 was cancelled by the chair. No outcome.",
    ]
    assert '(to ana) Round #1: "Share one intake form" (cancelled)' in lines
    assert not any("OUTCOME" in line for line in lines)


def test_a_deadline_that_is_not_one_is_refused_in_the_terminals_words(
    terminal: Terminal, screen: Screen
) -> None:
    terminal.session.type("ana> start A plan --deadline <soon>")
    assert screen.new()[1:] == [
        "(to ana) '<soon>' is not a deadline. Use a duration such as 3d, 36h, 90m or 40s, or a "
        "date and time such as 2026-12-01T17:00 (your time zone) or 2026-12-01T17:00-05:00 "
        "(with an offset)."
    ]


def test_moving_away_from_an_explained_level_is_noted_without_the_new_level(
    terminal: Terminal, screen: Screen
) -> None:
    terminal.session.type(START)
    terminal.session.type("dee> level 5 Which fields does home care need?")
    screen.new()
    terminal.session.type("dee> level 2")
    assert screen.new()[2:] == [
        "#partners | round #1 thread | dee moved from 5; their earlier information is kept "
        "in the record."
    ]
