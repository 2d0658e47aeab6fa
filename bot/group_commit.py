"""Group commit: many callers' requests, one unit of work per batch.

Votes arrive in bursts (a reminder goes out, 200 people click). One transaction per vote
means one write lock per vote: on SQLite the lock, not the work, sets the pace. Here each
caller hands its request to a single committer thread and waits; the committer takes
everything queued since its last commit and runs it as one batch. Nobody waits on a timer:
a lone vote commits at once, and a burst forms batches by itself.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Req = TypeVar("Req")
Res = TypeVar("Res")


class GroupCommitter(Generic[Req, Res]):
    """``run_batch`` answers each request with its result, or the error to raise to its
    caller; if it raises, the whole batch failed and every caller gets that error."""

    def __init__(
        self,
        run_batch: Callable[[Sequence[Req]], Sequence[Res | BaseException]],
        max_batch: int = 200,
        name: str = "group-commit",
    ) -> None:
        self._run_batch = run_batch
        self._max_batch = max_batch
        self._name = name
        self._queue: queue.SimpleQueue[tuple[Req, Future[Res]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.batches = 0

    def submit(self, request: Req) -> Res:
        """Run ``request`` in the next batch; return its result once the batch committed."""
        return self.submit_future(request).result()

    def submit_future(self, request: Req) -> Future[Res]:
        """Queue ``request``; the future resolves once its batch committed (an event loop
        can await it with asyncio.wrap_future instead of parking a thread)."""
        future: Future[Res] = Future()
        self._queue.put((request, future))
        self._ensure_thread()
        return future

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name=self._name, daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self._max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._commit(batch)

    def _commit(self, batch: list[tuple[Req, Future[Res]]]) -> None:
        try:
            outcomes = self._run_batch([request for request, _ in batch])
            if len(outcomes) != len(batch):
                raise RuntimeError("a batch must answer every request")
        except BaseException as error:  # the unit of work failed: nobody's request committed
            log.warning("a batch of %d failed: %s", len(batch), type(error).__name__)
            for _, future in batch:
                future.set_exception(error)
            return
        self.batches += 1
        for (_, future), outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)
