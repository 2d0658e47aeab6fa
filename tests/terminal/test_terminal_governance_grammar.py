"""The terminal's governance grammar: plain words to the core's requests (or its own)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.deadline import Deadline
from bot.domain.recorded_vote import Choice
from bot.requests import CallVote, CancelVote, CloseVote, ConfigSteering, Resolve, ShowLog
from terminal.errors import Mistake
from terminal.governance_grammar import CastBallot, Escalate, ImportRoster, ReviseRound, parse

THREE_DAYS = Deadline(duration=timedelta(days=3))


@pytest.mark.parametrize("text", ["start A plan", "level 2", "status", "help", "vote 2"])
def test_a_word_that_names_no_governance_command_is_left_to_the_round_grammar(text: str) -> None:
    assert parse(text) is None


def test_revise_reads_its_options_anywhere_before_the_answers_which_take_the_rest() -> None:
    assert parse("revise") == ReviseRound()
    assert parse("revise #4 Start small --adopt cy --deadline 3d --answers Three --adopt x") == (
        ReviseRound(4, "cy", THREE_DAYS, "Start small", "Three --adopt x")
    )


def test_the_vote_commands_read_into_the_cores_requests() -> None:
    assert parse("call-vote") == CallVote()
    assert parse("call-vote #2 --sector hospital --deadline 3d") == CallVote(
        2, THREE_DAYS, "hospital"
    )
    assert parse("ballot 3 Abstain") == CastBallot(3, Choice.ABSTAIN)
    assert parse("close-vote 3") == CloseVote(3)
    assert parse("cancel-vote 3 Called by mistake") == CancelVote(3, "Called by mistake")
    assert parse("cancel-vote 3") == CancelVote(3, "")  # the core says a reason is needed


def test_escalation_log_steering_and_roster_read_their_arguments() -> None:
    assert parse("escalate") == Escalate()
    assert parse("escalate #5") == Escalate(5)
    assert parse("resolve 2 Pilot it first") == Resolve(2, "Pilot it first")
    assert parse("log") == ShowLog()
    assert parse("log #7") == ShowLog(7)
    assert parse("steering #steering") == ConfigSteering("steering")
    assert parse("roster import team.csv --new-sector rural-health") == ImportRoster(
        "team.csv", ("rural-health",)
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("call-vote --deadline", "Use it so: call-vote"),
        ("call-vote --sector a --sector b", "Use it so: call-vote"),
        ("call-vote #x", "'#x' is not a round number"),
        ("close-vote", "Use it so: close-vote <vote>"),
        ("close-vote 1 2", "Use it so: close-vote <vote>"),
        ("cancel-vote", "Use it so: cancel-vote <vote> <reason>"),
        ("resolve first Agreed", "'first' is not an escalation number"),
        ("log #1 #2", "Use it so: log [#round]"),
        ("steering", "Use it so: steering <channel>"),
        ("roster", "Use it so: roster import"),
        ("roster import a.csv --sector x", "There is no option '--sector' for roster"),
        ("revise --answers", "Use it so: revise"),
    ],
)
def test_a_governance_line_that_does_not_fit_says_what_to_type(text: str, says: str) -> None:
    with pytest.raises(Mistake, match=re.escape(says)):
        parse(text)
