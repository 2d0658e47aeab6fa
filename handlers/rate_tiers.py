"""Slack's rate tiers as one budget per workspace, shared by every replica.

Slack limits most Web API methods per method, per workspace, per app, by tier (Tier 2: 20+
a minute, Tier 3: 50+, Tier 4: 100+). ``chat.postMessage`` has its own rule: about one a
second per channel, and "several hundred" a minute per workspace. The bot spends a share of
each limit through a ``RateBudget`` in the database, so two replicas together stay under it;
reminder DMs (bulk work) get only part of the postMessage budget, so the posts people are
waiting for (a round, an outcome) always find room.

slack_sdk's retry handlers still wait out a 429's ``Retry-After`` if Slack counts
differently (other apps of the workspace share nothing with us, but Slack may be stricter).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from bot.ports import RateBudget

TIER_PER_MINUTE = {1: 1, 2: 20, 3: 50, 4: 100}
METHOD_TIERS = {
    "chat.update": 3,
    "conversations.history": 3,
    "conversations.replies": 3,
    "conversations.open": 3,
    "conversations.info": 3,
    "conversations.members": 4,
    "users.info": 4,
    "users.list": 2,
    "views.publish": 4,
}
# Reminder DMs are bulk posts: they spend their own budget (settings.reminders_per_minute,
# part of chat.postMessage's workspace-wide "several hundred per minute").
BULK_POSTS = "chat.postMessage:bulk"

Sleep = Callable[[float], None]


def per_minute(method: str) -> int:
    """Slack's limit for ``method``: calls a minute per workspace (its tier's floor)."""
    return TIER_PER_MINUTE[METHOD_TIERS[method]]


class Budget(Protocol):
    def spend(self, workspace: str, method: str) -> None:
        """Wait, if need be, until ``method`` may be called again in ``workspace``."""
        ...


class TierBudget:
    """Waits for a slot of a method's per-workspace budget before each call."""

    def __init__(
        self,
        budget: RateBudget,
        *,
        share: float = 0.9,
        bulk_per_minute: float = 240.0,
        sleep: Sleep = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._budget = budget
        self._share = share
        self._bulk_interval = 60.0 / bulk_per_minute
        self._sleep = sleep
        self._clock = clock
        self.waited = 0.0

    def interval(self, method: str) -> float:
        """Seconds between two calls of ``method`` in one workspace, across replicas."""
        if method == BULK_POSTS:
            return self._bulk_interval
        return 60.0 / (per_minute(method) * self._share)

    def spend(self, workspace: str, method: str) -> None:
        every = self.interval(method)
        now = self._clock()
        slot = self._budget.reserve(f"{workspace}:{method}", every, now)
        if slot > now:
            self.waited += slot - now
            self._sleep(slot - now)


class Unlimited:
    """No shared budget (tests and tools that talk to the emulator directly)."""

    def spend(self, workspace: str, method: str) -> None:
        return None
