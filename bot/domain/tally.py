"""Counting a round: from stances to an outcome."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.round import Round, Stance
from bot.domain.scale import LEVELS


class Outcome(StrEnum):
    """The three headlines an outcome can carry, worded as shown to people."""

    CONSENSUS = "Consensus reached"
    NO_CONSENSUS = "No consensus"
    NO_QUORUM = "No quorum"


@dataclass(frozen=True)
class Tally:
    """The counted state of a round, open or closed."""

    outcome: Outcome
    eligible: int
    quorum_needed: int
    stances: tuple[Stance, ...]
    not_responded: tuple[str, ...]
    distribution: dict[int, int]

    @property
    def responded(self) -> tuple[str, ...]:
        return tuple(s.voter for s in self.stances)

    @property
    def quorum_met(self) -> bool:
        return len(self.stances) >= self.quorum_needed

    def at_level(self, level: int) -> tuple[Stance, ...]:
        return tuple(s for s in self.stances if s.level == level)

    @property
    def reservations(self) -> tuple[Stance, ...]:
        """Optional reasons given at levels 2-4 (level 4 is shown separately)."""
        return tuple(s for s in self.stances if s.level in (2, 3) and s.reason)


def tally(round_: Round, stances: Iterable[Stance]) -> Tally:
    """Count eligible voters' stances under the round's rule profile.

    Non-response is not agreement: below the quorum the outcome is "No quorum"
    whatever the levels say.
    """
    voters = set(round_.voters)
    counted = tuple(
        sorted((s for s in stances if s.voter in voters), key=lambda s: (s.level, s.voter))
    )
    responded = {s.voter for s in counted}
    distribution = {level: 0 for level in LEVELS}
    for stance in counted:
        distribution[stance.level] += 1
    needed = round_.quorum_count()
    if len(counted) < needed:
        outcome = Outcome.NO_QUORUM
    elif any(round_.profile.blocks(s.level) for s in counted):
        outcome = Outcome.NO_CONSENSUS
    else:
        outcome = Outcome.CONSENSUS
    return Tally(
        outcome=outcome,
        eligible=len(round_.voters),
        quorum_needed=needed,
        stances=counted,
        not_responded=tuple(v for v in round_.voters if v not in responded),
        distribution=distribution,
    )
