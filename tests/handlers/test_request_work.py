"""RequestWork: a dispatch and every task it starts are counted until they end."""

from __future__ import annotations

import asyncio
import threading

import pytest

from handlers.request_work import RequestWork, track_request_tasks


def run(main: object) -> None:
    """Run a coroutine on a fresh loop that tracks request tasks, as the bot's loop does."""

    async def tracked() -> None:
        track_request_tasks(asyncio.get_running_loop())
        await main  # type: ignore[misc]

    asyncio.run(tracked())


def test_work_a_dispatch_leaves_running_after_it_returns_is_counted_until_it_ends() -> None:
    work = RequestWork()

    async def main() -> None:
        release = asyncio.Event()

        async def after_the_ack() -> None:
            await release.wait()

        with work.dispatching():
            listener = asyncio.ensure_future(after_the_ack())
        assert work.running == 1, "the dispatch has returned; its listener has not"
        assert not work.wait_until_idle(0)
        release.set()
        await listener
        assert work.running == 0 and work.wait_until_idle(0)

    run(main())


def test_a_task_started_by_a_request_task_is_counted_too() -> None:
    work = RequestWork()

    async def main() -> None:
        release = asyncio.Event()
        started: list[asyncio.Task[None]] = []

        async def child() -> None:
            await release.wait()

        async def listener() -> None:
            started.append(asyncio.create_task(child()))

        with work.dispatching():
            first = asyncio.ensure_future(listener())
        await first
        assert work.running == 1, "the listener ended; the task it started has not"
        release.set()
        await started[0]
        assert work.running == 0

    run(main())


def test_tasks_started_outside_a_dispatch_are_not_counted() -> None:
    work = RequestWork()

    async def main() -> None:
        release = asyncio.Event()
        with work.dispatching():
            pass
        server_task = asyncio.ensure_future(release.wait())
        assert work.running == 0
        release.set()
        await server_task

    run(main())


@pytest.mark.parametrize("ending", ["fails", "is cancelled"])
def test_a_task_that_fails_or_is_cancelled_still_ends_its_count(ending: str) -> None:
    work = RequestWork()

    async def main() -> None:
        async def broken() -> None:
            raise RuntimeError("Slack is down")

        with work.dispatching():
            task = asyncio.ensure_future(broken() if ending == "fails" else asyncio.Event().wait())
        if ending == "is cancelled":
            task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        assert work.running == 0

    run(main())


def test_a_thread_waiting_for_idle_is_woken_when_the_last_work_ends() -> None:
    work = RequestWork()
    woken = threading.Event()
    idle: list[bool] = []

    async def main() -> None:
        release = asyncio.Event()
        with work.dispatching():
            task = asyncio.ensure_future(release.wait())
        waiter = threading.Thread(
            target=lambda: (idle.append(work.wait_until_idle(60)), woken.set())
        )
        waiter.start()
        assert not woken.is_set(), "the work it waits for is still running"
        release.set()
        await task
        await asyncio.to_thread(waiter.join)

    run(main())
    assert idle == [True]
