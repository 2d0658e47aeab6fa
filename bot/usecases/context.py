"""What every use-case of rounds shares: the ports, the clock, and reading a round.

`UseCaseContext` declares the attributes once; each concept's part (rounds, stances,
escalations, coordinators, delivery) builds on it, and `ConsensusService` composes the
parts and sets the attributes in its constructor.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from datetime import datetime

from bot.domain.errors import Conflict, NotFound
from bot.domain.round import Round, RoundProblem
from bot.domain.tally import Tally, tally
from bot.due_work import DueWorkTable
from bot.ports import Clock, Directory, Notifier, RoundView, Store, StoreFactory, Task, TaskKind


class RecentCounts:
    """The last count of each round with the version of its responses it was made from, so
    work that asks for one round many times (a reminder wave: once per person) counts it
    again only when who has responded has changed. Shared by the worker's threads."""

    def __init__(self, rounds: int = 64) -> None:
        self._rounds = rounds
        self._by_round: dict[int, tuple[Hashable, Tally]] = {}
        self._lock = threading.Lock()

    def get(self, round_id: int, version: Hashable) -> Tally | None:
        with self._lock:
            found = self._by_round.get(round_id)
        return found[1] if found is not None and found[0] == version else None

    def put(self, round_id: int, version: Hashable, counted: Tally) -> None:
        with self._lock:
            self._by_round.pop(round_id, None)
            self._by_round[round_id] = (version, counted)
            while len(self._by_round) > self._rounds:  # the least recently counted go first
                del self._by_round[next(iter(self._by_round))]


class UseCaseContext:
    """The ports and settings the use-cases share (set by `ConsensusService`)."""

    _store: StoreFactory
    _clock: Clock
    _notifier: Notifier
    _directory: Directory
    _worker_id: str
    _kick: Callable[[], None]
    _on_round_changed: Callable[[int], None] | None
    _lease: float
    _due_work: DueWorkTable
    _recent_counts: RecentCounts

    @property
    def directory(self) -> Directory:
        """What the platform says about people (for the governance use-cases)."""
        return self._directory

    def now(self) -> datetime:
        """The service's clock, so front ends validate against the same time."""
        return self._clock.now()

    def _round_changed(self, round_id: int) -> None:
        if self._on_round_changed is not None:
            self._on_round_changed(round_id)

    def _view(
        self, store: Store, round_: Round, late: float = 0.0, counted: Tally | None = None
    ) -> RoundView:
        """The round drawn as of now; ``counted``: its count when the caller has it."""
        now = self._clock.now()
        next_reminder = None
        if round_.is_open:
            next_reminder = store.next_due([TaskKind.REMIND_WAVE], round_.id)
        if counted is None:
            counted = tally(round_, store.stances(round_.id))
        return RoundView.of(round_, counted, now, next_reminder, late)

    @staticmethod
    def _require_round(store: Store, round_id: int, lock: str | None = None) -> Round:
        round_ = store.get_round(round_id, lock=lock)  # type: ignore[arg-type]
        if round_ is None:
            raise no_such_round(round_id)
        return round_

    def _task_view(self, task: Task, late: float) -> RoundView:
        """The round a piece of due work is about, drawn as of now."""
        assert task.round_id is not None
        with self._store() as store:
            return self._view(store, self._require_round(store, task.round_id), late)

    def _is_posted(self, store: Store, round_: Round) -> bool:
        """Whether the round's message is out: its reference is stored or, from a front end
        whose posts have none (``Abilities.refers_to_posts``), its post is done."""
        if round_.message_ref:
            return True
        return not self._notifier.abilities.refers_to_posts and store.delivered(
            TaskKind.POST_ROUND, round_.id
        )

    def _require_posted(self, round_: Round) -> None:
        """Redraws and replies wait for the round's message (retried until it is out)."""
        if round_.message_ref:
            return  # the usual answer, without a unit of work
        with self._store() as store:
            if self._is_posted(store, round_):
                return
        raise Conflict(RoundProblem.NOT_POSTED_YET, round=round_.id)


def no_such_round(round_id: int) -> NotFound:
    """The answer for a round number that names nothing the person may see: one text for a
    number never used, a round of another workspace, and a round they may not read, so
    asking cannot tell them apart."""
    return NotFound(RoundProblem.NOT_FOUND, round=round_id)


def describe_failure(exc: BaseException) -> str:
    """A short, secret-free description of a failure for logs and the task row."""
    text = f"{type(exc).__name__}: {exc}"
    return text[:300]
