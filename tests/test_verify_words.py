"""What `consensus-bot verify` prints, word for word, for every kind of finding.

An operator (or a script) reads these lines, so their English cannot drift when they move
(issue 12 moved them from the core to a front end's catalog). The hash chain's breaks are
reached with entries held in memory, each kind of tampering built by hand; the findings of
`verify --export` with a real database and a file exported from it, then edited.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType

import pytest
from sqlalchemy import Engine, text

from bootstrap.governance_cli import run_verify
from bot.audit import Audit
from bot.clock import ManualClock
from bot.ports import HistoryEntry
from bot.record import GENESIS, ChainedEntry, ChainHead, EntryFields, entry_hash, link
from bot.usecases.decision_log import neutralise_cell
from handlers.messages.export import CatalogExportWords
from handlers.messages.verify import CatalogVerifyWords
from storage.store import SqlStore
from tests.export_support import audit, export, impasse, roster_round, verify
from tests.governance_support import CHAIR, WORKSPACE

AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


# --------------------------------------------------------------------------- the chain
class MemoryRecord:
    """The record's port (bot.record.RecordStore) over entries held in memory."""

    def __init__(
        self,
        entries: Sequence[ChainedEntry],
        head: ChainHead | None,
        unchained: Sequence[int] = (),
    ) -> None:
        self.entries, self.head, self.unchained = list(entries), head, list(unchained)

    def __enter__(self) -> MemoryRecord:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def chain_head(self) -> ChainHead | None:
        return self.head

    def chain_entries(self, after: int = 0, upto: int | None = None) -> Iterator[ChainedEntry]:
        return iter([e for e in self.entries if after < e.seq and (upto is None or e.seq <= upto)])

    def unchained_entries(self) -> list[int]:
        return self.unchained

    def chain_entry(self, seq: int) -> ChainedEntry | None:
        return next((e for e in self.entries if e.seq == seq), None)


def _chain() -> list[ChainedEntry]:
    """Four entries a minute apart: three stances in round 1, then one about no round."""
    fields = [
        EntryFields(WORKSPACE, 1, "stance", actor, level, "", AT + timedelta(minutes=n))
        for n, (actor, level) in enumerate([("U0ANA", 2), ("U0BEN", 3), ("U0CAT", 1)])
    ]
    fields.append(
        EntryFields(
            WORKSPACE, None, "steering", "U0DAN", None, "C0STEER", AT + timedelta(minutes=3)
        )
    )
    return [
        ChainedEntry(seq, seq, f, prev, digest)
        for f, (seq, prev, digest) in zip(fields, link(ChainHead(0, GENESIS), fields), strict=True)
    ]


def _head(entries: Sequence[ChainedEntry]) -> ChainHead:
    return ChainHead(entries[-1].seq, entries[-1].hash)


def _printed(record: MemoryRecord) -> tuple[int, str]:
    chain_audit = Audit(lambda: record, ManualClock(), neutralise_cell, words=CatalogExportWords())
    out = io.StringIO()
    code = run_verify(chain_audit, argparse.Namespace(export=None, current=False), out)
    return code, out.getvalue()


def _altered(problem: str) -> tuple[int, str]:
    return 1, f"The decision record was altered: {problem}.\n"


def test_an_intact_record_is_reported_with_its_head() -> None:
    chain = _chain()
    assert _printed(MemoryRecord(chain, _head(chain))) == (
        0,
        f"The decision record is intact: 4 entries, chain head entry 4 ({chain[-1].hash}).\n",
    )
    assert _printed(MemoryRecord([], None)) == (
        0,
        f"The decision record is intact: 0 entries, chain head entry 0 ({GENESIS}).\n",
    )


@pytest.mark.parametrize(
    ("removed", "problem"),
    [
        (
            {2},
            "entry 2 after entry 1 was removed: the chain goes on at entry 3 "
            "(round 1, stance by U0CAT at 2026-12-01T09:02:00.000000Z)",
        ),
        (
            {2, 3},
            "entries 2 to 3 after entry 1 were removed: the chain goes on at entry 4 "
            "(steering by U0DAN at 2026-12-01T09:03:00.000000Z)",
        ),
        (
            {1},
            "entry 1 at the start was removed: the chain goes on at entry 2 "
            "(round 1, stance by U0BEN at 2026-12-01T09:01:00.000000Z)",
        ),
        (
            {1, 2},
            "entries 1 to 2 at the start were removed: the chain goes on at entry 3 "
            "(round 1, stance by U0CAT at 2026-12-01T09:02:00.000000Z)",
        ),
    ],
)
def test_entries_removed_from_the_chain_are_named(removed: set[int], problem: str) -> None:
    chain = _chain()
    kept = [e for e in chain if e.seq not in removed]
    assert _printed(MemoryRecord(kept, _head(chain))) == _altered(problem)


@pytest.mark.parametrize(
    ("seq", "described"),
    [
        (3, "round 1, stance by U0CAT at 2026-12-01T09:02:00.000000Z"),
        (4, "steering by U0DAN at 2026-12-01T09:03:00.000000Z"),
    ],
)
def test_an_entry_whose_content_no_longer_matches_its_hash_is_named(
    seq: int, described: str
) -> None:
    chain = _chain()
    chain[seq - 1] = replace(chain[seq - 1], fields=replace(chain[seq - 1].fields, level=6))
    assert _printed(MemoryRecord(chain, _head(chain))) == _altered(
        f"entry {seq} ({described}) was altered: its content no longer matches its hash"
    )


def test_a_first_entry_that_follows_something_else_is_named() -> None:
    chain = _chain()
    first = chain[0]
    chain[0] = replace(first, prev_hash="a" * 64, hash=entry_hash(1, first.fields, "a" * 64))
    assert _printed(MemoryRecord(chain, _head(chain))) == _altered(
        "entry 1 does not start the chain"
    )


def test_an_entry_rewritten_with_its_hash_is_named_by_the_next_one() -> None:
    chain = _chain()
    second = chain[1]
    forged = replace(second.fields, level=6)
    chain[1] = replace(second, fields=forged, hash=entry_hash(2, forged, second.prev_hash))
    assert _printed(MemoryRecord(chain, _head(chain))) == _altered(
        "entry 2 (round 1, stance by U0BEN at 2026-12-01T09:01:00.000000Z) was altered: "
        "entry 3 records a different hash for it (its content and hash were both rewritten, "
        "or the link of entry 3 was changed)"
    )


def test_a_missing_chain_head_is_reported() -> None:
    assert _printed(MemoryRecord(_chain(), None)) == _altered("the chain head is missing")


@pytest.mark.parametrize(
    ("kept", "problem"),
    [
        (
            3,
            "entry 4, the newest, was removed: the chain head says 4 entries, the record ends at 3",
        ),
        (
            2,
            "entries 3 to 4, the newest, were removed: the chain head says 4 entries, the "
            "record ends at 2",
        ),
    ],
)
def test_the_newest_entries_removed_are_named(kept: int, problem: str) -> None:
    chain = _chain()
    assert _printed(MemoryRecord(chain[:kept], _head(chain))) == _altered(problem)


@pytest.mark.parametrize(("head", "first"), [(2, 3), (3, 4)])
def test_entries_beyond_the_chain_head_are_named(head: int, first: int) -> None:
    chain = _chain()
    assert _printed(MemoryRecord(chain, _head(chain[:head]))) == _altered(
        f"entries {first} to 4 lie beyond the chain head ({head}): they were inserted around "
        "the app, or the head was altered"
    )


def test_a_chain_head_with_another_hash_is_reported() -> None:
    chain = _chain()
    assert _printed(MemoryRecord(chain, ChainHead(4, "f" * 64))) == _altered(
        "the chain head does not match entry 4: it was altered"
    )


@pytest.mark.parametrize(
    ("ids", "shown"),
    [((7, 9), "2 row(s)"), ((1, 2, 3, 4, 5, 6, 8), "7 row(s)")],
)
def test_rows_without_a_place_in_the_chain_are_counted_and_listed(
    ids: tuple[int, ...], shown: str
) -> None:
    chain = _chain()
    listed = "7, 9" if len(ids) == 2 else "1, 2, 3, 4, 5 …"
    assert _printed(MemoryRecord(chain, _head(chain), ids)) == _altered(
        f"{shown} of the record have no place in the chain (ids {listed}): they were "
        "inserted around the app"
    )


# --------------------------------------------------------------------------- verify --export
def _findings(out: str) -> list[str]:
    """What `verify --export` says about the file: the lines after the record's own."""
    return out.splitlines()[1:]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_matching_file_is_reported_with_what_it_holds(
    engine: Engine, tmp_path: Path, fmt: str
) -> None:
    clock = ManualClock()
    roster_round(engine, clock)
    path = tmp_path / f"record.{fmt}"
    path.write_text(export(engine, clock, fmt))
    code, out = verify(engine, clock, path)
    assert code == 0
    assert _findings(out) == [
        f"{path} matches the database:",
        "  its 6 response and ballot rows and 1 round and vote rows are what the database "
        "holds up to the file's chain head, entry 14",
    ]


def test_entries_recorded_after_the_export_are_counted(engine: Engine, tmp_path: Path) -> None:
    clock = ManualClock()
    round_id = roster_round(engine, clock)
    path = tmp_path / "record.csv"
    path.write_text(export(engine, clock, "csv"))
    with SqlStore(engine) as store:
        for _ in range(2):
            store.record(HistoryEntry(clock.now(), round_id, "remind_now", CHAIR), WORKSPACE)
    held = (
        "  its 6 response and ballot rows and 0 round and vote rows are what the database "
        "holds up to the file's chain head, entry 14"
    )
    later = (
        "  the database has 2 entries recorded after this export (up to entry 16); they are "
        "not in the file"
    )
    code, out = verify(engine, clock, path)
    assert (code, _findings(out)) == (0, [f"{path} matches the database:", held, later])
    code, out = verify(engine, clock, path, current=True)
    assert (code, _findings(out)) == (1, [f"{path} does NOT match the database:", held, later])


def test_a_file_that_is_no_export_is_reported(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("a,b\n1,2\n")
    code, out = verify(engine, ManualClock(), path)
    assert (code, _findings(out)) == (
        1,
        [
            f"{path} does NOT match the database:",
            "  the file cannot be read as an export (StopIteration())",
        ],
    )


def test_a_file_whose_head_is_not_an_entry_of_the_chain_is_reported(
    engine: Engine, tmp_path: Path
) -> None:
    clock = ManualClock()
    roster_round(engine, clock)
    document = json.loads(export(engine, clock, "json"))
    document["chain_head"]["hash"] = "f" * 64
    path = tmp_path / "record.json"
    path.write_text(json.dumps(document))
    code, out = verify(engine, clock, path)
    assert (code, _findings(out)) == (
        1,
        [
            f"{path} does NOT match the database:",
            "  the file's chain head (entry 14, ffffffffffff…) is not an entry of the "
            "database's chain: the file or the database was altered",
        ],
    )


def _edited(engine: Engine, tmp_path: Path, *edits: tuple[str, str]) -> list[str]:
    """verify --export's findings on the roster round's CSV with ``edits`` made to it."""
    clock = ManualClock()
    roster_round(engine, clock)
    exported = export(engine, clock, "csv")
    for old, new in edits:
        assert old in exported
        exported = exported.replace(old, new)
    path = tmp_path / "record.csv"
    path.write_text(exported)
    code, out = verify(engine, clock, path)
    assert code == 1
    assert out.splitlines()[1] == f"{path} does NOT match the database:"
    return _findings(out)[1:]


def test_a_row_that_differs_names_the_first_column_and_both_values(
    engine: Engine, tmp_path: Path
) -> None:
    assert _edited(engine, tmp_path, ("Not without funding", "Fine by me")) == [
        "  the row for entry 9 differs from the database in `reason`: file 'Fine by me', "
        "database 'Not without funding'"
    ]


def test_further_differences_are_counted_after_the_first(engine: Engine, tmp_path: Path) -> None:
    edits = (("Not without funding", "Fine by me"), ("Who pays?", "We do"))
    assert _edited(engine, tmp_path, *edits) == [
        "  the row for entry 9 differs from the database in `reason`: file 'Fine by me', "
        "database 'Not without funding' (and 1 more)"
    ]


def test_a_row_the_database_lacks_is_named(engine: Engine, tmp_path: Path) -> None:
    clock = ManualClock()
    roster_round(engine, clock)
    exported = export(engine, clock, "csv")
    rows = list(csv.DictReader(io.StringIO(exported)))
    forged = {**next(r for r in rows if r["reason"] == "Not without funding"), "entry": "99"}
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n").writerow(forged)
    path = tmp_path / "record.csv"
    path.write_text(exported + out.getvalue())
    code, out = verify(engine, clock, path)
    assert (code, _findings(out)[1:]) == (
        1,
        ["  the file has a row for entry 99, which the database lacks"],
    )


def test_a_row_missing_from_the_file_is_named(engine: Engine, tmp_path: Path) -> None:
    clock = ManualClock()
    roster_round(engine, clock)
    lines = export(engine, clock, "csv").splitlines(keepends=True)
    path = tmp_path / "record.csv"
    path.write_text("".join(line for line in lines if "Not without funding" not in line))
    code, out = verify(engine, clock, path)
    assert (code, _findings(out)[1:]) == (
        1,
        ["  entry 9 is in the database but not in the file"],
    )


@pytest.mark.parametrize(
    ("fmt", "finding"),
    [
        (
            "csv",
            "  the row for vote 1 of round 2 differs from the database in `result`: "
            "file 'Not carried', database 'Carried'",
        ),
        (
            "json",
            "  the row for round of round 1 differs from the database in `outcome`: "
            "file 'Consensus reached', database 'No consensus'",
        ),
    ],
)
def test_round_and_vote_rows_are_named_by_round(
    engine: Engine, tmp_path: Path, fmt: str, finding: str
) -> None:
    clock = ManualClock()
    impasse(engine, clock)
    exported = export(engine, clock, fmt)
    path = tmp_path / f"record.{fmt}"
    if fmt == "csv":
        path.write_text(exported.replace(",Carried,", ",Not carried,"))
    else:
        document = json.loads(exported)
        document["rounds"][0]["outcome"] = "consensus"
        path.write_text(json.dumps(document))
    code, out = verify(engine, clock, path)
    assert (code, _findings(out)[1:]) == (1, [finding])


def test_a_record_altered_under_the_file_is_reported_by_the_file_check(
    engine: Engine, tmp_path: Path
) -> None:
    """`verify` stops at the record's own check first; the file check says it too."""
    clock = ManualClock()
    roster_round(engine, clock)
    exported = export(engine, clock, "csv")
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER history_no_update"))
        else:
            connection.execute(text("DROP TRIGGER history_append_only ON history"))
        connection.execute(text("UPDATE history SET text = 'Fine' WHERE seq = 9"))
    check = audit(engine, clock).check_file(exported)
    assert not check.ok
    assert [CatalogVerifyWords().finding(f) for f in check.findings] == [
        "the database's record is not intact: entry 9 (round 1, stance by U0MEM at "
        "2026-11-23T14:05:00.000000Z) was altered: its content no longer matches its hash"
    ]
