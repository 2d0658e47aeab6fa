"""Counting a round: from stances to an outcome."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.roster import ResponseStanding, Seat, resolve, standing
from bot.domain.round import Round, Stance
from bot.domain.scale import LEVELS


class Outcome(StrEnum):
    """The three outcomes a round can have. The values are codes, stored on rounds and in the
    decision record's entries, and the export's codes; people read each front end's words for
    them (Slack: handlers/messages/outcome.py). Entries written before the codes hold older
    English keys, read by bot/record_legacy.py."""

    CONSENSUS = "consensus"
    NO_CONSENSUS = "no_consensus"
    NO_QUORUM = "no_quorum"


@dataclass(frozen=True)
class Tally:
    """The counted state of a round, open or closed."""

    outcome: Outcome
    eligible: int
    quorum_needed: int
    stances: tuple[Stance, ...]
    not_responded: tuple[str, ...]
    distribution: dict[int, int]
    # Responses shown with the outcome but not counted (advisory tier, or a speaker group's
    # other people), and per-sector counts; both empty without a roster.
    advisory: tuple[Stance, ...] = ()
    sectors: tuple[SectorCount, ...] = ()
    # People asked to state a level (seats count groups; this counts persons).
    people: int = 0

    @property
    def people_responded(self) -> int:
        """Persons who responded, counted or advisory."""
        return len(self.stances) + len(self.advisory)

    def at_level(self, level: int) -> tuple[Stance, ...]:
        return tuple(s for s in self.stances if s.level == level)

    @property
    def reservations(self) -> tuple[Stance, ...]:
        """Optional reasons given at levels 2-4 (level 4 is shown separately)."""
        return tuple(s for s in self.stances if s.level in (2, 3) and s.reason)


@dataclass(frozen=True)
class SectorCount:
    """How one sector stands: its seats, the levels that count, the advisory levels."""

    sector: str
    seats: int
    counted: tuple[int, ...]
    advisory: tuple[int, ...]


def _by_level(stances: Iterable[Stance]) -> tuple[Stance, ...]:
    return tuple(sorted(stances, key=lambda s: (s.level, s.voter)))


def tally(round_: Round, stances: Iterable[Stance]) -> Tally:
    """Count eligible voters' stances under the round's rule profile.

    Under a roster one response counts per seat (a speaker, else the first alternate who
    responded); advisory responses are kept apart. Non-response is not agreement: below the
    quorum the outcome is "No quorum" whatever the levels say.
    """
    voters = set(round_.voters)
    by_voter = {s.voter: s for s in stances if s.voter in voters}
    resolution = resolve(round_.voters, round_.members, by_voter.keys())
    counted = _by_level(by_voter[v] for v in resolution.counted.values())
    advisory = _by_level(by_voter[v] for v in resolution.advisory)
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
        eligible=len(resolution.seats),
        quorum_needed=needed,
        stances=counted,
        not_responded=resolution.waiting,
        distribution=distribution,
        advisory=advisory,
        sectors=_sector_counts(round_, resolution.seats, counted, advisory),
        people=len(round_.voters),
    )


def standing_in(round_: Round, stances: Iterable[Stance], user: str) -> ResponseStanding:
    """Whether ``user``'s response in the round counts (or would, once given), and why."""
    voters = set(round_.voters)
    responded = {s.voter for s in stances if s.voter in voters}
    return standing(round_.voters, round_.members, responded, user)


def _sector_counts(
    round_: Round,
    seats: tuple[Seat, ...],
    counted: tuple[Stance, ...],
    advisory: tuple[Stance, ...],
) -> tuple[SectorCount, ...]:
    if not round_.members:
        return ()
    sector_of = {m.user: m.sector for m in round_.members}
    seat_sectors = [seat.sector for seat in seats]
    names = list(dict.fromkeys([*seat_sectors, *(sector_of[s.voter] for s in advisory)]))
    return tuple(
        SectorCount(
            sector=name,
            seats=seat_sectors.count(name),
            counted=tuple(s.level for s in counted if sector_of[s.voter] == name),
            advisory=tuple(s.level for s in advisory if sector_of[s.voter] == name),
        )
        for name in names
    )
