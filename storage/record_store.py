"""SQL for the decision record's hash chain (bot.record): appending, and reading it back.

The record's part of `storage.store.SqlStore`; it also reads entries back (`history`). Entries recorded in a unit of work are held until it
commits, then appended in one go: the chain-head row is locked (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already serialises writers), each entry gets the
next ``seq`` and its hash, and the head moves on. The head lock is the last lock a unit of
work takes and it is held only until the commit, so appends from every process form one
chain and cannot deadlock with the rest of the transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlmodel import col

from bot.ports import HistoryEntry
from bot.record import GENESIS, ChainedEntry, ChainHead, EntryFields, link
from bot.record_entries import EntryKind
from storage.sql_part import SqlPart
from storage.tables import HistoryChainRow, HistoryRow

HEAD_ID = 1
_BATCH = 1000


def _utc(value: datetime) -> datetime:
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC)


class RecordSql(SqlPart):
    """The record: appending to its chain, and reading it back."""

    _pending_history: list[EntryFields]

    def history(self, round_id: int, actor: str | None = None) -> list[HistoryEntry]:
        query = (
            select(HistoryRow)
            .where(col(HistoryRow.round_id) == round_id)
            .order_by(col(HistoryRow.id))
        )
        if actor is not None:
            query = query.where(col(HistoryRow.actor) == actor)
        return [
            HistoryEntry(_utc(r.at), r.round_id, EntryKind(r.kind), r.actor, r.level, r.text)
            for r in self.session.execute(query).scalars()
        ]

    def history_of_rounds(self, round_ids: Sequence[int]) -> list[HistoryEntry]:
        query = (
            select(HistoryRow)
            .where(col(HistoryRow.round_id).in_(list(round_ids)))
            .order_by(col(HistoryRow.id))
        )
        return [
            HistoryEntry(_utc(r.at), r.round_id, EntryKind(r.kind), r.actor, r.level, r.text)
            for r in self.session.execute(query).scalars()
        ]

    def record(self, entry: HistoryEntry, workspace: str) -> None:
        self.record_many([entry], workspace)

    def record_many(self, entries: Sequence[HistoryEntry], workspace: str) -> None:
        """Hold entries until the unit of work commits (see `_chain_pending`)."""
        self._pending_history.extend(
            EntryFields(workspace, e.round_id, e.kind, e.actor, e.level, e.text, _utc(e.at))
            for e in entries
        )

    def _chain_pending(self) -> None:
        """Chain and insert the held entries; called just before the commit."""
        pending, self._pending_history = self._pending_history, []
        if not pending:
            return
        head = self._lock_head()
        rows: list[dict[str, Any]] = []
        last = head
        for fields, (seq, prev, digest) in zip(pending, link(head, pending), strict=True):
            rows.append(
                {
                    "workspace": fields.workspace,
                    "round_id": fields.round_id,
                    "kind": fields.kind,
                    "actor": fields.actor,
                    "level": fields.level,
                    "text": fields.text,
                    "at": fields.at,
                    "seq": seq,
                    "prev_hash": prev,
                    "hash": digest,
                }
            )
            last = ChainHead(seq, digest)
        history = HistoryRow.__table__  # type: ignore[attr-defined]
        chain = HistoryChainRow.__table__  # type: ignore[attr-defined]
        self.session.execute(history.insert(), rows)
        self.session.execute(
            update(chain).where(chain.c.id == HEAD_ID).values(seq=last.seq, hash=last.hash)
        )

    def _lock_head(self) -> ChainHead:
        chain = HistoryChainRow.__table__  # type: ignore[attr-defined]
        query = select(chain.c.seq, chain.c.hash).where(chain.c.id == HEAD_ID).with_for_update()
        row = self.session.execute(query).first()
        if row is not None:
            return ChainHead(int(row.seq), str(row.hash))
        # No head row (made by create_all before the chain existed?): start from the last
        # entry, and make the row, which from now on serialises appends.
        history = HistoryRow.__table__  # type: ignore[attr-defined]
        last = self.session.execute(
            select(history.c.seq, history.c.hash).order_by(history.c.seq.desc()).limit(1)
        ).first()
        head = ChainHead(int(last.seq), str(last.hash)) if last else ChainHead(0, GENESIS)
        self.session.execute(chain.insert().values(id=HEAD_ID, seq=head.seq, hash=head.hash))
        return self._lock_head()

    # ----------------------------------------------------------------- reading the chain
    def chain_head(self) -> ChainHead | None:
        chain = HistoryChainRow.__table__  # type: ignore[attr-defined]
        row = self.session.execute(
            select(chain.c.seq, chain.c.hash).where(chain.c.id == HEAD_ID)
        ).first()
        return ChainHead(int(row.seq), str(row.hash)) if row else None

    def chain_entries(self, after: int = 0, upto: int | None = None) -> Iterator[ChainedEntry]:
        history = HistoryRow.__table__  # type: ignore[attr-defined]
        while True:
            query = select(history).where(history.c.seq > after)
            if upto is not None:
                query = query.where(history.c.seq <= upto)
            rows = self.session.execute(query.order_by(history.c.seq).limit(_BATCH)).all()
            for row in rows:
                yield _chained(row)
            if len(rows) < _BATCH:
                return
            after = int(rows[-1].seq)

    def chain_entry(self, seq: int) -> ChainedEntry | None:
        history = HistoryRow.__table__  # type: ignore[attr-defined]
        row = self.session.execute(select(history).where(history.c.seq == seq)).first()
        return _chained(row) if row else None

    def unchained_entries(self) -> list[int]:
        history = HistoryRow.__table__  # type: ignore[attr-defined]
        query = select(history.c.id).where(history.c.seq.is_(None)).order_by(history.c.id)
        return [int(i) for i in self.session.execute(query).scalars()]

    def chained_entries_of_rounds(
        self, round_ids: Sequence[int], upto: int | None = None
    ) -> list[ChainedEntry]:
        """The chained entries about these rounds (up to ``upto``), in ``seq`` order."""
        if not round_ids:
            return []
        history = HistoryRow.__table__  # type: ignore[attr-defined]
        query = select(history).where(history.c.round_id.in_(list(round_ids)))
        if upto is not None:
            query = query.where(history.c.seq <= upto)
        return [_chained(r) for r in self.session.execute(query.order_by(history.c.seq))]


def _chained(row: Any) -> ChainedEntry:
    return ChainedEntry(
        id=int(row.id),
        seq=int(row.seq),
        fields=EntryFields(
            workspace=row.workspace,
            round_id=row.round_id,
            kind=row.kind,
            actor=row.actor,
            level=row.level,
            text=row.text,
            at=_utc(row.at),
        ),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )
