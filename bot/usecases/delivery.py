"""Delivery of due work: claiming, retries with backoff, parking what the platform refuses,
resuming it, handing claims back, and how each kind of round work reaches people.

Side effects on the chat platform are never done inside a request: they are stored as due
work (tasks) in the same transaction as the change that causes them, then delivered here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bot.deadline import zone_of
from bot.domain.errors import Conflict
from bot.domain.quiet_hours import daytime_moment
from bot.domain.round import Round, RoundProblem, Stance
from bot.domain.scale import TextKind
from bot.ports import (
    Audience,
    EscalationView,
    LevelChange,
    NotDelivered,
    RoundView,
    Task,
    TaskKind,
    Undeliverable,
)
from bot.usecases.context import describe_failure
from bot.usecases.rounds import SCHEDULED_WAVE, Rounds

log = logging.getLogger(__name__)

# Due work that is this late when finally done is announced as late (the bot was down).
LATE_AFTER = timedelta(minutes=2)
FIRST_RETRY = timedelta(seconds=1)
# After an uncertain failure (no answer, a 5xx), Slack may still apply the post a moment
# later; the retry, which looks for it first, waits this long at least.
AMBIGUOUS_RETRY = timedelta(seconds=5)
MAX_BACKOFF = timedelta(minutes=15)


class Lane(StrEnum):
    """Due work is swept in two lanes, so paced bulk work never delays what people wait for."""

    INTERACTIVE = "interactive"
    BULK = "bulk"


# Due work about an escalation (the task names it).
ESCALATION_KINDS = frozenset(
    {TaskKind.POST_ESCALATION, TaskKind.ESCALATION_REMINDER, TaskKind.POST_RESOLUTION}
)
# Work sent to many people at a paced rate (reminder DMs): the bulk lane's.
BULK_KINDS = frozenset({TaskKind.REMIND_VOTER})
# The due work this service delivers itself (recorded votes are bot.usecases.recorded_votes').
ROUND_KINDS = (
    TaskKind.POST_ROUND,
    TaskKind.UPDATE_ROUND,
    TaskKind.POST_OUTCOME,
    TaskKind.POST_EXPLANATION,
    TaskKind.POST_LEVEL_CHANGE,
    TaskKind.REMIND_WAVE,
    TaskKind.REMIND_VOTER,
    TaskKind.POST_ESCALATION,
    TaskKind.ESCALATION_REMINDER,
    TaskKind.POST_RESOLUTION,
    TaskKind.TELL_CHAIR_UNDELIVERED,
)


@dataclass(frozen=True)
class SweepReport:
    closed: int
    done: int
    failed: int


class Delivery(Rounds):
    """Running due work; closing lapsed rounds comes first (`Rounds.close_round`)."""

    def run_due_work(
        self,
        batch: int = 50,
        stopping: Callable[[], bool] = lambda: False,
        lane: Lane | None = None,
    ) -> SweepReport:
        """Close lapsed rounds, then claim and deliver due tasks until none are left.

        ``lane`` limits the sweep to one lane's work (None: both, one after the other).
        ``stopping`` is asked between deliveries: a process shutting down hands the rest of
        its claimed batch back (``release_claims``) instead of pacing through it.
        """
        now = self._clock.now()
        closed = 0
        if lane is not Lane.BULK:
            with self._store() as store:
                lapsed = store.lapsed_round_ids(now, limit=500)
            for round_id in lapsed:
                try:
                    if self.close_round(round_id, actor=None)[1]:
                        closed += 1
                except Exception:
                    log.exception("closing lapsed round %s failed", round_id)
            for sweep in self._due_work.sweeps:
                try:
                    closed += sweep()
                except Exception:
                    log.exception("sweep %s failed", getattr(sweep, "__name__", sweep))
        done = failed = 0
        while True:
            with self._store() as store:
                tasks = store.claim_due_tasks(
                    self._clock.now(),
                    self._worker_id,
                    self._lease,
                    batch,
                    kinds=BULK_KINDS if lane is Lane.BULK else None,
                    exclude=BULK_KINDS if lane is Lane.INTERACTIVE else None,
                )
            if not tasks:
                break
            for task in tasks:
                if stopping():
                    return SweepReport(closed=closed, done=done, failed=failed)
                if self._run_task(task):
                    done += 1
                else:
                    failed += 1
        return SweepReport(closed=closed, done=done, failed=failed)

    def release_claims(self) -> int:
        """Hand back this process's claimed work at shutdown, so another replica (or the
        next start) takes it at once instead of after the lease."""
        with self._store() as store:
            return store.release_claims(self._worker_id)

    def redraw_stale_rounds(self) -> int:
        """Redraw open rounds that had a response after their last redraw: a redraw owed
        when the process died is not lost (the responses themselves are the record of it)."""
        with self._store() as store:
            stale = store.rounds_changed_since_redraw()
        for round_id in stale:
            self._round_changed(round_id)
        return len(stale)

    def _run_task(self, task: Task) -> bool:
        now = self._clock.now()
        # A batch can take long (pacing, Retry-After waits): renew the claim before each
        # delivery, and skip a task whose lapsed claim another worker has since taken. The
        # same statement notes that a delivery starts, so that if this process dies (or the
        # answer is lost) the next attempt looks for the post before sending it again.
        with self._store() as store:
            if not store.renew_claim(
                task.id, self._worker_id, now + timedelta(seconds=self._lease), attempt_at=now
            ):
                return True
        try:
            self._deliver(task, now)
        except Undeliverable as refused:
            self._park(task, refused, now)
            return False
        except Exception as exc:
            delay = retry_delay(task.attempts)
            if isinstance(exc, NotDelivered):
                delay = max(delay, timedelta(seconds=exc.retry_after))  # the platform's ask
            else:
                delay = max(delay, AMBIGUOUS_RETRY)  # let a late-applied post show in history
            if task.attempts == 0:
                log.warning(
                    "delivering %s for round %s failed (%s); retrying with backoff",
                    task.kind.value,
                    task.round_id,
                    describe_failure(exc),
                )
            with self._store() as store:
                store.retry_task(
                    task.id,
                    self._worker_id,
                    describe_failure(exc),
                    now + delay,
                    # A refusal proves only that this attempt was not applied: an earlier,
                    # uncertain one may still surface, so the next attempt keeps looking.
                    maybe_delivered=(
                        task.attempted_at is not None or not isinstance(exc, NotDelivered)
                    ),
                )
            return False
        with self._store() as store:
            store.finish_task(task.id, self._worker_id, self._clock.now())
        if task.attempts > 0:
            log.info(
                "delivered %s for round %s after %d retries",
                task.kind.value,
                task.round_id,
                task.attempts,
            )
        return True

    def _park(self, task: Task, refused: Undeliverable, now: datetime) -> None:
        """Stop retrying work the platform refuses for good, and tell the round's chair once
        per kind of work and channel (a DM to the chair is not refused by the channel)."""
        if not refused.resumable:
            log.warning(
                "dropped %s for round %s: %s cannot be reached (%s)",
                task.kind.value,
                task.round_id,
                refused.channel,
                refused.reason,
            )
            with self._store() as store:
                store.finish_task(task.id, self._worker_id, now)
            return
        log.warning(
            "parked %s for round %s until the bot can post in %s again (%s)",
            task.kind.value,
            task.round_id,
            refused.channel,
            refused.reason,
        )
        with self._store() as store:
            store.park_task(task.id, self._worker_id, describe_failure(refused), refused.channel)
            if task.round_id is not None and task.kind is not TaskKind.TELL_CHAIR_UNDELIVERED:
                store.add_task(
                    TaskKind.TELL_CHAIR_UNDELIVERED,
                    task.round_id,
                    f"{task.kind.value}:{refused.channel}",
                    now,
                    payload={"channel": refused.channel},
                )
        self._kick()

    def resume_channel(self, channel: str) -> int:
        """The bot may post in ``channel`` again (it was invited back): deliver what waited."""
        with self._store() as store:
            resumed = store.resume_blocked(channel, self._clock.now())
        if resumed:
            self._kick()
        return resumed

    def undelivered(self, round_id: int) -> list[TaskKind]:
        """What the round owes the channel but cannot deliver (the bot lost access)."""
        with self._store() as store:
            return store.blocked_tasks(round_id)

    def _deliver(self, task: Task, now: datetime) -> None:
        late = max(0.0, (now - task.due_at).total_seconds())
        late = late if late > LATE_AFTER.total_seconds() else 0.0
        self._due_work.handler(task.kind)(task, late)

    def _deliver_round(self, task: Task, late: float) -> None:
        if task.kind in ESCALATION_KINDS:
            self._deliver_escalation(task, late)
            return
        assert task.round_id is not None
        with self._store() as store:
            round_ = self._require_round(store, task.round_id)
            view = self._view(store, round_, late)
        if task.kind is TaskKind.POST_ROUND:
            if round_.message_ref:
                return
            ref = self._notifier.post_round(view, task.delivery)
            with self._store() as store:
                fresh = self._require_round(store, task.round_id, lock="update")
                store.save_round(replace(fresh, message_ref=ref))
            if view.tally.stances or self._has_stances(task.round_id):
                self._round_changed(task.round_id)  # votes arrived while it was being posted
        elif task.kind is TaskKind.UPDATE_ROUND:
            self._require_posted(round_)
            self._notifier.update_round(view)
        elif task.kind is TaskKind.POST_OUTCOME:
            self._notifier.post_outcome(view, task.delivery)
        elif task.kind is TaskKind.TELL_CHAIR_UNDELIVERED:
            with self._store() as store:
                parked = store.blocked_tasks(round_.id)
            if parked:  # nothing to say if the bot was invited back meanwhile
                channel = str(task.payload.get("channel", round_.channel))
                self._notifier.tell_chair_undelivered(view, parked, channel, task.delivery)
        elif task.kind is TaskKind.POST_EXPLANATION:
            self._require_posted(round_)
            level = int(task.payload.get("level", 0))
            reason = str(task.payload.get("reason", ""))
            with self._store() as store:
                current = store.stance(round_.id, task.target)
            # A person who has since changed their level no longer stands by this text.
            if current is not None and (current.level, current.reason) == (level, reason):
                ref = self._notifier.post_explanation(view, current, task.delivery)
                with self._store() as store:
                    store.note_posted(task.id, self._worker_id, ref)
        elif task.kind is TaskKind.POST_LEVEL_CHANGE:
            self._require_posted(round_)
            self._post_level_change(task, view)
        elif task.kind is TaskKind.REMIND_WAVE:
            if not round_.is_open:
                return
            # A scheduled wave reaches each person in their daytime; a chair's "remind now"
            # goes at once, as asked. Zones are read before the unit of work (Slack calls).
            scheduled = task.key.startswith(SCHEDULED_WAVE)
            now = self._clock.now()
            due_at = {
                voter: daytime_moment(
                    now, zone_of(self._directory.timezone(voter)), round_.closes_at
                )
                if scheduled
                else now
                for voter in view.tally.not_responded
            }
            with self._store() as store:
                for voter, when in due_at.items():
                    store.add_task(
                        TaskKind.REMIND_VOTER, round_.id, f"{task.key}:{voter}", when, target=voter
                    )
            self._kick()
        elif (
            task.kind is TaskKind.REMIND_VOTER
            and round_.is_open
            and task.target in view.tally.not_responded
        ):
            # The data decides: nobody who has voted, and nobody after the close, is chased.
            self._notifier.remind_voter(view, task.target, task.delivery)

    def _post_level_change(self, task: Task, view: RoundView) -> None:
        """Redraw the person's explanations that no longer stand (idempotent), then post
        the note once (its delivery key)."""
        round_ = view.round
        with self._store() as store:
            posted = store.posted(TaskKind.POST_EXPLANATION, round_.id, task.target)
            current = store.stance(round_.id, task.target)
        for ref, payload in posted:
            earlier = Stance(
                task.target, int(payload.get("level", 0)), str(payload.get("reason", ""))
            )
            if current is None or (current.level, current.reason) != (
                earlier.level,
                earlier.reason,
            ):
                self._notifier.mark_explanation_changed(view, ref, earlier)
        change = LevelChange(
            task.target,
            int(task.payload.get("from", 0)),
            int(task.payload.get("to", 0)),
            TextKind(str(task.payload.get("kind", TextKind.NONE.value))),
        )
        self._notifier.post_level_change(view, change, task.delivery)

    def _has_stances(self, round_id: int) -> bool:
        with self._store() as store:
            return bool(store.stances(round_id))

    @staticmethod
    def _require_posted(round_: Round) -> None:
        if not round_.message_ref:
            raise Conflict(RoundProblem.NOT_POSTED_YET, round=round_.id)

    def _deliver_escalation(self, task: Task, late: float) -> None:
        assert task.escalation_id is not None
        with self._store() as store:
            escalation = store.get_escalation(task.escalation_id)
            if escalation is None:
                return
            round_view = self._view(store, self._require_round(store, escalation.round_id), late)
        if task.kind is TaskKind.POST_RESOLUTION:
            if not escalation.is_open:
                self._notifier.post_resolution(
                    EscalationView(escalation, round_view), Audience(task.key), task.delivery
                )
            return
        if not escalation.is_open:
            return
        if task.kind is TaskKind.POST_ESCALATION:
            if escalation.message_ref:
                return
            ref = self._notifier.post_escalation(
                EscalationView(escalation, round_view), task.delivery
            )
            with self._store() as store:
                store.save_escalation(replace(escalation, message_ref=ref))
        else:
            label = task.key.split(":", 1)[0]
            self._notifier.remind_escalation(
                EscalationView(escalation, round_view, label), task.delivery
            )


def retry_delay(attempts: int) -> timedelta:
    """How long a failed delivery waits: 1 s, 4 s, 16 s, … up to 15 minutes.

    The first retry comes quickly because most failures (a 5xx, a dropped connection) pass
    within seconds; later ones back off so an outage is not hammered.
    """
    return min(FIRST_RETRY * int(4 ** min(attempts, 10)), MAX_BACKOFF)
