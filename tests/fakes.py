"""In-memory stand-ins for the core's ports: a notifier that records, a fixed directory."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.domain.eligibility import Standing
from bot.domain.round import Stance
from bot.ports import (
    Abilities,
    Audience,
    Delivery,
    EscalationView,
    LevelChange,
    RoundView,
    TaskKind,
)

# What the Slack front end can do: its posts have references, and a retry finds them.
SLACK_LIKE = Abilities(refers_to_posts=True, finds_earlier_posts=True)
# What a stream of lines can do (the terminal): neither.
STREAM_LIKE = Abilities(refers_to_posts=False, finds_earlier_posts=False)


@dataclass
class Sent:
    kind: str
    round_id: int
    target: str = ""
    detail: Any = None


@dataclass
class RecordingNotifier:
    """Records every notification; ``fail`` makes named calls raise to test retries.

    Posts return references ``ts1``, ``ts2``, … when ``abilities`` says posts have them,
    else None."""

    sent: list[Sent] = field(default_factory=list)
    fail: dict[str, int] = field(default_factory=dict)
    abilities: Abilities = SLACK_LIKE
    # Explanations an earlier attempt posted although its answer was lost: delivery key → ts.
    earlier_explanations: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: int = 0

    def _record(self, kind: str, round_id: int, target: str = "", detail: Any = None) -> str | None:
        with self._lock:
            if self.fail.get(kind, 0) > 0:
                self.fail[kind] -= 1
                raise ConnectionError(f"{kind} failed (injected)")
            self.sent.append(Sent(kind, round_id, target, detail))
            self._ts += 1
            return f"ts{self._ts}" if self.abilities.refers_to_posts else None

    def kinds(self, round_id: int | None = None) -> list[str]:
        return [s.kind for s in self.sent if round_id is None or s.round_id == round_id]

    def of(self, kind: str) -> list[Sent]:
        return [s for s in self.sent if s.kind == kind]

    def post_round(self, view: RoundView, delivery: Delivery) -> str | None:
        return self._record("post_round", view.round.id)

    def update_round(self, view: RoundView) -> None:
        self._record("update_round", view.round.id, detail=view)

    def post_outcome(self, view: RoundView, delivery: Delivery) -> str | None:
        return self._record("post_outcome", view.round.id, detail=view)

    def post_explanation(self, view: RoundView, stance: Stance, delivery: Delivery) -> str | None:
        return self._record("post_explanation", view.round.id, stance.voter, stance)

    def find_explanation(self, view: RoundView, delivery: Delivery) -> str | None:
        """The reference of a recorded explanation post carrying ``delivery``'s key."""
        with self._lock:
            self.sent.append(Sent("find_explanation", view.round.id, delivery.key, delivery))
        return self.earlier_explanations.get(delivery.key)

    def mark_explanation_changed(self, view: RoundView, ref: str, earlier: Stance) -> None:
        self._record("mark_explanation_changed", view.round.id, earlier.voter, (ref, earlier))

    def post_level_change(self, view: RoundView, change: LevelChange, delivery: Delivery) -> None:
        self._record("post_level_change", view.round.id, change.voter, change)

    def remind_voter(self, view: RoundView, voter: str, delivery: Delivery) -> None:
        self._record("remind_voter", view.round.id, voter, view)

    def post_escalation(self, view: EscalationView, delivery: Delivery) -> str | None:
        return self._record("post_escalation", view.round.round.id, view.escalation.channel, view)

    def remind_escalation(self, view: EscalationView, delivery: Delivery) -> None:
        self._record("remind_escalation", view.round.round.id, view.reminder, view)

    def post_resolution(self, view: EscalationView, audience: Audience, delivery: Delivery) -> None:
        self._record("post_resolution", view.round.round.id, audience.value, view)

    def tell_chair_undelivered(
        self, view: RoundView, parked: Sequence[TaskKind], channel: str, delivery: Delivery
    ) -> None:
        self._record("tell_chair_undelivered", view.round.id, channel, tuple(parked))


@dataclass
class FixedDirectory:
    members: dict[str, list[str]] = field(default_factory=dict)
    zones: dict[str, str] = field(default_factory=dict)
    admins: frozenset[str] = frozenset()
    standings: dict[str, Standing] = field(default_factory=dict)  # default: a person

    def human_members(self, channel: str) -> list[str]:
        return list(self.members.get(channel, []))

    def timezone(self, user: str) -> str:
        return self.zones.get(user, "America/Toronto")

    def is_member(self, channel: str, user: str) -> bool:
        return user in self.members.get(channel, [])

    def standing(self, user: str) -> Standing:
        return self.standings.get(user, Standing.PERSON)

    def channel_people(self, channel: str) -> frozenset[str] | None:
        found = self.members.get(channel)
        return None if found is None else frozenset(found)

    def is_admin(self, user: str, workspace: str) -> bool:
        return user in self.admins
