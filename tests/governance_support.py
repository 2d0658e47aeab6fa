"""Helpers for the governance tests: a database with every table, services, roster rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.due_work import DueWorkTable
from bot.ports import Delivery
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.governance_service import GovernanceService
from bot.usecases.recorded_votes import VoteView
from storage.engine import create_schema, make_engine
from storage.store import SqlStore
from tests.fakes import FixedDirectory, RecordingNotifier

WORKSPACE = "T0001"
CHANNEL = "C0ROUND"
CHAIR = "U0CHAIR"


class RecordingVoteNotifier:
    """Records recorded-vote messages (bot.usecases.recorded_votes.GovernanceNotifier)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, VoteView]] = []

    def post_vote(self, view: VoteView, delivery: Delivery) -> str:
        self.sent.append(("post_vote", view))
        return f"vts{len(self.sent)}"

    def update_vote(self, view: VoteView) -> None:
        self.sent.append(("update_vote", view))

    def post_vote_result(self, view: VoteView, delivery: Delivery) -> str:
        self.sent.append(("post_vote_result", view))
        return f"vts{len(self.sent)}"


@contextmanager
def governance_engine(tmp_path: Path) -> Iterator[Engine]:
    """SQLite with every table (create_all, history triggers included)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'governance.db'}")
    create_schema(engine)
    try:
        yield engine
    finally:
        engine.dispose()


def services(
    engine: Engine,
    clock: ManualClock,
    members: list[str],
    other_channels: dict[str, list[str]] | None = None,
) -> tuple[ConsensusService, GovernanceService, RecordingNotifier, RecordingVoteNotifier]:
    notifier, votes = RecordingNotifier(), RecordingVoteNotifier()
    channels = {CHANNEL: members, **(other_channels or {})}
    due_work = DueWorkTable()
    rounds = ConsensusService(
        lambda: SqlStore(engine),
        clock,
        notifier,
        # The chair administers the workspace, so may manage the partnership's settings.
        FixedDirectory(members=channels, admins=frozenset({CHAIR})),
        due_work=due_work,
    )
    governance = GovernanceService(
        lambda: SqlStore(engine), clock, rounds, votes, due_work=due_work
    )
    due_work.seal()
    return rounds, governance, notifier, votes
