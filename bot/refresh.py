"""Coalescing redraws: a round's message is updated at most once per interval.

A burst of 500 votes must not become 500 `chat.update` calls (Tier 3: ~50 a minute). Each
vote only marks its round; one thread redraws each marked round from the database no
sooner than ``interval`` after its last redraw, so the last redraw always shows the truth.
``redraw`` may answer "not yet, try in N seconds" (another replica redrew it just now):
the round then stays marked and is tried again after N seconds.
"""

from __future__ import annotations

import heapq
import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class CoalescingRefresher:
    def __init__(
        self,
        redraw: Callable[[int], float | None],
        interval: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._redraw = redraw
        self._interval = interval
        self._monotonic = monotonic
        self._queue: list[tuple[float, int]] = []
        self._pending: set[int] = set()
        self._last: dict[int, float] = {}
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._drawing = 0  # redraws the thread has taken from the queue and not finished
        self.redraws = 0

    def touch(self, round_id: int) -> None:
        """Mark a round as changed; it is redrawn soon, once however often it is touched."""
        with self._wake:
            if round_id in self._pending:
                return
            due = max(self._monotonic(), self._last.get(round_id, -1e18) + self._interval)
            self._pending.add(round_id)
            heapq.heappush(self._queue, (due, round_id))
            self._wake.notify_all()  # the thread, and a flush waiting for it

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="refresher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Redraw what is still marked, then stop."""
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    def flush(self) -> None:
        """Redraw every marked round now (tests, shutdown), and wait for a redraw the thread
        has already begun: when this returns, every change made before it is drawn."""
        while True:
            with self._wake:
                while not self._queue and self._drawing:
                    self._wake.wait()
                if not self._queue:
                    return
                _, round_id = heapq.heappop(self._queue)
                self._pending.discard(round_id)
                self._last[round_id] = self._monotonic()
            self._safe_redraw(round_id)

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._stopping and (
                    not self._queue or self._queue[0][0] > self._monotonic()
                ):
                    timeout = self._queue[0][0] - self._monotonic() if self._queue else None
                    self._wake.wait(timeout)
                if self._stopping:
                    break
                _, round_id = heapq.heappop(self._queue)
                # Unmark before drawing: a vote during the redraw marks it again.
                self._pending.discard(round_id)
                self._last[round_id] = self._monotonic()
                self._forget_old()
                self._drawing += 1
            try:
                self._safe_redraw(round_id)
            finally:
                with self._wake:
                    self._drawing -= 1
                    self._wake.notify_all()
        self.flush()

    def _forget_old(self) -> None:
        if len(self._last) > 10_000:
            cutoff = self._monotonic() - self._interval
            self._last = {k: v for k, v in self._last.items() if v > cutoff}

    def _retry_later(self, round_id: int, delay: float) -> None:
        with self._wake:
            if round_id in self._pending:
                return
            self._pending.add(round_id)
            heapq.heappush(self._queue, (self._monotonic() + delay, round_id))
            self._wake.notify_all()

    def _safe_redraw(self, round_id: int) -> None:
        try:
            wait = self._redraw(round_id)
            if wait:
                self._retry_later(round_id, wait)
                return
            self.redraws += 1
        except Exception as error:
            # Not fatal: the next change or the final update at the close redraws it.
            log.warning("redrawing round %s failed: %s", round_id, type(error).__name__)
