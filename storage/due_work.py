"""Due work in SQL: tasks claimed with a lease, finished, retried, parked or dropped
(bot.due_work says what each kind does; this keeps them exactly once across processes)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update

from bot.ports import Task, TaskKind
from storage.round_rows import opt_utc as _opt_utc
from storage.round_rows import utc as _utc
from storage.sql_part import SqlPart
from storage.tables import TaskRow

PENDING, CLAIMED, DONE, DROPPED = "pending", "claimed", "done", "dropped"

BLOCKED = "blocked"  # the platform refused for good: parked until the bot may post again


class DueWorkSql(SqlPart):
    """The task table: what is due, and who holds it."""

    def add_task(
        self,
        kind: TaskKind,
        round_id: int | None,
        key: str,
        due_at: datetime,
        *,
        target: str = "",
        payload: dict[str, Any] | None = None,
        escalation_id: int | None = None,
    ) -> bool:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        insert = (
            self._insert(table)
            .values(
                kind=kind.value,
                round_id=round_id or 0,
                escalation_id=escalation_id,
                key=key,
                target=target,
                payload=json.dumps(payload or {}),
                due_at=due_at,
                status=PENDING,
                attempts=0,
            )
            .on_conflict_do_nothing(index_elements=["kind", "round_id", "key"])
        )
        result = self.session.execute(insert)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def claim_due_tasks(
        self,
        now: datetime,
        worker: str,
        lease_seconds: float,
        limit: int,
        *,
        kinds: Iterable[TaskKind] | None = None,
        exclude: Iterable[TaskKind] | None = None,
    ) -> list[Task]:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        claimable = or_(
            and_(table.c.status == PENDING, table.c.due_at <= now),
            and_(table.c.status == CLAIMED, table.c.claimed_until < now),
        )
        if kinds is not None:
            claimable = and_(claimable, table.c.kind.in_([k.value for k in kinds]))
        if exclude is not None:
            claimable = and_(claimable, table.c.kind.not_in([k.value for k in exclude]))
        # One statement claims the batch: FOR UPDATE SKIP LOCKED lets PostgreSQL workers
        # pass each other's rows; SQLite serialises writers, and the repeated condition in
        # the outer WHERE makes a row claimed by someone else drop out.
        candidates = (
            select(table.c.id)
            .where(claimable)
            .order_by(table.c.due_at, table.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        statement = (
            update(table)
            .where(table.c.id.in_(candidates))
            .where(claimable)
            .values(
                status=CLAIMED,
                claimed_by=worker,
                claimed_until=now + timedelta(seconds=lease_seconds),
            )
            .returning(*table.c)
        )
        rows = self.session.execute(statement).mappings().all()
        tasks = [
            Task(
                id=r["id"],
                kind=TaskKind(r["kind"]),
                round_id=r["round_id"] or None,
                key=r["key"],
                due_at=_utc(r["due_at"]),
                attempts=r["attempts"],
                target=r["target"],
                payload=json.loads(r["payload"] or "{}"),
                escalation_id=r["escalation_id"],
                attempted_at=_opt_utc(r["attempted_at"]),
                posted_ref=r["posted_ref"],
            )
            for r in rows
        ]
        return sorted(tasks, key=lambda t: (t.due_at, t.id))

    def renew_claim(
        self, task_id: int, worker: str, until: datetime, attempt_at: datetime | None = None
    ) -> bool:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        values: dict[str, Any] = {"claimed_until": until}
        if attempt_at is not None:
            values["attempted_at"] = func.coalesce(table.c.attempted_at, attempt_at)
        result = self.session.execute(
            update(table)
            .where(
                table.c.id == task_id,
                table.c.status == CLAIMED,
                table.c.claimed_by == worker,
            )
            .values(**values)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def _owned(self, task_id: int, worker: str) -> Any:
        """The task's row, only while this worker's claim on it stands."""
        table = TaskRow.__table__  # type: ignore[attr-defined]
        return update(table).where(
            table.c.id == task_id, table.c.status == CLAIMED, table.c.claimed_by == worker
        )

    def finish_task(self, task_id: int, worker: str, now: datetime) -> None:
        self.session.execute(self._owned(task_id, worker).values(status=DONE, done_at=now))

    def note_posted(self, task_id: int, worker: str, ref: str) -> None:
        self.session.execute(self._owned(task_id, worker).values(posted_ref=ref))

    def posted(
        self, kind: TaskKind, round_id: int, target: str
    ) -> list[tuple[str, dict[str, Any]]]:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        query = (
            select(table.c.posted_ref, table.c.payload)
            .where(
                table.c.kind == kind.value,
                table.c.round_id == round_id,
                table.c.target == target,
                table.c.posted_ref.is_not(None),
            )
            .order_by(table.c.id)
        )
        return [
            (str(r.posted_ref), json.loads(r.payload or "{}")) for r in self.session.execute(query)
        ]

    def release_claims(self, worker: str) -> int:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        result = self.session.execute(
            update(table)
            .where(table.c.status == CLAIMED, table.c.claimed_by == worker)
            .values(status=PENDING, claimed_by=None, claimed_until=None)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def park_task(self, task_id: int, worker: str, error: str, channel: str) -> None:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        self.session.execute(
            self._owned(task_id, worker).values(
                status=BLOCKED,
                blocked_on=channel[:32],
                last_error=error[:500],
                attempts=table.c.attempts + 1,
                claimed_by=None,
                claimed_until=None,
            )
        )

    def resume_blocked(self, channel: str, now: datetime) -> int:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        result = self.session.execute(
            update(table)
            .where(table.c.status == BLOCKED, table.c.blocked_on == channel)
            .values(status=PENDING, due_at=now, blocked_on=None)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def blocked_tasks(self, round_id: int) -> list[TaskKind]:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        query = (
            select(table.c.kind)
            .where(table.c.status == BLOCKED, table.c.round_id == round_id)
            .order_by(table.c.id)
        )
        return [TaskKind(kind) for kind in dict.fromkeys(self.session.execute(query).scalars())]

    def retry_task(
        self,
        task_id: int,
        worker: str,
        error: str,
        retry_at: datetime,
        *,
        maybe_delivered: bool = True,
    ) -> None:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        values: dict[str, Any] = {
            "status": PENDING,
            "due_at": retry_at,
            "attempts": table.c.attempts + 1,
            "last_error": error[:500],
            "claimed_by": None,
            "claimed_until": None,
        }
        if not maybe_delivered:
            values["attempted_at"] = None
        self.session.execute(self._owned(task_id, worker).values(**values))

    def drop_pending_tasks(
        self, kinds: Iterable[TaskKind], round_id: int | None, escalation_id: int | None = None
    ) -> int:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        statement = update(table).where(
            table.c.status == PENDING,
            table.c.kind.in_([k.value for k in kinds]),
            table.c.round_id == (round_id or 0),
        )
        if escalation_id is not None:
            statement = statement.where(table.c.escalation_id == escalation_id)
        result = self.session.execute(statement.values(status=DROPPED))
        return int(result.rowcount)  # type: ignore[attr-defined]

    def next_due(self, kinds: Sequence[TaskKind], round_id: int) -> datetime | None:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        query = select(func.min(table.c.due_at)).where(
            table.c.status == PENDING,
            table.c.kind.in_([k.value for k in kinds]),
            table.c.round_id == round_id,
        )
        value = self.session.execute(query).scalar()
        return _opt_utc(value)

    def unfinished(self, kind: TaskKind, round_id: int, target: str) -> bool:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        query = select(table.c.id).where(
            table.c.status.in_([PENDING, CLAIMED]),
            table.c.kind == kind.value,
            table.c.round_id == round_id,
            table.c.target == target,
        )
        return self.session.execute(query.limit(1)).first() is not None

    def delivered(self, kind: TaskKind, round_id: int, key: str | None = None) -> bool:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        query = select(table.c.id).where(
            table.c.status == DONE,
            table.c.kind == kind.value,
            table.c.round_id == round_id,
        )
        if key is not None:
            query = query.where(table.c.key == key)
        return self.session.execute(query.limit(1)).first() is not None
