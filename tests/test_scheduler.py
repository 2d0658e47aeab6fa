"""Due work: reminders, deadlines and escalations happen once, on time, and through restarts."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from fractions import Fraction

from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.domain.errors import Conflict, Person, Typed
from bot.domain.round import RoundStatus
from bot.domain.tally import Outcome
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.escalations import EscalationProblem, escalation_reminder_times
from storage.store import SqlStore
from tests.conftest import CHAIR, VOTERS, draft
from tests.fakes import FixedDirectory, RecordingNotifier
from tests.problems import raises_problem


def reminded(notifier: RecordingNotifier) -> list[str]:
    return sorted(s.target for s in notifier.of("remind_voter"))


def test_reminders_reach_exactly_the_non_responders_at_half_time_and_at_90_percent(
    service: ConsensusService, clock: ManualClock, notifier: RecordingNotifier
) -> None:
    round_ = service.start_round(draft(duration=timedelta(hours=10)))
    service.cast_stance(round_.id, "U0ANA", 1)
    clock.advance(timedelta(hours=4, minutes=59))
    service.run_due_work()
    assert reminded(notifier) == []
    clock.advance(timedelta(minutes=1))
    service.run_due_work()
    assert reminded(notifier) == sorted(set(VOTERS) - {"U0ANA"})
    service.cast_stance(round_.id, "U0BEN", 2)
    notifier.sent.clear()
    clock.advance(timedelta(hours=4))
    service.run_due_work()
    assert reminded(notifier) == sorted(set(VOTERS) - {"U0ANA", "U0BEN"})


def test_the_round_message_says_when_the_next_reminder_goes_out(
    service: ConsensusService, clock: ManualClock
) -> None:
    round_ = service.start_round(draft(duration=timedelta(hours=10)))
    assert service.view(round_.id).next_reminder == clock.now() + timedelta(hours=5)
    clock.advance(timedelta(hours=6))
    service.run_due_work()
    assert service.view(round_.id).next_reminder == round_.opened_at + timedelta(hours=9)


def test_chair_can_choose_reminder_times_or_none(
    service: ConsensusService, clock: ManualClock, notifier: RecordingNotifier
) -> None:
    quiet = service.start_round(draft(duration=timedelta(hours=10), reminders=()))
    early = service.start_round(draft(duration=timedelta(hours=10), reminders=(Fraction(1, 10),)))
    clock.advance(timedelta(hours=1))
    service.run_due_work()
    assert {s.round_id for s in notifier.of("remind_voter")} == {early.id}
    assert service.view(quiet.id).next_reminder is None


def test_remind_now_chases_only_those_who_have_not_responded(
    service: ConsensusService, notifier: RecordingNotifier
) -> None:
    round_ = service.start_round(draft())
    for voter in VOTERS[:4]:
        service.cast_stance(round_.id, voter, 2)
    assert service.remind_now(round_.id, CHAIR) == 2
    service.run_due_work()
    assert reminded(notifier) == sorted(VOTERS[4:])


def test_nobody_is_reminded_after_the_round_closes(
    service: ConsensusService, clock: ManualClock, notifier: RecordingNotifier
) -> None:
    round_ = service.start_round(draft(duration=timedelta(hours=10)))
    service.close_round(round_.id, CHAIR)
    clock.advance(timedelta(hours=6))
    service.run_due_work()
    assert reminded(notifier) == []


def test_the_round_closes_itself_at_the_deadline_and_posts_the_outcome_once(
    service: ConsensusService, clock: ManualClock, notifier: RecordingNotifier
) -> None:
    round_ = service.start_round(draft(duration=timedelta(hours=1), reminders=()))
    for voter in VOTERS[:4]:
        service.cast_stance(round_.id, voter, 1)
    clock.advance(timedelta(minutes=59))
    service.run_due_work()
    assert "post_outcome" not in notifier.kinds()
    clock.advance(timedelta(minutes=1))
    report = service.run_due_work()
    service.run_due_work()
    assert report.closed == 1
    assert notifier.kinds(round_.id).count("post_outcome") == 1
    closed = service.view(round_.id).round
    assert closed.status is RoundStatus.CLOSED
    assert closed.outcome == Outcome.CONSENSUS
    assert closed.closed_at == round_.closes_at


def test_extending_moves_the_deadline_and_the_reminders(
    service: ConsensusService, clock: ManualClock, notifier: RecordingNotifier
) -> None:
    from bot.deadline import Deadline

    round_ = service.start_round(draft(duration=timedelta(hours=10)))
    service.extend_round(round_.id, CHAIR, Deadline(duration=timedelta(hours=10)))
    clock.advance(timedelta(hours=9))
    service.run_due_work()
    assert reminded(notifier) == []  # half-time is now at 10 h
    clock.advance(timedelta(hours=2))
    service.run_due_work()
    assert len(reminded(notifier)) == len(VOTERS)
    assert "post_outcome" not in notifier.kinds()


def test_work_that_fell_due_while_the_bot_was_down_is_done_on_start_up_saying_it_is_late(
    engine: Engine, clock: ManualClock, directory: FixedDirectory
) -> None:
    first = RecordingNotifier()
    before = ConsensusService(lambda: SqlStore(engine), clock, first, directory)
    round_ = before.start_round(draft(duration=timedelta(hours=2), reminders=()))
    before.run_due_work()
    # The process dies; the deadline passes while nothing runs.
    clock.advance(timedelta(hours=5))
    after_notifier = RecordingNotifier()
    after = ConsensusService(lambda: SqlStore(engine), clock, after_notifier, directory)
    after.run_due_work()
    outcome = after_notifier.of("post_outcome")
    assert len(outcome) == 1
    assert outcome[0].detail.late_by_seconds >= 3 * 3600
    assert first.kinds() == ["post_round"]
    assert after.view(round_.id).round.closed_at == round_.closes_at


def test_work_claimed_by_a_process_that_died_is_taken_over_after_its_lease(
    engine: Engine, clock: ManualClock, directory: FixedDirectory
) -> None:
    dead = ConsensusService(
        lambda: SqlStore(engine), clock, RecordingNotifier(), directory, worker_id="dead"
    )
    round_ = dead.start_round(draft())
    with SqlStore(engine) as store:  # claimed, then the process was killed before sending
        claimed = store.claim_due_tasks(clock.now(), "dead", 120, 10)
    assert [t.kind.value for t in claimed] == ["post_round"]
    notifier = RecordingNotifier()
    alive = ConsensusService(
        lambda: SqlStore(engine), clock, notifier, directory, worker_id="alive"
    )
    alive.run_due_work()
    assert notifier.kinds() == []  # still leased to the dead process
    clock.advance(timedelta(minutes=3))
    alive.run_due_work()
    assert notifier.kinds(round_.id) == ["post_round"]


def test_a_failed_delivery_is_retried_with_backoff_and_sent_once(
    service: ConsensusService, clock: ManualClock, notifier: RecordingNotifier
) -> None:
    notifier.fail["post_round"] = 2
    round_ = service.start_round(draft())
    assert service.run_due_work().failed == 1
    # A dropped connection may have delivered it: the retry waits 5 s (for the post to show
    # in the channel's history, where the retry looks first), then backs off 4 s, 16 s, …
    clock.advance(timedelta(seconds=4.5))
    assert service.run_due_work().done == 0
    clock.advance(timedelta(seconds=0.5))
    assert service.run_due_work().failed == 1
    clock.advance(timedelta(seconds=4.5))
    assert service.run_due_work().done == 0
    clock.advance(timedelta(seconds=0.5))
    assert service.run_due_work().done == 1
    assert notifier.kinds(round_.id) == ["post_round"]


def test_two_workers_on_one_database_post_each_reminder_and_outcome_once(
    engine: Engine, clock: ManualClock, directory: FixedDirectory
) -> None:
    notifier = RecordingNotifier()
    workers = [
        ConsensusService(lambda: SqlStore(engine), clock, notifier, directory, worker_id=f"w{i}")
        for i in range(2)
    ]
    rounds = [
        workers[0].start_round(draft(title=f"p{i}", duration=timedelta(hours=2))) for i in range(5)
    ]
    # Half-time (1 h), 90% (1 h 48 min), then the deadline (2 h).
    for moment in (timedelta(hours=1), timedelta(minutes=50), timedelta(minutes=10)):
        clock.advance(moment)
        threads = [threading.Thread(target=w.run_due_work) for w in workers for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for round_ in rounds:
        kinds = notifier.kinds(round_.id)
        assert kinds.count("post_round") == 1
        assert kinds.count("post_outcome") == 1
        dms = [s.target for s in notifier.of("remind_voter") if s.round_id == round_.id]
        assert sorted(dms) == sorted(VOTERS * 2)  # two waves (50%, 90%), each person once


def test_escalation_needs_a_steering_channel_and_a_failed_round(
    service: ConsensusService,
) -> None:
    round_ = service.start_round(draft())
    with raises_problem(EscalationProblem.ROUND_OPEN, Conflict, round=round_.id):
        service.escalate(round_.id, CHAIR)
    service.close_round(round_.id, CHAIR)
    with raises_problem(EscalationProblem.NO_STEERING_CHANNEL, Conflict):
        service.escalate(round_.id, CHAIR)
    agreed = service.start_round(draft())
    for voter in VOTERS:
        service.cast_stance(agreed.id, voter, 1)
    service.close_round(agreed.id, CHAIR)
    service.set_steering_channel("T0001", "C0STEER", CHAIR)
    with raises_problem(EscalationProblem.ROUND_REACHED, Conflict, outcome=Outcome.CONSENSUS.value):
        service.escalate(agreed.id, CHAIR)


def test_escalation_reminds_the_steering_channel_until_resolved(
    service: ConsensusService,
    clock: ManualClock,
    notifier: RecordingNotifier,
    directory: FixedDirectory,
) -> None:
    directory.members["C0STEER"] = ["U0BEN"]  # the steering committee records the resolution
    service.set_steering_channel("T0001", "C0STEER", CHAIR)
    round_ = service.start_round(draft())
    service.cast_stance(round_.id, "U0ANA", 6, "Try B")
    service.close_round(round_.id, CHAIR)
    escalation = service.escalate(round_.id, CHAIR)
    assert escalation.due_at == clock.now() + timedelta(days=45)
    with raises_problem(EscalationProblem.ALREADY_ESCALATED, Conflict, round=round_.id):
        service.escalate(round_.id, CHAIR)
    service.run_due_work()
    assert [s.target for s in notifier.of("post_escalation")] == ["C0STEER"]
    for _ in range(44):
        clock.advance(timedelta(days=1))
        service.run_due_work()
    labels = [s.target for s in notifier.of("remind_escalation")]
    assert labels == ["weekly"] * 5 + ["due_in_7_days", "weekly", "due_tomorrow"]
    service.resolve_escalation(escalation.id, "U0BEN", "Agreed to pilot at two sites")
    clock.advance(timedelta(days=5))
    service.run_due_work()
    assert len(notifier.of("remind_escalation")) == len(labels)  # nothing after resolve
    with raises_problem(
        EscalationProblem.ALREADY_RESOLVED,
        Conflict,
        by=Person("U0BEN"),
        resolution=Typed("Agreed to pilot at two sites"),
    ):
        service.resolve_escalation(escalation.id, "U0BEN", "again")


def test_escalation_schedule_is_weekly_then_7_days_1_day_and_due() -> None:
    from datetime import UTC, datetime

    start = datetime(2026, 1, 1, tzinfo=UTC)
    times = escalation_reminder_times(start, start + timedelta(days=45))
    days = [((when - start).days, key.split(":")[0]) for key, when in times]
    assert days == [
        (7, "weekly"),
        (14, "weekly"),
        (21, "weekly"),
        (28, "weekly"),
        (35, "weekly"),
        (42, "weekly"),
        (38, "due_in_7_days"),
        (44, "due_tomorrow"),
        (45, "overdue"),
    ]


def test_a_worker_whose_claim_lapsed_and_was_taken_over_does_not_deliver_it(
    engine: Engine, clock: ManualClock, directory: FixedDirectory
) -> None:
    notifier = RecordingNotifier()
    slow = ConsensusService(
        lambda: SqlStore(engine), clock, notifier, directory, worker_id="slow", lease_seconds=60
    )
    fast = ConsensusService(
        lambda: SqlStore(engine), clock, notifier, directory, worker_id="fast", lease_seconds=60
    )
    slow.start_round(draft())
    with SqlStore(engine) as store:
        [task] = store.claim_due_tasks(clock.now(), "slow", 60, 10)
    clock.advance(timedelta(seconds=61))  # the slow worker stalls past its lease
    fast.run_due_work()
    slow._run_task(task)  # it wakes up and carries on with its batch
    assert notifier.kinds() == ["post_round"]


def test_a_sweep_told_to_stop_hands_back_its_batch_for_another_process_to_deliver_once(
    engine: Engine, clock: ManualClock, directory: FixedDirectory
) -> None:
    notifier = RecordingNotifier()
    stopping = ConsensusService(
        lambda: SqlStore(engine), clock, notifier, directory, worker_id="stopping"
    )
    round_ = stopping.start_round(draft())
    stopping.run_due_work()  # the round message
    stopping.remind_now(round_.id, CHAIR)
    stopping.run_due_work(stopping=lambda: len(notifier.of("remind_voter")) >= 2)
    assert len(notifier.of("remind_voter")) == 2  # SIGTERM arrived mid-wave
    assert stopping.release_claims() > 0
    other = ConsensusService(
        lambda: SqlStore(engine), clock, notifier, directory, worker_id="other"
    )
    other.run_due_work()  # at once: no lease to wait out
    assert reminded(notifier) == sorted(VOTERS)


def test_a_redraw_owed_when_the_process_died_is_made_after_restart(
    engine: Engine, clock: ManualClock, notifier: RecordingNotifier, directory: FixedDirectory
) -> None:
    before = ConsensusService(lambda: SqlStore(engine), clock, notifier, directory)
    round_ = before.start_round(draft())
    before.run_due_work()
    before.cast_stance(round_.id, VOTERS[1], 2)  # ... and the process is killed

    touched: list[int] = []
    after = ConsensusService(
        lambda: SqlStore(engine), clock, notifier, directory, on_round_changed=touched.append
    )
    assert after.redraw_stale_rounds() == 1 and touched == [round_.id]
    clock.advance(timedelta(seconds=1))
    after.refresh_message(round_.id, min_interval=1.0)  # the owed redraw is made
    assert after.redraw_stale_rounds() == 0
    assert notifier.of("update_round")[-1].detail.progress.responded  # it shows the response


def _escalated_at(
    service: ConsensusService, clock: ManualClock, directory: FixedDirectory, at_utc: int
) -> int:
    clock.set(datetime(2026, 11, 23, at_utc, 0, tzinfo=UTC))
    directory.members["C0STEER"] = ["U0BEN"]
    service.set_steering_channel("T0001", "C0STEER", CHAIR)
    round_ = service.start_round(draft())
    service.cast_stance(round_.id, "U0ANA", 6, "Try B")
    service.close_round(round_.id, CHAIR)
    return service.escalate(round_.id, CHAIR).id


def test_an_escalation_reminder_due_at_night_goes_out_at_8_in_the_escalators_zone(
    service: ConsensusService,
    clock: ManualClock,
    notifier: RecordingNotifier,
    directory: FixedDirectory,
) -> None:
    _escalated_at(service, clock, directory, at_utc=3)  # 22:00 in Toronto
    service.run_due_work()
    clock.advance(timedelta(days=7))  # the weekly reminder's time: 22:00 in Toronto
    service.run_due_work()
    assert notifier.of("remind_escalation") == []
    clock.advance(timedelta(hours=10))  # 08:00 in Toronto
    service.run_due_work()
    assert [s.target for s in notifier.of("remind_escalation")] == ["weekly"]


def test_a_resolution_is_told_to_the_partners_and_the_steering_channel_once_each(
    service: ConsensusService,
    clock: ManualClock,
    notifier: RecordingNotifier,
    directory: FixedDirectory,
) -> None:
    escalation_id = _escalated_at(service, clock, directory, at_utc=15)
    service.run_due_work()
    service.resolve_escalation(escalation_id, "U0BEN", "Agreed to pilot at two sites")
    service.run_due_work()
    service.run_due_work()
    told = sorted(s.target for s in notifier.of("post_resolution"))
    assert told == ["partners", "steering"]


def test_a_chairs_remind_now_goes_at_once_even_at_night(
    service: ConsensusService, clock: ManualClock, notifier: RecordingNotifier
) -> None:
    clock.set(datetime(2026, 11, 24, 4, 0, tzinfo=UTC))  # 23:00 in Toronto
    round_ = service.start_round(draft())
    service.remind_now(round_.id, CHAIR)
    service.run_due_work()
    assert reminded(notifier) == sorted(VOTERS)


def test_a_resolution_recorded_while_the_escalation_is_being_posted_is_kept(
    service: ConsensusService,
    notifier: RecordingNotifier,
    directory: FixedDirectory,
) -> None:
    # The post can wait on Slack's rate pacing; a resolution may be recorded meanwhile, and
    # saving the post's reference must not write the escalation back as it was before it.
    directory.members["C0STEER"] = ["U0BEN"]
    service.set_steering_channel("T0001", "C0STEER", CHAIR)
    round_ = service.start_round(draft())
    service.cast_stance(round_.id, "U0ANA", 6, "Try B")
    service.close_round(round_.id, CHAIR)
    escalation = service.escalate(round_.id, CHAIR)
    posting = notifier.post_escalation

    def resolved_while_posting(view, delivery):  # type: ignore[no-untyped-def]
        service.resolve_escalation(escalation.id, "U0BEN", "Agreed to pilot at two sites")
        return posting(view, delivery)

    notifier.post_escalation = resolved_while_posting  # type: ignore[method-assign]
    service.run_due_work()
    with service._store() as store:
        stored = store.get_escalation(escalation.id)
    assert stored is not None
    assert (stored.resolved_by, stored.resolution) == ("U0BEN", "Agreed to pilot at two sites")
    assert stored.message_ref  # and the post's reference is kept too


def test_a_vote_given_while_a_reminder_wave_goes_out_stops_that_persons_reminder(
    service: ConsensusService, clock: ManualClock, notifier: RecordingNotifier
) -> None:
    # The wave counts the round once and reuses the count while nobody responds; a response
    # in the middle of it is seen before the next reminder.
    round_ = service.start_round(draft(duration=timedelta(hours=10)))
    reminding = notifier.remind_voter
    arrived: list[str] = []

    def a_vote_arrives_meanwhile(view, voter, delivery):  # type: ignore[no-untyped-def]
        reminding(view, voter, delivery)
        if not arrived:
            late = next(v for v in VOTERS if v not in view.progress.responded and v != voter)
            service.cast_stance(round_.id, late, 1)
            arrived.append(late)

    notifier.remind_voter = a_vote_arrives_meanwhile  # type: ignore[method-assign]
    clock.advance(timedelta(hours=5))
    service.run_due_work()
    assert arrived
    assert arrived[0] not in reminded(notifier)
    assert len(reminded(notifier)) == len(VOTERS) - 1
