"""Shared fixtures: a movable clock, a real database, the service with recording fakes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.domain.round import RoundDraft
from bot.services import ConsensusService
from storage.engine import create_schema, make_engine
from storage.store import SqlStore
from tests.fakes import FixedDirectory, RecordingNotifier

CHANNEL = "C0ROUND"
CHAIR = "U0CHAIR"
VOTERS = ("U0CHAIR", "U0ANA", "U0BEN", "U0CY", "U0DEE", "U0EVE")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    create_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def directory() -> FixedDirectory:
    return FixedDirectory(members={CHANNEL: list(VOTERS)})


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
