"""A rolling deploy across migration 0010: a replica still running the code before it writes
an outcome or a result as its English key after the others have moved to codes. Reading maps
it, so the upgraded replicas count, word and compare it like any other."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from bot.clock import ManualClock
from bot.domain.recorded_vote import VoteResult
from bot.domain.round import RoundDraft
from bot.domain.tally import Outcome
from storage.store import SqlStore
from tests.governance_support import CHAIR, CHANNEL, WORKSPACE, governance_engine, services

PEOPLE = [CHAIR, "U0ANA", "U0BEN", "U0CY"]


def test_an_outcome_and_a_result_written_as_english_keys_are_read_as_codes(
    tmp_path: Path,
) -> None:
    with governance_engine(tmp_path) as engine:
        rounds, gov, _, _ = services(engine, ManualClock(), PEOPLE)
        round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
        for voter, level in zip(PEOPLE, (1, 2, 5, 6), strict=True):
            rounds.cast_stance(round_.id, voter, level, "because" if level >= 5 else "")
        rounds.close_round(round_.id, CHAIR)
        vote = gov.call_vote(WORKSPACE, CHANNEL, round_.id, CHAIR)
        gov.close_vote(vote.id, CHAIR)
        with engine.begin() as connection:  # as a replica before 0010 would have written them
            connection.execute(text("UPDATE round SET outcome = 'No consensus'"))
            connection.execute(text("UPDATE recorded_vote SET result = 'No quorum'"))
        with SqlStore(engine) as store:
            read = store.get_round(round_.id)
            assert read is not None and read.outcome == Outcome.NO_CONSENSUS
            assert [r.outcome for r in store.closed_rounds(WORKSPACE, None, 5)] == [
                Outcome.NO_CONSENSUS
            ]
            voted = store.get_vote(vote.id)
            assert voted is not None and voted.result == VoteResult.NO_QUORUM
