"""A consensus round and the stances people take in it.

Pure data and rules: every function that depends on time takes ``now``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from fractions import Fraction

from bot.domain.errors import Conflict, InvalidInput, NotAllowed, Person, Problem
from bot.domain.roster import RosterEntry, Seat, Tier, seats
from bot.domain.scale import Explanation, RuleProfile, profile_for

DEFAULT_QUORUM = Fraction(2, 3)
# Reminders at half-time and when 10% of the window remains, as fractions of the window.
DEFAULT_REMINDERS: tuple[Fraction, ...] = (Fraction(1, 2), Fraction(9, 10))
MIN_DURATION = timedelta(seconds=30)
MAX_DURATION = timedelta(days=365)
MAX_TITLE = 200
MAX_DETAILS = 2500
MAX_REASON = 2000
MAX_VOTERS = 1000  # a large channel in an Enterprise Grid org; rosters are far smaller


class RoundProblem(Problem):
    """What can go wrong with a round (rendered by each front end's catalog)."""

    NOT_CHAIR = "round.not_chair"
    CANCELLED = "round.cancelled"
    CLOSED = "round.closed"
    DEADLINE_NOT_LATER = "round.deadline_not_later"
    DEADLINE_PAST = "round.deadline_past"
    TOO_SHORT = "round.too_short"
    TOO_LONG = "round.too_long"
    OBSERVER = "round.observer"
    NOT_VOTER = "round.not_voter"
    NEEDS_ANSWER = "round.needs_answer"
    REASON_TOO_LONG = "round.reason_too_long"
    # Raised by the use-cases (bot.usecases).
    NO_TITLE = "round.no_title"
    NO_VOTERS = "round.no_voters"
    TOO_MANY_VOTERS = "round.too_many_voters"
    START_BUSY = "round.start_busy"
    NO_LEVEL_YET = "round.no_level_yet"
    NOT_POSTED_YET = "round.not_posted_yet"  # the worker retries (a redraw before the post)
    # The worker retries: a level-change note waits until the explanation it follows is out.
    EXPLANATION_PENDING = "round.explanation_pending"
    CANCELLED_NO_OUTCOME = "round.cancelled_no_outcome"
    NOT_FOUND = "round.not_found"
    NONE_OPEN = "round.none_open"
    NONE_CLOSED = "round.none_closed"


class ChairAction(StrEnum):
    """What only a round's chair may do (named in the refusal)."""

    CLOSE = "close"
    CANCEL = "cancel"
    EXTEND = "extend"
    REMIND = "remind"
    ESCALATE = "escalate"
    REVISE = "revise"
    CALL_VOTE = "call_vote"


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Round:
    """A proposal put to a group, open until ``closes_at``."""

    id: int
    workspace: str
    channel: str
    chair: str
    title: str
    details: str
    voters: tuple[str, ...]
    profile_key: str
    quorum: Fraction
    opened_at: datetime
    closes_at: datetime
    reminders: tuple[Fraction, ...] = DEFAULT_REMINDERS
    status: RoundStatus = RoundStatus.OPEN
    closed_at: datetime | None = None
    outcome: str | None = None
    message_ref: str | None = None
    parent_id: int | None = None
    revision: int = 1
    # The roster as it stood when the round opened (empty: everyone votes individually).
    members: tuple[RosterEntry, ...] = ()

    @property
    def profile(self) -> RuleProfile:
        return profile_for(self.profile_key)

    @property
    def is_open(self) -> bool:
        return self.status is RoundStatus.OPEN

    def quorum_count(self) -> int:
        """How many responses the quorum needs (at least one); one per seat."""
        return max(1, math.ceil(self.quorum * len(self.seats())))

    def seats(self) -> tuple[Seat, ...]:
        """The counted voices: one per voter, or per speaker group under a roster."""
        return seats(self.voters, self.members)

    def member(self, user: str) -> RosterEntry | None:
        """The person's roster entry as copied onto this round, if any."""
        return next((m for m in self.members if m.user == user), None)

    def reminder_times(self) -> tuple[datetime, ...]:
        """When non-responders are chased, from the configured fractions of the window."""
        window = self.closes_at - self.opened_at
        return tuple(self.opened_at + window * float(f) for f in self.reminders)

    def next_reminder(self, now: datetime) -> datetime | None:
        """The next reminder still to come, if the round is open."""
        if not self.is_open:
            return None
        upcoming = [t for t in self.reminder_times() if t > now]
        return min(upcoming) if upcoming else None

    def is_voter(self, user: str) -> bool:
        return user in self.voters

    def require_chair(self, user: str, action: ChairAction) -> None:
        """Refuse chair-only actions to everyone else."""
        if user != self.chair:
            raise NotAllowed(
                RoundProblem.NOT_CHAIR, chair=Person(self.chair), action=action, round=self.id
            )

    def require_open(self, now: datetime) -> None:
        """Refuse changes to a round that has ended."""
        if self.status is RoundStatus.CANCELLED:
            raise Conflict(RoundProblem.CANCELLED, round=self.id)
        if self.status is RoundStatus.CLOSED or now >= self.closes_at:
            raise Conflict(RoundProblem.CLOSED, round=self.id)

    def extended(self, closes_at: datetime, now: datetime) -> Round:
        """A copy with a later deadline; refuses a deadline that is not later."""
        self.require_open(now)
        if closes_at <= self.closes_at:
            raise InvalidInput(RoundProblem.DEADLINE_NOT_LATER)
        validate_window(now, closes_at)
        return replace(self, closes_at=closes_at)


@dataclass(frozen=True)
class Stance:
    """One person's current level in a round."""

    voter: str
    level: int
    reason: str = ""
    cast_at: datetime | None = None


@dataclass(frozen=True)
class RoundDraft:
    """What a chair asks for when starting a round, before it has an id."""

    workspace: str
    channel: str
    chair: str
    title: str
    details: str = ""
    voters: tuple[str, ...] = ()
    closes_at: datetime | None = None
    duration: timedelta | None = None
    quorum: Fraction = DEFAULT_QUORUM
    profile_key: str = "1-4"
    reminders: tuple[Fraction, ...] = DEFAULT_REMINDERS
    parent_id: int | None = None
    bots: frozenset[str] = field(default_factory=frozenset)
    members: tuple[RosterEntry, ...] = ()
    # Named voters outside the channel are refused unless the chair includes them on purpose.
    include_outside: bool = False
    # The front end's id for the request that asked for this round (a form, one delivery of
    # a command). Set, it makes the start idempotent (bot.starts); empty for the bot's own.
    request: str = ""


def clean_text(text: str) -> str:
    """Drop control characters (keeping line breaks and tabs) and surrounding space."""
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable()).strip()


def validate_window(now: datetime, closes_at: datetime) -> None:
    """Refuse deadlines in the past, too close, or absurdly far away."""
    if closes_at <= now:
        raise InvalidInput(RoundProblem.DEADLINE_PAST)
    if closes_at - now < MIN_DURATION:
        raise InvalidInput(RoundProblem.TOO_SHORT, seconds=int(MIN_DURATION.total_seconds()))
    if closes_at - now > MAX_DURATION:
        raise InvalidInput(RoundProblem.TOO_LONG)


def check_stance(round_: Round, voter: str, level: int, reason: str, now: datetime) -> Stance:
    """Validate a stance against the round and its profile, returning it cleaned.

    Raises:
        NotAllowed: the person is not an eligible voter.
        Conflict: the round has closed or was cancelled.
        InvalidInput: the level is off the scale, a required explanation is missing or the
            reason is too long.
    """
    round_.require_open(now)
    member = round_.member(voter)
    if member is not None and member.tier is Tier.OBSERVER:
        raise NotAllowed(RoundProblem.OBSERVER, round=round_.id, chair=Person(round_.chair))
    if not round_.is_voter(voter):
        raise NotAllowed(RoundProblem.NOT_VOTER, round=round_.id, chair=Person(round_.chair))
    level_def = round_.profile.level(level)
    cleaned = clean_text(reason)
    if level_def.explanation is Explanation.REQUIRED and not cleaned:
        raise InvalidInput(RoundProblem.NEEDS_ANSWER, level=level, prompt=level_def.text_kind)
    if len(cleaned) > MAX_REASON:
        raise InvalidInput(RoundProblem.REASON_TOO_LONG, limit=MAX_REASON)
    return Stance(voter=voter, level=level, reason=cleaned, cast_at=now)
