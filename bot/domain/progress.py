"""What anyone may see of a round's count while it is open: who has responded and how many,
never at which level.

Levels stay hidden until the close, so that people state and change their level without the
group watching; the round's view (``bot.ports.RoundView``) carries this while the round is
open, and the full ``Tally`` only once it has ended. The rule is the core's, so no front end
has to remember it.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.tally import Outcome, Tally


@dataclass(frozen=True)
class Progress:
    """The counts of a round without anyone's level."""

    # Seats (one per voter, or per speaker group under a roster) and the quorum among them.
    eligible: int
    quorum_needed: int
    # Seats with a response that counts.
    seats_responded: int
    # Persons who responded (counted or advisory), in the order they first did.
    responded: tuple[str, ...]
    # Seats still waiting for a response, by the person to chase.
    not_responded: tuple[str, ...]
    # Persons asked (seats count groups; this counts people).
    people: int
    # The outcome if the round closed now: shown while open, and it names nobody's level.
    outcome_if_closed_now: Outcome

    @property
    def people_responded(self) -> int:
        return len(self.responded)


def progress(counted: Tally) -> Progress:
    """``counted`` without its levels."""
    responses = sorted(
        (*counted.stances, *counted.advisory),
        key=lambda s: (s.cast_at is None, s.cast_at, s.voter),
    )
    return Progress(
        eligible=counted.eligible,
        quorum_needed=counted.quorum_needed,
        seats_responded=len(counted.stances),
        responded=tuple(s.voter for s in responses),
        not_responded=counted.not_responded,
        people=counted.people,
        outcome_if_closed_now=counted.outcome,
    )
