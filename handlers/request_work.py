"""The work a Slack request sets going, counted until it is all done.

Listeners acknowledge first and carry on after the HTTP answer (``process_before_response``
is off): Bolt runs each listener in a task it starts while dispatching, and the round is
closed, the vote opened or the answer sent from that task, after Slack (or a test) has its
200. So the answer says nothing about whether the work is finished. ``RequestWork`` counts
each dispatch and every task started from one (a listener's, and any task that one starts)
until it ends, so a caller can wait for the moment the bot is idle instead of guessing how
long the work takes.

Tasks are recognised by the event loop's task factory (`track_request_tasks`): a task
created while a dispatch is under way, in its context, inherits the dispatch's tracker
through a context variable. The count goes up before the dispatch returns, so by the time
the acknowledgement is sent the work it leaves behind is already counted.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_DISPATCHING: ContextVar[RequestWork | None] = ContextVar("request_work", default=None)


class RequestWork:
    """How many requests are being dispatched or have work still running; thread-safe."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._running = 0

    @property
    def running(self) -> int:
        with self._changed:
            return self._running

    @contextmanager
    def dispatching(self) -> Iterator[None]:
        """Count this dispatch, and the tasks it starts (see `track_request_tasks`)."""
        self._begin()
        token = _DISPATCHING.set(self)
        try:
            yield
        finally:
            _DISPATCHING.reset(token)
            self._end()

    def wait_until_idle(self, timeout: float) -> bool:
        """Block until nothing counted is running; False if that took longer than ``timeout``
        seconds (work that hangs, not work that is slow: the caller picks a generous bound)."""
        with self._changed:
            return self._changed.wait_for(lambda: self._running == 0, timeout)

    def _begin(self) -> None:
        with self._changed:
            self._running += 1

    def _end(self, _task: object = None) -> None:
        with self._changed:
            self._running -= 1
            if self._running == 0:
                self._changed.notify_all()

    def _follow(self, task: asyncio.Task[Any]) -> None:
        self._begin()
        task.add_done_callback(self._end)


def track_request_tasks(loop: asyncio.AbstractEventLoop) -> None:
    """Make every task started during a `RequestWork.dispatching` count as that request's
    work until it ends. Tasks started elsewhere (the server's own) are left alone."""
    previous = loop.get_task_factory()

    def factory(
        loop: asyncio.AbstractEventLoop, coro: Any, /, **options: Any
    ) -> asyncio.Future[Any]:
        if previous is not None:
            task = previous(loop, coro, **options)
        else:
            task = asyncio.Task(coro, loop=loop, **options)
        work = _DISPATCHING.get()
        if work is not None and isinstance(task, asyncio.Task):
            work._follow(task)
        return task

    loop.set_task_factory(factory)
