"""The SQL implementation of the core's `Store` port: one unit of work over a session.

Each concept keeps its SQL in a module of its own (`storage.rounds`, `storage.stances`,
`storage.due_work`, `storage.roster`, `storage.recorded_votes`, `storage.escalations`,
`storage.settings`, `storage.starts`, `storage.record_store`); `SqlStore` is all of them over
one session, committed on a clean exit.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlmodel import Session

from storage.due_work import DueWorkSql
from storage.escalations import EscalationSql
from storage.record_store import RecordSql
from storage.recorded_votes import RecordedVoteSql
from storage.roster import RosterSql
from storage.settings import SettingSql
from storage.stances import StanceSql
from storage.starts import StartSql


class SqlStore(
    RecordedVoteSql,  # and, through it, RoundSql
    StanceSql,
    DueWorkSql,
    RosterSql,
    EscalationSql,
    SettingSql,
    StartSql,
    RecordSql,
):
    """One unit of work over a SQLAlchemy session; commits on a clean exit."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._session: Session | None = None
        self._pending_history = []

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
