"""Shared fixtures: a movable clock, a real database, the service with recording fakes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.domain.round import RoundDraft
from bot.usecases.consensus_service import ConsensusService
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.store import SqlStore
from tests.databases import ENGINES, fresh_database
from tests.fakes import FixedDirectory, RecordingNotifier

# CI (`CI=true`, as .ci/run is run) explores the same examples every run, so a landing never
# depends on which random inputs a run drew; developers' runs keep exploring new ones, and
# what they find goes into a test.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") and not os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile("ci")

CHANNEL = "C0ROUND"
CHAIR = "U0CHAIR"
VOTERS = ("U0CHAIR", "U0ANA", "U0BEN", "U0CY", "U0DEE", "U0EVE")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, once on SQLite and once on PostgreSQL (see tests/databases.py)."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a database migrated to the latest revision, as the bot migrates it."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def directory() -> FixedDirectory:
    return FixedDirectory(members={CHANNEL: list(VOTERS)}, admins=frozenset({CHAIR}))


@pytest.fixture
def service(
    engine: Engine, clock: ManualClock, notifier: RecordingNotifier, directory: FixedDirectory
) -> ConsensusService:
    """The service with deliveries run synchronously by `service.run_due_work()`."""
    return ConsensusService(lambda: SqlStore(engine), clock, notifier, directory)


def draft(**overrides: object) -> RoundDraft:
    values: dict[str, object] = {
        "workspace": "T0001",
        "channel": CHANNEL,
        "chair": CHAIR,
        "title": "Adopt the shared referral form",
    }
    values.update(overrides)
    return RoundDraft(**values)  # type: ignore[arg-type]


def pytest_report_header() -> str:
    """Say up front whether the PostgreSQL variants run, and how to run them if not."""
    from tests.databases import POSTGRES_ENV, postgres_base_url

    if postgres_base_url():
        return "PostgreSQL tests: on"
    return (
        f"PostgreSQL tests: skipped; set {POSTGRES_ENV}, e.g. "
        f"{POSTGRES_ENV}=postgresql+psycopg://postgres@127.0.0.1:5432/test make test"
    )
