"""Group commit: concurrent callers share one unit of work, each gets its own answer."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.domain.errors import NotAllowed
from bot.group_commit import GroupCommitter
from bot.usecases.consensus_service import ConsensusService
from tests.conftest import VOTERS, draft


def test_a_lone_request_commits_at_once_with_its_own_result() -> None:
    committer: GroupCommitter[int, int] = GroupCommitter(lambda batch: [x * 2 for x in batch])
    assert committer.submit(21) == 42
    assert committer.batches == 1


def test_requests_queued_during_a_batch_share_the_next_one() -> None:
    release = threading.Event()
    sizes: list[int] = []

    def run(batch: Sequence[int]) -> list[int]:
        sizes.append(len(batch))
        if len(sizes) == 1:
            release.wait(5)  # the first batch is slow; others queue meanwhile
        return list(batch)

    committer: GroupCommitter[int, int] = GroupCommitter(run)
    with ThreadPoolExecutor(11) as pool:
        first = pool.submit(committer.submit, 0)
        while not sizes:
            threading.Event().wait(0.001)
        rest = [pool.submit(committer.submit, i) for i in range(1, 11)]
        while committer._queue.qsize() < 10:  # all ten are waiting for the next batch
            threading.Event().wait(0.001)
        release.set()
        assert first.result() == 0
        assert sorted(f.result() for f in rest) == list(range(1, 11))
    assert sizes == [1, 10]


def test_a_refused_request_fails_alone_and_a_failed_batch_fails_everyone() -> None:
    def run(batch: Sequence[int]) -> list[int | BaseException]:
        if 99 in batch:
            raise ConnectionError("database went away")
        return [ValueError("odd") if x % 2 else x for x in batch]

    committer: GroupCommitter[int, int] = GroupCommitter(run)
    assert committer.submit(2) == 2
    with pytest.raises(ValueError, match="odd"):
        committer.submit(3)
    with pytest.raises(ConnectionError):
        committer.submit(99)


def test_a_burst_of_concurrent_votes_is_stored_once_each_with_the_last_choice(
    service: ConsensusService, engine: Engine, clock: ManualClock
) -> None:
    round_ = service.start_round(draft())
    votes = [(voter, level) for level in (1, 2, 3) for voter in VOTERS] + [("U0NOBODY", 1)]
    outcomes: list[object] = []

    def cast(voter: str, level: int) -> None:
        try:
            outcomes.append(service.cast_stance(round_.id, voter, level))
        except NotAllowed as error:
            outcomes.append(error)

    with ThreadPoolExecutor(16) as pool:
        for voter, level in votes[: len(VOTERS)]:
            pool.submit(cast, voter, level)
    with ThreadPoolExecutor(16) as pool:
        for voter, level in votes[len(VOTERS) :]:
            pool.submit(cast, voter, level)
    refused = [o for o in outcomes if isinstance(o, NotAllowed)]
    assert len(refused) == 1  # the outsider only
    assert set(service.view(round_.id).progress.responded) == set(VOTERS)
    history = [h for h in service.history(round_.id) if h.kind == "stance"]
    assert len(history) == len(votes) - 1
