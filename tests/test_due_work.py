"""The one dispatch table for due work (bot.due_work): each kind has exactly one deliverer,
registered while the bot is built, and the table is complete before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.due_work import DueWorkTable
from bot.ports import Task, TaskKind
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.governance_service import GovernanceService
from storage.store import SqlStore
from tests.fakes import FixedDirectory, RecordingNotifier
from tests.governance_support import RecordingVoteNotifier, governance_engine


def _ignore(task: Task, late: float) -> None:
    return None


def test_a_kind_of_due_work_has_one_handler_only() -> None:
    table = DueWorkTable()
    table.register([TaskKind.POST_VOTE], _ignore)
    with pytest.raises(ValueError, match="post_vote already has a handler"):
        table.register([TaskKind.POST_VOTE], _ignore)


def test_sealing_names_every_kind_of_due_work_nothing_delivers() -> None:
    table = DueWorkTable()
    table.register([k for k in TaskKind if k is not TaskKind.POST_VOTE_RESULT], _ignore)
    with pytest.raises(ValueError, match=r"no handler for due work of kind post_vote_result$"):
        table.seal()


def test_nothing_registers_once_the_table_is_sealed() -> None:
    table = DueWorkTable()
    table.register(TaskKind, _ignore)
    table.seal()
    with pytest.raises(ValueError, match="sealed"):
        table.add_sweep(lambda: 0)
    with pytest.raises(ValueError, match="sealed"):
        table.register([], _ignore)


def test_a_kind_nobody_delivers_is_an_error_not_a_silent_success() -> None:
    with pytest.raises(LookupError, match="post_vote"):
        DueWorkTable().handler(TaskKind.POST_VOTE)


def test_the_round_and_governance_services_together_deliver_every_kind(
    tmp_path: Path, clock: ManualClock
) -> None:
    table = DueWorkTable()
    with governance_engine(tmp_path) as engine:
        rounds = ConsensusService(
            lambda: SqlStore(engine), clock, RecordingNotifier(), FixedDirectory(), due_work=table
        )
        GovernanceService(
            lambda: SqlStore(engine), clock, rounds, RecordingVoteNotifier(), due_work=table
        )
    assert table.unhandled() == []
    assert table.sweeps != ()  # closing lapsed recorded votes
    table.seal()


def test_the_round_service_alone_leaves_the_recorded_votes_to_governance(
    clock: ManualClock,
) -> None:
    table = DueWorkTable()
    ConsensusService(lambda: None, clock, None, None, due_work=table)  # type: ignore[arg-type,return-value]
    assert table.unhandled() == [
        TaskKind.POST_VOTE,
        TaskKind.UPDATE_VOTE,
        TaskKind.POST_VOTE_RESULT,
    ]
    assert table.sweeps == ()  # closing lapsed rounds is the round service's own first step


# Each concept's module delivers the kinds it owns: reading it tells which they are.
OWNERS = {
    "bot.usecases.rounds": {
        TaskKind.POST_ROUND,
        TaskKind.UPDATE_ROUND,
        TaskKind.POST_OUTCOME,
        TaskKind.REMIND_WAVE,
        TaskKind.REMIND_VOTER,
    },
    "bot.usecases.stances": {TaskKind.POST_EXPLANATION, TaskKind.POST_LEVEL_CHANGE},
    "bot.usecases.escalations": {
        TaskKind.POST_ESCALATION,
        TaskKind.ESCALATION_REMINDER,
        TaskKind.POST_RESOLUTION,
    },
    "bot.usecases.delivery": {TaskKind.TELL_CHAIR_UNDELIVERED},
    "bot.usecases.recorded_votes": {
        TaskKind.POST_VOTE,
        TaskKind.UPDATE_VOTE,
        TaskKind.POST_VOTE_RESULT,
    },
}


def test_each_kind_of_due_work_is_delivered_by_the_module_of_its_concept(
    tmp_path: Path, clock: ManualClock
) -> None:
    table = DueWorkTable()
    with governance_engine(tmp_path) as engine:
        rounds = ConsensusService(
            lambda: SqlStore(engine), clock, RecordingNotifier(), FixedDirectory(), due_work=table
        )
        GovernanceService(
            lambda: SqlStore(engine), clock, rounds, RecordingVoteNotifier(), due_work=table
        )
    delivered_by: dict[str, set[TaskKind]] = {}
    for kind in TaskKind:
        module = table.handler(kind).__module__
        delivered_by.setdefault(module, set()).add(kind)
    assert delivered_by == OWNERS
    handlers = [table.handler(kind) for kind in TaskKind]
    assert len(set(handlers)) == len(handlers)  # one handler a kind: none decides by kind


def test_a_service_cannot_take_a_kind_another_part_already_delivers(clock: ManualClock) -> None:
    table = DueWorkTable()
    table.register([TaskKind.POST_OUTCOME], _ignore)
    with pytest.raises(ValueError, match="post_outcome already has a handler"):
        ConsensusService(lambda: None, clock, None, None, due_work=table)  # type: ignore[arg-type,return-value]


def test_registering_a_map_of_handlers_refuses_a_kind_that_has_one() -> None:
    table = DueWorkTable()
    table.register_each({TaskKind.POST_VOTE: _ignore})
    with pytest.raises(ValueError, match="post_vote already has a handler"):
        table.register_each({TaskKind.UPDATE_VOTE: _ignore, TaskKind.POST_VOTE: _ignore})
