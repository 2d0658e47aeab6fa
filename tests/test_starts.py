"""One round per start request, enforced by a unique key in the database (bot.starts)."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.domain.errors import Conflict
from bot.domain.round import RoundDraft
from bot.starts import REPEAT_WINDOW
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.rounds import Opening
from storage.store import SqlStore
from tests.conftest import CHAIR, CHANNEL, draft
from tests.fakes import FixedDirectory, RecordingNotifier


def started(service: ConsensusService, request: str, **overrides: object) -> Opening:
    return service.open_round(replace(draft(**overrides), request=request))


def test_the_same_request_delivered_twice_opens_one_round(
    service: ConsensusService, notifier: RecordingNotifier
) -> None:
    first = started(service, "view:V1")
    again = started(service, "view:V1")
    assert first.opened and not again.opened
    assert again.round.id == first.round.id
    service.run_due_work()
    assert [s.kind for s in notifier.sent] == ["post_round"]
    assert len(service.open_views("T0001", CHANNEL)) == 1


def test_a_repeat_of_the_same_proposal_by_the_chair_within_the_window_opens_nothing(
    service: ConsensusService, clock: ManualClock
) -> None:
    first = started(service, "command:1")
    clock.advance(REPEAT_WINDOW * 0.99)
    again = started(service, "command:2", title="  adopt the SHARED referral   form ")
    assert not again.opened
    assert again.round.id == first.round.id


def test_a_repeat_long_after_the_window_opens_a_new_round(
    service: ConsensusService, clock: ManualClock
) -> None:
    first = started(service, "command:1")
    clock.advance(REPEAT_WINDOW * 2)
    later = started(service, "command:2")
    assert later.opened and later.round.id != first.round.id


@pytest.mark.parametrize(
    "change",
    [{"title": "Another proposal"}, {"chair": "U0ANA"}, {"channel": "C0OTHER"}],
    ids=["other proposal", "other chair", "other channel"],
)
def test_a_different_proposal_chair_or_channel_is_a_new_round(
    service: ConsensusService, directory: FixedDirectory, change: dict[str, object]
) -> None:
    directory.members["C0OTHER"] = list(directory.members[CHANNEL])
    first = started(service, "command:1")
    other = started(service, "command:2", **change)
    assert other.opened and other.round.id != first.round.id


def test_a_start_repeated_after_the_first_round_was_cancelled_opens_a_new_one(
    service: ConsensusService,
) -> None:
    first = started(service, "command:1")
    service.cancel_round(first.round.id, CHAIR)
    again = started(service, "command:2")
    assert again.opened and again.round.id != first.round.id
    # ...and that one in turn is what a third repeat finds.
    assert started(service, "command:3").round.id == again.round.id


def test_a_late_second_delivery_of_one_request_never_reopens_its_cancelled_round(
    service: ConsensusService,
) -> None:
    first = started(service, "view:V1")
    service.cancel_round(first.round.id, CHAIR)
    again = started(service, "view:V1")
    assert not again.opened and again.round.id == first.round.id


def test_rounds_the_bot_opens_itself_are_not_deduplicated(service: ConsensusService) -> None:
    assert service.start_round(draft()).id != service.start_round(draft()).id


def test_simultaneous_deliveries_of_one_request_open_one_round(
    engine: Engine, clock: ManualClock, directory: FixedDirectory
) -> None:
    # Separate services (as on two replicas) on one database, released together.
    services = [
        ConsensusService(lambda: SqlStore(engine), clock, RecordingNotifier(), directory)
        for _ in range(4)
    ]
    barrier = threading.Barrier(len(services))
    results: list[Opening | BaseException] = []

    def run(service: ConsensusService) -> None:
        barrier.wait()
        try:
            results.append(started(service, "view:V1"))
        except BaseException as error:  # pragma: no cover - reported below
            results.append(error)

    threads = [threading.Thread(target=run, args=(s,)) for s in services]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    openings = [r for r in results if isinstance(r, Opening)]
    assert len(openings) == len(services), results
    assert sum(o.opened for o in openings) == 1
    assert len({o.round.id for o in openings}) == 1
    assert len(services[0].open_views("T0001", CHANNEL)) == 1


def test_the_database_key_alone_refuses_a_second_round_for_one_request(
    service: ConsensusService, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if two replicas had both found nothing before inserting: the unique key decides.
    started(service, "view:V1")
    monkeypatch.setattr(ConsensusService, "_started", staticmethod(lambda *a, **k: None))
    with pytest.raises(Conflict):
        started(service, "view:V1")
    assert len(service.open_views("T0001", CHANNEL)) == 1


def test_the_store_grants_each_start_key_once(engine: Engine, clock: ManualClock) -> None:
    service_draft = RoundDraft("T0001", CHANNEL, CHAIR, "A", voters=(CHAIR,))
    with SqlStore(engine) as store:
        round_id = store.add_round(service_draft, clock.now(), clock.now()).id
        assert store.claim_start("request:x", round_id, clock.now())
    with SqlStore(engine) as store:
        assert not store.claim_start("request:x", round_id, clock.now())
        assert store.started_under(["request:x", "request:y"]) == {"request:x": round_id}
        store.release_start("request:x", round_id)
        assert store.started_under(["request:x"]) == {}
