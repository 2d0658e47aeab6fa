"""`ConsensusService`: the round use-cases, composed from one part per concept.

The parts (rounds, stances, escalations and coordinators, delivery) share the attributes
declared in `bot.usecases.context`; this class is the one object the composition root
builds and the front ends call, and its constructor sets those attributes.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.due_work import DueWorkTable
from bot.group_commit import GroupCommitter
from bot.ports import Clock, Directory, Notifier, StoreFactory
from bot.usecases.context import RecentCounts
from bot.usecases.delivery import Delivery
from bot.usecases.escalations import Escalations
from bot.usecases.stances import Stances


def _noop() -> None:
    return None


class ConsensusService(Delivery, Stances, Escalations):
    """The bot's use-cases, independent of chat platform and database."""

    def __init__(
        self,
        store: StoreFactory,
        clock: Clock,
        notifier: Notifier,
        directory: Directory,
        *,
        worker_id: str = "worker",
        kick: Callable[[], None] = _noop,
        on_round_changed: Callable[[int], None] | None = None,
        lease_seconds: float = 120.0,
        due_work: DueWorkTable | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._notifier = notifier
        self._directory = directory
        self._worker_id = worker_id
        self._kick = kick
        self._on_round_changed = on_round_changed
        self._lease = lease_seconds
        self._votes = GroupCommitter(self._cast_batch, name="votes")
        self._recent_counts = RecentCounts()
        # One table for every concept's due work (bot.due_work); alone, a table of its own.
        # Each part registers the kinds it delivers, so its module tells which they are.
        self._due_work = due_work if due_work is not None else DueWorkTable()
        self._register_round_work(self._due_work)
        self._register_stance_work(self._due_work)
        self._register_escalation_work(self._due_work)
        self._register_delivery_work(self._due_work)
