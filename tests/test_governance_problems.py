"""What governance refuses, as problem codes with their parameters (issue 12: the core
speaks in data; the words are the front end's, in handlers/messages)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.domain.errors import Conflict, InvalidInput, NotFound, Person, Typed
from bot.domain.recorded_vote import VoteResult
from bot.domain.round import MAX_DETAILS, Round, RoundDraft
from bot.partnership_settings import REPRESENTATION, VOTE_THRESHOLD
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.governance_service import GovernanceService
from bot.usecases.recorded_votes import VoteCallProblem
from bot.usecases.revisions import ADOPTED_HEADING, ANSWERS_HEADING, RevisionProblem
from bot.usecases.roster import (
    MAX_ROSTER_ROWS,
    RosterChangeProblem,
    RosterFileProblem,
    parse_roster_csv,
)
from handlers.roster_file import ROSTER_FILE
from tests.governance_support import CHAIR, CHANNEL, WORKSPACE, governance_engine, services
from tests.problems import raises_problem, shown

PEOPLE = [CHAIR, "U0ANA", "U0BEN", "U0CY"]
HEADER = ",".join(ROSTER_FILE.columns)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[ConsensusService, GovernanceService]]:
    engine: Engine
    with governance_engine(tmp_path) as engine:
        rounds, gov, _, _ = services(engine, ManualClock(), PEOPLE)
        yield rounds, gov


def _failed(rounds: ConsensusService, alternative: str = "") -> Round:
    """A closed round without consensus; U0CY offers ``alternative`` at level 6."""
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
    rounds.cast_stance(round_.id, CHAIR, 1)
    rounds.cast_stance(round_.id, "U0ANA", 2)
    rounds.cast_stance(round_.id, "U0CY", 6, alternative or "Pilot first")
    return rounds.close_round(round_.id, CHAIR)[0]


# ----------------------------------------------------------------------------- roster file
def test_an_empty_roster_file_names_the_header_it_needs() -> None:
    with raises_problem(RosterFileProblem.EMPTY, InvalidInput, columns=HEADER) as raised:
        parse_roster_csv("\n", ROSTER_FILE)
    assert shown(raised.value) == f"The roster file is empty. Its header is: {HEADER}"


def test_a_wrong_header_is_quoted_as_typed() -> None:
    with raises_problem(
        RosterFileProblem.BAD_HEADER, InvalidInput, line=1, found=Typed("who,<b>")
    ) as raised:
        parse_roster_csv("who,<b>\nU1,Org,hospital,voting,member\n", ROSTER_FILE)
    assert shown(raised.value) == f"Line 1: the header must be exactly `{HEADER}`, not `who,<b>`."


def test_a_file_with_too_many_people_is_refused_whole() -> None:
    rows = "".join(f"U{n:07d},Org,hospital,voting,member\n" for n in range(MAX_ROSTER_ROWS + 1))
    with raises_problem(RosterFileProblem.TOO_MANY_ROWS, InvalidInput, limit=MAX_ROSTER_ROWS):
        parse_roster_csv(f"{HEADER}\n{rows}", ROSTER_FILE)


def test_a_short_line_says_how_many_columns_it_has() -> None:
    with raises_problem(
        RosterFileProblem.WRONG_COLUMN_COUNT, InvalidInput, line=2, expected=5, found=3
    ) as raised:
        parse_roster_csv(f"{HEADER}\nU1,Org,hospital\n", ROSTER_FILE)
    assert shown(raised.value) == f"Line 2: expected 5 columns ({HEADER}), found 3."


def test_a_name_instead_of_a_user_id_is_quoted_with_where_to_find_the_id() -> None:
    with raises_problem(
        RosterFileProblem.NOT_A_USER_ID, InvalidInput, line=2, found=Typed("ana")
    ) as raised:
        parse_roster_csv(f"{HEADER}\nana,Org,hospital,voting,member\n", ROSTER_FILE)
    assert "Copy member ID" in shown(raised.value)


def test_a_bad_entry_is_reported_with_its_line_and_the_entrys_own_problem() -> None:
    with raises_problem(RosterFileProblem.BAD_LINE, InvalidInput, line=3) as raised:
        parse_roster_csv(
            f"{HEADER}\nU0ANA,Org,hospital,voting,member\nU0BEN,Org,hospital,boss,\n", ROSTER_FILE
        )
    cause = raised.value.params["cause"]
    assert isinstance(cause, InvalidInput)
    assert shown(raised.value) == f"Line 3: {shown(cause)}"


# ----------------------------------------------------------------------------- roster change
def test_removing_someone_not_on_the_roster_names_them(world) -> None:  # type: ignore[no-untyped-def]
    _, gov = world
    with raises_problem(RosterChangeProblem.NOT_LISTED, NotFound, person=Person("U0ANA")):
        gov.remove_roster_entry(WORKSPACE, CHAIR, "U0ANA")


def test_a_setting_is_answered_with_what_now_applies(world) -> None:  # type: ignore[no-untyped-def]
    _, gov = world
    change = gov.configure(WORKSPACE, CHAIR, VOTE_THRESHOLD, "3/4")
    assert (change.key, str(change.rules.threshold), change.representation) == (
        VOTE_THRESHOLD,
        "3/4",
        None,
    )
    change = gov.configure(WORKSPACE, CHAIR, REPRESENTATION, "organisation")
    assert change.representation is not None and change.representation.value == "organisation"


# ----------------------------------------------------------------------------- revisions
def test_with_no_failed_round_here_there_is_nothing_to_revise(world) -> None:  # type: ignore[no-untyped-def]
    _, gov = world
    with raises_problem(RevisionProblem.NOTHING_TO_REVISE, NotFound):
        gov.revision_form(WORKSPACE, CHANNEL, None, CHAIR)


def test_an_open_or_cancelled_round_is_not_revised(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov = world
    open_round = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Still open"))
    with raises_problem(RevisionProblem.STILL_OPEN, Conflict, round=open_round.id):
        gov.revision_form(WORKSPACE, CHANNEL, open_round.id, CHAIR)
    rounds.cancel_round(open_round.id, CHAIR)
    with raises_problem(RevisionProblem.CANCELLED, Conflict, round=open_round.id):
        gov.revision_form(WORKSPACE, CHANNEL, open_round.id, CHAIR)


def test_an_alternative_withdrawn_meanwhile_is_not_adopted(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov = world
    failed = _failed(rounds)
    with raises_problem(RevisionProblem.ALTERNATIVE_GONE, InvalidInput):
        gov.revise_round(failed.id, CHAIR, "Revised", "", adopted="U0ANA")  # level 2, not 6


def test_details_and_answers_over_the_limit_say_how_long_they_are(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov = world
    failed = _failed(rounds)
    details, answers = "d" * 2000, "a" * 600
    length = len(details) + len("\n\n") + len(ANSWERS_HEADING) + len(answers)
    with raises_problem(RevisionProblem.TOO_LONG, InvalidInput, length=length, limit=MAX_DETAILS):
        gov.revise_round(failed.id, CHAIR, "Revised", details, answers)


def test_a_revision_stores_the_adopted_authors_id_and_no_markup(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov = world
    failed = _failed(rounds, "Pilot <b> first")
    revision = gov.revise_round(failed.id, CHAIR, "Revised", "Beds", "On page 2", adopted="U0CY")
    assert revision.details == "\n\n".join(
        [
            "Beds",
            ADOPTED_HEADING.format(voter="U0CY") + "Pilot <b> first",
            ANSWERS_HEADING + "On page 2",
        ]
    )
    assert "<@" not in revision.details and "*" not in revision.details


# ----------------------------------------------------------------------------- recorded votes
def test_a_second_recorded_vote_on_a_decision_names_the_first_and_its_result(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov = world
    failed = _failed(rounds)
    vote = gov.call_vote(WORKSPACE, CHANNEL, failed.id, CHAIR)
    gov.close_vote(vote.id, CHAIR)
    with raises_problem(
        VoteCallProblem.ALREADY_CALLED,
        Conflict,
        vote=vote.id,
        result=VoteResult.NO_QUORUM.value,
        round=failed.id,
    ) as raised:
        gov.call_vote(WORKSPACE, CHANNEL, failed.id, CHAIR)
    assert shown(raised.value) == (
        f"This decision already has recorded vote {vote.id} (No quorum). "
        f"See `/consensus log #{failed.id}`."
    )


def test_only_the_chair_closes_a_recorded_vote_and_an_unknown_vote_is_named(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov = world
    vote = gov.call_vote(WORKSPACE, CHANNEL, _failed(rounds).id, CHAIR)
    with raises_problem(VoteCallProblem.NOT_CHAIR, InvalidInput, chair=Person(CHAIR), vote=vote.id):
        gov.close_vote(vote.id, "U0ANA")
    with raises_problem(VoteCallProblem.NO_SUCH_VOTE, NotFound, vote=vote.id + 1):
        gov.vote_view(vote.id + 1)
