"""The decision record's hash chain: how an entry is hashed, and how the chain is checked.

Every entry of the append-only record carries ``seq`` (its place: 1, 2, 3, ... with no gaps),
the hash of the entry before it (``prev_hash``; the first entry follows ``GENESIS``) and its
own ``hash``: SHA-256 over a canonical serialisation of its fields and ``prev_hash``. One
chain covers the whole database (every workspace). A chain-head row remembers the last
``seq`` and ``hash``, so removing the newest entries shows too.

Pure: no database here. The store hands in entries in ``seq`` order. A break is reported as
data (``ChainBreak``: a code and the entries, seqs and hashes involved); the front end that
prints it words it (`verify`: handlers/messages/verify.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
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


def link(start: ChainHead, entries: Sequence[EntryFields]) -> Iterator[tuple[int, str, str]]:
    """(seq, prev_hash, hash) for entries appended after ``start``, in order."""
    seq, prev = start.seq, start.hash
    for fields in entries:
        seq += 1
        digest = entry_hash(seq, fields, prev)
        yield seq, prev, digest
        prev = digest


class ChainBreakCode(StrEnum):
    """What the check found wrong with the chain (the fields of ``ChainBreak`` each uses)."""

    REMOVED = "removed"  # entries first..last are missing before ``entry`` (after ``after``)
    ALTERED = "altered"  # ``entry``'s content no longer matches its hash
    NOT_FIRST = "not_first"  # ``entry``, read first, does not follow GENESIS at ``first``
    RELINKED = "relinked"  # ``entry`` was rewritten: entry ``next_seq`` records another hash
    HEAD_MISSING = "head_missing"  # entries, but no chain head
    NEWEST_REMOVED = "newest_removed"  # first..last, the newest, are missing (head: ``head``)
    BEYOND_HEAD = "beyond_head"  # first..last lie beyond the chain head ``head``
    HEAD_ALTERED = "head_altered"  # the head's hash is not that of entry ``head``
    UNCHAINED = "unchained"  # history rows ``rows`` (ids) have no place in the chain


@dataclass(frozen=True)
class ChainBreak:
    """One break of the chain, as data: the code says which fields are filled in."""

    code: ChainBreakCode
    # The entry named: where the chain goes on after a gap, or the one altered.
    entry: ChainedEntry | None = None
    first: int | None = None  # the first entry missing, or lying beyond the head
    last: int | None = None  # and the last
    after: int | None = None  # the entry before a gap; None when the gap is at the start
    next_seq: int | None = None  # the entry whose link disagrees with ``entry``'s hash
    head: int | None = None  # the seq the chain head names
    # ALTERED: what the content hashes to, and the hash stored; NOT_FIRST: GENESIS, and the
    # link stored; RELINKED: the hash the next entry records, and the entry's own;
    # HEAD_ALTERED: the head's hash, and the entry's.
    expected_hash: str = ""
    found_hash: str = ""
    rows: tuple[int, ...] = ()  # ids of the history rows without a place in the chain


@dataclass(frozen=True)
class ChainReport:
    """The result of checking the chain. ``broken`` is None when it is intact."""

    entries: int
    head: ChainHead
    broken: ChainBreak | None = None
    first_bad: int | None = None  # seq of the first entry altered or removed

    @property
    def intact(self) -> bool:
        return self.broken is None


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
            after = last.seq if last else None
            gap = ChainBreak(
                ChainBreakCode.REMOVED, entry, first=expected, last=entry.seq - 1, after=after
            )
            return _broken(count, last, gap, expected)
        recomputed = entry_hash(entry.seq, entry.fields, entry.prev_hash)
        if recomputed != entry.hash:
            altered = ChainBreak(
                ChainBreakCode.ALTERED, entry, expected_hash=recomputed, found_hash=entry.hash
            )
            return _broken(count, last, altered, entry.seq)
        if entry.prev_hash != prev:
            if last is None:
                first = ChainBreak(
                    ChainBreakCode.NOT_FIRST,
                    entry,
                    first=expected,
                    expected_hash=prev,
                    found_hash=entry.prev_hash,
                )
                return _broken(count, last, first, 1)
            relinked = ChainBreak(
                ChainBreakCode.RELINKED,
                last,
                next_seq=entry.seq,
                expected_hash=entry.prev_hash,
                found_hash=last.hash,
            )
            return _broken(count, last, relinked, last.seq)
        prev, last, count, expected = entry.hash, entry, count + 1, expected + 1
    if callable(head):
        head = head()
    if head is None:
        if last is not None:
            return _broken(count, last, ChainBreak(ChainBreakCode.HEAD_MISSING), None)
        return _unchained(ChainReport(0, ChainHead(0, GENESIS)), unchained)
    found = ChainHead(last.seq, last.hash) if last else ChainHead(0, GENESIS)
    if head.seq > found.seq:
        removed = ChainBreak(
            ChainBreakCode.NEWEST_REMOVED, first=found.seq + 1, last=head.seq, head=head.seq
        )
        return _broken(count, last, removed, found.seq + 1)
    if head.seq < found.seq:
        beyond = ChainBreak(
            ChainBreakCode.BEYOND_HEAD, first=head.seq + 1, last=found.seq, head=head.seq
        )
        return _broken(count, last, beyond, head.seq + 1)
    if head.hash != found.hash:
        altered_head = ChainBreak(
            ChainBreakCode.HEAD_ALTERED,
            head=head.seq,
            expected_hash=head.hash,
            found_hash=found.hash,
        )
        return _broken(count, last, altered_head, None)
    return _unchained(ChainReport(count, found), unchained)


def _broken(
    count: int, last: ChainedEntry | None, broken: ChainBreak, seq: int | None
) -> ChainReport:
    head = ChainHead(last.seq, last.hash) if last else ChainHead(0, GENESIS)
    return ChainReport(count, head, broken, seq)


def _unchained(report: ChainReport, unchained: Sequence[int]) -> ChainReport:
    if not unchained:
        return report
    rows = ChainBreak(ChainBreakCode.UNCHAINED, rows=tuple(unchained))
    return ChainReport(report.entries, report.head, rows, None)
