"""The decision record as a hash chain: `consensus-bot verify` finds what was altered or
removed behind the app's back, and appends from several processes keep one chain."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot.audit import Audit
from bot.clock import ManualClock
from bot.ports import HistoryEntry
from bot.record import (
    GENESIS,
    ChainBreak,
    ChainBreakCode,
    ChainHead,
    ChainReport,
    EntryFields,
    check_chain,
    entry_hash,
)
from bot.usecases.decision_log import neutralise_cell
from handlers.messages.export import CatalogExportWords
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.store import SqlStore

WORKSPACE = "T0001"


def _append(engine: Engine, count: int, actor: str = "U0ANA") -> None:
    for n in range(count):
        with SqlStore(engine) as store:
            store.record(
                HistoryEntry(datetime.now(UTC), 1, "stance", actor, level=n % 6 + 1), WORKSPACE
            )


def _audit(engine: Engine) -> Audit:
    return Audit(
        lambda: SqlStore(engine), ManualClock(), neutralise_cell, words=CatalogExportWords()
    )


def _named(report: ChainReport) -> tuple[ChainBreakCode, int, int | None, str, str]:
    """The break's code and the entry it names: seq, round, kind, actor."""
    assert report.broken is not None and report.broken.entry is not None
    entry = report.broken.entry
    fields = entry.fields
    return report.broken.code, entry.seq, fields.round_id, fields.kind, fields.actor


def _lift_guard(engine: Engine) -> None:
    """What someone editing the database by hand would do first."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER history_no_update"))
            connection.execute(text("DROP TRIGGER history_no_delete"))
        else:
            connection.execute(text("DROP TRIGGER history_append_only ON history"))


def test_each_entry_carries_the_hash_of_the_one_before(engine: Engine) -> None:
    _append(engine, 3)
    with SqlStore(engine) as store:
        entries = list(store.chain_entries())
        head = store.chain_head()
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert head == ChainHead(3, entries[-1].hash)
    assert entries[1].hash == entry_hash(2, entries[1].fields, entries[0].hash)


def test_entries_of_one_unit_of_work_are_chained_in_order(engine: Engine) -> None:
    now = datetime.now(UTC)
    with SqlStore(engine) as store:
        store.record_many(
            [HistoryEntry(now, 1, "stance", f"U{n}", level=1) for n in range(5)], WORKSPACE
        )
    with SqlStore(engine) as store:
        assert [e.fields.actor for e in store.chain_entries()] == [f"U{n}" for n in range(5)]


def test_a_unit_of_work_that_fails_leaves_no_entry_and_no_gap(engine: Engine) -> None:
    _append(engine, 1)
    with pytest.raises(RuntimeError), SqlStore(engine) as store:
        store.record(HistoryEntry(datetime.now(UTC), 1, "stance", "U0X", level=1), WORKSPACE)
        raise RuntimeError("refused")
    _append(engine, 1)
    report = _audit(engine).verify()
    assert report.intact and report.head.seq == 2


def test_verify_passes_on_an_untouched_database(engine: Engine) -> None:
    assert _audit(engine).verify().intact  # empty
    _append(engine, 4)
    report = _audit(engine).verify()
    assert report.intact and report.entries == 4 and report.head.seq == 4


def test_verify_names_the_entry_changed_behind_the_apps_back(engine: Engine) -> None:
    _append(engine, 5)
    _lift_guard(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE history SET level = 6 WHERE seq = 3"))
    report = _audit(engine).verify()
    assert not report.intact and report.first_bad == 3
    assert _named(report) == (ChainBreakCode.ALTERED, 3, 1, "stance", "U0ANA")


def test_an_altered_entry_with_its_hash_recomputed_is_still_named(engine: Engine) -> None:
    _append(engine, 4)
    _lift_guard(engine)
    with SqlStore(engine) as store:
        second = store.chain_entry(2)
    assert second is not None
    forged = EntryFields(**{**second.fields.__dict__, "level": 6})
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE history SET level = 6, hash = :h WHERE seq = 2"),
            {"h": entry_hash(2, forged, second.prev_hash)},
        )
    report = _audit(engine).verify()
    assert report.first_bad == 2 and _named(report)[:2] == (ChainBreakCode.RELINKED, 2)
    assert report.broken is not None and report.broken.next_seq == 3


def test_verify_names_a_removed_entry(engine: Engine) -> None:
    _append(engine, 5)
    _lift_guard(engine)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM history WHERE seq = 2"))
    report = _audit(engine).verify()
    assert report.first_bad == 2 and report.broken is not None
    assert (report.broken.code, report.broken.first, report.broken.last, report.broken.after) == (
        ChainBreakCode.REMOVED,
        2,
        2,
        1,
    )


def test_verify_notices_the_newest_entry_removed(engine: Engine) -> None:
    _append(engine, 3)
    _lift_guard(engine)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM history WHERE seq = 3"))
    report = _audit(engine).verify()
    assert report.first_bad == 3 and report.broken is not None
    assert report.broken.code is ChainBreakCode.NEWEST_REMOVED and report.broken.first == 3


def test_verify_notices_a_row_inserted_around_the_app(engine: Engine) -> None:
    _append(engine, 2)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO history (workspace, round_id, kind, actor, level, text, at, seq, "
                "prev_hash, hash) VALUES ('T0001', 1, 'stance', 'U0EVE', 1, '', :at, 3, "
                "'x', 'y')"
            ),
            {"at": datetime.now(UTC)},
        )
    report = _audit(engine).verify()
    assert report.first_bad == 3
    assert _named(report) == (ChainBreakCode.ALTERED, 3, 1, "stance", "U0EVE")


def test_verify_notices_a_well_formed_entry_added_beyond_the_head(engine: Engine) -> None:
    _append(engine, 2)
    with SqlStore(engine) as store:
        last = store.chain_entry(2)
    assert last is not None
    fields = EntryFields(WORKSPACE, 1, "stance", "U0EVE", 1, "", datetime.now(UTC))
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO history (workspace, round_id, kind, actor, level, text, at, seq, "
                "prev_hash, hash) VALUES ('T0001', 1, 'stance', 'U0EVE', 1, '', :at, 3, "
                ":prev, :hash)"
            ),
            {"at": fields.at, "prev": last.hash, "hash": entry_hash(3, fields, last.hash)},
        )
    report = _audit(engine).verify()
    assert report.first_bad == 3 and report.broken is not None
    assert (report.broken.code, report.broken.first, report.broken.head) == (
        ChainBreakCode.BEYOND_HEAD,
        3,
        2,
    )


def test_the_chain_check_is_pure_and_says_where_it_starts() -> None:
    at = datetime(2026, 12, 1, tzinfo=UTC)
    fields = EntryFields(WORKSPACE, 1, "stance", "U0ANA", 1, "", at)
    assert check_chain([], None).intact
    report = check_chain([], ChainHead(2, "abc"))
    assert report.first_bad == 1 and report.broken == ChainBreak(
        ChainBreakCode.NEWEST_REMOVED, first=1, last=2, head=2
    )
    assert entry_hash(1, fields, GENESIS) == entry_hash(
        1, EntryFields(WORKSPACE, 1, "stance", "U0ANA", 1, "", at.replace(tzinfo=None)), GENESIS
    )


def test_the_verify_command_exits_0_when_intact_and_1_naming_the_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bootstrap.cli import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("CONSENSUS_ENV_FILE", str(tmp_path / "absent.env"))
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    try:
        upgrade(engine)
        _append(engine, 3)
        assert main(["verify"]) == 0
        assert "The decision record is intact: 3 entries" in capsys.readouterr().out
        _lift_guard(engine)
        with engine.begin() as connection:
            connection.execute(text("UPDATE history SET actor = 'U0EVE' WHERE seq = 2"))
        assert main(["verify"]) == 1
        out = capsys.readouterr().out
        assert "The decision record was altered: entry 2 (round 1, stance by U0EVE" in out
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- concurrency
def _append_in_process(url: str, actor: str, count: int) -> None:
    engine = make_engine(url)
    try:
        threads = [
            threading.Thread(target=_append, args=(engine, count, f"{actor}{t}")) for t in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        engine.dispose()


def test_appends_from_several_processes_at_once_keep_one_chain(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        spawn = multiprocessing.get_context("spawn")
        workers = [
            spawn.Process(target=_append_in_process, args=(database_url, f"U{p}", 15))
            for p in range(2)
        ]
        for worker in workers:
            worker.start()
        _append_in_process(database_url, "UMAIN", 15)
        for worker in workers:
            worker.join(timeout=120)
            assert worker.exitcode == 0
        report = _audit(engine).verify()
        assert report.intact, report.broken
        assert report.entries == report.head.seq == 3 * 2 * 15
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- migration
@pytest.fixture
def old_database(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade(engine, "0005")
    yield engine
    engine.dispose()


def test_the_migration_chains_the_entries_of_an_existing_database(old_database: Engine) -> None:
    at = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    with old_database.begin() as connection:
        for n in range(3):
            connection.execute(
                text(
                    "INSERT INTO history (workspace, round_id, kind, actor, level, text, at) "
                    "VALUES ('T0001', 1, 'stance', :actor, 2, 'because', :at)"
                ),
                {"actor": f"U{n}", "at": at + timedelta(minutes=n)},
            )
    upgrade(old_database)
    report = _audit(old_database).verify()
    assert report.intact and report.entries == 3 and report.head.seq == 3
    _append(old_database, 1)  # the bot goes on from the migrated head
    assert _audit(old_database).verify().head.seq == 4
    with old_database.begin() as connection, pytest.raises(Exception, match="append-only"):
        connection.execute(text("UPDATE history SET level = 1"))


def test_verify_while_the_bot_appends_sees_an_intact_record(engine: Engine) -> None:
    _append(engine, 5)
    stop = threading.Event()

    def keep_appending() -> None:
        while not stop.is_set():
            _append(engine, 1, "U0LIVE")

    writer = threading.Thread(target=keep_appending)
    writer.start()
    try:
        reports = [_audit(engine).verify() for _ in range(10)]
    finally:
        stop.set()
        writer.join()
    assert all(r.intact for r in reports), [r.broken for r in reports if not r.intact]
    assert _audit(engine).verify().intact
