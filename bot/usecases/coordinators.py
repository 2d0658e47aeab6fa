"""Who may change the partnership's settings: workspace admins and the coordinators they
name; naming the coordinators and the steering channel.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum

from bot.domain.errors import NotAllowed, Person, Problem
from bot.ports import HistoryEntry
from bot.record_entries import EntryKind
from bot.usecases.context import UseCaseContext

STEERING_CHANNEL = "steering_channel"
COORDINATORS = "coordinators"  # JSON list of user ids named by a workspace admin


class CoordinatorProblem(Problem):
    """Partnership settings asked for by someone who may not change them."""

    # Who may: workspace admins only, or workspace admins and the coordinators named.
    ADMINS_ONLY = "coordinator.admins_only"
    ADMINS_AND_NAMED = "coordinator.admins_and_named"


class CoordinatorAction(StrEnum):
    """What only the partnership's coordinators may do (named in the refusal)."""

    NAME_COORDINATORS = "name_coordinators"
    CHOOSE_STEERING = "choose_steering"
    CHANGE_ROSTER = "change_roster"
    CHANGE_RULES = "change_rules"


class Coordinators(UseCaseContext):
    """Partnership settings only coordinators may change."""

    def coordinators(self, workspace: str) -> tuple[str, ...]:
        """The people named to manage the partnership's settings (besides workspace admins)."""
        with self._store() as store:
            raw = store.get_setting(workspace, COORDINATORS)
        return tuple(json.loads(raw)) if raw else ()

    def is_coordinator(self, workspace: str, user: str) -> bool:
        return user in self.coordinators(workspace) or self._directory.is_admin(user, workspace)

    def require_coordinator(self, workspace: str, user: str, action: CoordinatorAction) -> None:
        """Refuse partnership settings (roster, steering channel, vote rules) to others.

        Raises:
            NotAllowed: naming who may do it instead.
        """
        if self.is_coordinator(workspace, user):
            return
        named = tuple(Person(u) for u in self.coordinators(workspace))
        if not named:
            raise NotAllowed(CoordinatorProblem.ADMINS_ONLY, action=action)
        raise NotAllowed(CoordinatorProblem.ADMINS_AND_NAMED, action=action, coordinators=named)

    def set_coordinators(self, workspace: str, users: Sequence[str], actor: str) -> None:
        self.require_coordinator(workspace, actor, CoordinatorAction.NAME_COORDINATORS)
        now = self._clock.now()
        with self._store() as store:
            store.set_setting(workspace, COORDINATORS, json.dumps(list(dict.fromkeys(users))))
            store.record(
                HistoryEntry(now, None, EntryKind.CONFIG_COORDINATORS, actor, text=" ".join(users)),
                workspace,
            )

    def set_steering_channel(self, workspace: str, channel: str, actor: str) -> None:
        self.require_coordinator(workspace, actor, CoordinatorAction.CHOOSE_STEERING)
        now = self._clock.now()
        with self._store() as store:
            store.set_setting(workspace, STEERING_CHANNEL, channel)
            store.record(
                HistoryEntry(now, None, EntryKind.CONFIG_STEERING, actor, text=channel), workspace
            )
