"""A recorded vote's `--sector` is checked against the roster; a vote called by mistake is
cancelled by the chair, visibly and in the record, and may be called again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.audit import Audit, Scope, export_csv_text
from bot.clock import ManualClock
from bot.domain.errors import Conflict, InvalidInput, NotAllowed
from bot.domain.recorded_vote import Choice, VoteProblem, VoteStatus
from bot.domain.round import RoundDraft
from bot.partnership_settings import VOTE_PROTECT
from bot.record_entries import entry_params
from bot.requests import CancelVote, RosterSet
from bot.usecases.decision_log import neutralise_cell
from handlers.grammar.commands import parse
from handlers.grammar.problems import GrammarProblem
from handlers.messages.export import CatalogExportWords
from storage.store import SqlStore
from tests.governance_support import CHAIR, CHANNEL, WORKSPACE, governance_engine, services
from tests.problems import raises_problem, shown

PEOPLE = [CHAIR, "U0ANA", "U0BEN", "U0CY"]
NO_CONSENSUS = {CHAIR: 1, "U0ANA": 2, "U0BEN": 5, "U0CY": 6}


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with governance_engine(tmp_path) as engine:
        yield engine


def _impasse(engine: Engine, clock: ManualClock, roster: bool = False):  # type: ignore[no-untyped-def]
    rounds, gov, _, votes = services(engine, clock, PEOPLE)
    if roster:
        for user, sector in zip(
            PEOPLE, ("hospital", "hospital", "long-term-care", "other"), strict=True
        ):
            gov.set_roster_entry(WORKSPACE, CHAIR, RosterSet(user, "Org", sector, "voting"))
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
    for voter, level in NO_CONSENSUS.items():
        rounds.cast_stance(round_.id, voter, level, "because" if level >= 5 else "")
    rounds.close_round(round_.id, CHAIR)
    return rounds, gov, votes, round_.id


def test_a_vote_sector_must_be_on_the_roster_and_a_typo_gets_the_nearest(engine: Engine) -> None:
    _, gov, _, round_id = _impasse(engine, ManualClock(), roster=True)
    gov.configure(WORKSPACE, CHAIR, VOTE_PROTECT, "on")
    with raises_problem(VoteProblem.NOT_A_SECTOR_HERE_NEAR, InvalidInput) as refused:
        gov.call_vote(WORKSPACE, CHANNEL, round_id, CHAIR, sector="long-term-cares")
    assert "Did you mean `long-term-care`" in shown(refused.value)
    with raises_problem(VoteProblem.NOT_A_SECTOR_HERE, InvalidInput) as refused:
        gov.call_vote(WORKSPACE, CHANNEL, round_id, CHAIR, sector="public-health")
    assert "not a sector on this decision's roster" in shown(refused.value)
    # Refused calls used up nothing: the decision's one vote can still be called.
    vote = gov.call_vote(WORKSPACE, CHANNEL, round_id, CHAIR, sector="long-term-care")
    assert vote.affected_sector == "long-term-care"


def test_the_chair_cancels_a_vote_with_a_reason_and_may_call_one_again(engine: Engine) -> None:
    clock = ManualClock()
    rounds, gov, votes, round_id = _impasse(engine, clock)
    vote = gov.call_vote(WORKSPACE, CHANNEL, round_id, CHAIR)
    gov.cast_ballot(vote.id, "U0ANA", Choice.FOR)
    with raises_problem(VoteProblem.NOT_CHAIR_CANCEL, NotAllowed, vote=vote.id):
        gov.cancel_vote(vote.id, "U0ANA", "not mine")
    with raises_problem(VoteProblem.NO_CANCEL_REASON, InvalidInput):
        gov.cancel_vote(vote.id, CHAIR, "")
    cancelled = gov.cancel_vote(vote.id, CHAIR, "called on the wrong proposal")
    assert cancelled.status is VoteStatus.CANCELLED
    with raises_problem(VoteProblem.CANCELLED, Conflict, vote=vote.id):
        gov.cast_ballot(vote.id, "U0BEN", Choice.FOR)
    with raises_problem(VoteProblem.ALREADY_CANCELLED, Conflict, vote=vote.id):
        gov.cancel_vote(vote.id, CHAIR, "again")
    rounds.run_due_work()
    last_kind, last_view = votes.sent[-1]
    assert last_kind == "post_vote_result"
    assert last_view.cancellation is not None
    cancellation = last_view.cancellation
    assert entry_params(cancellation.kind, cancellation.text) == {
        "vote": vote.id,
        "reason": "called on the wrong proposal",
    }
    record = gov.decision(round_id).entries
    assert [(e.kind, e.actor) for e in record if e.kind == "vote_cancelled"] == [
        ("vote_cancelled", CHAIR)
    ]
    again = gov.call_vote(WORKSPACE, CHANNEL, round_id, CHAIR)
    assert again.id != vote.id


def test_a_closed_vote_cannot_be_cancelled(engine: Engine) -> None:
    _, gov, _, round_id = _impasse(engine, ManualClock())
    vote = gov.call_vote(WORKSPACE, CHANNEL, round_id, CHAIR)
    gov.close_vote(vote.id, CHAIR)
    with raises_problem(VoteProblem.RESULT_STANDS, Conflict, vote=vote.id) as refused:
        gov.cancel_vote(vote.id, CHAIR, "too late")
    assert "cannot be cancelled" in shown(refused.value)


def test_a_vote_past_its_deadline_cannot_be_cancelled_before_the_sweep_closes_it(
    engine: Engine,
) -> None:
    """Its result is fixed at the deadline: a cancel in the minutes before the sweep posts
    it would undo a binding result."""
    clock = ManualClock()
    _, gov, _, round_id = _impasse(engine, clock)
    vote = gov.call_vote(WORKSPACE, CHANNEL, round_id, CHAIR)
    gov.cast_ballot(vote.id, "U0ANA", Choice.AGAINST)
    clock.advance(vote.closes_at - clock.now())  # exactly at the deadline, not yet swept
    with raises_problem(VoteProblem.DEADLINE_PASSED, Conflict, vote=vote.id) as refused:
        gov.cancel_vote(vote.id, CHAIR, "we lost")
    assert "cannot be cancelled" in shown(refused.value)


def test_the_export_shows_the_cancellation_and_counts_none_of_its_ballots(engine: Engine) -> None:
    clock = ManualClock()
    _, gov, _, round_id = _impasse(engine, clock)
    vote = gov.call_vote(WORKSPACE, CHANNEL, round_id, CHAIR)
    gov.cast_ballot(vote.id, "U0ANA", Choice.FOR)
    gov.cancel_vote(vote.id, CHAIR, "wrong proposal")
    audit = Audit(lambda: SqlStore(engine), clock, neutralise_cell, words=CatalogExportWords())
    document = audit.export(Scope(None, None))
    exported = document["rounds"][0]["recorded_votes"][0]
    assert exported["status"] == "cancelled"
    assert exported["cancelled_by"] == CHAIR and exported["cancel_reason"] == "wrong proposal"
    assert [(b["counted"], b["why"]) for b in exported["ballots"]] == [(False, "cancelled")]
    csv_text = export_csv_text(document, neutralise_cell, CatalogExportWords())
    assert "cancelled by U0CHAIR" in csv_text and "wrong proposal" in csv_text
    assert json.dumps(document)  # still one JSON document
    assert audit.verify().intact


def test_vote_cancel_needs_a_number_and_a_reason() -> None:
    assert parse("vote cancel 4 --reason “wrong proposal”") == CancelVote(4, "wrong proposal")
    with raises_problem(GrammarProblem.CANCEL_NEEDS_NUMBER_AND_REASON, InvalidInput):
        parse("vote cancel 4")
    with raises_problem(GrammarProblem.CANCEL_NEEDS_REASON, InvalidInput):
        parse("vote cancel 4 --reason")
