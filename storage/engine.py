"""Engine setup: SQLite (WAL, busy timeout, immediate write locks) or PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
import time
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlmodel import SQLModel

from storage import governance_tables, tables  # noqa: F401  (registers the tables on SQLModel.metadata)


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """Create an engine for ``url`` with the settings concurrency needs on each backend."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True)


_QUEUED = "consensus_write_queue"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see _on_begin).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA busy_timeout=30000")
        _enable_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    # Every transaction takes SQLite's write lock (below). Threads of this process first
    # queue on a Python lock, in order and without sleeping: left to SQLite's busy handler,
    # whose retries sleep longer each time, a burst of 500 clicks had a 3-second tail.
    queue = threading.Lock()
    # The queue is exclusive, so one variable says which thread holds it (None: nobody).
    owner: list[int | None] = [None]

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Take the write lock up front: a read-then-write transaction (check the round is
        # open, then store the vote) must not interleave with a close in another process.
        if owner[0] == threading.get_ident():
            # A second transaction on a thread that holds one would wait for itself forever.
            raise RuntimeError("a unit of work was opened inside another on the same thread")
        queue.acquire()
        owner[0] = threading.get_ident()
        conn.info[_QUEUED] = True
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _leave(conn.info)
            raise

    def _leave(info: dict[Any, Any]) -> None:
        if info.pop(_QUEUED, False):
            owner[0] = None
            queue.release()

    event.listen(engine, "commit", lambda conn: _leave(conn.info))
    event.listen(engine, "rollback", lambda conn: _leave(conn.info))
    # A connection returned to the pool mid-transaction (an error path) must not keep it.
    event.listen(engine, "checkin", lambda _dbapi, record: _leave(record.info))


def _enable_wal(cursor: Any) -> None:
    # Switching a new file to WAL answers "database is locked" at once (no busy wait) while
    # another process holds a write lock, e.g. a second replica migrating at start-up.
    for _ in range(200):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.05)
    cursor.execute("PRAGMA journal_mode=WAL")


def create_schema(engine: Engine) -> None:
    """Create missing tables (migrations take over for existing databases)."""
    SQLModel.metadata.create_all(engine)
