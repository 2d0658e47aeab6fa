"""The round's use-cases: start, vote, change, close, cancel, extend, with their permissions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.deadline import Deadline
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, Person
from bot.domain.round import ChairAction, RoundProblem, RoundStatus
from bot.domain.tally import Outcome
from bot.usecases.consensus_service import ConsensusService
from tests.conftest import CHAIR, CHANNEL, VOTERS, draft
from tests.fakes import RecordingNotifier
from tests.problems import raises_problem


def test_start_defaults_to_channel_members_three_days_and_two_thirds(
    service: ConsensusService, clock: ManualClock
) -> None:
    round_ = service.start_round(draft())
    assert round_.voters == VOTERS
    assert round_.chair == CHAIR
    assert round_.closes_at == clock.now() + timedelta(days=3)
    assert round_.quorum_count() == 4
    assert round_.profile_key == "1-4"


def test_start_posts_the_round_message_once(
    service: ConsensusService, notifier: RecordingNotifier
) -> None:
    round_ = service.start_round(draft())
    service.run_due_work()
    service.run_due_work()
    assert notifier.kinds(round_.id) == ["post_round"]
    assert service.view(round_.id).round.message_ref == "ts1"


def test_start_refuses_a_deadline_in_the_past(service: ConsensusService) -> None:
    with raises_problem(RoundProblem.DEADLINE_PAST, InvalidInput):
        service.start_round(draft(), Deadline(duration=timedelta(0)))
    with raises_problem(RoundProblem.DEADLINE_PAST, InvalidInput):
        service.start_round(draft(), Deadline(at=__import__("datetime").datetime(2020, 1, 1)))


def test_start_refuses_a_channel_without_people(service: ConsensusService) -> None:
    with raises_problem(RoundProblem.NO_VOTERS, InvalidInput):
        service.start_round(draft(channel="C0EMPTY"))


def test_absolute_deadline_is_read_in_the_chairs_time_zone(
    service: ConsensusService, clock: ManualClock
) -> None:
    import datetime as dt

    round_ = service.start_round(draft(), Deadline(at=dt.datetime(2026, 12, 1, 17, 0)))
    # 17:00 in Toronto (EST, UTC-5) is 22:00 UTC.
    assert round_.closes_at == dt.datetime(2026, 12, 1, 22, 0, tzinfo=dt.UTC)


def test_a_vote_is_recorded_and_a_change_replaces_it_keeping_history(
    service: ConsensusService,
) -> None:
    round_ = service.start_round(draft())
    first = service.cast_stance(round_.id, "U0ANA", 2)
    second = service.cast_stance(round_.id, "U0ANA", 4)
    assert first.previous_level is None
    assert second.previous_level == 2
    assert service.view(round_.id).progress.responded == ("U0ANA",)
    assert service.personal_view(round_.id, "U0ANA").mine == second.stance
    levels = [h.level for h in service.history(round_.id) if h.kind == "stance"]
    assert levels == [2, 4]


def test_level_5_and_6_explanations_go_to_the_thread(
    service: ConsensusService, notifier: RecordingNotifier
) -> None:
    round_ = service.start_round(draft())
    service.run_due_work()
    service.cast_stance(round_.id, "U0ANA", 5, "Budget impact?")
    service.cast_stance(round_.id, "U0BEN", 6, "Pilot in one site first")
    service.cast_stance(round_.id, "U0CY", 3, "optional reservation")
    service.run_due_work()
    posted = [(s.target, s.detail.reason) for s in notifier.of("post_explanation")]
    assert posted == [("U0ANA", "Budget impact?"), ("U0BEN", "Pilot in one site first")]


def test_a_withdrawn_explanation_is_not_posted(
    service: ConsensusService, notifier: RecordingNotifier
) -> None:
    round_ = service.start_round(draft())
    service.run_due_work()
    service.cast_stance(round_.id, "U0ANA", 6, "Never")
    service.cast_stance(round_.id, "U0ANA", 2)
    service.run_due_work()
    assert notifier.of("post_explanation") == []


def test_people_outside_the_round_cannot_vote(service: ConsensusService) -> None:
    round_ = service.start_round(draft(voters=("U0CHAIR", "U0ANA")))
    with raises_problem(RoundProblem.NOT_VOTER, NotAllowed, round=round_.id):
        service.cast_stance(round_.id, "U0BEN", 1)


def test_voting_on_a_round_that_does_not_exist_says_so(service: ConsensusService) -> None:
    with raises_problem(RoundProblem.NOT_FOUND, NotFound, round=99):
        service.cast_stance(99, "U0ANA", 1)


@pytest.mark.parametrize("action", list(ChairAction)[:5])
def test_only_the_chair_controls_the_round(service: ConsensusService, action: ChairAction) -> None:
    round_ = service.start_round(draft())
    calls = {
        ChairAction.CLOSE: lambda: service.close_round(round_.id, "U0ANA"),
        ChairAction.CANCEL: lambda: service.cancel_round(round_.id, "U0ANA"),
        ChairAction.EXTEND: lambda: service.extend_round(
            round_.id, "U0ANA", Deadline(duration=timedelta(days=1))
        ),
        ChairAction.REMIND: lambda: service.remind_now(round_.id, "U0ANA"),
        ChairAction.ESCALATE: lambda: service.escalate(round_.id, "U0ANA"),
    }
    with raises_problem(RoundProblem.NOT_CHAIR, NotAllowed, action=action, chair=Person(CHAIR)):
        calls[action]()


def test_closing_posts_the_final_message_and_the_outcome_once(
    service: ConsensusService, notifier: RecordingNotifier
) -> None:
    round_ = service.start_round(draft())
    service.run_due_work()
    for voter in VOTERS[:4]:
        service.cast_stance(round_.id, voter, 2)
    closed, first = service.close_round(round_.id, CHAIR)
    _, second = service.close_round(round_.id, CHAIR)
    service.run_due_work()
    assert (first, second) == (True, False)
    assert closed.outcome == Outcome.CONSENSUS
    assert notifier.kinds(round_.id).count("post_outcome") == 1
    final = notifier.of("update_round")[-1].detail
    assert final.round.status is RoundStatus.CLOSED


def test_no_votes_after_close(service: ConsensusService) -> None:
    round_ = service.start_round(draft())
    service.close_round(round_.id, CHAIR)
    with raises_problem(RoundProblem.CLOSED, Conflict, round=round_.id):
        service.cast_stance(round_.id, "U0ANA", 1)


def test_cancel_posts_no_outcome(service: ConsensusService, notifier: RecordingNotifier) -> None:
    round_ = service.start_round(draft())
    service.run_due_work()
    service.cancel_round(round_.id, CHAIR)
    service.run_due_work()
    assert "post_outcome" not in notifier.kinds(round_.id)
    with raises_problem(RoundProblem.CANCELLED_NO_OUTCOME, Conflict, round=round_.id):
        service.close_round(round_.id, CHAIR)


def test_extend_adds_to_the_deadline_and_refuses_moving_it_earlier(
    service: ConsensusService,
) -> None:
    round_ = service.start_round(draft())
    extended = service.extend_round(round_.id, CHAIR, Deadline(duration=timedelta(days=2)))
    assert extended.closes_at == round_.closes_at + timedelta(days=2)
    with raises_problem(RoundProblem.DEADLINE_NOT_LATER, InvalidInput):
        service.extend_round(
            round_.id, CHAIR, Deadline(at=__import__("datetime").datetime(2026, 11, 24, 9, 0))
        )


def test_find_round_defaults_to_the_latest_open_round_in_the_channel(
    service: ConsensusService,
) -> None:
    service.start_round(draft(title="first"))
    second = service.start_round(draft(title="second"))
    assert service.find_round("T0001", CHANNEL, None, reader=CHAIR).id == second.id
    with raises_problem(RoundProblem.NONE_OPEN, NotFound):
        service.find_round("T0001", "C0OTHER", None, reader=CHAIR)
