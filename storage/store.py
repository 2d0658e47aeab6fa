"""The SQL implementation of the core's `Store` port: rows in, domain objects out."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from bot.domain.round import Round, RoundDraft, RoundStatus, Stance
from bot.ports import Escalation, HistoryEntry, RoundLock, Task, TaskKind
from storage.governance_store import GovernanceSqlMixin
from storage.record_store import RecordSqlMixin
from storage.round_rows import opt_utc as _opt_utc
from storage.round_rows import round_from_row as _round
from storage.round_rows import utc as _utc
from storage.tables import (
    EscalationRow,
    HistoryRow,
    RoundRow,
    SettingRow,
    StanceRow,
    StartKeyRow,
    TaskRow,
)

PENDING, CLAIMED, DONE, DROPPED = "pending", "claimed", "done", "dropped"
BLOCKED = "blocked"  # the platform refused for good: parked until the bot may post again


class SqlStore(RecordSqlMixin, GovernanceSqlMixin):
    """One unit of work over a SQLAlchemy session; commits on a clean exit."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._session: Session | None = None
        self._pending_history = []

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use SqlStore as a context manager")
        return self._session

    def __enter__(self) -> SqlStore:
        self._session = Session(self._engine, expire_on_commit=False)
        self._pending_history = []
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            if exc_type is None:
                self._chain_pending()  # last: the chain head is locked only until the commit
                session.commit()
            else:
                session.rollback()
        finally:
            session.close()
            self._session = None

    def _insert(self, table: Any) -> Any:
        if self._engine.dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)

    # ----------------------------------------------------------------- rounds
    def add_round(self, draft: RoundDraft, opened_at: datetime, closes_at: datetime) -> Round:
        parent = self.get_round(draft.parent_id) if draft.parent_id else None
        row = RoundRow(
            workspace=draft.workspace,
            channel=draft.channel,
            chair=draft.chair,
            title=draft.title,
            details=draft.details,
            voters=json.dumps(list(draft.voters)),
            profile_key=draft.profile_key,
            quorum=str(draft.quorum),
            reminders=json.dumps([str(f) for f in draft.reminders]),
            opened_at=opened_at,
            closes_at=closes_at,
            status=RoundStatus.OPEN.value,
            parent_id=draft.parent_id,
            revision=(parent.revision + 1) if parent else 1,
        )
        self.session.add(row)
        self.session.flush()
        round_ = _round(row)
        if draft.members:
            self.save_round_members(round_.id, draft.members)
            round_ = replace(round_, members=draft.members)
        return round_

    def get_round(self, round_id: int, lock: RoundLock = None) -> Round | None:
        # Only a few columns of a round ever change; the rest (title, voters, the roster
        # copy) is read once per process and kept, which matters on the vote path.
        table = RoundRow.__table__  # type: ignore[attr-defined]
        query = select(*(table.c[name] for name in _MUTABLE)).where(table.c.id == round_id)
        if lock == "share":
            query = query.with_for_update(read=True)
        elif lock == "update":
            query = query.with_for_update()
        row = self.session.execute(query).mappings().first()
        if row is None:
            return None
        key = (str(self._engine.url), round_id)
        fixed = _FIXED_ROUNDS.get(key)
        if fixed is None:
            full = self.session.get(RoundRow, round_id)
            assert full is not None
            fixed = self.with_members([_round(full)])[0]
            _FIXED_ROUNDS.put(key, fixed)
        return replace(
            fixed,
            closes_at=_utc(row["closes_at"]),
            status=RoundStatus(row["status"]),
            closed_at=_opt_utc(row["closed_at"]),
            outcome=row["outcome"],
            message_ref=row["message_ref"],
        )

    def open_rounds(self, workspace: str, channel: str | None = None) -> list[Round]:
        query = select(RoundRow).where(
            col(RoundRow.workspace) == workspace,
            col(RoundRow.status) == RoundStatus.OPEN.value,
        )
        if channel is not None:
            query = query.where(col(RoundRow.channel) == channel)
        rows = self.session.execute(query.order_by(col(RoundRow.id))).scalars()
        return self.with_members([_round(r) for r in rows])

    def save_round(self, round_: Round) -> None:
        row = self.session.get(RoundRow, round_.id)
        if row is None:
            raise KeyError(round_.id)
        row.closes_at = round_.closes_at
        row.status = round_.status.value
        row.closed_at = round_.closed_at
        row.outcome = round_.outcome
        row.message_ref = round_.message_ref
        self.session.add(row)
        self.session.flush()

    def claim_redraw(self, round_id: int, now: datetime, interval: float) -> float:
        table = RoundRow.__table__  # type: ignore[attr-defined]
        earliest = now - timedelta(seconds=interval)
        claimed = self.session.execute(
            update(table)
            .where(
                table.c.id == round_id,
                or_(table.c.redrawn_at.is_(None), table.c.redrawn_at <= earliest),
            )
            .values(redrawn_at=now)
        )
        if claimed.rowcount:  # type: ignore[attr-defined]
            return 0.0
        last = self.session.execute(
            select(table.c.redrawn_at).where(table.c.id == round_id)
        ).scalar()
        if last is None:
            return 0.0
        return max(0.01, (_utc(last) + timedelta(seconds=interval) - now).total_seconds())

    def lapsed_round_ids(self, now: datetime, limit: int) -> list[int]:
        query = (
            select(col(RoundRow.id))
            .where(
                col(RoundRow.status) == RoundStatus.OPEN.value,
                col(RoundRow.closes_at) <= now,
            )
            .order_by(col(RoundRow.closes_at))
            .limit(limit)
        )
        return [int(i) for i in self.session.execute(query).scalars()]

    # ----------------------------------------------------------------- start keys
    def started_under(self, keys: Sequence[str]) -> dict[str, int]:
        table = StartKeyRow.__table__  # type: ignore[attr-defined]
        rows = self.session.execute(
            select(table.c.key, table.c.round_id).where(table.c.key.in_(list(keys)))
        )
        return {str(key): int(round_id) for key, round_id in rows}

    def claim_start(self, key: str, round_id: int, now: datetime) -> bool:
        table = StartKeyRow.__table__  # type: ignore[attr-defined]
        insert = (
            self._insert(table)
            .values(key=key, round_id=round_id, created_at=now)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(table.c.key)
        )
        # RETURNING, not rowcount: psycopg reports -1 for this statement.
        return self.session.execute(insert).first() is not None

    def release_start(self, key: str, round_id: int) -> None:
        table = StartKeyRow.__table__  # type: ignore[attr-defined]
        self.session.execute(table.delete().where(table.c.key == key, table.c.round_id == round_id))

    # ----------------------------------------------------------------- stances
    def stances(self, round_id: int) -> list[Stance]:
        query = select(StanceRow).where(col(StanceRow.round_id) == round_id)
        return [
            Stance(voter=r.voter, level=r.level, reason=r.reason, cast_at=_utc(r.cast_at))
            for r in self.session.execute(query).scalars()
        ]

    def stance(self, round_id: int, voter: str) -> Stance | None:
        """One person's current level, by the unique key (the vote path reads only this)."""
        query = select(StanceRow).where(
            col(StanceRow.round_id) == round_id, col(StanceRow.voter) == voter
        )
        r = self.session.execute(query).scalars().first()
        return (
            Stance(voter=r.voter, level=r.level, reason=r.reason, cast_at=_utc(r.cast_at))
            if r
            else None
        )

    def put_stance(self, round_id: int, stance: Stance) -> None:
        table = StanceRow.__table__  # type: ignore[attr-defined]
        values = {
            "round_id": round_id,
            "voter": stance.voter,
            "level": stance.level,
            "reason": stance.reason,
            "cast_at": stance.cast_at,
        }
        insert = self._insert(table).values(**values)
        # The unique key makes one current level per person; the later choice wins.
        insert = insert.on_conflict_do_update(
            index_elements=["round_id", "voter"],
            set_={"level": stance.level, "reason": stance.reason, "cast_at": stance.cast_at},
            where=table.c.cast_at <= insert.excluded.cast_at,
        )
        self.session.execute(insert)

    def stances_of(self, round_id: int, voters: Sequence[str]) -> dict[str, Stance]:
        table = StanceRow.__table__  # type: ignore[attr-defined]
        query = select(table.c.voter, table.c.level, table.c.reason, table.c.cast_at).where(
            table.c.round_id == round_id, table.c.voter.in_(list(set(voters)))
        )
        return {
            r.voter: Stance(r.voter, r.level, r.reason, _utc(r.cast_at))
            for r in self.session.execute(query)
        }

    def put_stances(self, round_id: int, stances: Sequence[Stance]) -> None:
        if not stances:
            return
        latest = {s.voter: s for s in stances}  # one row per person: the last one given
        table = StanceRow.__table__  # type: ignore[attr-defined]
        insert = self._insert(table)
        insert = insert.on_conflict_do_update(
            index_elements=["round_id", "voter"],
            set_={
                "level": insert.excluded.level,
                "reason": insert.excluded.reason,
                "cast_at": insert.excluded.cast_at,
            },
            where=table.c.cast_at <= insert.excluded.cast_at,
        )
        rows = [
            {
                "round_id": round_id,
                "voter": s.voter,
                "level": s.level,
                "reason": s.reason,
                "cast_at": s.cast_at,
            }
            for s in latest.values()
        ]
        self.session.execute(insert, rows)

    # ----------------------------------------------------------------- history
    # record() and record_many() come from RecordSqlMixin: appended to the chain at commit.
    def history(self, round_id: int, actor: str | None = None) -> list[HistoryEntry]:
        query = (
            select(HistoryRow)
            .where(col(HistoryRow.round_id) == round_id)
            .order_by(col(HistoryRow.id))
        )
        if actor is not None:
            query = query.where(col(HistoryRow.actor) == actor)
        return [
            HistoryEntry(_utc(r.at), r.round_id, r.kind, r.actor, r.level, r.text)
            for r in self.session.execute(query).scalars()
        ]

    # ----------------------------------------------------------------- tasks
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

    def rounds_changed_since_redraw(self) -> list[int]:
        rounds = RoundRow.__table__  # type: ignore[attr-defined]
        stances = StanceRow.__table__  # type: ignore[attr-defined]
        newer = (
            select(stances.c.round_id)
            .where(
                stances.c.round_id == rounds.c.id,
                or_(rounds.c.redrawn_at.is_(None), stances.c.cast_at > rounds.c.redrawn_at),
            )
            .exists()
        )
        query = (
            select(rounds.c.id)
            .where(rounds.c.status == RoundStatus.OPEN.value, rounds.c.message_ref.is_not(None))
            .where(newer)
            .order_by(rounds.c.id)
        )
        return list(self.session.execute(query).scalars())

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

    def delivered(self, kind: TaskKind, round_id: int) -> bool:
        table = TaskRow.__table__  # type: ignore[attr-defined]
        query = (
            select(table.c.id)
            .where(
                table.c.status == DONE,
                table.c.kind == kind.value,
                table.c.round_id == round_id,
            )
            .limit(1)
        )
        return self.session.execute(query).first() is not None

    # ----------------------------------------------------------------- settings
    def get_setting(self, workspace: str, key: str) -> str | None:
        row = self.session.get(SettingRow, (workspace, key))
        return row.value if row else None

    def set_setting(self, workspace: str, key: str, value: str) -> None:
        table = SettingRow.__table__  # type: ignore[attr-defined]
        insert = self._insert(table).values(workspace=workspace, key=key, value=value)
        insert = insert.on_conflict_do_update(
            index_elements=["workspace", "key"], set_={"value": value}
        )
        self.session.execute(insert)

    # ----------------------------------------------------------------- escalations
    def add_escalation(
        self, round_: Round, channel: str, by: str, opened_at: datetime, due_at: datetime
    ) -> Escalation:
        row = EscalationRow(
            workspace=round_.workspace,
            round_id=round_.id,
            channel=channel,
            opened_by=by,
            opened_at=opened_at,
            due_at=due_at,
        )
        self.session.add(row)
        self.session.flush()
        return _escalation(row)

    def get_escalation(self, escalation_id: int, lock: bool = False) -> Escalation | None:
        query = select(EscalationRow).where(col(EscalationRow.id) == escalation_id)
        if lock:
            query = query.with_for_update()
        row = self.session.execute(query).scalars().first()
        return _escalation(row) if row else None

    def escalation_for_round(self, round_id: int) -> Escalation | None:
        query = select(EscalationRow).where(col(EscalationRow.round_id) == round_id)
        row = self.session.execute(query).scalars().first()
        return _escalation(row) if row else None

    def save_escalation(self, escalation: Escalation) -> None:
        row = self.session.get(EscalationRow, escalation.id)
        if row is None:
            raise KeyError(escalation.id)
        row.resolved_at = escalation.resolved_at
        row.resolved_by = escalation.resolved_by
        row.resolution = escalation.resolution
        row.message_ref = escalation.message_ref
        self.session.add(row)
        self.session.flush()


# The columns save_round may change; every other column of a round is fixed at creation.
_MUTABLE = ("closes_at", "status", "closed_at", "outcome", "message_ref")


class _RoundCache:
    """A small thread-safe LRU of rounds' fixed parts, keyed by (database, round id)."""

    def __init__(self, size: int = 2000) -> None:
        self._size = size
        self._items: OrderedDict[tuple[str, int], Round] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int]) -> Round | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[str, int], round_: Round) -> None:
        with self._lock:
            self._items[key] = round_
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


_FIXED_ROUNDS = _RoundCache()


def _escalation(row: EscalationRow) -> Escalation:
    assert row.id is not None
    return Escalation(
        id=row.id,
        workspace=row.workspace,
        round_id=row.round_id,
        channel=row.channel,
        opened_by=row.opened_by,
        opened_at=_utc(row.opened_at),
        due_at=_utc(row.due_at),
        resolved_at=_opt_utc(row.resolved_at),
        resolved_by=row.resolved_by,
        resolution=row.resolution,
        message_ref=row.message_ref,
    )
