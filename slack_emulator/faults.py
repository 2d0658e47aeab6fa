"""Fault injection and an optional realistic rate limiter.

Both are decided before a method runs. A faulted call never changes state, except
``lost_answer``, which is there to make the ambiguous failure happen on purpose: Slack
applies the call, and its answer never arrives.
"""

from __future__ import annotations

import math
import random
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from slack_emulator import limits as L

FaultKind = Literal["ratelimit", "server_error", "error", "timeout", "slow", "lost_answer"]
FAULT_KINDS: tuple[str, ...] = (
    "ratelimit",
    "server_error",
    "error",
    "timeout",
    "slow",
    "lost_answer",
)


@dataclass
class FaultRule:
    """One configured fault. ``remaining`` is None for "forever"."""

    method: str
    kind: str
    rate: float
    remaining: int | None
    retry_after: int
    error: str
    delay: float
    fired: int = 0
    # lost_answer: set once the call has been applied; the connection is held until
    # ``release`` is set (or ``delay`` passes), then dropped without an answer.
    applied: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def matches(self, method: str) -> bool:
        live = self.remaining is None or self.remaining > 0
        return live and self.method in ("*", method)


class FaultInjector:
    """Makes chosen API calls fail, reproducibly (seeded ``random.Random``).

    Kinds: ``ratelimit`` (HTTP 429 + ``Retry-After``), ``server_error`` (HTTP 500), ``error``
    (HTTP 200 with ``ok: false`` and ``error``), ``timeout`` (hold ``delay`` seconds, then close
    the connection without answering), ``slow`` (hold ``delay`` seconds, then answer
    normally) and ``lost_answer`` (apply the call, then hold the connection until the rule's
    ``release`` event is set or ``delay`` seconds pass, and close it without answering: the
    caller cannot know the call took effect). Use method ``"response_url"`` to target
    response_url posts.
    """

    def __init__(self, seed: int = 0) -> None:
        self._rules: list[FaultRule] = []
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def add(
        self,
        method: str = "*",
        kind: str = "error",
        rate: float = 1.0,
        count: int | None = None,
        retry_after: int = 1,
        error: str = "fatal_error",
        delay: float = 0.0,
    ) -> FaultRule:
        """Fail calls to ``method`` ("*" = any) with probability ``rate``, ``count`` times."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {FAULT_KINDS}, not {kind!r}")
        if not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be within 0..1")
        rule = FaultRule(method, kind, rate, count, retry_after, error, delay)
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            for rule in self._rules:
                rule.release.set()
            self._rules.clear()

    def seed(self, seed: int) -> None:
        with self._lock:
            self._rng.seed(seed)

    @property
    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def pick(self, method: str) -> FaultRule | None:
        """The rule that fires for this call, if any (consumes one use of it)."""
        with self._lock:
            for rule in self._rules:
                if not rule.matches(method):
                    continue
                if rule.rate < 1.0 and self._rng.random() >= rule.rate:
                    continue
                if rule.remaining is not None:
                    rule.remaining -= 1
                rule.fired += 1
                return rule
        return None


class RateLimiter:
    """Slack-like rate limits on the emulator clock (off until ``enable()``).

    ``chat.postMessage`` is limited per channel per second; other methods per minute by their
    tier (see ``limits.METHOD_TIERS``). Exceeding a limit answers 429 with ``Retry-After``.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, ...], deque[float]] = {}
        self.enabled = False
        self.per_channel_per_second = L.CHAT_POST_MESSAGE_PER_CHANNEL_PER_SECOND
        self.per_method_per_minute: dict[str, int] = {}

    def enable(
        self,
        per_channel_per_second: int = L.CHAT_POST_MESSAGE_PER_CHANNEL_PER_SECOND,
        tiers: bool = True,
        per_method_per_minute: dict[str, int] | None = None,
    ) -> None:
        limits = {m: L.TIER_PER_MINUTE[t] for m, t in L.METHOD_TIERS.items()} if tiers else {}
        limits.update(per_method_per_minute or {})
        with self._lock:
            self.enabled = True
            self.per_channel_per_second = per_channel_per_second
            self.per_method_per_minute = limits
            self._windows.clear()

    def disable(self) -> None:
        with self._lock:
            self.enabled = False
            self._windows.clear()

    def check(self, method: str, params: dict[str, Any]) -> int | None:
        """Seconds to wait if this call is over a limit; otherwise count it and return None."""
        if not self.enabled:
            return None
        checks: list[tuple[tuple[str, ...], int, float]] = []
        if method == "chat.postMessage":
            channel_key: tuple[str, ...] = (method, str(params.get("channel", "")))
            checks.append((channel_key, self.per_channel_per_second, 1.0))
        if method in self.per_method_per_minute:
            checks.append(((method,), self.per_method_per_minute[method], 60.0))
        now = self._clock()
        with self._lock:
            for key, allowed, window in checks:
                hits = self._windows.setdefault(key, deque())
                while hits and hits[0] <= now - window:
                    hits.popleft()
                if len(hits) >= allowed:
                    return max(1, math.ceil(hits[0] + window - now))
            for key, _, _ in checks:
                self._windows[key].append(now)
        return None
