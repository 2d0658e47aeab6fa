"""The terminal front end wired to the core: a whole decision, printed as plain text: a
round to its outcome, a revision, a recorded vote and an escalation.

Run it from a clone with `make demo-terminal` (or `python -m harness.terminal_demo`).

``open_terminal`` is the composition: storage (SQLite in a file), the core's round and
governance services over one due-work table, the terminal front end and a clock that only
moves when told. It lives here, outside the core and outside ``terminal/``, because it is
the one place allowed to import both storage and a front end. No scheduler runs: the session
delivers due work after each line, and the demo moves the clock to each deadline and asks
for the due work again.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot.clock import ManualClock
from bot.due_work import DueWorkTable
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.governance_service import GovernanceService
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.store import SqlStore
from terminal.directory import TerminalDirectory, TerminalPerson
from terminal.governance_notifier import TerminalGovernanceNotifier
from terminal.notifier import TerminalNotifier
from terminal.session import TerminalSession

WORKSPACE = "oht"
CHANNEL = "partners"
# The steering committee's channel, where escalations go; its one member is the session's
# first person (in the demo ana, a workspace admin, so a coordinator too).
STEERING = "steering"
PEOPLE = (
    TerminalPerson("ana", "America/Toronto", is_admin=True),
    TerminalPerson("ben", "America/Toronto"),
    TerminalPerson("cy", "America/Winnipeg"),
    TerminalPerson("dee", "America/Vancouver"),
)
OPENING = (
    "ana> start Share one intake form across partners --deadline 3d",
    "ben> level 2",
    "cy> level 6 Pilot it in one clinic first",
    "dee> level 5",
    "dee> level 5 Which fields does home care need?",
    "ben> level 9",
    "ben> close",
    "ana> status",
)
CLOSING = ("ana> level 1", "ben> level 3 Keep the old form for a month", "ana> status")
# After the impasse: a revision that fails again, a recorded vote, then the steering
# committee.
REVISING = (
    "ana> log",
    "ana> revise --adopt cy Start with the east clinic --answers Home care needs three fields",
    "ben> level 2",
    "cy> level 6 Two clinics, not one",
    "dee> level 6 Wait for the provincial form",
    "ana> close #2",
    "ben> call-vote",
    "ana> call-vote --deadline 2d",
    "ben> ballot 1 for",
    "cy> ballot 1 against",
    "dee> ballot 1 against",
    "ana> ballot 1 for",
)
ESCALATING = (
    "ana> escalate #2",
    "ana> steering steering",
    "ana> escalate #2",
    "ben> resolve 1 Pilot it",
    "ana> resolve 1 Pilot in the east clinic for three months, then decide",
    "ana> log #2",
)

DEMO_START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


@dataclass
class Terminal:
    session: TerminalSession
    clock: ManualClock
    service: ConsensusService
    governance: GovernanceService


@contextmanager
def open_terminal(
    out: TextIO,
    database_file: Path,
    *,
    people: tuple[TerminalPerson, ...] = PEOPLE,
    clock: ManualClock | None = None,
    zone: str = "UTC",
) -> Iterator[Terminal]:
    """A terminal session on a fresh SQLite database in ``database_file``, printing to ``out``."""
    engine = make_engine(f"sqlite:///{database_file}")
    upgrade(engine)
    directory = TerminalDirectory(
        people,
        {CHANNEL: tuple(p.id for p in people), STEERING: tuple(p.id for p in people[:1])},
    )
    notifier = TerminalNotifier(out, directory, zone)
    clock = clock or ManualClock()
    # One table of due work for both services, sealed before anything runs (bot.due_work).
    due_work = DueWorkTable()
    service = ConsensusService(
        lambda: SqlStore(engine), clock, notifier, directory, due_work=due_work
    )
    governance = GovernanceService(
        lambda: SqlStore(engine),
        clock,
        service,
        TerminalGovernanceNotifier(notifier, zone),
        due_work=due_work,
    )
    due_work.seal()
    session = TerminalSession(
        service,
        notifier,
        directory,
        governance=governance,
        workspace=WORKSPACE,
        channel=CHANNEL,
    )
    try:
        yield Terminal(session, clock, service, governance)
    finally:
        engine.dispose()


def run_demo(out: TextIO) -> int:
    logging.basicConfig(level=logging.ERROR)
    with (
        tempfile.TemporaryDirectory() as folder,
        # 02:00 UTC: the half-time reminder falls at 09:00 in Toronto, in the chair's daytime
        # (a reminder due at night waits for 08:00 in the reader's zone).
        open_terminal(
            out, Path(folder) / "consensus.db", clock=ManualClock(DEMO_START)
        ) as terminal,
    ):
        for line in OPENING:
            terminal.session.type(line)
        _later(terminal, out, timedelta(days=1, hours=12), "a day and a half later: half-time")
        for line in CLOSING:
            terminal.session.type(line)
        _later(terminal, out, timedelta(days=1, hours=12), "at the deadline")
        for line in REVISING:
            terminal.session.type(line)
        _later(terminal, out, timedelta(days=2), "two days later: the recorded vote's deadline")
        for line in ESCALATING:
            terminal.session.type(line)
    return 0


def _later(terminal: Terminal, out: TextIO, delta: timedelta, when: str) -> None:
    out.write(f"-- {when} --\n")
    terminal.clock.advance(delta)
    terminal.session.run_due_work()


if __name__ == "__main__":
    sys.exit(run_demo(sys.stdout))
