"""SQL for governance: roster, the roster copied onto rounds, recorded votes, ballots, the log.

A mixin of `storage.store.SqlStore` (it uses the store's session and dialect-aware insert),
so one unit of work covers a round and its governance rows together.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from fractions import Fraction
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session, col

from bot.domain.recorded_vote import Ballot, Choice, RecordedVote, VoteRules, VoteStatus
from bot.domain.roster import Role, RosterEntry, Tier
from bot.domain.round import Round, RoundStatus, Stance
from bot.ports import HistoryEntry
from storage.governance_tables import BallotRow, RecordedVoteRow, RosterRow, RoundMemberRow
from storage.round_rows import round_from_row as _round
from storage.tables import HistoryRow, RoundRow, StanceRow


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class GovernanceSqlMixin:
    """Governance queries; needs ``session`` and ``_insert`` from the store."""

    @property
    def session(self) -> Session:  # provided by SqlStore
        raise NotImplementedError

    def _insert(self, table: Any) -> Any:  # provided by SqlStore
        raise NotImplementedError

    # ----------------------------------------------------------------- roster
    def roster(self, workspace: str) -> list[RosterEntry]:
        query = (
            select(RosterRow)
            .where(col(RosterRow.workspace) == workspace)
            .order_by(col(RosterRow.sector), col(RosterRow.position), col(RosterRow.id))
        )
        return [_entry(r) for r in self.session.execute(query).scalars()]

    def put_roster_entry(
        self, workspace: str, entry: RosterEntry, now: datetime, actor: str
    ) -> None:
        table = RosterRow.__table__  # type: ignore[attr-defined]
        values = _roster_values(workspace, entry, now, actor)
        insert = self._insert(table).values(**values)
        insert = insert.on_conflict_do_update(
            index_elements=["workspace", "user"],
            set_={k: v for k, v in values.items() if k not in ("workspace", "user")},
        )
        self.session.execute(insert)

    def remove_roster_entry(self, workspace: str, user: str) -> bool:
        table = RosterRow.__table__  # type: ignore[attr-defined]
        result = self.session.execute(
            delete(table).where(table.c.workspace == workspace, table.c.user == user)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def replace_roster(
        self, workspace: str, entries: Sequence[RosterEntry], now: datetime, actor: str
    ) -> None:
        table = RosterRow.__table__  # type: ignore[attr-defined]
        self.session.execute(delete(table).where(table.c.workspace == workspace))
        for entry in entries:
            self.session.add(RosterRow(**_roster_values(workspace, entry, now, actor)))
        self.session.flush()

    # ----------------------------------------------------------------- the roster on rounds
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

    # ----------------------------------------------------------------- reading decisions
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

    def stances_of_rounds(self, round_ids: Sequence[int]) -> dict[int, list[Stance]]:
        query = select(StanceRow).where(col(StanceRow.round_id).in_(list(round_ids)))
        found: dict[int, list[Stance]] = {}
        for r in self.session.execute(query.order_by(col(StanceRow.id))).scalars():
            found.setdefault(r.round_id, []).append(
                Stance(voter=r.voter, level=r.level, reason=r.reason, cast_at=_utc(r.cast_at))
            )
        return found

    def history_of_rounds(self, round_ids: Sequence[int]) -> list[HistoryEntry]:
        query = (
            select(HistoryRow)
            .where(col(HistoryRow.round_id).in_(list(round_ids)))
            .order_by(col(HistoryRow.id))
        )
        return [
            HistoryEntry(_utc(r.at), r.round_id, r.kind, r.actor, r.level, r.text)
            for r in self.session.execute(query).scalars()
        ]

    # ----------------------------------------------------------------- recorded votes
    def add_vote(self, vote: RecordedVote) -> RecordedVote:
        row = RecordedVoteRow(
            workspace=vote.workspace,
            channel=vote.channel,
            round_id=vote.round_id,
            chair=vote.chair,
            title=vote.title,
            quorum=str(vote.quorum),
            threshold=str(vote.rules.threshold),
            weights=json.dumps([list(w) for w in vote.rules.weights]),
            protect_sector=vote.rules.protect_sector,
            affected_sector=vote.affected_sector,
            opened_at=vote.opened_at,
            closes_at=vote.closes_at,
            status=vote.status.value,
        )
        self.session.add(row)
        self.session.flush()
        assert row.id is not None
        return replace(vote, id=row.id)

    def get_vote(self, vote_id: int, lock: bool = False) -> RecordedVote | None:
        query = select(RecordedVoteRow).where(col(RecordedVoteRow.id) == vote_id)
        if lock:
            query = query.with_for_update()
        row = self.session.execute(query).scalars().first()
        return self._vote(row) if row else None

    def votes_for_round(self, round_id: int) -> list[RecordedVote]:
        query = select(RecordedVoteRow).where(col(RecordedVoteRow.round_id) == round_id)
        return [self._vote(r) for r in self.session.execute(query).scalars()]

    def open_votes(self, workspace: str) -> list[RecordedVote]:
        query = select(RecordedVoteRow).where(
            col(RecordedVoteRow.workspace) == workspace,
            col(RecordedVoteRow.status) == VoteStatus.OPEN.value,
        )
        return [self._vote(r) for r in self.session.execute(query).scalars()]

    def lapsed_vote_ids(self, now: datetime) -> list[int]:
        query = select(col(RecordedVoteRow.id)).where(
            col(RecordedVoteRow.status) == VoteStatus.OPEN.value,
            col(RecordedVoteRow.closes_at) <= now,
        )
        return [int(i) for i in self.session.execute(query).scalars()]

    def save_vote(self, vote: RecordedVote) -> None:
        row = self.session.get(RecordedVoteRow, vote.id)
        if row is None:
            raise KeyError(vote.id)
        row.status = vote.status.value
        row.closed_at = vote.closed_at
        row.result = vote.result
        row.message_ref = vote.message_ref
        self.session.add(row)
        self.session.flush()

    def ballots(self, vote_id: int) -> list[Ballot]:
        query = select(BallotRow).where(col(BallotRow.vote_id) == vote_id)
        return [
            Ballot(r.voter, Choice(r.choice), _utc(r.cast_at))
            for r in self.session.execute(query.order_by(col(BallotRow.id))).scalars()
        ]

    def put_ballot(self, vote_id: int, ballot: Ballot) -> None:
        table = BallotRow.__table__  # type: ignore[attr-defined]
        insert = self._insert(table).values(
            vote_id=vote_id, voter=ballot.voter, choice=ballot.choice.value, cast_at=ballot.cast_at
        )
        insert = insert.on_conflict_do_update(
            index_elements=["vote_id", "voter"],
            set_={"choice": ballot.choice.value, "cast_at": ballot.cast_at},
        )
        self.session.execute(insert)

    def _vote(self, row: RecordedVoteRow) -> RecordedVote:
        assert row.id is not None
        round_row = self.session.get(RoundRow, row.round_id)
        assert round_row is not None
        members = self.round_members([row.round_id]).get(row.round_id, ())
        return RecordedVote(
            id=row.id,
            workspace=row.workspace,
            channel=row.channel,
            round_id=row.round_id,
            chair=row.chair,
            title=row.title,
            voters=tuple(json.loads(round_row.voters)),
            members=members,
            quorum=Fraction(row.quorum),
            rules=VoteRules(
                threshold=Fraction(row.threshold),
                weights=tuple((str(s), int(w)) for s, w in json.loads(row.weights)),
                protect_sector=row.protect_sector,
            ),
            opened_at=_utc(row.opened_at),
            closes_at=_utc(row.closes_at),
            affected_sector=row.affected_sector,
            status=VoteStatus(row.status),
            closed_at=_utc(row.closed_at) if row.closed_at else None,
            result=row.result,
            message_ref=row.message_ref,
        )


def _roster_values(workspace: str, entry: RosterEntry, now: datetime, actor: str) -> dict[str, Any]:
    return {
        "workspace": workspace,
        "user": entry.user,
        "organisation": entry.organisation,
        "sector": entry.sector,
        "tier": entry.tier.value,
        "role": entry.role.value,
        "position": entry.position,
        "updated_at": now,
        "updated_by": actor,
    }


def _entry(row: RosterRow) -> RosterEntry:
    return RosterEntry(
        user=row.user,
        organisation=row.organisation,
        sector=row.sector,
        tier=Tier(row.tier),
        role=Role(row.role),
        position=row.position,
    )
