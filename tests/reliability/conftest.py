"""Reliability fixtures: the real bot over HTTP against the emulator, driven by hand.

The workspace runs with ``background=False``: no scheduler thread and no refresher thread,
so a test decides when due work runs (``drain``) and moves the service clock itself. Retry
handler sleeps in slack_sdk are recorded instead of slept, so 429s cost no wall time.
"""

from __future__ import annotations

import asyncio
import functools
import time
import types
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from slack_sdk.http_retry import (
    async_handler,
    builtin_async_handlers,
    builtin_handlers,
    handler,
)
from sqlalchemy import func, select

import bootstrap.app
from bot.clock import ManualClock
from bot.usecases.delivery import MAX_BACKOFF
from handlers import notifier
from harness.local import LocalWorkspace, Person
from storage.due_work import CLAIMED, PENDING
from storage.tables import StanceRow, TaskRow

CHANNEL = "C0PARTNERS"
STEERING = "C0STEERING"
CHAIR = Person("U0CHAIR", "amira", "Amira Haddad (chair)")
PARTNERS = tuple(Person(f"U0P{i:02d}", f"partner{i}", f"Partner {i}") for i in range(1, 9))
OUTSIDER = Person("U0OUT", "jo", "Jo Bright (in the channel, not a voter)")
VOTERS = (CHAIR, *PARTNERS)
PEOPLE = (*VOTERS, OUTSIDER)


def wait_until(predicate: Callable[[], Any], timeout: float = 60.0, what: str = "") -> Any:
    """Poll ``predicate`` every 10 ms; its first truthy value, or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        time.sleep(0.01)


@pytest.fixture(autouse=True)
def no_retry_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """slack_sdk's retry handlers record how long they would wait instead of waiting."""
    slept: list[float] = []

    async def async_sleep(seconds: float) -> None:
        slept.append(seconds)

    fake_time = types.SimpleNamespace(sleep=slept.append)
    fake_asyncio = types.SimpleNamespace(sleep=async_sleep)
    monkeypatch.setattr(builtin_handlers, "time", fake_time)
    monkeypatch.setattr(handler, "time", fake_time)
    monkeypatch.setattr(builtin_async_handlers, "asyncio", fake_asyncio)
    monkeypatch.setattr(async_handler, "asyncio", fake_asyncio)
    # The bot's own Retry-After handler takes its sleep at construction.
    monkeypatch.setattr(
        bootstrap.app,
        "make_web_client",
        functools.partial(notifier.make_web_client, sleep=slept.append),
    )
    assert asyncio.sleep is not async_sleep  # the real module is untouched
    return slept


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def ws(clock: ManualClock) -> Iterator[LocalWorkspace]:
    people = list(PEOPLE)
    channels = {
        CHANNEL: ("oht-partners", [p.id for p in people]),
        STEERING: ("oht-steering", [CHAIR.id]),
    }
    with LocalWorkspace(people, channels, clock=clock, background=False) as workspace:
        yield workspace


def pending_tasks(ws: LocalWorkspace) -> int:
    assert ws.bot is not None
    with ws.bot.engine.connect() as connection:
        query = select(func.count()).where(TaskRow.status.in_([PENDING, CLAIMED]))  # type: ignore[attr-defined]
        return int(connection.execute(query).scalar_one())


def drain(ws: LocalWorkspace, clock: ManualClock, limit: int = 40) -> int:
    """Finish answered requests, then run due work and redraws, moving the clock past each
    backoff, until nothing is owed.

    A command or click is answered before its work is done (the listener carries on after
    the ack), so the work it queues is waited for first: otherwise it could be queued just
    after this looked, and nothing else would run it.
    Only work due now or after a retry backoff is run: the clock never reaches a round's
    deadline (3 days) since the backoff is capped at 15 minutes and ``limit`` is bounded.
    """
    assert ws.bot is not None
    ws.finish_requests()
    for step in range(limit):
        ws.bot.service.run_due_work()
        ws.bot.refresher.flush()
        ws.bot.service.run_due_work()
        if pending_due(ws, clock) == 0:
            return step
        clock.advance(MAX_BACKOFF)
    raise AssertionError(f"due work still pending after {limit} backoff periods")


def pending_due(ws: LocalWorkspace, clock: ManualClock, horizon: timedelta = MAX_BACKOFF) -> int:
    """Pending tasks due before now + horizon (i.e. retries, not far-future reminders)."""
    assert ws.bot is not None
    with ws.bot.engine.connect() as connection:
        query = select(func.count()).where(
            TaskRow.status.in_([PENDING, CLAIMED]),  # type: ignore[attr-defined]
            TaskRow.due_at <= clock.now() + horizon,  # type: ignore[arg-type]
        )
        return int(connection.execute(query).scalar_one())


def stances(ws: LocalWorkspace, round_id: int = 1) -> dict[str, int]:
    """voter → level, straight from the database."""
    assert ws.bot is not None
    with ws.bot.engine.connect() as connection:
        rows = connection.execute(
            select(StanceRow.voter, StanceRow.level).where(StanceRow.round_id == round_id)
        ).all()
    return {voter: level for voter, level in rows}


def start_round(ws: LocalWorkspace, text: str = "Adopt the shared referral form") -> str:
    """The chair opens a round for the voters; returns the round message's ts."""
    voters = " ".join(ws.sim.mention(p.id) for p in VOTERS)
    answer = ws.sim.slash_command(
        CHAIR.id, CHANNEL, text=f"start {text} --deadline 3d --voters {voters}"
    )
    assert answer.status == 200, answer.body
    assert ws.bot is not None
    ws.finish_requests()  # the round is opened after the ack
    assert ws.bot.service.open_views(ws.emulator.team_id), "the round opened"
    ws.bot.service.run_due_work()
    posted = [m.ts for m in ws.emulator.messages(CHANNEL) if not m.thread_ts]
    assert posted, "the round message was posted"
    return str(posted[0])
