"""Every outcome and vote result the core can store has words in the Slack front end."""

from __future__ import annotations

from bot.domain.recorded_vote import VoteResult
from bot.domain.tally import Outcome
from handlers.messages.outcome import OUTCOME_NAMES, RESULT_NAMES, outcome_name, result_name


def test_every_outcome_and_result_has_a_name() -> None:
    assert set(OUTCOME_NAMES) == set(Outcome)
    assert set(RESULT_NAMES) == set(VoteResult)


def test_a_stored_key_reads_as_its_name() -> None:
    assert outcome_name(Outcome.NO_CONSENSUS.value) == "No consensus"
    assert result_name(VoteResult.PROTECTED.value) == "Not carried: sector protection"
