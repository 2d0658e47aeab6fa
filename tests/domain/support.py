"""Builders for the domain tests: rounds, recorded votes and roster entries in one line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction

from bot.domain.recorded_vote import Ballot, Choice, RecordedVote, VoteRules
from bot.domain.roster import Role, RosterEntry, Tier
from bot.domain.round import Round, Stance

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
CLOSES = NOW + timedelta(days=3)


def entry(
    user: str,
    sector: str = "hospital",
    tier: Tier = Tier.VOTING,
    role: Role = Role.MEMBER,
    position: int = 0,
    organisation: str = "",
) -> RosterEntry:
    """A roster entry as copied onto a round (its seat is its sector)."""
    return RosterEntry(
        user=user,
        organisation=organisation or f"{sector} org",
        sector=sector,
        tier=tier,
        role=role,
        position=position,
        seat=f"sector:{sector}",
    )


def make_round(
    voters: tuple[str, ...] = ("A", "B", "C", "D", "E", "F"),
    members: tuple[RosterEntry, ...] = (),
    profile: str = "1-4",
    quorum: Fraction = Fraction(2, 3),
    **changes: object,
) -> Round:
    values: dict[str, object] = {
        "id": 7,
        "workspace": "T",
        "channel": "C",
        "chair": "A",
        "title": "Shared referral form",
        "details": "",
        "voters": voters,
        "profile_key": profile,
        "quorum": quorum,
        "opened_at": NOW,
        "closes_at": CLOSES,
        "members": members,
    }
    values.update(changes)
    return Round(**values)  # type: ignore[arg-type]


def levels(**by_voter: int) -> list[Stance]:
    return [Stance(voter, level) for voter, level in by_voter.items()]


def make_vote(
    voters: tuple[str, ...],
    members: tuple[RosterEntry, ...] = (),
    rules: VoteRules | None = None,
    sector: str = "",
    quorum: Fraction = Fraction(1, 2),
    **changes: object,
) -> RecordedVote:
    values: dict[str, object] = {
        "id": 4,
        "workspace": "T",
        "channel": "C",
        "round_id": 7,
        "chair": "A",
        "title": "Shared referral form",
        "voters": voters,
        "members": members,
        "quorum": quorum,
        "rules": rules or VoteRules(),
        "opened_at": NOW,
        "closes_at": CLOSES,
        "affected_sector": sector,
    }
    values.update(changes)
    return RecordedVote(**values)  # type: ignore[arg-type]


def ballots(**choices: str) -> list[Ballot]:
    return [Ballot(voter, Choice(choice), NOW) for voter, choice in choices.items()]
