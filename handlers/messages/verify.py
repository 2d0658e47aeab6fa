"""The words of `consensus-bot verify`: the record's hash chain checked (``bot.record``), and
an exported file checked against the database (``bot.audit``). The core reports each break
and finding as a code with data; each is worded here.

An operator's terminal prints these lines, and scripts may read them, so they are plain text
(not mrkdwn) and tests/test_verify_words.py pins their English word for word.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never

from bot.audit import FileCheck, FileFinding, FindingCode, RowKey, RowKind
from bot.record import ChainBreak, ChainBreakCode, ChainedEntry, ChainReport, canonical_time
from handlers.messages import LIST_SEPARATOR, translations
from handlers.messages.marker import N_

# The record's own check, and the verdict on a file (its findings follow, one a line).
RECORD_INTACT = N_(
    "The decision record is intact: {entries} entries, chain head entry {seq} ({hash})."
)
RECORD_ALTERED = N_("The decision record was altered: {problem}.")
FILE_MATCHES = N_("{file} matches the database:")
FILE_DIFFERS = N_("{file} does NOT match the database:")

# An entry the check names: where it belongs, what it is, who made it and when (as hashed).
ENTRY_IN_ROUND = N_("round {round}, {kind} by {actor} at {at}")
ENTRY_OUTSIDE_ROUNDS = N_("{kind} by {actor} at {at}")

# The chain's breaks, by code; a gap of one entry and of several read differently.
REMOVED_ONE_AFTER = N_(
    "entry {first} after entry {after} was removed: the chain goes on at entry {seq} ({entry})"
)
REMOVED_SEVERAL_AFTER = N_(
    "entries {first} to {last} after entry {after} were removed: the chain goes on at entry "
    "{seq} ({entry})"
)
REMOVED_ONE_AT_START = N_(
    "entry {first} at the start was removed: the chain goes on at entry {seq} ({entry})"
)
REMOVED_SEVERAL_AT_START = N_(
    "entries {first} to {last} at the start were removed: the chain goes on at entry {seq} "
    "({entry})"
)
ALTERED = N_("entry {seq} ({entry}) was altered: its content no longer matches its hash")
NOT_FIRST = N_("entry {first} does not start the chain")
RELINKED = N_(
    "entry {seq} ({entry}) was altered: entry {next_seq} records a different hash for it (its "
    "content and hash were both rewritten, or the link of entry {next_seq} was changed)"
)
HEAD_MISSING = N_("the chain head is missing")
NEWEST_REMOVED_ONE = N_(
    "entry {first}, the newest, was removed: the chain head says {head} entries, the record "
    "ends at {ends}"
)
NEWEST_REMOVED_SEVERAL = N_(
    "entries {first} to {last}, the newest, were removed: the chain head says {head} entries, "
    "the record ends at {ends}"
)
BEYOND_HEAD = N_(
    "entries {first} to {last} lie beyond the chain head ({head}): they were inserted around "
    "the app, or the head was altered"
)
HEAD_ALTERED = N_("the chain head does not match entry {head}: it was altered")
UNCHAINED = N_(
    "{count} row(s) of the record have no place in the chain (ids {ids}): they were inserted "
    "around the app"
)
# How many of those rows are listed by id, and what stands for the rest.
UNCHAINED_LISTED = 5
UNLISTED = " …"

# A row of the file, by what it is.
ROW_ENTRY = N_("entry {entry}")
ROW_ROUND = N_("round of round {round}")
ROW_VOTE = N_("vote {vote} of round {round}")

# A file's findings, by code.
UNREADABLE = N_("the file cannot be read as an export ({detail})")
RECORD_BROKEN = N_("the database's record is not intact: {problem}")
HEAD_NOT_IN_CHAIN = N_(
    "the file's chain head (entry {seq}, {hash}…) is not an entry of the database's chain: "
    "the file or the database was altered"
)
# How much of the file's head hash is shown: enough to tell it apart.
HASH_SHOWN = 12
ROW_NOT_IN_DATABASE = N_("the file has a row for {row}, which the database lacks")
ROW_NOT_IN_FILE = N_("{row} is in the database but not in the file")
# The values as Python writes a string, quoted, so spaces and empty cells show.
ROW_DIFFERS = N_(
    "the row for {row} differs from the database in `{column}`: file {in_file}, "
    "database {in_database}"
)
MORE = N_("{finding} (and {more} more)")
MATCHES = N_(
    "its {cited} response and ballot rows and {settled} round and vote rows are what the "
    "database holds up to the file's chain head, entry {seq}"
)
LATER_ENTRIES = N_(
    "the database has {later} entries recorded after this export (up to entry {upto}); they "
    "are not in the file"
)


class CatalogVerifyWords:
    """`verify`'s lines from this catalog, in the reader's language (English when there is
    no catalog for it)."""

    def __init__(self, language: str | None = None) -> None:
        self._word: Callable[[str], str] = translations(language).gettext

    def record(self, report: ChainReport) -> str:
        """The record's own check, in one line."""
        if report.broken is None:
            return self._word(RECORD_INTACT).format(
                entries=report.entries, seq=report.head.seq, hash=report.head.hash
            )
        return self._word(RECORD_ALTERED).format(problem=self.chain_break(report.broken))

    def verdict(self, file: str, check: FileCheck) -> str:
        return self._word(FILE_MATCHES if check.ok else FILE_DIFFERS).format(file=file)

    def chain_break(self, broken: ChainBreak) -> str:
        word, b = self._word, broken
        match b.code:
            case ChainBreakCode.REMOVED:
                several = b.first != b.last
                if b.after is None:
                    template = REMOVED_SEVERAL_AT_START if several else REMOVED_ONE_AT_START
                else:
                    template = REMOVED_SEVERAL_AFTER if several else REMOVED_ONE_AFTER
                return word(template).format(
                    first=b.first, last=b.last, after=b.after, **self._entry(b.entry)
                )
            case ChainBreakCode.ALTERED:
                return word(ALTERED).format(**self._entry(b.entry))
            case ChainBreakCode.NOT_FIRST:
                return word(NOT_FIRST).format(first=b.first)
            case ChainBreakCode.RELINKED:
                return word(RELINKED).format(next_seq=b.next_seq, **self._entry(b.entry))
            case ChainBreakCode.HEAD_MISSING:
                return word(HEAD_MISSING)
            case ChainBreakCode.NEWEST_REMOVED:
                template = NEWEST_REMOVED_SEVERAL if b.first != b.last else NEWEST_REMOVED_ONE
                ends = (b.first or 1) - 1  # the record ends just before the first removed
                return word(template).format(first=b.first, last=b.last, head=b.head, ends=ends)
            case ChainBreakCode.BEYOND_HEAD:
                return word(BEYOND_HEAD).format(first=b.first, last=b.last, head=b.head)
            case ChainBreakCode.HEAD_ALTERED:
                return word(HEAD_ALTERED).format(head=b.head)
            case ChainBreakCode.UNCHAINED:
                ids = LIST_SEPARATOR.join(str(i) for i in b.rows[:UNCHAINED_LISTED])
                ids += UNLISTED if len(b.rows) > UNCHAINED_LISTED else ""
                return word(UNCHAINED).format(count=len(b.rows), ids=ids)
            case _:
                assert_never(b.code)

    def _entry(self, entry: ChainedEntry | None) -> dict[str, object]:
        """The ``seq`` and the words (``entry``) of the entry a break names."""
        assert entry is not None, "a break naming an entry carries it"
        f = entry.fields
        template = ENTRY_OUTSIDE_ROUNDS if f.round_id is None else ENTRY_IN_ROUND
        words = self._word(template).format(
            round=f.round_id, kind=f.kind, actor=f.actor, at=canonical_time(f.at)
        )
        return {"seq": entry.seq, "entry": words}

    def finding(self, finding: FileFinding) -> str:
        """One finding of a file check, in one line."""
        text = self._finding(finding)
        if finding.more:
            return self._word(MORE).format(finding=text, more=finding.more)
        return text

    def _finding(self, f: FileFinding) -> str:
        word = self._word
        match f.code:
            case FindingCode.UNREADABLE:
                return word(UNREADABLE).format(detail=f.detail)
            case FindingCode.RECORD_BROKEN:
                assert f.chain is not None, "a broken record carries its break"
                return word(RECORD_BROKEN).format(problem=self.chain_break(f.chain))
            case FindingCode.HEAD_NOT_IN_CHAIN:
                assert f.head is not None, "the file's head is named"
                return word(HEAD_NOT_IN_CHAIN).format(seq=f.head.seq, hash=f.head.hash[:HASH_SHOWN])
            case FindingCode.ROW_NOT_IN_DATABASE:
                return word(ROW_NOT_IN_DATABASE).format(row=self._row(f.key))
            case FindingCode.ROW_NOT_IN_FILE:
                return word(ROW_NOT_IN_FILE).format(row=self._row(f.key))
            case FindingCode.ROW_DIFFERS:
                return word(ROW_DIFFERS).format(
                    row=self._row(f.key),
                    column=f.column,
                    in_file=repr(f.in_file),
                    in_database=repr(f.in_database),
                )
            case FindingCode.MATCHES:
                assert f.head is not None, "the head the file matches up to is named"
                return word(MATCHES).format(cited=f.cited, settled=f.settled, seq=f.head.seq)
            case FindingCode.LATER_ENTRIES:
                return word(LATER_ENTRIES).format(later=f.later, upto=f.upto)
            case _:
                assert_never(f.code)

    def _row(self, key: RowKey | None) -> str:
        assert key is not None, "a row finding names its row"
        match key.kind:
            case RowKind.ENTRY:
                return self._word(ROW_ENTRY).format(entry=key.entry)
            case RowKind.ROUND:
                return self._word(ROW_ROUND).format(round=key.round)
            case RowKind.VOTE:
                return self._word(ROW_VOTE).format(vote=key.vote, round=key.round)
            case _:
                assert_never(key.kind)
