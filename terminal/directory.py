"""Who is who in a terminal session: a fixed list of people and places (``Directory``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.domain.eligibility import Standing


@dataclass(frozen=True)
class TerminalPerson:
    id: str  # what they type before ">" and how every line names them
    timezone: str = "UTC"
    is_admin: bool = False


@dataclass(frozen=True)
class TerminalDirectory:
    """The people of the session and the members of each place, given up front."""

    people: tuple[TerminalPerson, ...]
    places: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def person(self, person_id: str) -> TerminalPerson | None:
        return next((p for p in self.people if p.id == person_id), None)

    def human_members(self, channel: str) -> list[str]:
        return list(self.places.get(channel, ()))

    def timezone(self, user: str) -> str:
        person = self.person(user)
        return person.timezone if person else "UTC"

    def standing(self, user: str) -> Standing:
        return Standing.PERSON if self.person(user) is not None else Standing.UNKNOWN

    def channel_people(self, channel: str) -> frozenset[str] | None:
        return frozenset(self.places.get(channel, ()))

    def is_member(self, channel: str, user: str) -> bool:
        return user in self.places.get(channel, ())

    def is_admin(self, user: str, workspace: str) -> bool:
        person = self.person(user)
        return person is not None and person.is_admin
