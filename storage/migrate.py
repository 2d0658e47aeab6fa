"""Schema migrations (Alembic), run in-process: at start-up and by `consensus-bot db upgrade`.

The revisions live in ``storage/migrations`` inside the package, so an installed bot can
migrate its own database. Several replicas may start at once: PostgreSQL takes an advisory
lock for the upgrade (its DDL is transactional, so the loser then finds the schema at head);
SQLite's engine begins every transaction with ``BEGIN IMMEDIATE``, which serialises the same
way. A database created before migrations existed (by ``create_all``) is stamped with the
initial revision first.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, inspect, text
from sqlmodel import SQLModel

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# For databases made by create_all: the newest revision whose tables (and, for revisions
# that only add a column, "table.column"s) are all there.
_R2 = {"roster_entry", "round_member", "recorded_vote", "ballot"}
_R3 = {*_R2, "round.redrawn_at"}
_R4 = {*_R3, "task.attempted_at", "task.blocked_on"}
_R5 = {*_R4, "start_key"}
_R6 = {*_R5, "rate_slot"}
_R7 = {*_R6, "history.seq", "history_chain"}
# 0008 changed data only (a revision's headings became marks).
_R9 = {*_R7, "task.posted_ref"}
# 0010 changed data only (outcomes and results became codes), so such a database is at 0009.
_BASELINES = (
    ("0009", _R9),
    ("0007", _R7),
    ("0006", _R6),
    ("0005", _R5),
    ("0004", _R4),
    ("0003", _R3),
    ("0002", _R2),
)
INITIAL_REVISION = "0001"
# pg_advisory_xact_lock key: "cons" in ASCII, shared by every replica of this app.
_LOCK_KEY = 0x636F6E73
_OPTIONAL_TABLE_MODULES = ("storage.governance_tables",)


def metadata() -> MetaData:
    """Every table the bot owns, registered on SQLModel's metadata."""
    import storage.tables  # noqa: F401

    for name in _OPTIONAL_TABLE_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)
    return SQLModel.metadata


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``; safe to call from several processes at once."""
    with engine.connect() as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            # Per schema, so separate schemas (tests) in one database do not wait for each other.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"),
                {"key": _LOCK_KEY},
            )
        config = alembic_config(connection)
        inspector = inspect(connection)
        tables = set(inspector.get_table_names())
        if "alembic_version" not in tables and "round" in tables:
            # Made by create_all before migrations existed: record what it already has.
            columns = {
                f"{table}.{c['name']}"
                for table in ("round", "task", "history")
                for c in inspector.get_columns(table)
            }
            command.stamp(config, _baseline(tables | columns))
        command.upgrade(config, revision)


def require_head(engine: Engine) -> None:
    """Refuse to run on a schema the code does not expect (when start-up migration is off)."""
    found, wanted = current(engine), head()
    if found != wanted:
        raise RuntimeError(
            f"the database schema is at revision {found or 'none'} but this version needs "
            f"{wanted}: run `consensus-bot db upgrade` (or start without --no-migrate)"
        )


def _baseline(present: set[str]) -> str:
    for revision, needs in _BASELINES:
        if needs <= present:
            return revision
    return INITIAL_REVISION


def schema_diffs(engine: Engine) -> list[Any]:
    """Differences between the database and the SQLModel tables (empty when in step)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata()))
