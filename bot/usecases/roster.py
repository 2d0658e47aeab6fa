"""The roster: who holds a seat, changed one person at a time or imported from a CSV file,
and the partnership's settings that shape it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bot.domain.eligibility import NotEligible, Where, not_people
from bot.domain.errors import InvalidInput, NotFound, Person, Problem, Typed
from bot.domain.recorded_vote import VoteRules
from bot.domain.roster import (
    SECTORS,
    Representation,
    Role,
    RosterEntry,
    check_roster,
    check_sector,
    known_sectors,
    make_entry,
)
from bot.partnership_settings import REPRESENTATION
from bot.ports import HistoryEntry
from bot.record_entries import EntryKind, entry_text
from bot.requests import RosterSet
from bot.usecases.coordinators import CoordinatorAction
from bot.usecases.governance_context import GovernanceContext, representation_setting, vote_rules

# A roster file's columns after the person's id, in order.
ENTRY_COLUMNS = ("organisation", "sector", "tier", "role")
# Who the record names as having imported a roster from the operator's command line.
OPERATOR = "cli"
MAX_ROSTER_ROWS = 2000


class RosterFileProblem(Problem):
    """What can be wrong with a roster file (``parse_roster_csv``)."""

    EMPTY = "roster_file.empty"
    BAD_HEADER = "roster_file.bad_header"
    TOO_MANY_ROWS = "roster_file.too_many_rows"
    WRONG_COLUMN_COUNT = "roster_file.wrong_column_count"
    NOT_A_USER_ID = "roster_file.not_a_user_id"
    BAD_LINE = "roster_file.bad_line"  # cause: what is wrong with the line's entry
    NOT_IMPORTED = "roster_file.not_imported"  # cause: why the roster as a whole is refused


@dataclass(frozen=True)
class RosterFile:
    """How a front end's roster files name people: the heading of the first column, and how
    an id written there reads as a person's id on that platform (None: not one). The shape
    of an id is the platform's, never the core's."""

    id_column: str
    read_id: Callable[[str], str | None]

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.id_column, *ENTRY_COLUMNS)


class RosterChangeProblem(Problem):
    """Changing the roster one person at a time."""

    NOT_LISTED = "roster_change.not_listed"


@dataclass(frozen=True)
class RosterView:
    entries: tuple[RosterEntry, ...]
    representation: Representation
    rules: VoteRules


@dataclass(frozen=True)
class Configured:
    """A partnership setting just changed: which one, and the rules that now apply."""

    key: str
    rules: VoteRules
    representation: Representation | None = None  # set when ``key`` is the representation


class Roster(GovernanceContext):
    """Keeping the roster and the partnership's settings."""

    def roster(self, workspace: str) -> RosterView:
        with self._store() as store:
            return RosterView(
                tuple(store.roster(workspace)),
                representation_setting(store, workspace),
                vote_rules(store, workspace),
            )

    def set_roster_entry(self, workspace: str, actor: str, command: RosterSet) -> RosterEntry:
        """Add or change one person's place; the partnership's record keeps every change."""
        self._rounds.require_coordinator(workspace, actor, CoordinatorAction.CHANGE_ROSTER)
        refused = not_people({command.user: self._rounds.directory.standing(command.user)})
        if refused:
            raise NotEligible(refused, Where.ROSTER)
        now = self._clock.now()
        with self._store() as store:
            current = store.roster(workspace)
            representation = representation_setting(store, workspace)
            entry = make_entry(
                command.user, command.organisation, command.sector, command.tier, command.role
            )
            check_sector(entry.sector, known_sectors(current), allow_new=command.new_sector)
            if entry.role is Role.ALTERNATE:
                group = entry.group_key(representation)
                ranks = [
                    e.position
                    for e in current
                    if e.group_key(representation) == group and e.user != entry.user
                ]
                entry = replace(entry, position=max(ranks, default=0) + 1)
            check_roster([*(e for e in current if e.user != entry.user), entry], representation)
            store.put_roster_entry(workspace, entry, now, actor)
            store.record(
                HistoryEntry(now, None, EntryKind.ROSTER_SET, actor, text=_roster_text(entry)),
                workspace,
            )
        return entry

    def remove_roster_entry(self, workspace: str, actor: str, user: str) -> None:
        self._rounds.require_coordinator(workspace, actor, CoordinatorAction.CHANGE_ROSTER)
        now = self._clock.now()
        with self._store() as store:
            if not store.remove_roster_entry(workspace, user):
                raise NotFound(RosterChangeProblem.NOT_LISTED, person=Person(user))
            store.record(
                HistoryEntry(now, None, EntryKind.ROSTER_REMOVED, actor, text=user), workspace
            )

    def import_roster(
        self,
        workspace: str,
        actor: str,
        text: str,
        file: RosterFile,
        new_sectors: Sequence[str] = (),
    ) -> int:
        """Replace the roster with a CSV file's rows, for a coordinator; a bad row imports
        nothing. ``new_sectors`` are sectors added on purpose; others must be listed or on
        the roster.

        Raises:
            NotAllowed: ``actor`` is not a coordinator.
            InvalidInput: naming the line of the first bad row and what is wrong with it.
            NotEligible: naming every line whose person is a bot, deactivated or unknown.
        """
        self._rounds.require_coordinator(workspace, actor, CoordinatorAction.CHANGE_ROSTER)
        return self._import_roster(workspace, actor, text, file, new_sectors)

    def import_roster_as_operator(
        self, workspace: str, text: str, file: RosterFile, new_sectors: Sequence[str] = ()
    ) -> int:
        """`import_roster` for whoever runs the bot's command line on its server: they hold
        its database already, so nobody's leave is asked; the record names the ``OPERATOR``."""
        return self._import_roster(workspace, OPERATOR, text, file, new_sectors)

    def _import_roster(
        self, workspace: str, actor: str, text: str, file: RosterFile, new_sectors: Sequence[str]
    ) -> int:
        with self._store() as store:
            known = [*known_sectors(store.roster(workspace)), *new_sectors]
            rows = roster_rows(text, file, representation_setting(store, workspace), known)
        standing = self._rounds.directory.standing
        refused = [(n, p) for n, e in rows for p in not_people({e.user: standing(e.user)})]
        if refused:
            raise NotEligible([p for _, p in refused], Where.ROSTER, [n for n, _ in refused])
        now = self._clock.now()
        with self._store() as store:
            entries = [
                e
                for _, e in roster_rows(text, file, representation_setting(store, workspace), known)
            ]
            store.replace_roster(workspace, entries, now, actor)
            store.record(
                HistoryEntry(
                    now,
                    None,
                    EntryKind.ROSTER_IMPORTED,
                    actor,
                    text=entry_text(EntryKind.ROSTER_IMPORTED, people=len(entries)),
                ),
                workspace,
            )
        return len(entries)

    def configure(self, workspace: str, actor: str, key: str, value: str) -> Configured:
        """Store a partnership setting; returns what now applies, for the confirmation."""
        self._rounds.require_coordinator(workspace, actor, CoordinatorAction.CHANGE_RULES)
        now = self._clock.now()
        with self._store() as store:
            if key == REPRESENTATION:
                check_roster(store.roster(workspace), Representation(value))
            store.set_setting(workspace, key, value)
            store.record(
                HistoryEntry(now, None, EntryKind.CONFIG, actor, text=f"{key}={value}"), workspace
            )
            rules = vote_rules(store, workspace)
        if key == REPRESENTATION:
            return Configured(key, rules, Representation(value))
        return Configured(key, rules)


def _roster_text(entry: RosterEntry) -> str:
    return ",".join(
        (entry.user, entry.organisation, entry.sector, entry.tier.value, entry.role.value)
    )


def parse_roster_csv(
    text: str,
    file: RosterFile,
    representation: Representation = Representation.SECTOR,
    known: Sequence[str] | None = None,
) -> list[RosterEntry]:
    """Read a roster file (columns: ``file.columns``, e.g. ``<id>,organisation,sector,tier,role``).

    Raises:
        InvalidInput: for the first bad line, naming it, so nothing is imported.
    """
    return [entry for _, entry in roster_rows(text, file, representation, known)]


def roster_rows(
    text: str,
    file: RosterFile,
    representation: Representation = Representation.SECTOR,
    known: Sequence[str] | None = None,
) -> list[tuple[int, RosterEntry]]:
    """`parse_roster_csv` with each entry's line number. ``known``: the sectors allowed
    (default: the listed ones)."""
    sectors = list(SECTORS) if known is None else list(known)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = [(n, row) for n, row in enumerate(reader, start=1) if any(c.strip() for c in row)]
    if not rows:
        raise InvalidInput(RosterFileProblem.EMPTY, columns=",".join(file.columns))
    header_line, header = rows[0]
    names = tuple(c.strip().lower() for c in header)
    if names != file.columns:
        raise InvalidInput(
            RosterFileProblem.BAD_HEADER,
            line=header_line,
            columns=",".join(file.columns),
            found=Typed(",".join(names)[:120]),
        )
    if len(rows) - 1 > MAX_ROSTER_ROWS:
        raise InvalidInput(RosterFileProblem.TOO_MANY_ROWS, limit=MAX_ROSTER_ROWS)
    entries: list[tuple[int, RosterEntry]] = []
    for number, row in rows[1:]:
        cells = [c.strip() for c in row]
        if len(cells) != len(file.columns):
            raise InvalidInput(
                RosterFileProblem.WRONG_COLUMN_COUNT,
                line=number,
                expected=len(file.columns),
                columns=",".join(file.columns),
                found=len(cells),
            )
        typed_user, organisation, sector, tier, role = cells
        user = file.read_id(typed_user)
        if user is None:
            raise InvalidInput(
                RosterFileProblem.NOT_A_USER_ID, line=number, found=Typed(typed_user[:30])
            )
        try:
            entry = make_entry(user, organisation, sector, tier, role or "member")
            check_sector(entry.sector, sectors)
        except InvalidInput as error:
            raise InvalidInput(RosterFileProblem.BAD_LINE, line=number, cause=error) from None
        entries.append((number, entry))
    # Alternates rank in file order.
    ranked = [
        (n, replace(e, position=i if e.role is Role.ALTERNATE else 0))
        for i, (n, e) in enumerate(entries, start=1)
    ]
    try:
        check_roster([e for _, e in ranked], representation)
    except InvalidInput as error:
        raise InvalidInput(RosterFileProblem.NOT_IMPORTED, cause=error) from None
    return ranked
