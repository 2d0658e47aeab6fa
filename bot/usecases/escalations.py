"""Escalation: a round without consensus sent to the steering committee, reminders until it
is resolved, and the resolution.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.deadline import zone_of
from bot.domain.errors import (
    Conflict,
    InvalidInput,
    NotAllowed,
    NotFound,
    Person,
    Place,
    Problem,
    Typed,
)
from bot.domain.quiet_hours import daytime_moment
from bot.domain.round import ChairAction, RoundStatus, clean_text
from bot.domain.tally import Outcome
from bot.due_work import DueWorkTable
from bot.ports import Audience, Escalation, EscalationView, HistoryEntry, Task, TaskKind
from bot.record_entries import EntryKind, entry_text
from bot.usecases.coordinators import STEERING_CHANNEL, Coordinators

ESCALATION_DAYS = "escalation_days"
DEFAULT_ESCALATION_DAYS = 45


class EscalationProblem(Problem):
    """What can go wrong escalating a round or recording how it was resolved."""

    ROUND_OPEN = "escalation.round_open"
    ROUND_CANCELLED = "escalation.round_cancelled"
    ROUND_REACHED = "escalation.round_reached"
    ALREADY_ESCALATED = "escalation.already_escalated"
    NO_STEERING_CHANNEL = "escalation.no_steering_channel"
    NO_RESOLUTION = "escalation.no_resolution"
    NOT_FOUND = "escalation.not_found"
    NOT_STEERING = "escalation.not_steering"
    ALREADY_RESOLVED = "escalation.already_resolved"


class Escalations(Coordinators):
    """Escalating a round and recording how it was resolved."""

    def escalate(self, round_id: int, actor: str) -> Escalation:
        """Send a round that ended without consensus to the steering channel, due in 45 days."""
        now = self._clock.now()
        # A channel has no time zone: the committee is reminded in the daytime of the person
        # who escalated. Read before the unit of work: the directory may call Slack.
        zone = zone_of(self._directory.timezone(actor))
        with self._store() as store:
            round_ = self._require_round(store, round_id, lock="update")
            round_.require_chair(actor, ChairAction.ESCALATE)
            if round_.is_open:
                raise Conflict(EscalationProblem.ROUND_OPEN, round=round_id)
            if round_.status is RoundStatus.CANCELLED or round_.outcome == Outcome.CONSENSUS:
                if not round_.outcome:
                    raise Conflict(EscalationProblem.ROUND_CANCELLED, round=round_id)
                raise Conflict(
                    EscalationProblem.ROUND_REACHED, round=round_id, outcome=Outcome(round_.outcome)
                )
            if store.escalation_for_round(round_id) is not None:
                raise Conflict(EscalationProblem.ALREADY_ESCALATED, round=round_id)
            channel = store.get_setting(round_.workspace, STEERING_CHANNEL)
            if not channel:
                raise Conflict(EscalationProblem.NO_STEERING_CHANNEL)
            days = int(
                store.get_setting(round_.workspace, ESCALATION_DAYS) or DEFAULT_ESCALATION_DAYS
            )
            due = now + timedelta(days=days)
            escalation = store.add_escalation(round_, channel, actor, now, due)
            store.record(
                HistoryEntry(
                    now,
                    round_id,
                    EntryKind.ESCALATED,
                    actor,
                    text=entry_text(EntryKind.ESCALATED, due=due.date()),
                ),
                round_.workspace,
            )
            store.add_task(TaskKind.POST_ESCALATION, round_id, "", now, escalation_id=escalation.id)
            for key, when in escalation_reminder_times(now, due):
                # Reminders before the due date stay before it; the overdue one may not.
                by = due if when < due else None
                store.add_task(
                    TaskKind.ESCALATION_REMINDER,
                    round_id,
                    key,
                    daytime_moment(when, zone, by),
                    escalation_id=escalation.id,
                )
        self._kick()
        return escalation

    def resolve_escalation(self, escalation_id: int, actor: str, text: str) -> Escalation:
        now = self._clock.now()
        text = clean_text(text)
        if not text:
            raise InvalidInput(EscalationProblem.NO_RESOLUTION)
        with self._store() as store:
            found = store.get_escalation(escalation_id)
        if found is None:
            raise NotFound(EscalationProblem.NOT_FOUND, escalation=escalation_id)
        # Those who were asked to address it: the steering channel, or a coordinator. Asked
        # outside the write transaction: the directory may call Slack.
        if actor not in self._directory.human_members(found.channel) and not self.is_coordinator(
            found.workspace, actor
        ):
            raise NotAllowed(
                EscalationProblem.NOT_STEERING,
                escalation=escalation_id,
                channel=Place(found.channel),
            )
        with self._store() as store:
            # Locked: of two people resolving it at once, the second finds it resolved
            # (one resolution in the record, and the one the channels are told).
            escalation = store.get_escalation(escalation_id, lock=True)
            assert escalation is not None  # escalations are never deleted
            if not escalation.is_open:
                raise Conflict(
                    EscalationProblem.ALREADY_RESOLVED,
                    escalation=escalation_id,
                    by=Person(escalation.resolved_by or ""),
                    resolution=Typed(escalation.resolution),
                )
            escalation = replace(
                escalation, resolved_at=now, resolved_by=actor, resolution=text[:2000]
            )
            store.save_escalation(escalation)
            store.drop_pending_tasks(
                [TaskKind.ESCALATION_REMINDER], escalation.round_id, escalation.id
            )
            store.record(
                HistoryEntry(
                    now, escalation.round_id, EntryKind.ESCALATION_RESOLVED, actor, text=text
                ),
                escalation.workspace,
            )
            for audience in Audience:
                store.add_task(
                    TaskKind.POST_RESOLUTION,
                    escalation.round_id,
                    audience.value,
                    now,
                    escalation_id=escalation.id,
                )
        self._kick()
        return escalation

    # ----------------------------------------------------------------- due work
    def _register_escalation_work(self, table: DueWorkTable) -> None:
        """An escalation's due work: its post to the steering committee, the reminders
        until it is resolved, and the resolution told in both channels."""
        table.register_each(
            {
                TaskKind.POST_ESCALATION: self._post_escalation,
                TaskKind.ESCALATION_REMINDER: self._remind_escalation,
                TaskKind.POST_RESOLUTION: self._post_resolution,
            }
        )

    def _escalation_view(self, task: Task, late: float) -> EscalationView | None:
        assert task.escalation_id is not None
        with self._store() as store:
            escalation = store.get_escalation(task.escalation_id)
            if escalation is None:
                return None
            round_ = self._require_round(store, escalation.round_id)
            return EscalationView(escalation, self._view(store, round_, late))

    def _post_escalation(self, task: Task, late: float) -> None:
        view = self._escalation_view(task, late)
        if view is None or not view.escalation.is_open or view.escalation.message_ref:
            return
        ref = self._notifier.post_escalation(view, task.delivery)
        if ref is not None:
            # Read again, locked: a resolution may have been recorded while the post waited
            # (rate pacing), and saving the copy read before it would undo that resolution.
            with self._store() as store:
                fresh = store.get_escalation(view.escalation.id, lock=True)
                if fresh is not None:
                    store.save_escalation(replace(fresh, message_ref=ref))

    def _remind_escalation(self, task: Task, late: float) -> None:
        view = self._escalation_view(task, late)
        if view is not None and view.escalation.is_open:
            label = task.key.split(":", 1)[0]
            self._notifier.remind_escalation(replace(view, reminder=label), task.delivery)

    def _post_resolution(self, task: Task, late: float) -> None:
        view = self._escalation_view(task, late)
        if view is not None and not view.escalation.is_open:
            self._notifier.post_resolution(view, Audience(task.key), task.delivery)


def escalation_reminder_times(opened: datetime, due: datetime) -> list[tuple[str, datetime]]:
    """Weekly from the escalation, 7 days and 1 day before due, and on the due date (overdue)."""
    times: list[tuple[str, datetime]] = []
    week = opened + timedelta(days=7)
    while week < due - timedelta(days=1):
        times.append((f"weekly:{week.isoformat()}", week))
        week += timedelta(days=7)
    for label, when in (
        ("due_in_7_days", due - timedelta(days=7)),
        ("due_tomorrow", due - timedelta(days=1)),
        ("overdue", due),
    ):
        if when > opened:
            times.append((f"{label}:{when.isoformat()}", when))
    return times
