"""Why a round ended as it did, and what the decision model allows next, as data.

The front end turns this into one plain sentence; the core only says which rule decided
(quorum, a blocking level under the round's rule profile, or every response within it),
with the counts, and which next steps the model allows in that state.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.round import Round
from bot.domain.tally import Outcome, Tally


class Reason(StrEnum):
    """The rule that decided the outcome."""

    QUORUM_NOT_MET = "quorum_not_met"
    BLOCKED = "blocked"
    ALL_WITHIN_RULE = "all_within_rule"


class NextStep(StrEnum):
    """What the partnership may do after the outcome (CONSENSUS_MODEL.md)."""

    IMPLEMENT = "implement"  # consensus: the partners commit to implementation
    REVISE = "revise"  # a revision round linked to this one
    ESCALATE = "escalate"  # to the steering committee
    RECORDED_VOTE = "recorded_vote"  # only after a round ended without consensus (impasse)


@dataclass(frozen=True)
class Explained:
    """An outcome with the rule that decided it and the counts behind it."""

    outcome: Outcome
    reason: Reason
    responded: int
    eligible: int
    quorum_needed: int
    profile_key: str
    # (level, how many counted responses) for each blocking level that was chosen.
    blocking: tuple[tuple[int, int], ...]
    # The levels that are consensus under the round's rule profile, e.g. (1, 2, 3, 4).
    consensus_levels: tuple[int, ...]
    next_steps: tuple[NextStep, ...]


# A recorded vote needs a failed round: a round that ended "No consensus" is one itself; a
# round without quorum is not (a revision or escalation comes first).
_NEXT_STEPS: dict[Outcome, tuple[NextStep, ...]] = {
    Outcome.CONSENSUS: (NextStep.IMPLEMENT,),
    Outcome.NO_CONSENSUS: (NextStep.REVISE, NextStep.ESCALATE, NextStep.RECORDED_VOTE),
    Outcome.NO_QUORUM: (NextStep.REVISE, NextStep.ESCALATE),
}


def explain(round_: Round, tally: Tally) -> Explained:
    """The outcome of ``round_`` (the stored one once closed, else as it stands) explained."""
    outcome = Outcome(round_.outcome) if round_.outcome else tally.outcome
    profile = round_.profile
    blocking = tuple(
        (level, count)
        for level, count in sorted(tally.distribution.items())
        if count and profile.blocks(level)
    )
    if outcome is Outcome.NO_QUORUM:
        reason = Reason.QUORUM_NOT_MET
    elif outcome is Outcome.NO_CONSENSUS:
        reason = Reason.BLOCKED
    else:
        reason = Reason.ALL_WITHIN_RULE
    return Explained(
        outcome=outcome,
        reason=reason,
        responded=len(tally.stances),
        eligible=tally.eligible,
        quorum_needed=tally.quorum_needed,
        profile_key=profile.key,
        blocking=blocking,
        consensus_levels=tuple(lv.number for lv in profile.levels if not profile.blocks(lv.number)),
        next_steps=_NEXT_STEPS[outcome],
    )
