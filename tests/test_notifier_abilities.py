"""A front end says what its notifier can do (bot.ports.Abilities), and delivery asks for
nothing more: without post references, redraws and explanations still go out, after the
round's post; without a way to find an earlier post, a retry trusts the stored reference."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.ports import Abilities, TaskKind
from bot.usecases.consensus_service import ConsensusService
from storage.store import SqlStore
from tests.conftest import draft
from tests.fakes import STREAM_LIKE, FixedDirectory, RecordingNotifier

# Posts with references, but no way to look an earlier post up (a platform without
# searchable metadata).
REFERENCES_ONLY = Abilities(refers_to_posts=True, finds_earlier_posts=False)
PAST_ANY_RETRY = timedelta(minutes=20)  # past the lease and the longest early backoff


def _service(engine: Engine, clock: ManualClock, notifier: RecordingNotifier) -> ConsensusService:
    directory = FixedDirectory(members={draft().channel: ["U0CHAIR", "U0ANA", "U0BEN"]})
    return ConsensusService(lambda: SqlStore(engine), clock, notifier, directory)


def test_without_post_references_the_round_is_posted_explained_redrawn_and_closed(
    engine: Engine, clock: ManualClock
) -> None:
    notifier = RecordingNotifier(abilities=STREAM_LIKE)
    service = _service(engine, clock, notifier)
    round_ = service.start_round(draft())
    service.run_due_work()
    service.cast_stance(round_.id, "U0ANA", 6, "Pilot it in one clinic first")
    service.run_due_work()
    service.close_round(round_.id, "U0CHAIR")
    service.run_due_work()
    assert notifier.kinds() == ["post_round", "post_explanation", "update_round", "post_outcome"]
    assert service.view(round_.id).round.message_ref is None  # nothing was invented


def test_without_post_references_an_explanation_waits_for_the_round_post(
    engine: Engine, clock: ManualClock
) -> None:
    notifier = RecordingNotifier(abilities=STREAM_LIKE, fail={"post_round": 1})
    service = _service(engine, clock, notifier)
    round_ = service.start_round(draft())
    service.cast_stance(round_.id, "U0ANA", 6, "Pilot it in one clinic first")
    service.run_due_work()  # the post fails; the explanation must not go before it
    assert notifier.kinds() == []
    for _ in range(3):
        clock.advance(PAST_ANY_RETRY)
        service.run_due_work()
    assert notifier.kinds() == ["post_round", "post_explanation"]


def test_without_post_references_a_level_change_is_noted_and_nothing_is_redrawn(
    engine: Engine, clock: ManualClock
) -> None:
    notifier = RecordingNotifier(abilities=STREAM_LIKE)
    service = _service(engine, clock, notifier)
    round_ = service.start_round(draft())
    service.cast_stance(round_.id, "U0ANA", 6, "Pilot first")
    service.run_due_work()
    service.cast_stance(round_.id, "U0ANA", 3)
    service.run_due_work()
    assert notifier.of("mark_explanation_changed") == []  # no reference to redraw
    assert [s.target for s in notifier.of("post_level_change")] == ["U0ANA"]


class _Died(Exception):
    """The process stops between delivering a post and marking its task done."""


@pytest.mark.parametrize(
    ("abilities", "explanations"),
    [
        (REFERENCES_ONLY, 1),  # the stored reference says it is out: not posted again
        (STREAM_LIKE, 1),  # no reference, but the mark stored after the post says so too
    ],
)
def test_a_retry_that_cannot_look_for_its_post_trusts_only_the_stored_reference(
    engine: Engine, clock: ManualClock, abilities: Abilities, explanations: int
) -> None:
    dying = {"armed": False}

    class DiesBeforeFinishing(SqlStore):
        def finish_task(self, task_id: int, worker: str, now: datetime) -> None:
            if dying.pop("armed", False):
                raise _Died
            super().finish_task(task_id, worker, now)

    notifier = RecordingNotifier(abilities=abilities)
    directory = FixedDirectory(members={draft().channel: ["U0CHAIR", "U0ANA"]})
    service = ConsensusService(lambda: DiesBeforeFinishing(engine), clock, notifier, directory)
    round_ = service.start_round(draft())
    service.run_due_work()
    service.cast_stance(round_.id, "U0ANA", 6, "Pilot first")
    dying["armed"] = True
    with pytest.raises(_Died):
        service.run_due_work()
    clock.advance(PAST_ANY_RETRY)  # the dead claim lapses; the task is taken again
    service.run_due_work()
    assert len(notifier.of("post_explanation")) == explanations
    with SqlStore(engine) as store:
        assert store.next_due([TaskKind.POST_EXPLANATION], round_.id) is None
