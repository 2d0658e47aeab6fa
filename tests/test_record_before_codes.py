"""A database and exports made before outcomes and record entries became codes still hold:
the migration rewrites what rounds and votes store, the hashed entries stay as written and
are read by the legacy reading (tests/fixtures/before_codes/README.md says how they were made).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot.audit import Audit, Scope
from bot.clock import ManualClock
from bot.usecases.decision_log import neutralise_cell
from handlers.messages.export import CatalogExportWords
from handlers.views.decision_log import decision_message
from storage import migrate
from storage.engine import make_engine
from storage.store import SqlStore
from tests.governance_support import CHAIR, services

BEFORE = Path(__file__).parent / "fixtures" / "before_codes"
NAMES = {CHAIR: "Chair", "U0ANA": "Ana", "U0DEV": "Dev", "U0BEN": "Ben"}


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "before.db"
    with sqlite3.connect(path) as connection:
        connection.executescript((BEFORE / "database.sql").read_text())
    engine = make_engine(f"sqlite:///{path}")
    assert migrate.current(engine) == "0009"
    migrate.upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


def _audit(engine: Engine) -> Audit:
    return Audit(
        lambda: SqlStore(engine),
        ManualClock(),
        neutralise_cell,
        names=NAMES.get,
        words=CatalogExportWords(),
    )


def test_the_migration_stores_codes_and_leaves_the_hashed_entries_as_written(
    engine: Engine,
) -> None:
    with engine.connect() as connection:
        outcomes = connection.execute(text("SELECT outcome FROM round ORDER BY id")).scalars()
        results = connection.execute(text("SELECT result FROM recorded_vote ORDER BY id"))
        entries = connection.execute(text("SELECT text FROM history WHERE kind = 'ballot'"))
        assert list(outcomes) == ["no_consensus", "consensus", "no_quorum"]
        assert list(results.scalars()) == [None, "not_carried_sector_protection"]
        assert "vote 2: against" in list(entries.scalars())
    assert _audit(engine).verify().intact


@pytest.mark.parametrize("name", ["export.csv", "export.json"])
def test_an_export_made_before_the_codes_still_checks_against_the_database(
    engine: Engine, name: str
) -> None:
    check = _audit(engine).check_file((BEFORE / name).read_text(), current=True)
    assert check.ok, check.findings


def test_the_export_reads_the_old_entries_as_the_export_made_before_did(engine: Engine) -> None:
    before = json.loads((BEFORE / "export.json").read_text())
    now = _audit(engine).export(Scope())
    assert {**now, "exported_at": None} == {**before, "exported_at": None}


def test_the_log_words_entries_written_before_the_codes(engine: Engine) -> None:
    _, governance, _, _ = services(engine, ManualClock(), list(NAMES))
    blocks = decision_message(governance.decision(1))
    shown = json.dumps(blocks, ensure_ascii=False)
    for words in (
        "<@U0CHAIR> closed it: No consensus",
        "escalated it to the steering committee, due 2027-01-07",
        "<@U0CHAIR> called recorded vote 1",
        "<@U0ANA> voted For in recorded vote 1",
        "cancelled recorded vote 1: called before the sector was named",
        "<@U0BEN> voted Against in recorded vote 2",
        "closed recorded vote 2: Not carried: sector protection (for 3, against 1)",
    ):
        assert words in shown
