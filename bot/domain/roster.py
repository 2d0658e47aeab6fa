"""The partnership's roster: who speaks for whom, and whose level counts.

Pure rules. A person on the roster belongs to an organisation and a sector and has a tier:

* **voting** (anchor/lead partners) - their level counts for consensus and quorum;
* **advisory** (associate partners) - their level is shown with the outcome, never counted;
* **observer** - sees rounds, cannot state a level.

A sector (or, if the partnership prefers, an organisation) may name one **speaker** and
ordered **alternates**. Such a group holds one *seat*: the speaker's level counts; when the
speaker has not responded, the first alternate who has responded counts; the group's other
people are advisory for that round. Groups without a speaker give each voting person a seat
of their own (patient and family advisors each hold a vote).

Without a roster every voter is a seat of their own, exactly as before.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.domain.errors import Choices, InvalidInput, Person, Problem, Sector, Typed

MAX_ORGANISATION = 80
MAX_SECTOR = 40


class RosterProblem(Problem):
    """What can go wrong with a roster entry or a roster (rendered by the front ends)."""

    BAD_SECTOR = "roster.bad_sector"
    BAD_TIER = "roster.bad_tier"
    BAD_ROLE = "roster.bad_role"
    NO_ORGANISATION = "roster.no_organisation"
    ORGANISATION_TOO_LONG = "roster.organisation_too_long"
    LEADER_NOT_VOTING = "roster.leader_not_voting"
    LISTED_TWICE = "roster.listed_twice"
    TWO_SPEAKERS_IN_SECTOR = "roster.two_speakers_in_sector"
    TWO_SPEAKERS_IN_ORGANISATION = "roster.two_speakers_in_organisation"
    # A round started in a channel where nobody is on the roster with a level
    # (bot.usecases.rounds).
    NOBODY_HERE = "roster.nobody_here"
    # A sector the partnership does not have, with or without near ones to suggest.
    UNKNOWN_SECTOR = "roster.unknown_sector"
    UNKNOWN_SECTOR_NEAR = "roster.unknown_sector_near"


class Tier(StrEnum):
    VOTING = "voting"
    ADVISORY = "advisory"
    OBSERVER = "observer"


class Role(StrEnum):
    SPEAKER = "speaker"
    ALTERNATE = "alternate"
    MEMBER = "member"


class Representation(StrEnum):
    """Which group a speaker speaks for (a partnership-wide setting)."""

    SECTOR = "sector"
    ORGANISATION = "organisation"


# Sectors named in the partnership agreement and the OHT case studies, by key. Others are
# allowed (a partnership defines its own). Each front end words them (a label per key).
SECTORS: tuple[str, ...] = (
    "primary-care",
    "hospital",
    "home-and-community-care",
    "mental-health-and-addictions",
    "long-term-care",
    "community-support",
    "patient-family-caregiver",
    "public-health",
    "indigenous-health",
    "social-services",
    "other",
)
# Input parsing: the slug of a sector's full name when it is not the key itself, so the
# name people read and type ("Community support services") finds the listed sector. The
# front ends' labels are checked to parse back to their key (tests), so this stays in step.
_NAME_SLUGS: dict[str, str] = {
    "community-support-services": "community-support",
    "patient-family-and-caregiver": "patient-family-caregiver",
}
UNLISTED_SECTOR = "unlisted"  # channel members missing from the roster (observers)

_SECTOR = re.compile(rf"^[a-z0-9][a-z0-9-]{{0,{MAX_SECTOR - 1}}}$")


def parse_sector(text: str) -> str:
    """`Primary care`, `primary_care` or `primary-care` → "primary-care"."""
    slug = re.sub(r"[\s_]+", "-", text.strip().lower())
    # A sector's name as shown ("Patient, family and caregiver") names its listed sector.
    as_name = re.sub(r"[\s_,]+", "-", text.strip().lower())
    if as_name in SECTORS:
        return as_name
    if as_name in _NAME_SLUGS:
        return _NAME_SLUGS[as_name]
    if not _SECTOR.match(slug):
        raise InvalidInput(RosterProblem.BAD_SECTOR, text=Typed(text[:40]), known=tuple(SECTORS))
    return slug


NEW_SECTOR_FLAG = "--new-sector"


def known_sectors(roster: Iterable[RosterEntry]) -> list[str]:
    """The listed sectors, then those the partnership added (in use on its roster)."""
    added = sorted({e.sector for e in roster} - set(SECTORS) - {UNLISTED_SECTOR})
    return [*SECTORS, *added]


def nearest_sectors(slug: str, known: Sequence[str]) -> list[str]:
    """What a typo most likely meant: close spellings, else the sectors the word is part of."""
    typo = difflib.get_close_matches(slug, known, n=3, cutoff=0.8)
    words = set(slug.split("-"))
    sharing = sorted(
        (k for k in known if words & set(k.split("-"))),
        key=lambda k: -len(words & set(k.split("-"))),
    )
    loose = difflib.get_close_matches(slug, known, n=3, cutoff=0.6)
    return list(dict.fromkeys([*typo, *sharing, *loose]))[:3]


def check_sector(slug: str, known: Sequence[str], allow_new: bool = False) -> str:
    """Refuse a sector the partnership does not have, unless it is added on purpose.

    Raises:
        InvalidInput: with the nearest sectors and how to add a new one.
    """
    if slug in known or allow_new:
        return slug
    near = nearest_sectors(slug, known)
    raise InvalidInput(
        RosterProblem.UNKNOWN_SECTOR_NEAR if near else RosterProblem.UNKNOWN_SECTOR,
        sector=Typed(slug),
        near=Choices(tuple(near)),
        known=tuple(known),
        flag=NEW_SECTOR_FLAG,
    )


def parse_tier(text: str) -> Tier:
    try:
        return Tier(text.strip().lower())
    except ValueError:
        raise InvalidInput(RosterProblem.BAD_TIER, text=Typed(text[:20])) from None


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower() or "member")
    except ValueError:
        raise InvalidInput(RosterProblem.BAD_ROLE, text=Typed(text[:20])) from None


@dataclass(frozen=True)
class RosterEntry:
    """One person's place in the partnership.

    ``position`` orders alternates (lower first). ``seat`` is filled when the entry is
    copied onto a round: the group the person belongs to for that round.
    """

    user: str
    organisation: str
    sector: str
    tier: Tier
    role: Role = Role.MEMBER
    position: int = 0
    seat: str = ""

    @property
    def votes(self) -> bool:
        return self.tier is Tier.VOTING

    def group_key(self, representation: Representation) -> str:
        if representation is Representation.ORGANISATION:
            return f"org:{self.organisation.lower()}"
        return f"sector:{self.sector}"


def make_entry(
    user: str, organisation: str, sector: str, tier: str, role: str = "member", position: int = 0
) -> RosterEntry:
    """Check and clean one roster entry as typed (slash command or CSV)."""
    organisation = " ".join(organisation.split())
    if not organisation:
        raise InvalidInput(RosterProblem.NO_ORGANISATION)
    if len(organisation) > MAX_ORGANISATION:
        raise InvalidInput(RosterProblem.ORGANISATION_TOO_LONG, limit=MAX_ORGANISATION)
    entry = RosterEntry(
        user=user,
        organisation=organisation,
        sector=parse_sector(sector),
        tier=parse_tier(tier),
        role=parse_role(role),
        position=position,
    )
    if entry.role is not Role.MEMBER and entry.tier is not Tier.VOTING:
        raise InvalidInput(RosterProblem.LEADER_NOT_VOTING, role=entry.role, tier=entry.tier)
    return entry


def check_roster(entries: Sequence[RosterEntry], representation: Representation) -> None:
    """Refuse a roster in which a group names two speakers or a person appears twice."""
    seen: set[str] = set()
    speakers: dict[str, str] = {}
    for entry in entries:
        if entry.user in seen:
            raise InvalidInput(RosterProblem.LISTED_TWICE, person=Person(entry.user))
        seen.add(entry.user)
        if entry.role is Role.SPEAKER:
            group = entry.group_key(representation)
            if group in speakers:
                raise _two_speakers(group, speakers[group], entry.user)
            speakers[group] = entry.user


def _two_speakers(group: str, first: str, second: str) -> InvalidInput:
    kind, _, name = group.partition(":")
    both = {"first": Person(first), "second": Person(second)}
    if kind == "sector":
        return InvalidInput(RosterProblem.TWO_SPEAKERS_IN_SECTOR, sector=Sector(name), **both)
    # The organisation's name as typed (group keys compare it in lower case).
    return InvalidInput(
        RosterProblem.TWO_SPEAKERS_IN_ORGANISATION, organisation=Typed(name), **both
    )


def snapshot(
    people: Sequence[str], roster: Iterable[RosterEntry], representation: Representation
) -> tuple[tuple[str, ...], tuple[RosterEntry, ...]]:
    """Copy the roster onto a round's people: (who may state a level, each one's entry).

    People missing from a non-empty roster observe: a newcomer to the channel must not get
    a vote the partnership did not give them.
    """
    by_user = {e.user: e for e in roster}
    members: list[RosterEntry] = []
    for user in people:
        entry = by_user.get(user) or RosterEntry(user, "", UNLISTED_SECTOR, Tier.OBSERVER)
        members.append(replace(entry, seat=entry.group_key(representation)))
    voters = tuple(m.user for m in members if m.tier is not Tier.OBSERVER)
    return voters, tuple(members)


@dataclass(frozen=True)
class Seat:
    """One counted voice: a speaker group (``holders`` in order) or one person."""

    key: str
    sector: str
    holders: tuple[str, ...]


def seats(voters: Sequence[str], members: Sequence[RosterEntry]) -> tuple[Seat, ...]:
    """The seats of a round, in the order their first holder appears among ``voters``."""
    if not members:
        return tuple(Seat(f"person:{v}", "", (v,)) for v in voters)
    by_user = {m.user: m for m in members}
    voting = [by_user[v] for v in voters if v in by_user and by_user[v].votes]
    holders: dict[str, list[RosterEntry]] = {}
    for entry in voting:
        if entry.role is not Role.MEMBER:
            holders.setdefault(entry.seat, []).append(entry)
    result: list[Seat] = []
    placed: set[str] = set()
    for entry in voting:
        group = holders.get(entry.seat)
        if group is None:
            result.append(Seat(f"person:{entry.user}", entry.sector, (entry.user,)))
        elif entry.seat not in placed:
            placed.add(entry.seat)
            # The speaker first, then alternates by position (a second speaker, should one
            # slip in, ranks as an alternate).
            ordered = sorted(
                group, key=lambda e: (e.role is not Role.SPEAKER, e.position, voters.index(e.user))
            )
            result.append(Seat(entry.seat, entry.sector, tuple(e.user for e in ordered)))
    return tuple(result)


@dataclass(frozen=True)
class Resolution:
    """Whose response counts, given who has responded."""

    counted: dict[str, str]  # seat key -> the person whose response counts
    advisory: tuple[str, ...]  # responded, shown, not counted
    waiting: tuple[str, ...]  # holders of seats nobody has answered for yet
    seats: tuple[Seat, ...]


def resolve(
    voters: Sequence[str], members: Sequence[RosterEntry], responded: Collection[str]
) -> Resolution:
    """Decide, for each seat, whose response counts; everyone else who responded is advisory."""
    all_seats = seats(voters, members)
    counted: dict[str, str] = {}
    waiting: list[str] = []
    for seat in all_seats:
        answer = next((h for h in seat.holders if h in responded), None)
        if answer is None:
            waiting.extend(seat.holders)
        else:
            counted[seat.key] = answer
    counting = set(counted.values())
    advisory = tuple(v for v in voters if v in responded and v not in counting)
    return Resolution(counted, advisory, tuple(waiting), all_seats)


class Standing(StrEnum):
    """Whether a person's response counts in a round, and why (codes; the front end words them)."""

    OWN_SEAT = "own_seat"  # counts: the person holds a seat of their own
    SPEAKER = "speaker"  # counts: speaks for their group
    ALTERNATE = "alternate"  # counts: stands in while the group's speaker has not answered
    ADVISORY_TIER = "advisory_tier"  # shown, never counted: an advisory (associate) partner
    BEHIND_SPEAKER = "behind_speaker"  # shown, not counted: the group's speaker speaks for it
    OUTRANKED = "outranked"  # shown, not counted: the speaker or a higher alternate answered
    OBSERVER = "observer"  # states no level
    NOT_A_VOTER = "not_a_voter"  # not asked in this round


COUNTING = frozenset({Standing.OWN_SEAT, Standing.SPEAKER, Standing.ALTERNATE})


@dataclass(frozen=True)
class ResponseStanding:
    """A person's standing in a round: ``instead`` is who counts for their group in their
    place (None when nobody does yet, or when the person counts)."""

    code: Standing
    group: str = ""
    instead: str | None = None

    @property
    def counts(self) -> bool:
        return self.code in COUNTING

    @property
    def may_respond(self) -> bool:
        return self.code not in (Standing.OBSERVER, Standing.NOT_A_VOTER)


def standing(
    voters: Sequence[str], members: Sequence[RosterEntry], responded: Collection[str], user: str
) -> ResponseStanding:
    """The standing of ``user``'s response given who else has responded, taken as if the user
    has responded too: so it is what their response does, or would do once given (a speaker
    whose alternate answered first still counts, in the alternate's place)."""
    member = next((m for m in members if m.user == user), None)
    if member is not None and member.tier is Tier.OBSERVER:
        return ResponseStanding(Standing.OBSERVER)
    if user not in voters:
        return ResponseStanding(Standing.NOT_A_VOTER)
    if member is not None and member.tier is Tier.ADVISORY:
        return ResponseStanding(Standing.ADVISORY_TIER)
    if not members:
        # No roster: every voter holds a seat of their own (``seats``). Said without
        # resolving every seat, which would cost each vote a pass over all the voters.
        return ResponseStanding(Standing.OWN_SEAT)
    resolution = resolve(voters, members, {*responded, user})
    seat = next((s for s in resolution.seats if user in s.holders), None)
    if seat is None:  # a member of a group whose speaker and alternates speak for it
        assert member is not None
        return ResponseStanding(
            Standing.BEHIND_SPEAKER, member.seat, resolution.counted.get(member.seat)
        )
    counted = resolution.counted[seat.key]
    if counted != user:
        return ResponseStanding(Standing.OUTRANKED, seat.key, counted)
    if member is None or seat.key == f"person:{user}":
        return ResponseStanding(Standing.OWN_SEAT)
    code = Standing.SPEAKER if member.role is Role.SPEAKER else Standing.ALTERNATE
    return ResponseStanding(code, seat.key)
