"""Slack's rate tiers as one budget per workspace, shared by every replica."""

from __future__ import annotations

import itertools
import threading

import pytest
from sqlalchemy import Engine

from handlers.rate_tiers import BULK_POSTS, TierBudget, per_minute
from storage.rate_budget import SqlRateBudget


class FrozenTime:
    """Wall time that moves only when a budget sleeps, so slots can be read exactly."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_two_replicas_together_stay_within_a_methods_tier(engine: Engine) -> None:
    slots: list[float] = []
    lock = threading.Lock()
    start = 1_800_000_000.0

    def replica() -> None:
        budget = SqlRateBudget(engine)  # each replica has its own, on the shared database
        for _ in range(45):
            slot = budget.reserve("T1:chat.update", 60 / 45, start)
            with lock:
                slots.append(slot)

    threads = [threading.Thread(target=replica) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    slots.sort()
    assert len(set(slots)) == 90, "no slot is handed out twice"
    in_first_minute = [s for s in slots if s < start + 60 - 1e-3]
    assert len(in_first_minute) == 45  # 90% of Tier 3's 50 a minute, for both together
    assert all(b - a >= 60 / 45 - 1e-3 for a, b in itertools.pairwise(slots))


def test_each_workspace_and_method_has_its_own_budget(engine: Engine) -> None:
    budget = SqlRateBudget(engine)
    now = 1_800_000_000.0
    assert budget.reserve("T1:chat.update", 2.0, now) == now
    assert budget.reserve("T2:chat.update", 2.0, now) == now
    assert budget.reserve("T1:users.list", 3.0, now) == now
    assert budget.reserve("T1:chat.update", 2.0, now) == now + 2.0


def test_an_idle_budget_does_not_bank_slots_for_a_burst_later(engine: Engine) -> None:
    budget = SqlRateBudget(engine)
    budget.reserve("T1:chat.update", 2.0, 1000.0)
    assert budget.reserve("T1:chat.update", 2.0, 5000.0) == 5000.0
    assert budget.reserve("T1:chat.update", 2.0, 5000.0) == 5002.0


def test_the_tier_budget_waits_for_its_slot_and_reminders_have_their_own_pace(
    engine: Engine,
) -> None:
    clock = FrozenTime()
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.now += seconds

    budget = TierBudget(
        SqlRateBudget(engine), share=0.9, bulk_per_minute=120, sleep=sleep, clock=clock
    )
    for _ in range(3):
        budget.spend("T1", "chat.update")
    assert slept == pytest.approx([60 / (per_minute("chat.update") * 0.9)] * 2)
    slept.clear()
    for _ in range(3):
        budget.spend("T1", BULK_POSTS)
    assert slept == pytest.approx([0.5, 0.5])
