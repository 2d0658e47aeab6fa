"""The worker: one sweep at a time per process, no kick lost, and no scheduler warnings."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MAX_INSTANCES
from sqlalchemy import Engine

from bootstrap.worker import SWEEP_JOB, Worker
from bot.clock import ManualClock
from bot.ports import Delivery, RoundView
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.delivery import Lane
from storage.store import SqlStore
from tests.conftest import CHAIR, draft
from tests.fakes import FixedDirectory, RecordingNotifier


class SlowService:
    """A service whose first sweep blocks until released; later ones return at once."""

    def __init__(self) -> None:
        self.passes = 0
        self.first_running = threading.Event()
        self.release = threading.Event()
        self.second_pass = threading.Event()

    def run_due_work(
        self, stopping: Callable[[], bool] = lambda: False, lane: Lane | None = None
    ) -> None:
        if lane is Lane.BULK:
            return  # this fake has only interactive work
        self.passes += 1
        if self.passes == 1:
            self.first_running.set()
            assert self.release.wait(10)
        elif self.passes == 2:
            self.second_pass.set()

    def release_claims(self) -> int:
        return 0


def test_a_tick_during_a_long_sweep_hands_over_without_a_scheduler_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    service = SlowService()
    worker = Worker(service, interval=3600)  # type: ignore[arg-type]
    events: queue.Queue[int] = queue.Queue()
    caplog.set_level(logging.WARNING)
    worker.start()
    try:
        scheduler = worker._scheduler
        assert scheduler is not None
        scheduler.add_listener(
            lambda event: events.put(event.code), EVENT_JOB_EXECUTED | EVENT_JOB_MAX_INSTANCES
        )
        assert service.first_running.wait(10)
        # The interval comes round while reminders are still being paced out.
        scheduler.modify_job(SWEEP_JOB, next_run_time=datetime.now(UTC))
        assert events.get(timeout=10) == EVENT_JOB_EXECUTED, "the tick was skipped, not run"
        service.release.set()
        assert service.second_pass.wait(10), "the running sweep made the pass it was asked for"
    finally:
        service.release.set()
        worker.stop()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


def test_a_kick_during_a_long_sweep_gets_one_more_pass() -> None:
    service = SlowService()
    worker = Worker(service, interval=3600)  # type: ignore[arg-type]
    worker.start()
    try:
        assert service.first_running.wait(10)
        worker.kick()  # a round opens while the sweep is busy
        service.release.set()
        assert service.second_pass.wait(10)
    finally:
        service.release.set()
        worker.stop()


def test_a_sweep_asked_for_during_a_running_one_waits_for_it_then_makes_its_own_pass() -> None:
    """What tests and tools call: when it returns, the work due at the call has been tried,
    even if the scheduler's sweep was busy (it used to return at once, leaving the work to
    a later pass a test could only wait for by the clock)."""
    service = SlowService()
    worker = Worker(service, interval=3600)  # type: ignore[arg-type]
    worker.start()
    try:
        assert service.first_running.wait(10)
        threading.Thread(target=service.release.set).start()
        worker.sweep()
        assert service.passes == 2 and service.second_pass.is_set()
    finally:
        service.release.set()
        worker.stop()


def test_a_kick_before_start_or_after_stop_is_harmless() -> None:
    service = SlowService()
    service.release.set()
    worker = Worker(service, interval=3600)  # type: ignore[arg-type]
    worker.kick()
    worker.start()
    worker.stop()
    worker.kick()


class BlockingDMs(RecordingNotifier):
    """Reminder DMs hang until released, like a wave paced out over minutes."""

    def __init__(self) -> None:
        super().__init__()
        self.dm_started = threading.Event()
        self.release = threading.Event()
        self.outcome_posted = threading.Event()

    def remind_voter(self, view: RoundView, voter: str, delivery: Delivery) -> None:
        self.dm_started.set()
        assert self.release.wait(10)
        super().remind_voter(view, voter, delivery)

    def post_outcome(self, view: RoundView, delivery: Delivery) -> str:
        ref = super().post_outcome(view, delivery)
        self.outcome_posted.set()
        return ref


def test_an_outcome_is_posted_while_a_reminder_wave_is_still_going_out(
    engine: Engine, clock: ManualClock, directory: FixedDirectory
) -> None:
    notifier = BlockingDMs()
    service = ConsensusService(lambda: SqlStore(engine), clock, notifier, directory)
    worker = Worker(service, interval=3600)
    waving = service.start_round(draft(title="A wave of reminders"))
    closing = service.start_round(draft(title="Closed by its chair"))
    service.run_due_work(lane=Lane.INTERACTIVE)  # both round messages
    service.remind_now(waving.id, CHAIR)
    service.run_due_work(lane=Lane.INTERACTIVE)  # the wave becomes one DM task per person
    worker.start()
    try:
        assert notifier.dm_started.wait(10), "the wave is going out"
        service.close_round(closing.id, CHAIR)
        worker.kick()
        assert notifier.outcome_posted.wait(10), "the outcome did not wait for the wave"
        assert not notifier.of("remind_voter"), "no reminder has gone out yet"
    finally:
        notifier.release.set()
        worker.stop()
