"""Fresh, isolated databases for tests: a SQLite file, or a PostgreSQL schema of its own.

PostgreSQL runs when CONSENSUS_TEST_POSTGRES_URL names a server (`.ci/run` sets it when the
local one answers). Each test gets a new schema, reached through the URL's search_path, so
tests (and people running the suite at the same time) never see each other's rows; it is
dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

POSTGRES_ENV = "CONSENSUS_TEST_POSTGRES_URL"
ENGINES = ("sqlite", "postgres")
SKIP_POSTGRES = (
    f"PostgreSQL tests need {POSTGRES_ENV}, e.g. "
    f"{POSTGRES_ENV}=postgresql+psycopg://postgres@127.0.0.1:5432/test make test "
    "(.ci/run sets it when a local server answers)"
)


def sqlite_url(directory: Path) -> str:
    return f"sqlite:///{directory / 'test.db'}"


def postgres_base_url() -> str | None:
    return os.environ.get(POSTGRES_ENV, "").strip() or None


@contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A URL whose connections use a brand-new schema; the schema is dropped on exit."""
    schema = f"ctest_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text("SET lock_timeout = '10s'"))
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def fresh_database(kind: str, directory: Path) -> Iterator[str]:
    """An empty database of ``kind`` ("sqlite" or "postgres"); skips when unavailable."""
    if kind == "sqlite":
        yield sqlite_url(directory)
        return
    base = postgres_base_url()
    if base is None:
        pytest.skip(SKIP_POSTGRES)
    with postgres_schema(base) as url:
        yield url
