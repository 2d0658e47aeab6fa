"""Rounds in SQL: opening, reading (with the roster copied onto each), saving, the
redraw claim, and the closed rounds that revisions, the log and the export read."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlmodel import col

from bot.domain.roster import Role, RosterEntry, Tier
from bot.domain.round import Round, RoundDraft, RoundStatus
from bot.ports import RoundLock
from storage.governance_tables import RoundMemberRow
from storage.round_rows import opt_utc as _opt_utc
from storage.round_rows import outcome_code
from storage.round_rows import round_from_row as _round
from storage.round_rows import utc as _utc
from storage.sql_part import SqlPart
from storage.tables import RoundRow, StanceRow


class RoundSql(SqlPart):
    """A round's rows: the round itself and the roster copied onto it."""

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
            outcome=outcome_code(row["outcome"]),
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

    def save_round_members(self, round_id: int, members: Iterable[RosterEntry]) -> None:
        for m in members:
            self.session.add(
                RoundMemberRow(
                    round_id=round_id,
                    user=m.user,
                    organisation=m.organisation,
                    sector=m.sector,
                    tier=m.tier.value,
                    role=m.role.value,
                    position=m.position,
                    seat=m.seat,
                )
            )
        self.session.flush()

    def round_members(self, round_ids: Sequence[int]) -> dict[int, tuple[RosterEntry, ...]]:
        if not round_ids:
            return {}
        query = (
            select(RoundMemberRow)
            .where(col(RoundMemberRow.round_id).in_(list(round_ids)))
            .order_by(col(RoundMemberRow.id))
        )
        found: dict[int, list[RosterEntry]] = {}
        for row in self.session.execute(query).scalars():
            found.setdefault(row.round_id, []).append(
                RosterEntry(
                    user=row.user,
                    organisation=row.organisation,
                    sector=row.sector,
                    tier=Tier(row.tier),
                    role=Role(row.role),
                    position=row.position,
                    seat=row.seat,
                )
            )
        return {k: tuple(v) for k, v in found.items()}

    def with_members(self, rounds: list[Round]) -> list[Round]:
        """Attach each round's roster copy (one query for the lot)."""
        members = self.round_members([r.id for r in rounds])
        return [replace(r, members=members[r.id]) if r.id in members else r for r in rounds]

    def _rounds(self, query: Any) -> list[Round]:
        return self.with_members([_round(r) for r in self.session.execute(query).scalars()])

    def child_rounds(self, round_id: int) -> list[Round]:
        return self._rounds(
            select(RoundRow).where(col(RoundRow.parent_id) == round_id).order_by(col(RoundRow.id))
        )

    def closed_rounds(self, workspace: str, channel: str | None, limit: int) -> list[Round]:
        """The most recently closed rounds, newest first."""
        query = select(RoundRow).where(
            col(RoundRow.workspace) == workspace,
            col(RoundRow.status) == RoundStatus.CLOSED.value,
        )
        if channel is not None:
            query = query.where(col(RoundRow.channel) == channel)
        return self._rounds(query.order_by(col(RoundRow.closed_at).desc()).limit(limit))

    def rounds_since(self, since: datetime | None, workspace: str | None) -> list[Round]:
        query = select(RoundRow)
        if since is not None:
            query = query.where(col(RoundRow.opened_at) >= since)
        if workspace is not None:
            query = query.where(col(RoundRow.workspace) == workspace)
        return self._rounds(query.order_by(col(RoundRow.id)))


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
