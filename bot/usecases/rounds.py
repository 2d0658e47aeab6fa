"""Rounds: starting one (idempotent), the chair's controls (close, extend, cancel, remind),
redrawing its message, and reading rounds as a person may see them.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.deadline import DEFAULT_ZONE, Deadline, resolve_deadline, zone_of
from bot.domain.eligibility import Ineligible, NotEligible, Where, not_people, outside
from bot.domain.errors import Conflict, InvalidInput, NotFound
from bot.domain.quiet_hours import daytime_moment
from bot.domain.roster import Representation, RosterProblem, snapshot
from bot.domain.round import (
    MAX_VOTERS,
    ChairAction,
    Round,
    RoundDraft,
    RoundProblem,
    RoundStatus,
    Stance,
    clean_text,
    validate_window,
)
from bot.domain.tally import tally
from bot.due_work import DueWorkTable
from bot.partnership_settings import REPRESENTATION
from bot.ports import HistoryEntry, RoundView, Store, Task, TaskKind
from bot.record_entries import EntryKind, entry_text
from bot.starts import StartKeys, start_keys
from bot.usecases.context import UseCaseContext, describe_failure, no_such_round

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Opening:
    """The answer to a start: the round, and whether this start opened it (False: the same
    request, or a repeat of it, had already opened it)."""

    round: Round
    opened: bool
    # Channel members who could not be voters (bots, closed accounts), for the chair.
    left_out: tuple[Ineligible, ...] = ()
    # Named voters outside the channel, included on purpose: they cannot read the round.
    outside: tuple[str, ...] = ()
    # The zone assumed for the chair, whose profile has none (None: their own zone is known).
    assumed_zone: str | None = None


class _StartRaced(Exception):
    """A concurrent start committed one of this start's keys first."""


# A start that loses a race is retried this many times; the next attempt finds the winner.
START_ATTEMPTS = 3


# The key prefix of a reminder wave scheduled with the round (not a chair's "remind now").
SCHEDULED_WAVE = "at:"


class Rounds(UseCaseContext):
    """Opening, chairing and reading rounds."""

    # ----------------------------------------------------------------- starting a round
    def start_round(self, draft: RoundDraft, deadline: Deadline | None = None) -> Round:
        """Open a round and queue its message (see `open_round`); returns the round."""
        return self.open_round(draft, deadline).round

    def open_round(self, draft: RoundDraft, deadline: Deadline | None = None) -> Opening:
        """Open a round and queue its message, once per request (bot.starts).

        Voters default to the channel's people; the chair is the person who started it. A
        draft with a ``request`` id that, or a repeat of which, already opened a round opens
        nothing: the answer is that round, with ``opened`` False.

        Raises:
            InvalidInput: no proposal, no voters, or a deadline that is not in the future.
        """
        now = self._clock.now()
        title = clean_text(draft.title)
        if not title:
            raise InvalidInput(RoundProblem.NO_TITLE)
        keys = start_keys(draft, title, now)
        if keys is not None:
            # Before asking the directory for the channel's people: a repeat needs nothing.
            with self._store() as store:
                earlier = self._started(store, keys, release=False)
            if earlier is not None:
                return Opening(earlier, opened=False)
        voters, left_out, outside_channel = self._eligible_voters(draft)
        if not voters:
            raise InvalidInput(RoundProblem.NO_VOTERS)
        if len(voters) > MAX_VOTERS:
            raise InvalidInput(RoundProblem.TOO_MANY_VOTERS, limit=MAX_VOTERS, count=len(voters))
        chair_zone = self._directory.timezone(draft.chair)
        if draft.closes_at is not None:
            closes_at = draft.closes_at
        elif deadline is not None:
            closes_at = resolve_deadline(deadline, now, chair_zone)
        else:
            closes_at = now + (draft.duration or timedelta(days=3))
        validate_window(now, closes_at)
        draft = replace(draft, title=title, details=clean_text(draft.details), voters=voters)
        for _ in range(START_ATTEMPTS):
            try:
                opening = self._open(draft, keys, now, closes_at)
            except _StartRaced:
                continue
            if opening.opened:
                self._kick()
                assumed = DEFAULT_ZONE if chair_zone is None else None
                return replace(
                    opening, left_out=left_out, outside=outside_channel, assumed_zone=assumed
                )
            return opening
        raise Conflict(RoundProblem.START_BUSY)

    def _eligible_voters(
        self, draft: RoundDraft
    ) -> tuple[tuple[str, ...], tuple[Ineligible, ...], tuple[str, ...]]:
        """(voters, people left out of the channel's members, named voters outside it).

        Named voters must all be people in the channel, unless the chair includes those
        outside on purpose; otherwise nothing opens. From the channel's members, bots and
        closed accounts are left out, and the chair is told who.
        """
        named = tuple(v for v in dict.fromkeys(draft.voters) if v not in draft.bots)
        if not named:
            members = self._directory.human_members(draft.channel)
            members = [m for m in dict.fromkeys(members) if m not in draft.bots]
            left_out = not_people({m: self._directory.standing(m) for m in members})
            dropped = {p.user for p in left_out}
            return tuple(m for m in members if m not in dropped), left_out, ()
        refused = not_people({v: self._directory.standing(v) for v in named})
        carried_over_closed: tuple[Ineligible, ...] = ()
        if refused and draft.parent_id is not None:
            # A revision carries its parent's voters over: an account closed since then is
            # left out (the new round's message lists who is asked), not a reason to refuse
            # the revision, which otherwise nobody could ever revise.
            dropped = {p.user for p in refused}
            named = tuple(v for v in named if v not in dropped)
            carried_over_closed = refused
        elif refused:
            raise NotEligible(refused, Where.VOTERS)
        away = outside(named, self._directory.channel_people(draft.channel))
        if away and not draft.include_outside:
            raise NotEligible(away, Where.VOTERS)
        return named, carried_over_closed, tuple(p.user for p in away)

    def _open(
        self, draft: RoundDraft, keys: StartKeys | None, now: datetime, closes_at: datetime
    ) -> Opening:
        with self._store() as store:
            if keys is not None:
                earlier = self._started(store, keys, release=True)
                if earlier is not None:
                    return Opening(earlier, opened=False)
            draft = with_roster(draft, store)
            round_ = store.add_round(draft, opened_at=now, closes_at=closes_at)
            # The unique key decides between concurrent starts; the loser rolls back here.
            if keys is not None and not all(
                store.claim_start(key, round_.id, now) for key in keys.all
            ):
                raise _StartRaced
            store.record(
                HistoryEntry(now, round_.id, EntryKind.ROUND_OPENED, draft.chair, text=draft.title),
                round_.workspace,
            )
            store.add_task(TaskKind.POST_ROUND, round_.id, "", now)
            self._schedule_reminders(store, round_)
        return Opening(round_, opened=True)

    @staticmethod
    def _started(store: Store, keys: StartKeys, *, release: bool) -> Round | None:
        """The round this start repeats, if any; ``release`` frees keys of ended rounds."""
        held = store.started_under(keys.all)
        if keys.request in held:  # the very same request: whatever became of its round
            return store.get_round(held[keys.request])
        for key in keys.repeat:
            if key not in held:
                continue
            round_ = store.get_round(held[key])
            if round_ is not None and round_.is_open:
                return round_
            if release:  # ended (closed, cancelled): starting it again is a new round
                store.release_start(key, held[key])
        return None

    def _schedule_reminders(self, store: Store, round_: Round) -> None:
        for when in round_.reminder_times():
            store.add_task(
                TaskKind.REMIND_WAVE, round_.id, f"{SCHEDULED_WAVE}{when.isoformat()}", when
            )

    def refresh_message(
        self, round_id: int, min_interval: float = 0.0, wall_now: datetime | None = None
    ) -> float:
        """Redraw an open round's message from the database (called coalesced).

        At most one redraw per ``min_interval`` seconds per round across every process:
        returns 0 once redrawn (or nothing to draw), else the seconds to wait before trying
        again. The limit is Slack's, in real time: ``wall_now``, not the round's clock. A redraw that fails becomes due work (retried with backoff), so the message
        ends up showing the true count even if no further vote comes. A redraw that raced
        the close may have drawn the open round over the final one; it is drawn again.
        """
        with self._store() as store:
            round_ = self._require_round(store, round_id)
            if not round_.is_open or not self._is_posted(store, round_):
                return 0.0
            if min_interval > 0:
                wait = store.claim_redraw(round_id, wall_now or self._clock.now(), min_interval)
                if wait > 0:
                    return wait
            view = self._view(store, round_)
        try:
            self._notifier.update_round(view)
        except Exception as exc:
            log.warning("redrawing round %s failed (%s); queued", round_id, describe_failure(exc))
            self._queue_redraw(round_id)
            return 0.0
        with self._store() as store:
            still_open = self._require_round(store, round_id).is_open
        if not still_open:
            self._queue_redraw(round_id)
        return 0.0

    def _queue_redraw(self, round_id: int) -> None:
        now = self._clock.now()
        with self._store() as store:
            if store.next_due([TaskKind.UPDATE_ROUND], round_id) is None:
                store.add_task(TaskKind.UPDATE_ROUND, round_id, f"redraw:{uuid.uuid4().hex}", now)
        self._kick()

    # ----------------------------------------------------------------- chair controls
    def close_round(self, round_id: int, actor: str | None) -> tuple[Round, bool]:
        """Close a round and queue its outcome; ``actor`` None means the deadline closed it.

        Returns the round and whether this call closed it (False: it was already closed).
        """
        now = self._clock.now()
        with self._store() as store:
            round_ = self._require_round(store, round_id, lock="update")
            if actor is not None:
                round_.require_chair(actor, ChairAction.CLOSE)
            if round_.status is RoundStatus.CANCELLED:
                raise Conflict(RoundProblem.CANCELLED_NO_OUTCOME, round=round_id)
            if round_.status is RoundStatus.CLOSED:
                return round_, False
            result = tally(round_, store.stances(round_id))
            closed_at = min(now, round_.closes_at) if actor is None else now
            round_ = replace(
                round_,
                status=RoundStatus.CLOSED,
                closed_at=closed_at,
                outcome=result.outcome.value,
            )
            store.save_round(round_)
            store.record(
                HistoryEntry(
                    now,
                    round_id,
                    EntryKind.ROUND_CLOSED,
                    actor or "deadline",
                    text=entry_text(EntryKind.ROUND_CLOSED, outcome=result.outcome),
                ),
                round_.workspace,
            )
            store.drop_pending_tasks([TaskKind.REMIND_WAVE, TaskKind.REMIND_VOTER], round_id)
            # Due at the moment it closed, so an outcome posted after downtime says it is late.
            store.add_task(TaskKind.UPDATE_ROUND, round_id, "final", closed_at)
            store.add_task(TaskKind.POST_OUTCOME, round_id, "", closed_at)
        self._kick()
        return round_, True

    def cancel_round(self, round_id: int, actor: str) -> Round:
        now = self._clock.now()
        with self._store() as store:
            round_ = self._require_round(store, round_id, lock="update")
            round_.require_chair(actor, ChairAction.CANCEL)
            round_.require_open(now)
            round_ = replace(round_, status=RoundStatus.CANCELLED, closed_at=now)
            store.save_round(round_)
            store.record(
                HistoryEntry(now, round_id, EntryKind.ROUND_CANCELLED, actor), round_.workspace
            )
            store.drop_pending_tasks([TaskKind.REMIND_WAVE, TaskKind.REMIND_VOTER], round_id)
            store.add_task(TaskKind.UPDATE_ROUND, round_id, "final", now)
        self._kick()
        return round_

    def extend_round(self, round_id: int, actor: str, deadline: Deadline) -> Round:
        now = self._clock.now()
        if deadline.duration is not None:
            with self._store() as store:
                current = self._require_round(store, round_id)
            closes_at = current.closes_at + deadline.duration
        else:
            closes_at = resolve_deadline(deadline, now, self._directory.timezone(actor))
        with self._store() as store:
            round_ = self._require_round(store, round_id, lock="update")
            round_.require_chair(actor, ChairAction.EXTEND)
            round_ = round_.extended(closes_at, now)
            store.save_round(round_)
            store.record(
                HistoryEntry(
                    now, round_id, EntryKind.ROUND_EXTENDED, actor, text=closes_at.isoformat()
                ),
                round_.workspace,
            )
            # Reminders keep their share of the (now longer) window.
            store.drop_pending_tasks([TaskKind.REMIND_WAVE], round_id)
            for when in round_.reminder_times():
                if when > now:
                    store.add_task(
                        TaskKind.REMIND_WAVE, round_id, f"{SCHEDULED_WAVE}{when.isoformat()}", when
                    )
        self._round_changed(round_id)
        return round_

    def remind_now(self, round_id: int, actor: str) -> int:
        """Chase everyone who has not responded yet; returns how many will be reminded."""
        now = self._clock.now()
        with self._store() as store:
            round_ = self._require_round(store, round_id)
            round_.require_chair(actor, ChairAction.REMIND)
            round_.require_open(now)
            waiting = tally(round_, store.stances(round_id)).not_responded
            store.add_task(TaskKind.REMIND_WAVE, round_id, f"manual:{now.isoformat()}", now)
            store.record(HistoryEntry(now, round_id, EntryKind.REMIND_NOW, actor), round_.workspace)
        self._kick()
        return len(waiting)

    # ----------------------------------------------------------------- reading
    def can_read(self, round_: Round, reader: str) -> bool:
        """Reading is authorized like voting: a round is shown to the people in the channel
        it is held in, to its voters and to its chair, and to nobody else.

        Asks the directory (cached), so never call it inside a unit of work.
        """
        return bool(self.readable([round_], reader))

    def readable(self, rounds: Sequence[Round], reader: str) -> list[Round]:
        """The rounds ``reader`` may see (`can_read`), in order; the directory is asked at
        most once per channel, and not at all for a round's chair or voters."""
        in_channel: dict[str, bool] = {}
        shown: list[Round] = []
        for round_ in rounds:
            if not (reader == round_.chair or round_.is_voter(reader)):
                if round_.channel not in in_channel:
                    in_channel[round_.channel] = self._directory.is_member(round_.channel, reader)
                if not in_channel[round_.channel]:
                    continue
            shown.append(round_)
        return shown

    def require_readable(self, round_: Round, reader: str) -> None:
        """Refuse a round ``reader`` may not see exactly as if it did not exist.

        Raises:
            NotFound: the same error, word for word, as for a round number never used.
        """
        if not self.can_read(round_, reader):
            raise no_such_round(round_.id)

    def find_round(
        self,
        workspace: str,
        channel: str,
        round_id: int | None,
        *,
        reader: str,
        closed: bool = False,
    ) -> Round:
        """The round named, or the latest open (``closed``: closed) round in the channel,
        if ``reader`` may see it (see `can_read`); otherwise as if there were none."""
        with self._store() as store:
            if round_id is not None:
                named = store.get_round(round_id)
                if named is None or named.workspace != workspace:
                    raise no_such_round(round_id)
                candidates = [named]
            elif closed:
                candidates = store.closed_rounds(workspace, channel, 1)
            else:
                candidates = store.open_rounds(workspace, channel)[-1:]
        # The directory is asked after the unit of work: it may call the chat platform.
        if candidates and self.can_read(candidates[0], reader):
            return candidates[0]
        if round_id is not None:
            raise no_such_round(round_id)
        if closed:
            raise NotFound(RoundProblem.NONE_CLOSED)
        raise NotFound(RoundProblem.NONE_OPEN)

    def view(self, round_id: int) -> RoundView:
        with self._store() as store:
            return self._view(store, self._require_round(store, round_id))

    def open_views(
        self, workspace: str, channel: str | None = None, *, reader: str | None = None
    ) -> list[RoundView]:
        """The open rounds (of a channel), as ``reader`` may see them; None: all of them."""
        with self._store() as store:
            views = [self._view(store, r) for r in store.open_rounds(workspace, channel)]
        if reader is None:
            return views
        shown = {r.id for r in self.readable([v.round for v in views], reader)}
        return [v for v in views if v.round.id in shown]

    def stance_of(self, round_id: int, voter: str) -> Stance | None:
        with self._store() as store:
            return store.stance(round_id, voter)

    def history(self, round_id: int) -> list[HistoryEntry]:
        with self._store() as store:
            return store.history(round_id)

    # ----------------------------------------------------------------- due work
    def _register_round_work(self, table: DueWorkTable) -> None:
        """A round's due work: its message, posted and then redrawn; its outcome; and the
        reminders to those who have not responded (a wave, then one per person)."""
        table.register_each(
            {
                TaskKind.POST_ROUND: self._post_round,
                TaskKind.UPDATE_ROUND: self._redraw_round,
                TaskKind.POST_OUTCOME: self._post_outcome,
                TaskKind.REMIND_WAVE: self._remind_wave,
                TaskKind.REMIND_VOTER: self._remind_voter,
            }
        )

    def _post_round(self, task: Task, late: float) -> None:
        view = self._task_view(task, late)
        round_ = view.round
        if round_.message_ref:
            return
        ref = self._notifier.post_round(view, task.delivery)
        if ref is not None:
            with self._store() as store:
                fresh = self._require_round(store, round_.id, lock="update")
                store.save_round(replace(fresh, message_ref=ref))
        if view.progress.responded or self._has_stances(round_.id):
            self._round_changed(round_.id)  # votes arrived while it was being posted

    def _has_stances(self, round_id: int) -> bool:
        with self._store() as store:
            return bool(store.stances(round_id))

    def _redraw_round(self, task: Task, late: float) -> None:
        view = self._task_view(task, late)
        self._require_posted(view.round)
        self._notifier.update_round(view)

    def _post_outcome(self, task: Task, late: float) -> None:
        self._notifier.post_outcome(self._task_view(task, late), task.delivery)

    def _remind_wave(self, task: Task, late: float) -> None:
        view = self._task_view(task, late)
        round_ = view.round
        if not round_.is_open:
            return
        # A scheduled wave reaches each person in their daytime; a chair's "remind now"
        # goes at once, as asked. Zones are read before the unit of work (Slack calls).
        scheduled = task.key.startswith(SCHEDULED_WAVE)
        now = self._clock.now()
        due_at = {
            voter: daytime_moment(now, zone_of(self._directory.timezone(voter)), round_.closes_at)
            if scheduled
            else now
            for voter in view.progress.not_responded
        }
        with self._store() as store:
            for voter, when in due_at.items():
                store.add_task(
                    TaskKind.REMIND_VOTER, round_.id, f"{task.key}:{voter}", when, target=voter
                )
        self._kick()

    def _remind_voter(self, task: Task, late: float) -> None:
        assert task.round_id is not None
        with self._store() as store:
            round_ = self._require_round(store, task.round_id)
            if not round_.is_open:
                return
            # A wave asks for the same round once per person: the count is read again only
            # when who has responded has changed (what a reminder shows holds no level).
            version = (round_.status, round_.closes_at, store.stances_version(round_.id))
            counted = self._recent_counts.get(round_.id, version)
            if counted is None:
                counted = tally(round_, store.stances(round_.id))
                self._recent_counts.put(round_.id, version, counted)
            view = self._view(store, round_, late, counted)
        # The data decides: nobody who has voted, and nobody after the close, is chased.
        if task.target in view.progress.not_responded:
            self._notifier.remind_voter(view, task.target, task.delivery)


def with_roster(draft: RoundDraft, store: Store) -> RoundDraft:
    """Copy the partnership roster onto a new round; without a roster, everyone votes."""
    roster = store.roster(draft.workspace)
    if not roster:
        return draft
    setting = store.get_setting(draft.workspace, REPRESENTATION)
    voters, members = snapshot(draft.voters, roster, Representation(setting or "sector"))
    if not voters:
        raise InvalidInput(RosterProblem.NOBODY_HERE)
    return replace(draft, voters=voters, members=members)
