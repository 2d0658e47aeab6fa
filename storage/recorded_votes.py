"""Recorded votes and their ballots in SQL."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from fractions import Fraction

from sqlalchemy import select
from sqlmodel import col

from bot.domain.recorded_vote import Ballot, Choice, RecordedVote, VoteRules, VoteStatus
from storage.governance_tables import BallotRow, RecordedVoteRow
from storage.round_rows import result_code
from storage.round_rows import utc as _utc
from storage.rounds import RoundSql
from storage.tables import RoundRow


class RecordedVoteSql(RoundSql):
    """Recorded votes; a vote reads its round's voters and roster copy."""

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
            result=result_code(row.result),
            message_ref=row.message_ref,
        )
