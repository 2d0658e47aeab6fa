"""The recorded vote: For / Against / Abstain, every name kept, after an impasse only.

"The OHT will function by consensus and will only require a recorded vote if an impasse
... is reached and efforts have been made to create consensus." So a recorded vote can be
called only on a decision that has had at least one round end with "No consensus".

Counting: one ballot per seat (the same speaker/alternate rule as a round); the motion
carries when the weighted For share of the votes cast (abstentions are not cast) reaches
the partnership's threshold, two thirds by default. A partnership may weight sectors and
may protect a sector on an issue marked as mainly its own: the motion then cannot carry
over that sector's objection (more of its counted ballots Against than For).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from fractions import Fraction

from bot.domain.errors import Choices, Conflict, InvalidInput, NotAllowed, Person, Problem, Typed
from bot.domain.roster import (
    UNLISTED_SECTOR,
    RosterEntry,
    Tier,
    nearest_sectors,
    parse_sector,
    resolve,
    seats,
)
from bot.domain.round import ChairAction, Round, RoundStatus
from bot.domain.tally import Outcome

DEFAULT_THRESHOLD = Fraction(2, 3)
MAX_WEIGHT = 100
MAX_CANCEL_REASON = 500


class VoteProblem(Problem):
    """What can go wrong calling or casting a recorded vote (rendered by the front ends)."""

    ROUND_OPEN = "vote.round_open"
    ROUND_REACHED_CONSENSUS = "vote.round_reached_consensus"
    NO_IMPASSE = "vote.no_impasse"
    CLOSED = "vote.closed"
    # Why someone holds no ballot: one code per reason, so each reads whole in any language.
    NOT_VOTER = "vote.not_voter"
    ADVISORY = "vote.advisory"
    REPRESENTED = "vote.represented"
    BAD_WEIGHT = "vote.bad_weight"
    NO_ROSTER_FOR_SECTOR = "vote.no_roster_for_sector"
    NOT_A_SECTOR_HERE = "vote.not_a_sector_here"
    NOT_A_SECTOR_HERE_NEAR = "vote.not_a_sector_here_near"
    NOT_CHAIR_CANCEL = "vote.not_chair_cancel"
    ALREADY_CANCELLED = "vote.already_cancelled"
    DEADLINE_PASSED = "vote.deadline_passed"
    RESULT_STANDS = "vote.result_stands"
    NO_CANCEL_REASON = "vote.no_cancel_reason"
    CANCEL_REASON_TOO_LONG = "vote.cancel_reason_too_long"
    CANCELLED = "vote.cancelled"


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class VoteResult(StrEnum):
    """A recorded vote's result. The values are codes, stored on votes and in the decision
    record's entries, and the export's codes; people read each front end's words for them.
    Entries written before the codes hold older English keys (bot/record_legacy.py)."""

    CARRIED = "carried"
    NOT_CARRIED = "not_carried"
    NO_QUORUM = "no_quorum"
    PROTECTED = "not_carried_sector_protection"


class VoteStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    CANCELLED = "cancelled"  # called by mistake: no result; the decision may call another


@dataclass(frozen=True)
class VoteRules:
    """What the partnership has agreed about recorded votes (stored as settings)."""

    threshold: Fraction = DEFAULT_THRESHOLD
    weights: tuple[tuple[str, int], ...] = ()  # (sector, weight); unlisted sectors weigh 1
    protect_sector: bool = False

    def weight(self, sector: str) -> int:
        return dict(self.weights).get(sector, 1)


@dataclass(frozen=True)
class RecordedVote:
    id: int
    workspace: str
    channel: str
    round_id: int
    chair: str
    title: str
    voters: tuple[str, ...]
    members: tuple[RosterEntry, ...]
    quorum: Fraction
    rules: VoteRules
    opened_at: datetime
    closes_at: datetime
    affected_sector: str = ""
    status: VoteStatus = VoteStatus.OPEN
    closed_at: datetime | None = None
    result: str | None = None
    message_ref: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status is VoteStatus.OPEN

    def holders(self) -> set[str]:
        return {h for seat in seats(self.voters, self.members) for h in seat.holders}


@dataclass(frozen=True)
class Ballot:
    voter: str
    choice: Choice
    cast_at: datetime


@dataclass(frozen=True)
class SectorBallots:
    sector: str
    weight: int
    for_: int
    against: int
    abstain: int


@dataclass(frozen=True)
class VoteCount:
    result: VoteResult
    seats: int
    quorum_needed: int
    counted: tuple[Ballot, ...]
    not_counted: tuple[Ballot, ...]
    not_voted: tuple[str, ...]
    for_weight: int
    against_weight: int
    sectors: tuple[SectorBallots, ...]

    @property
    def cast_weight(self) -> int:
        return self.for_weight + self.against_weight

    @property
    def share(self) -> Fraction | None:
        """The For share of the votes cast (None when nothing was cast)."""
        return Fraction(self.for_weight, self.cast_weight) if self.cast_weight else None


def failed_round_in(chain: Sequence[Round]) -> Round | None:
    """The latest round of a decision that ended without consensus, if any."""
    failed = [
        r
        for r in chain
        if r.status is RoundStatus.CLOSED and r.outcome == Outcome.NO_CONSENSUS.value
    ]
    return failed[-1] if failed else None


def check_can_call(chain: Sequence[Round], target: Round, actor: str) -> None:
    """Refuse a recorded vote unless the chair asks, the round is over, and an impasse exists.

    Raises:
        NotAllowed: someone other than the chair asks.
        Conflict: the round is open, reached consensus, or no round has failed yet.
    """
    target.require_chair(actor, ChairAction.CALL_VOTE)
    if target.is_open:
        raise Conflict(VoteProblem.ROUND_OPEN, round=target.id)
    if target.outcome == Outcome.CONSENSUS.value:
        raise Conflict(VoteProblem.ROUND_REACHED_CONSENSUS, round=target.id)
    if failed_round_in(chain) is None:
        # How the round ended (its outcome), or its status when it has none (cancelled).
        ended = Outcome(target.outcome) if target.outcome else target.status
        raise Conflict(VoteProblem.NO_IMPASSE, round=target.id, ended=ended)


def check_affected_sector(sector: str, members: Sequence[RosterEntry]) -> None:
    """A vote's ``--sector`` must be a sector of the round's copy of the roster.

    Raises:
        InvalidInput: naming the nearest sector, and the sectors there are.
    """
    present = list(dict.fromkeys(m.sector for m in members if m.sector != UNLISTED_SECTOR))
    if sector in present:
        return
    if not present:
        raise InvalidInput(VoteProblem.NO_ROSTER_FOR_SECTOR)
    near = nearest_sectors(sector, present)
    if near:
        raise InvalidInput(
            VoteProblem.NOT_A_SECTOR_HERE_NEAR,
            sector=Typed(sector),
            near=Choices(tuple(near)),
            known=tuple(present),
        )
    raise InvalidInput(VoteProblem.NOT_A_SECTOR_HERE, sector=Typed(sector), known=tuple(present))


def check_can_cancel(vote: RecordedVote, actor: str, reason: str, now: datetime) -> None:
    """Only the chair cancels, only a vote still open to ballots (before its deadline, even
    if the sweep has not closed it yet: its result is fixed then), and always with a reason
    for the record.

    Raises:
        NotAllowed: someone other than the chair asks.
        Conflict: the vote has closed or reached its deadline (its result stands), or was
            cancelled already.
        InvalidInput: no reason, or a reason too long.
    """
    if actor != vote.chair:
        raise NotAllowed(VoteProblem.NOT_CHAIR_CANCEL, vote=vote.id)
    if vote.status is VoteStatus.CANCELLED:
        raise Conflict(VoteProblem.ALREADY_CANCELLED, vote=vote.id)
    if not vote.is_open:
        result = VoteResult(vote.result) if vote.result else ""
        raise Conflict(VoteProblem.RESULT_STANDS, vote=vote.id, result=result)
    if now >= vote.closes_at:
        raise Conflict(VoteProblem.DEADLINE_PASSED, vote=vote.id)
    if not reason:
        raise InvalidInput(VoteProblem.NO_CANCEL_REASON)
    if len(reason) > MAX_CANCEL_REASON:
        raise InvalidInput(VoteProblem.CANCEL_REASON_TOO_LONG, limit=MAX_CANCEL_REASON)


def check_ballot(vote: RecordedVote, voter: str, choice: Choice, now: datetime) -> Ballot:
    """Validate a ballot: open vote, and the person holds (or stands in for) a seat."""
    if vote.status is VoteStatus.CANCELLED:
        raise Conflict(VoteProblem.CANCELLED, vote=vote.id)
    if not vote.is_open or now >= vote.closes_at:
        raise Conflict(VoteProblem.CLOSED, vote=vote.id)
    if voter not in vote.holders():
        member = next((m for m in vote.members if m.user == voter), None)
        if member is not None and member.tier is Tier.ADVISORY:
            why = VoteProblem.ADVISORY
        elif member is not None and member.tier is Tier.VOTING:
            why = VoteProblem.REPRESENTED
        else:
            why = VoteProblem.NOT_VOTER
        raise NotAllowed(why, vote=vote.id, chair=Person(vote.chair))
    return Ballot(voter, choice, now)


def count_vote(vote: RecordedVote, ballots: Iterable[Ballot]) -> VoteCount:
    """Count ballots: one per seat, weighted by sector, abstentions not cast."""
    by_voter = {b.voter: b for b in ballots if b.voter in vote.voters}
    resolution = resolve(vote.voters, vote.members, by_voter.keys())
    counted = tuple(by_voter[v] for v in resolution.counted.values())
    not_counted = tuple(by_voter[v] for v in resolution.advisory)
    sector_of = {m.user: m.sector for m in vote.members}
    tallies: dict[str, list[int]] = {}
    for seat in resolution.seats:
        tallies.setdefault(seat.sector, [0, 0, 0])
    index = {Choice.FOR: 0, Choice.AGAINST: 1, Choice.ABSTAIN: 2}
    for ballot in counted:
        tallies.setdefault(sector_of.get(ballot.voter, ""), [0, 0, 0])[index[ballot.choice]] += 1
    sectors = tuple(
        SectorBallots(name, vote.rules.weight(name), *counts) for name, counts in tallies.items()
    )
    for_weight = sum(s.for_ * s.weight for s in sectors)
    against_weight = sum(s.against * s.weight for s in sectors)
    needed = max(1, math.ceil(vote.quorum * len(resolution.seats)))
    if len(counted) < needed:
        result = VoteResult.NO_QUORUM
    elif not for_weight or Fraction(for_weight, for_weight + against_weight) < vote.rules.threshold:
        result = VoteResult.NOT_CARRIED
    elif _sector_objects(vote, sectors):
        result = VoteResult.PROTECTED
    else:
        result = VoteResult.CARRIED
    return VoteCount(
        result=result,
        seats=len(resolution.seats),
        quorum_needed=needed,
        counted=counted,
        not_counted=not_counted,
        not_voted=resolution.waiting,
        for_weight=for_weight,
        against_weight=against_weight,
        sectors=sectors,
    )


def _sector_objects(vote: RecordedVote, sectors: Iterable[SectorBallots]) -> bool:
    if not (vote.rules.protect_sector and vote.affected_sector):
        return False
    mine = next((s for s in sectors if s.sector == vote.affected_sector), None)
    return mine is not None and mine.against > mine.for_


def parse_weights(text: str) -> tuple[tuple[str, int], ...]:
    """`hospital=1 primary-care=2` → (("hospital", 1), ("primary-care", 2)); `none` → ()."""
    if text.strip().lower() in ("", "none", "off", "equal"):
        return ()
    weights: dict[str, int] = {}
    for part in text.replace(",", " ").split():
        sector, sep, number = part.partition("=")
        if not sep or not number.isdigit() or not 0 < int(number) <= MAX_WEIGHT:
            raise InvalidInput(VoteProblem.BAD_WEIGHT, text=Typed(part[:40]), limit=MAX_WEIGHT)
        weights[parse_sector(sector)] = int(number)
    return tuple(sorted(weights.items()))
