"""Round messages are redrawn coalesced: at most once per interval per round, across replicas."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.refresh import CoalescingRefresher
from bot.usecases.consensus_service import ConsensusService
from storage.store import SqlStore
from tests.conftest import draft
from tests.fakes import FixedDirectory, RecordingNotifier


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_many_touches_become_one_redraw_and_a_later_touch_waits_for_the_interval() -> None:
    drawn: list[int] = []
    time = FakeTime()
    refresher = CoalescingRefresher(lambda r: drawn.append(r), interval=1.0, monotonic=time)
    for _ in range(50):
        refresher.touch(7)
    refresher.flush()
    assert drawn == [7]
    refresher.touch(7)
    assert refresher._queue[0][0] == 101.0  # not before a second has passed
    refresher.flush()
    assert drawn == [7, 7]


def test_a_redraw_that_must_wait_is_tried_again_later() -> None:
    answers = [0.4, 0.0]
    time = FakeTime()
    refresher = CoalescingRefresher(lambda r: answers.pop(0), interval=1.0, monotonic=time)
    refresher.touch(3)
    refresher.flush()
    assert refresher._queue == [] and answers == []  # flush drained the retry as well
    assert refresher.redraws == 1


def test_a_flush_waits_for_a_redraw_the_thread_has_already_begun() -> None:
    """Tests (`LocalWorkspace.settle`) flush and then read the message: a redraw the thread
    took from the queue just before must have landed by then, however slow it is."""
    began, go_on = threading.Event(), threading.Event()
    finished: list[int] = []

    def redraw(round_id: int) -> None:
        began.set()
        assert go_on.wait(60)
        finished.append(round_id)

    refresher = CoalescingRefresher(redraw, interval=1.0)
    refresher.start()
    try:
        refresher.touch(5)
        assert began.wait(60), "the thread took the round"
        threading.Thread(target=go_on.set).start()
        refresher.flush()
        assert finished == [5]
    finally:
        go_on.set()
        refresher.stop()


def test_two_replicas_share_one_redraw_per_interval(
    engine: Engine, clock: ManualClock, directory: FixedDirectory
) -> None:
    notifier = RecordingNotifier()
    replicas = [
        ConsensusService(lambda: SqlStore(engine), clock, notifier, directory, worker_id=f"r{i}")
        for i in range(2)
    ]
    round_ = replicas[0].start_round(draft())
    replicas[0].run_due_work()
    wall = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert replicas[0].refresh_message(round_.id, 1.0, wall) == 0.0
    wait = replicas[1].refresh_message(round_.id, 1.0, wall + timedelta(milliseconds=300))
    assert 0.6 < wait <= 0.7
    assert replicas[1].refresh_message(round_.id, 1.0, wall + timedelta(seconds=1)) == 0.0
    assert notifier.kinds(round_.id).count("update_round") == 2
