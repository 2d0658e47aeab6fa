"""The words for an outcome and a recorded vote's result.

The core's ``Outcome`` and ``VoteResult`` values are codes: they are stored on rounds and
votes and in the hash-chained decision record's entries, so they cannot change with a
reader's language. What a person reads comes from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from bot.domain.recorded_vote import VoteResult
from bot.domain.tally import Outcome
from handlers.messages.marker import N_

OUTCOME_NAMES: Mapping[Outcome, str] = {
    Outcome.CONSENSUS: N_("Consensus reached"),
    Outcome.NO_CONSENSUS: N_("No consensus"),
    Outcome.NO_QUORUM: N_("No quorum"),
}
RESULT_NAMES: Mapping[VoteResult, str] = {
    VoteResult.CARRIED: N_("Carried"),
    VoteResult.NOT_CARRIED: N_("Not carried"),
    VoteResult.NO_QUORUM: N_("No quorum"),
    VoteResult.PROTECTED: N_("Not carried: sector protection"),
}

# The same words for an outcome or result passed as a problem's parameter.
LABELS: Mapping[Enum, str] = {
    key: words for names in (OUTCOME_NAMES, RESULT_NAMES) for key, words in names.items()
}


def outcome_name(outcome: Outcome | str | None) -> str:
    """An outcome as people read it (a stored outcome arrives as its key; none: "")."""
    return OUTCOME_NAMES[Outcome(outcome)] if outcome else ""


def result_name(result: VoteResult | str | None) -> str:
    """A recorded vote's result as people read it (a stored result arrives as its key;
    none yet: "")."""
    return RESULT_NAMES[VoteResult(result)] if result else ""
