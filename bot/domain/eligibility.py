"""Who may be named in a round or on the roster: people, not bots, apps or closed accounts.

Pure rules over what the chat platform says about each person (their ``Standing``). The
front end renders the reasons; the core only says who was refused or left out, and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.errors import InvalidInput, Person, Problem


class Standing(StrEnum):
    """What the platform says about an account."""

    PERSON = "person"
    BOT = "bot"  # a bot or an app user, the consensus bot itself included
    DEACTIVATED = "deactivated"
    UNKNOWN = "unknown"  # no such account in the workspace


class Why(StrEnum):
    """Why a person cannot take part where they were named."""

    BOT = "bot"
    DEACTIVATED = "deactivated"
    UNKNOWN = "unknown"
    OUTSIDE_CHANNEL = "outside_channel"


_WHY_OF_STANDING = {
    Standing.BOT: Why.BOT,
    Standing.DEACTIVATED: Why.DEACTIVATED,
    Standing.UNKNOWN: Why.UNKNOWN,
}


@dataclass(frozen=True)
class Ineligible:
    user: str
    why: Why


class Where(StrEnum):
    """Where the people were named (the front end words its answer for each)."""

    VOTERS = "voters"
    ROSTER = "roster"


class EligibilityProblem(Problem):
    """The one problem of eligibility; ``NotEligible`` carries who and why as data."""

    NOT_ELIGIBLE = "eligibility.not_eligible"


class NotEligible(InvalidInput):
    """Some people named cannot take part; nothing was done. ``people`` says who and why."""

    def __init__(
        self, people: Iterable[Ineligible], where: Where, lines: Iterable[int] = ()
    ) -> None:
        self.people = tuple(people)
        self.where = where
        self.lines = tuple(lines)  # a file's line of each person, when they came from one
        super().__init__(
            EligibilityProblem.NOT_ELIGIBLE,
            people=tuple(Person(p.user) for p in self.people),
            why=tuple(p.why for p in self.people),
        )


def not_people(standings: Mapping[str, Standing]) -> tuple[Ineligible, ...]:
    """Everyone whose account is not a person's, in the order given."""
    return tuple(
        Ineligible(user, _WHY_OF_STANDING[standing])
        for user, standing in standings.items()
        if standing is not Standing.PERSON
    )


def outside(users: Iterable[str], members: Iterable[str] | None) -> tuple[Ineligible, ...]:
    """The people named who are not in the channel (``members`` None: not known, so none)."""
    if members is None:
        return ()
    present = set(members)
    return tuple(Ineligible(u, Why.OUTSIDE_CHANNEL) for u in users if u not in present)
