"""The decision record's hash chain: how an entry is hashed, and how the chain is checked.

Every entry of the append-only record carries ``seq`` (its place: 1, 2, 3, ... with no gaps),
the hash of the entry before it (``prev_hash``; the first entry follows ``GENESIS``) and its
own ``hash``: SHA-256 over a canonical serialisation of its fields and ``prev_hash``. One
chain covers the whole database (every workspace). A chain-head row remembers the last
``seq`` and ``hash``, so removing the newest entries shows too.

Pure: no database here. The store hands in entries in ``seq`` order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

GENESIS = "0" * 64
CHAIN_FORMAT = 1


def canonical_time(value: datetime) -> str:
    """A time as the chain hashes it: UTC, microseconds, ``Z`` (naive values are UTC)."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class EntryFields:
    """What an entry says; everything here is covered by its hash."""

    workspace: str
    round_id: int | None
    kind: str
    actor: str
    level: int | None
    text: str
    at: datetime


def entry_hash(seq: int, fields: EntryFields, prev_hash: str) -> str:
    """SHA-256 (hex) of the canonical JSON of the entry: sorted keys, no spaces, UTF-8."""
    document = {
        "v": CHAIN_FORMAT,
        "seq": seq,
        "workspace": fields.workspace,
        "round": fields.round_id,
        "kind": fields.kind,
        "actor": fields.actor,
        "level": fields.level,
        "text": fields.text,
        "at": canonical_time(fields.at),
        "prev": prev_hash,
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainHead:
    seq: int
    hash: str


@dataclass(frozen=True)
class ChainedEntry:
    """An entry as stored: its fields and its place in the chain."""

    id: int
    seq: int
    fields: EntryFields
    prev_hash: str
    hash: str

    def describe(self) -> str:
        f = self.fields
        where = f"round {f.round_id}, " if f.round_id is not None else ""
        return f"{where}{f.kind} by {f.actor} at {canonical_time(f.at)}"


def link(start: ChainHead, entries: Sequence[EntryFields]) -> Iterator[tuple[int, str, str]]:
    """(seq, prev_hash, hash) for entries appended after ``start``, in order."""
    seq, prev = start.seq, start.hash
    for fields in entries:
        seq += 1
        digest = entry_hash(seq, fields, prev)
        yield seq, prev, digest
        prev = digest


@dataclass(frozen=True)
class ChainReport:
    """The result of checking the chain. ``problem`` is empty when it is intact."""

    entries: int
    head: ChainHead
    problem: str = ""
    first_bad: int | None = None  # seq of the first entry altered or removed

    @property
    def intact(self) -> bool:
        return not self.problem


class RecordStore(Protocol):
    """What checking and exporting the chain needs from storage."""

    def chain_head(self) -> ChainHead | None: ...
    def chain_entries(self, after: int = 0, upto: int | None = None) -> Iterator[ChainedEntry]:
        """Entries with ``after < seq <= upto`` in ``seq`` order, read in batches."""
        ...

    def unchained_entries(self) -> list[int]:
        """Ids of history rows without a place in the chain (inserted around the app)."""
        ...

    def chain_entry(self, seq: int) -> ChainedEntry | None: ...


def check_chain(
    entries: Iterable[ChainedEntry],
    head: ChainHead | Callable[[], ChainHead | None] | None,
    unchained: Sequence[int] = (),
) -> ChainReport:
    """Recompute the chain; name the first entry that was altered or removed.

    ``head`` may be a function, asked once the entries are read (a live database).
    """
    expected, prev, count = 1, GENESIS, 0
    last: ChainedEntry | None = None
    for entry in entries:
        if entry.seq > expected:
            gap = (
                f"entry {expected}"
                if entry.seq == expected + 1
                else f"entries {expected} to {entry.seq - 1}"
            )
            after = f"after entry {last.seq} " if last else "at the start "
            return _broken(
                count,
                last,
                f"{gap} {after}{'was' if entry.seq == expected + 1 else 'were'} removed: the "
                f"chain goes on at entry {entry.seq} ({entry.describe()})",
                expected,
            )
        if entry_hash(entry.seq, entry.fields, entry.prev_hash) != entry.hash:
            return _broken(
                count,
                last,
                f"entry {entry.seq} ({entry.describe()}) was altered: its content no longer "
                "matches its hash",
                entry.seq,
            )
        if entry.prev_hash != prev:
            if last is None:
                return _broken(count, last, "entry 1 does not start the chain", 1)
            return _broken(
                count,
                last,
                f"entry {last.seq} ({last.describe()}) was altered: entry {entry.seq} records "
                "a different hash for it (its content and hash were both rewritten, or the "
                f"link of entry {entry.seq} was changed)",
                last.seq,
            )
        prev, last, count, expected = entry.hash, entry, count + 1, expected + 1
    if callable(head):
        head = head()
    if head is None:
        if last is not None:
            return _broken(count, last, "the chain head is missing", None)
        return _unchained(ChainReport(0, ChainHead(0, GENESIS)), unchained)
    found = ChainHead(last.seq, last.hash) if last else ChainHead(0, GENESIS)
    if head.seq > found.seq:
        gap = f"entry {head.seq}" if head.seq == found.seq + 1 else f"entries {found.seq + 1}"
        gap += "" if head.seq == found.seq + 1 else f" to {head.seq}"
        return _broken(
            count,
            last,
            f"{gap}, the newest, {'was' if head.seq == found.seq + 1 else 'were'} removed: the "
            f"chain head says {head.seq} entries, the record ends at {found.seq}",
            found.seq + 1,
        )
    if head.seq < found.seq:
        return _broken(
            count,
            last,
            f"entries {head.seq + 1} to {found.seq} lie beyond the chain head ({head.seq}): "
            "they were inserted around the app, or the head was altered",
            head.seq + 1,
        )
    if head.hash != found.hash:
        return _broken(
            count, last, f"the chain head does not match entry {head.seq}: it was altered", None
        )
    return _unchained(ChainReport(count, found), unchained)


def _broken(count: int, last: ChainedEntry | None, problem: str, seq: int | None) -> ChainReport:
    head = ChainHead(last.seq, last.hash) if last else ChainHead(0, GENESIS)
    return ChainReport(count, head, problem, seq)


def _unchained(report: ChainReport, unchained: Sequence[int]) -> ChainReport:
    if not unchained:
        return report
    ids = ", ".join(str(i) for i in unchained[:5]) + (" …" if len(unchained) > 5 else "")
    return ChainReport(
        report.entries,
        report.head,
        f"{len(unchained)} row(s) of the record have no place in the chain (ids {ids}): "
        "they were inserted around the app",
        None,
    )
