"""The governance commands through the plain-text front end, typed as a person types them:
revisions, recorded votes, escalations and the decision log. Every answer is in the
terminal's own words; the core runs unchanged under it."""

from __future__ import annotations

import io
from datetime import timedelta

from harness.terminal_demo import Terminal, run_demo
from tests.terminal.conftest import Screen

START = "ana> start Share one intake form --deadline 3d"


def type_lines(terminal: Terminal, screen: Screen, *lines: str) -> list[str]:
    """Type each line; what was printed since the last look, the lines as typed included."""
    for line in lines:
        terminal.session.type(line)
    return screen.new()


def answer(terminal: Terminal, screen: Screen, line: str) -> list[str]:
    """Type one line; what the bot printed for it (its echo left out)."""
    printed = type_lines(terminal, screen, line)
    assert printed[0] == line
    return printed[1:]


def impasse(terminal: Terminal, screen: Screen) -> None:
    """Round #1, chaired by ana, closed without consensus: cy offered an alternative and dee
    asked for information."""
    printed = type_lines(
        terminal,
        screen,
        START,
        "ben> level 2",
        "cy> level 6 Pilot it in one clinic first",
        "dee> level 5 Which fields does home care need?",
        "ana> close",
    )
    assert '#partners | OUTCOME of Round #1: "Share one intake form": NO CONSENSUS' in printed


def consensus(terminal: Terminal, screen: Screen) -> None:
    printed = type_lines(
        terminal, screen, START, "ana> level 1", "ben> level 2", "cy> level 1", "ana> close"
    )
    assert '#partners | OUTCOME of Round #1: "Share one intake form": CONSENSUS REACHED' in (
        printed
    )


# ---------------------------------------------------------------------------- revise
def test_the_chair_revises_a_round_adopting_an_alternative_and_answering_requests(
    terminal: Terminal, screen: Screen
) -> None:
    impasse(terminal, screen)
    lines = answer(
        terminal,
        screen,
        "ana> revise --adopt cy Start with the east clinic --answers Home care needs three fields",
    )
    assert lines[:7] == [
        "(to ana) Round #1 is revised as round #2. Its message follows.",
        '#partners | Round #2 (revision 2): "Share one intake form" is open until '
        "2026-11-26 14:00 UTC",
        "#partners |   chair ana · Levels 1-4 are consensus · quorum 3 of 4",
        '#partners |   "Start with the east clinic"',
        '#partners |   Adopts the alternative offered by cy: "Pilot it in one clinic first"',
        '#partners |   Answers to the information requests: "Home care needs three fields"',
        "#partners |   Voters: ana, ben, cy, dee",
    ]


def test_a_revision_takes_the_latest_round_without_consensus_and_its_deadline_if_given(
    terminal: Terminal, screen: Screen
) -> None:
    impasse(terminal, screen)
    lines = answer(terminal, screen, "ana> revise --deadline 1d")
    assert lines[0] == "(to ana) Round #1 is revised as round #2. Its message follows."
    assert lines[1].endswith("is open until 2026-11-24 14:00 UTC")


def test_a_revision_is_refused_until_there_is_a_round_without_consensus_to_revise(
    terminal: Terminal, screen: Screen
) -> None:
    assert answer(terminal, screen, "ana> revise") == [
        "(to ana) No round here has ended without consensus. Name one (#1); `log` lists "
        "recent decisions."
    ]
    type_lines(terminal, screen, START)
    assert answer(terminal, screen, "ana> revise #1") == [
        "(to ana) Round #1 is still open; a revision follows a round without consensus. "
        "Let it close, or `close #1`."
    ]
    assert answer(terminal, screen, "ana> revise #9") == [
        "(to ana) There is no round #9. `log` lists recent decisions."
    ]


def test_only_the_chair_revises_and_only_an_alternative_that_was_offered_is_adopted(
    terminal: Terminal, screen: Screen
) -> None:
    impasse(terminal, screen)
    assert answer(terminal, screen, "ben> revise #1") == [
        "(to ben) Only the chair (ana) can revise round #1. Ask them, or start your own round "
        "with `start`."
    ]
    assert answer(terminal, screen, "ana> revise --adopt ben") == [
        "(to ana) That person offered no alternative (level 6 with an alternative) on this round."
    ]
    type_lines(terminal, screen, "ana> revise")
    assert answer(terminal, screen, "ana> revise #1") == [
        "(to ana) Round #1 was already revised as #2; revise #2 instead."
    ]


def test_a_round_that_reached_consensus_or_was_cancelled_is_not_revised(
    terminal: Terminal, screen: Screen
) -> None:
    consensus(terminal, screen)
    assert answer(terminal, screen, "ana> revise #1") == [
        "(to ana) Round #1 reached consensus; nothing to revise."
    ]
    type_lines(terminal, screen, "ana> start A second plan", "ana> cancel")
    assert answer(terminal, screen, "ana> revise #2") == [
        "(to ana) Round #2 was cancelled; `start` a new round instead."
    ]


def test_a_revise_line_the_grammar_cannot_read_says_what_to_type(
    terminal: Terminal, screen: Screen
) -> None:
    impasse(terminal, screen)
    assert answer(terminal, screen, "ana> revise --voters ben") == [
        "(to ana) There is no option '--voters' for revise."
    ]
    assert answer(terminal, screen, "ana> revise --adopt") == [
        "(to ana) Use it so: revise [#round] [--adopt <person>] [--deadline 3d] [what changed] "
        "[--answers <text>]"
    ]
    assert answer(terminal, screen, "ana> revise --deadline soon")[0].startswith(
        "(to ana) 'soon' is not a deadline."
    )


# ---------------------------------------------------------------------------- recorded votes
def test_an_impasse_goes_to_a_recorded_vote_whose_ballots_stay_unnamed_until_the_result(
    terminal: Terminal, screen: Screen
) -> None:
    impasse(terminal, screen)
    assert answer(terminal, screen, "ana> call-vote") == [
        "(to ana) Recorded vote 1 on round #1 is open until 2026-11-26 09:00 EST. Its message "
        "follows.",
        '#partners | Recorded vote 1 on round #1: "Share one intake form" is open until '
        "2026-11-26 14:00 UTC",
        "#partners |   chair ana · passes with 2/3 of votes cast · quorum 3 of 4 seats",
        "#partners |   Voters: ana, ben, cy, dee",
        "#partners |   Vote with: ballot 1 for|against|abstain",
    ]
    assert answer(terminal, screen, "ben> ballot 1 against") == [
        "(to ben) Recorded in vote 1: against. You can change it until 2026-11-26 09:00 EST.",
        "#partners | Recorded vote 1: ballots so far from ben",
    ]
    assert answer(terminal, screen, "ben> ballot 1 for")[0] == (
        "(to ben) Recorded in vote 1: for (was against). You can change it until "
        "2026-11-26 09:00 EST."
    )
    type_lines(terminal, screen, "ana> ballot 1 for", "cy> ballot 1 against")
    assert answer(terminal, screen, "ana> close-vote 1") == [
        "(to ana) You closed recorded vote 1: CARRIED. The result follows.",
        '#partners | RESULT of Recorded vote 1 on round #1: "Share one intake form": CARRIED',
        "#partners |   for 2 · against 1 · 3 of 4 seats voted (quorum 3) · passes with 2/3 of "
        "votes cast · closed 2026-11-23 14:00 UTC",
        "#partners |     ana: for",
        "#partners |     ben: for",
        "#partners |     cy: against",
        "#partners |   Did not vote: dee",
    ]
    assert answer(terminal, screen, "ana> close-vote 1") == [
        "(to ana) Recorded vote 1 was already closed: CARRIED."
    ]
    assert answer(terminal, screen, "dee> ballot 1 for") == [
        "(to dee) Recorded vote 1 has closed; its result is in the channel."
    ]


def test_a_recorded_vote_closes_itself_at_its_deadline(terminal: Terminal, screen: Screen) -> None:
    impasse(terminal, screen)
    type_lines(terminal, screen, "ana> call-vote --deadline 1d", "ben> ballot 1 for")
    terminal.clock.advance(timedelta(days=1))
    terminal.session.run_due_work()
    assert screen.new()[:2] == [
        '#partners | RESULT of Recorded vote 1 on round #1: "Share one intake form": NO QUORUM',
        "#partners |   for 1 · against 0 · 1 of 4 seats voted (quorum 3) · passes with 2/3 of "
        "votes cast · closed 2026-11-24 14:00 UTC",
    ]


def test_a_recorded_vote_is_refused_without_an_impasse_or_when_one_is_running(
    terminal: Terminal, screen: Screen
) -> None:
    type_lines(terminal, screen, START)
    assert answer(terminal, screen, "ana> call-vote #1") == [
        "(to ana) Round #1 is still open. A recorded vote comes only after a round without "
        "consensus: close it first (`close #1`)."
    ]
    type_lines(
        terminal, screen, "ben> level 2", "cy> level 6 Pilot first", "dee> level 1", "ana> close"
    )
    assert answer(terminal, screen, "ben> call-vote #1") == [
        "(to ben) Only the chair (ana) can call a recorded vote on round #1. Ask them, or start "
        "your own round with `start`."
    ]
    assert answer(terminal, screen, "ana> call-vote #1 --sector hospital") == [
        "(to ana) --sector marks an issue as mainly one sector's, which matters only if the "
        "partnership protects sectors. Call the vote without --sector."
    ]
    type_lines(terminal, screen, "ana> call-vote #1")
    assert answer(terminal, screen, "ana> call-vote #1") == [
        "(to ana) This decision already has recorded vote 1 (open). See `log #1`."
    ]
    assert answer(terminal, screen, "ana> call-vote #1 --color red") == [
        "(to ana) There is no option '--color' for call-vote."
    ]


def test_a_round_that_reached_consensus_needs_no_recorded_vote(
    terminal: Terminal, screen: Screen
) -> None:
    consensus(terminal, screen)
    assert answer(terminal, screen, "ana> call-vote #1") == [
        "(to ana) Round #1 reached consensus; the decision is made and needs no vote."
    ]


def test_a_ballot_the_grammar_or_the_core_refuses_says_why(
    terminal: Terminal, screen: Screen
) -> None:
    impasse(terminal, screen)
    type_lines(terminal, screen, "ana> call-vote")
    assert answer(terminal, screen, "ben> ballot 1 maybe") == [
        "(to ben) There is no choice 'maybe': give for, against or abstain."
    ]
    assert answer(terminal, screen, "ben> ballot one for") == [
        "(to ben) 'one' is not a vote number; write it as 1."
    ]
    assert answer(terminal, screen, "ben> ballot 1") == [
        "(to ben) Use it so: ballot <vote> for|against|abstain"
    ]
    assert answer(terminal, screen, "ben> ballot 7 for") == [
        "(to ben) There is no recorded vote 7."
    ]


def test_the_chair_cancels_a_vote_called_by_mistake_with_a_reason_for_the_record(
    terminal: Terminal, screen: Screen
) -> None:
    impasse(terminal, screen)
    type_lines(terminal, screen, "ana> call-vote", "ben> ballot 1 for")
    assert answer(terminal, screen, "ben> cancel-vote 1 Not now") == [
        "(to ben) Only the chair who called recorded vote 1 can cancel it."
    ]
    assert answer(terminal, screen, "ana> cancel-vote 1") == [
        "(to ana) Give the reason for the record: cancel-vote <vote> <reason>."
    ]
    assert answer(terminal, screen, "ana> cancel-vote 1 Called before the revision") == [
        "(to ana) You cancelled recorded vote 1; the reason is in the record, and a recorded "
        "vote on round #1 may be called again.",
        '#partners | Recorded vote 1 on round #1: "Share one intake form" was cancelled by ana, '
        'for the record: "Called before the revision". No result.',
    ]
    assert answer(terminal, screen, "ana> cancel-vote 1 Again") == [
        "(to ana) Recorded vote 1 was already cancelled."
    ]
    assert answer(terminal, screen, "cy> ballot 1 for") == [
        "(to cy) Recorded vote 1 was cancelled by the chair; it takes no votes."
    ]
    assert answer(terminal, screen, "ana> call-vote")[0].startswith(
        "(to ana) Recorded vote 2 on round #1 is open until"
    )


def test_a_vote_with_a_result_can_be_neither_cancelled_nor_closed_by_another(
    terminal: Terminal, screen: Screen
) -> None:
    impasse(terminal, screen)
    type_lines(terminal, screen, "ana> call-vote")
    assert answer(terminal, screen, "ben> close-vote 1") == [
        "(to ben) Only the chair (ana) can close recorded vote 1."
    ]
    type_lines(terminal, screen, "ana> close-vote 1")
    assert answer(terminal, screen, "ana> cancel-vote 1 Too late") == [
        "(to ana) Recorded vote 1 has closed (NO QUORUM); a result stands and cannot be cancelled."
    ]
    assert answer(terminal, screen, "ana> call-vote") == [
        "(to ana) This decision already has recorded vote 1 (NO QUORUM). See `log #1`."
    ]


# ---------------------------------------------------------------------------- escalation
def test_an_impasse_is_escalated_to_the_steering_channel_and_resolved_there(
    terminal: Terminal, screen: Screen
) -> None:
    impasse(terminal, screen)
    assert answer(terminal, screen, "ana> escalate") == [
        "(to ana) No steering channel is set. A coordinator sets it with `steering <channel>`; "
        "then escalate again."
    ]
    assert answer(terminal, screen, "ben> steering steering") == [
        "(to ben) Only the partnership's coordinators (workspace admins) can choose the "
        "steering channel."
    ]
    assert answer(terminal, screen, "ana> steering #steering") == [
        "(to ana) The steering channel is now #steering."
    ]
    assert answer(terminal, screen, "ben> escalate #1") == [
        "(to ben) Only the chair (ana) can escalate round #1. Ask them, or start your own "
        "round with `start`."
    ]
    assert answer(terminal, screen, "ana> escalate") == [
        "(to ana) Round #1 is escalated to #steering as escalation 1, due 2027-01-07 09:00 EST.",
        '#steering | Escalated by ana: Round #1: "Share one intake form" ended without '
        "consensus; the steering committee is asked to address it by 2027-01-07 14:00 UTC.",
    ]
    assert answer(terminal, screen, "ana> escalate #1") == [
        "(to ana) Round #1 has already been escalated."
    ]
    assert answer(terminal, screen, "ben> resolve 1 Pilot it") == [
        "(to ben) Escalation 1 is for the steering committee: members of #steering or the "
        "partnership's coordinators record how it was resolved."
    ]
    assert answer(terminal, screen, "ana> resolve 1") == [
        "(to ana) Say how it was resolved: resolve <escalation> <text>."
    ]
    assert answer(terminal, screen, "ana> resolve 1 Pilot in two clinics, then decide") == [
        "(to ana) Recorded how escalation 1 was resolved; both channels are told.",
        "#partners | Escalation 1 of round #1 is resolved. Recorded by ana: "
        '"Pilot in two clinics, then decide"',
        "#steering | Escalation 1 of round #1 is resolved. Recorded by ana: "
        '"Pilot in two clinics, then decide"',
    ]
    assert answer(terminal, screen, "ana> resolve 1 Something else") == [
        '(to ana) Escalation 1 was already resolved by ana: "Pilot in two clinics, then decide"'
    ]
    assert answer(terminal, screen, "ana> resolve 4 Anything") == [
        "(to ana) There is no escalation 4."
    ]


def test_only_a_round_without_consensus_is_escalated(terminal: Terminal, screen: Screen) -> None:
    type_lines(terminal, screen, "ana> steering steering")
    assert answer(terminal, screen, "ana> escalate") == [
        "(to ana) No round here has closed yet. Name one (#1)."
    ]
    type_lines(terminal, screen, START)
    assert answer(terminal, screen, "ana> escalate #1") == [
        "(to ana) Round #1 is still open. Close it first (`close #1`); only an outcome without "
        "consensus can be escalated."
    ]
    type_lines(terminal, screen, "ana> level 1", "ben> level 1", "cy> level 2", "ana> close")
    assert answer(terminal, screen, "ana> escalate #1") == [
        "(to ana) Round #1 ended with CONSENSUS REACHED; only a round without consensus can be "
        "escalated."
    ]
    type_lines(terminal, screen, "ana> start Another plan", "ana> cancel")
    assert answer(terminal, screen, "ana> escalate #2") == [
        "(to ana) Round #2 was cancelled; only a round without consensus can be escalated."
    ]


# ---------------------------------------------------------------------------- the log
def test_the_log_lists_recent_decisions_and_shows_one_decision_in_full(
    terminal: Terminal, screen: Screen
) -> None:
    assert answer(terminal, screen, "ben> log") == [
        "(to ben) No decisions here yet. Start one with `start <proposal>`."
    ]
    impasse(terminal, screen)
    type_lines(terminal, screen, "ana> revise --adopt cy")
    terminal.clock.advance(timedelta(hours=1))
    type_lines(terminal, screen, "ana> close #2")
    assert answer(terminal, screen, "ben> log") == [
        "(to ben) Recent decisions here (`log #N` shows one in full):",
        '(to ben)   Round #2 (revision 2): "Share one intake form" — NO QUORUM, closed '
        "2026-11-23 10:00 EST (revises #1)",
        '(to ben)   Round #1: "Share one intake form" — NO CONSENSUS, closed 2026-11-23 09:00 EST',
    ]
    lines = answer(terminal, screen, "ben> log #2")
    assert lines[:3] == [
        '(to ben) Decision record of "Share one intake form"',
        '(to ben)   Round #1: "Share one intake form" — NO CONSENSUS',
        '(to ben)   Round #2 (revision 2): "Share one intake form" — NO QUORUM',
    ]
    assert "(to ben)   2026-11-23 09:00 EST #1 ben stated level 2" in lines
    assert "(to ben)   2026-11-23 09:00 EST #1 ana closed it: NO CONSENSUS" in lines
    assert '(to ben)   2026-11-23 09:00 EST #1 ana revised it as "#2"' in lines
    assert answer(terminal, screen, "ben> log #8") == [
        "(to ben) There is no round #8. `log` lists recent decisions."
    ]


def test_the_log_shows_who_responded_or_voted_but_never_how_while_it_is_open(
    terminal: Terminal, screen: Screen
) -> None:
    impasse(terminal, screen)
    type_lines(
        terminal,
        screen,
        "ana> revise",
        "ben> level 3 Keep the old form a month",
        "ana> call-vote #1",
        "cy> ballot 1 against",
    )
    lines = answer(terminal, screen, "ana> log #1")
    assert "(to ana)   2026-11-23 09:00 EST #2 ben responded" in lines
    assert "(to ana)   2026-11-23 09:00 EST #1 cy cast a ballot" in lines
    assert not [line for line in lines if "Keep the old form" in line or "against" in line]
    assert "(to ana)   Recorded vote 1 on #1: open" in lines
    # Once closed, the record shows them.
    type_lines(terminal, screen, "ana> close #2", "ana> close-vote 1")
    lines = answer(terminal, screen, "ana> log #1")
    assert '(to ana)   2026-11-23 09:00 EST #2 ben stated level 3 "Keep the old form a month"' in (
        lines
    )
    assert "(to ana)   2026-11-23 09:00 EST #1 cy voted against in recorded vote 1" in lines


# ---------------------------------------------------------------------------- the demo
def test_the_demo_takes_an_impasse_to_a_recorded_vote_and_then_the_steering_committee() -> None:
    out = io.StringIO()
    assert run_demo(out) == 0
    lines = out.getvalue().splitlines()
    shown = [
        "(to ana) Round #1 is revised as round #2. Its message follows.",
        "#partners | RESULT of Recorded vote 1 on round #2: "
        '"Share one intake form across partners": NOT CARRIED',
        "(to ana) Round #2 is escalated to #steering as escalation 1, due 2027-01-11 21:00 EST.",
        "#partners | Escalation 1 of round #2 is resolved. Recorded by ana: "
        '"Pilot in the east clinic for three months, then decide"',
        "(to ana)   Recorded vote 1 on #2: NOT CARRIED",
    ]
    assert [line for line in shown if line not in lines] == []
    assert [lines.index(line) for line in shown] == sorted(lines.index(line) for line in shown)
