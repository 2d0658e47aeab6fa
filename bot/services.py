"""Use-cases: each authorizes, changes state in one unit of work, then lets the world know.

Side effects on the chat platform are never done inside a request: they are stored as due
work (tasks) in the same transaction as the change that causes them, then delivered by the
worker (kicked at once, and swept on an interval). So a crash cannot lose them, and the
atomic claim in storage means several processes never deliver one twice.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bot.deadline import DEFAULT_ZONE, Deadline, resolve_deadline, zone_of
from bot.domain.eligibility import Ineligible, NotEligible, Where, not_people, outside
from bot.domain.errors import (
    Conflict,
    ConsensusError,
    InvalidInput,
    NotAllowed,
    NotFound,
    Person,
    Place,
    Problem,
    Typed,
)
from bot.domain.quiet_hours import daytime_moment
from bot.domain.roster import Representation, ResponseStanding, RosterProblem, Standing, snapshot
from bot.domain.round import (
    MAX_VOTERS,
    ChairAction,
    Round,
    RoundDraft,
    RoundProblem,
    RoundStatus,
    Stance,
    check_stance,
    clean_text,
    validate_window,
)
from bot.domain.scale import LEVELS, Explanation, TextKind
from bot.domain.tally import Outcome, standing_in, tally
from bot.due_work import DueWorkTable
from bot.group_commit import GroupCommitter
from bot.partnership_settings import REPRESENTATION
from bot.ports import (
    Audience,
    Clock,
    Directory,
    Escalation,
    EscalationView,
    HistoryEntry,
    LevelChange,
    NotDelivered,
    Notifier,
    RoundView,
    Store,
    StoreFactory,
    Task,
    TaskKind,
    Undeliverable,
)
from bot.starts import StartKeys, start_keys

log = logging.getLogger(__name__)

STEERING_CHANNEL = "steering_channel"
COORDINATORS = "coordinators"  # JSON list of user ids named by a workspace admin
ESCALATION_DAYS = "escalation_days"
DEFAULT_ESCALATION_DAYS = 45
# Due work that is this late when finally done is announced as late (the bot was down).
LATE_AFTER = timedelta(minutes=2)
FIRST_RETRY = timedelta(seconds=1)
# After an uncertain failure (no answer, a 5xx), Slack may still apply the post a moment
# later; the retry, which looks for it first, waits this long at least.
AMBIGUOUS_RETRY = timedelta(seconds=5)
MAX_BACKOFF = timedelta(minutes=15)


# A response that counts for a seat of its own: a cast result's standing until it is read.
_COUNTS_ALONE = ResponseStanding(Standing.OWN_SEAT)


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


class CoordinatorProblem(Problem):
    """Partnership settings asked for by someone who may not change them."""

    # Who may: workspace admins only, or workspace admins and the coordinators named.
    ADMINS_ONLY = "coordinator.admins_only"
    ADMINS_AND_NAMED = "coordinator.admins_and_named"


class CoordinatorAction(StrEnum):
    """What only the partnership's coordinators may do (named in the refusal)."""

    NAME_COORDINATORS = "name_coordinators"
    CHOOSE_STEERING = "choose_steering"
    CHANGE_ROSTER = "change_roster"
    CHANGE_RULES = "change_rules"


@dataclass(frozen=True)
class _Vote:
    round_id: int
    voter: str
    level: int
    reason: str | None  # None: keep the text given with the earlier level, if it applies


@dataclass(frozen=True)
class CastResult:
    round: Round
    stance: Stance
    previous_level: int | None
    # Whether this response counts, and why not when it does not (as the tally decides).
    standing: ResponseStanding = _COUNTS_ALONE


@dataclass(frozen=True)
class PersonalView:
    """A round as one person sees it (see `personal_view`)."""

    view: RoundView
    standing: ResponseStanding
    mine: Stance | None


def personal(view: RoundView, stances: Sequence[Stance], viewer: str) -> PersonalView:
    mine = next((s for s in stances if s.voter == viewer), None)
    return PersonalView(view, standing_in(view.round, stances, viewer), mine)


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


class Lane(StrEnum):
    """Due work is swept in two lanes, so paced bulk work never delays what people wait for."""

    INTERACTIVE = "interactive"
    BULK = "bulk"


# The key prefix of a reminder wave scheduled with the round (not a chair's "remind now").
SCHEDULED_WAVE = "at:"
# Due work about an escalation (the task names it).
ESCALATION_KINDS = frozenset(
    {TaskKind.POST_ESCALATION, TaskKind.ESCALATION_REMINDER, TaskKind.POST_RESOLUTION}
)
# Work sent to many people at a paced rate (reminder DMs): the bulk lane's.
BULK_KINDS = frozenset({TaskKind.REMIND_VOTER})
# The due work this service delivers itself (recorded votes are bot.governance's).
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


def _noop() -> None:
    return None


class ConsensusService:
    """The bot's use-cases, independent of chat platform and database."""

    def __init__(
        self,
        store: StoreFactory,
        clock: Clock,
        notifier: Notifier,
        directory: Directory,
        *,
        worker_id: str = "worker",
        kick: Callable[[], None] = _noop,
        on_round_changed: Callable[[int], None] | None = None,
        lease_seconds: float = 120.0,
        due_work: DueWorkTable | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._notifier = notifier
        self._directory = directory
        self._worker_id = worker_id
        self._kick = kick
        self._on_round_changed = on_round_changed
        self._lease = lease_seconds
        self._votes: GroupCommitter[_Vote, CastResult] = GroupCommitter(
            self._cast_batch, name="votes"
        )
        # One table for every concept's due work (bot.due_work); alone, a table of its own.
        self._due_work = due_work if due_work is not None else DueWorkTable()
        self._due_work.register(ROUND_KINDS, self._deliver_round)

    @property
    def directory(self) -> Directory:
        """What the platform says about people (for the governance use-cases)."""
        return self._directory

    def now(self) -> datetime:
        """The service's clock, so front ends validate against the same time."""
        return self._clock.now()

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
        if refused:
            raise NotEligible(refused, Where.VOTERS)
        away = outside(named, self._directory.channel_people(draft.channel))
        if away and not draft.include_outside:
            raise NotEligible(away, Where.VOTERS)
        return named, (), tuple(p.user for p in away)

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
                HistoryEntry(now, round_.id, "round_opened", draft.chair, text=draft.title),
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

    # ----------------------------------------------------------------- voting
    def cast_stance(
        self, round_id: int, voter: str, level: int, reason: str | None = None
    ) -> CastResult:
        """Record a person's level; a later choice replaces the earlier one.

        ``reason`` None (a level picked without a form) keeps the text given with the earlier
        level when it is of the same kind (a reservation stays a reservation from 3 to 2);
        "" removes it.

        Committed before returning, so a front end can acknowledge only stored votes. Votes
        that arrive together are committed together (see bot.group_commit).

        Raises:
            NotFound, NotAllowed, Conflict, InvalidInput: this vote was refused.
        """
        return self._votes.submit(_Vote(round_id, voter, level, reason))

    def cast_stance_future(
        self, round_id: int, voter: str, level: int, reason: str | None = None
    ) -> Future[CastResult]:
        """`cast_stance` for front ends that wait without a thread: resolves once committed."""
        return self._votes.submit_future(_Vote(round_id, voter, level, reason))

    def _cast_batch(self, votes: Sequence[_Vote]) -> list[CastResult | BaseException]:
        """One unit of work for a batch of votes, with a few set-wise statements per round."""
        now = self._clock.now()
        outcomes: list[CastResult | BaseException] = []
        explained = False
        first_responses: set[int] = set()
        with self._store() as store:
            rounds: dict[int, Round | ConsensusError] = {}
            latest: dict[int, dict[str, Stance]] = {}
            for round_id in dict.fromkeys(v.round_id for v in votes):
                try:
                    rounds[round_id] = self._require_round(store, round_id, lock="share")
                except ConsensusError as error:
                    rounds[round_id] = error
                    continue
                voters = [v.voter for v in votes if v.round_id == round_id]
                latest[round_id] = store.stances_of(round_id, voters)
            stored: dict[int, list[Stance]] = {}
            entries: dict[str, list[HistoryEntry]] = {}
            for vote in votes:
                round_ = rounds[vote.round_id]
                try:
                    if isinstance(round_, ConsensusError):
                        raise round_
                    previous = latest[round_.id].get(vote.voter)
                    reason = vote.reason
                    if reason is None:
                        reason = kept_text(round_, previous, vote.level)
                    stance = check_stance(round_, vote.voter, vote.level, reason, now)
                except ConsensusError as error:  # refused: only this caller hears of it
                    outcomes.append(error)
                    continue
                latest[round_.id][vote.voter] = stance  # a second vote in the batch follows it
                stored.setdefault(round_.id, []).append(stance)
                entries.setdefault(round_.workspace, []).append(
                    HistoryEntry(
                        now, round_.id, "stance", vote.voter, level=vote.level, text=stance.reason
                    )
                )
                if self._queue_explanation(store, round_, stance, previous, now):
                    explained = True
                if self._queue_level_change(store, round_, stance, previous, now):
                    explained = True
                if previous is None:
                    first_responses.add(round_.id)
                outcomes.append(CastResult(round_, stance, previous.level if previous else None))
            for round_id, stances in stored.items():
                store.put_stances(round_id, stances)
            outcomes = [
                self._with_standing(store, outcome) if isinstance(outcome, CastResult) else outcome
                for outcome in outcomes
            ]
            for workspace, items in entries.items():
                store.record_many(items, workspace)
        if explained:
            self._kick()
        for round_id in first_responses:
            # The message shows who responded, never levels: only a first response changes it.
            self._round_changed(round_id)
        return outcomes

    @staticmethod
    def _queue_explanation(
        store: Store, round_: Round, stance: Stance, previous: Stance | None, now: datetime
    ) -> bool:
        """Queue a level-5/6 explanation for the thread; True when one was queued."""
        if round_.profile.level(stance.level).explanation is not Explanation.REQUIRED:
            return False
        # The same submission delivered again (a retry, a double submit) changes nothing,
        # so it must not post the explanation in the thread a second time.
        if previous is not None and (previous.level, previous.reason) == (
            stance.level,
            stance.reason,
        ):
            return False
        store.add_task(
            TaskKind.POST_EXPLANATION,
            round_.id,
            f"{stance.voter}:{now.isoformat()}:{uuid.uuid4().hex[:8]}",  # one per submission
            now,
            target=stance.voter,
            payload={"level": stance.level, "reason": stance.reason},
        )
        return True

    @staticmethod
    def _queue_level_change(
        store: Store, round_: Round, stance: Stance, previous: Stance | None, now: datetime
    ) -> bool:
        """Queue a thread note when someone who explained a 5 or 6 moves to another level;
        True when one was queued."""
        if previous is None or previous.level == stance.level or not previous.reason:
            return False
        earlier = round_.profile.level(previous.level)
        if earlier.explanation is not Explanation.REQUIRED:
            return False
        store.add_task(
            TaskKind.POST_LEVEL_CHANGE,
            round_.id,
            f"{stance.voter}:{now.isoformat()}:{uuid.uuid4().hex[:8]}",  # one per change
            now,
            target=stance.voter,
            payload={
                "from": previous.level,
                "to": stance.level,
                "kind": earlier.text_kind.value,
            },
        )
        return True

    @staticmethod
    def _with_standing(store: Store, result: CastResult) -> CastResult:
        """The result with the response's standing, from the responses of the person's group
        only (a seat of one's own needs no read)."""
        round_ = result.round
        voter = result.stance.voter
        group = {voter}
        member = round_.member(voter)
        if member is not None:
            group.update(m.user for m in round_.members if m.seat == member.seat)
        stances = store.stances_of(round_.id, sorted(group)).values() if len(group) > 1 else ()
        return replace(result, standing=standing_in(round_, [*stances, result.stance], voter))

    def personal_view(self, round_id: int, viewer: str) -> PersonalView:
        """A round as ``viewer`` sees it: with their own level, and whether it counts (or
        would, once given) and why, read together so the counts agree."""
        with self._store() as store:
            round_ = self._require_round(store, round_id)
            return personal(self._view(store, round_), store.stances(round_id), viewer)

    def saved_text(self, round_id: int, voter: str, level: int) -> str:
        """The text ``voter`` last gave in the round with a level whose text is of the same
        kind as ``level``'s (what its form opens with); "" when none."""
        with self._store() as store:
            round_ = self._require_round(store, round_id)
            entries = store.history(round_id, voter)
        profile = round_.profile
        kind = profile.level(level).text_kind
        if kind is TextKind.NONE:
            return ""
        given = [
            e.text
            for e in entries
            if e.kind == "stance"
            and e.actor == voter
            and e.level in LEVELS
            and profile.level(e.level).text_kind is kind
        ]
        return given[-1] if given else ""

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
            if not round_.is_open or not round_.message_ref:
                return 0.0
            if min_interval > 0:
                wait = store.claim_redraw(round_id, wall_now or self._clock.now(), min_interval)
                if wait > 0:
                    return wait
            view = self._view(store, round_)
        try:
            self._notifier.update_round(view)
        except Exception as exc:
            log.warning("redrawing round %s failed (%s); queued", round_id, _describe(exc))
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

    def add_reason(self, round_id: int, voter: str, reason: str) -> CastResult:
        """Attach an optional reservation to the person's current level ("" removes it)."""
        with self._store() as store:
            current = store.stance(round_id, voter)
        if current is None:
            raise Conflict(RoundProblem.NO_LEVEL_YET)
        return self.cast_stance(round_id, voter, current.level, reason)

    def _round_changed(self, round_id: int) -> None:
        if self._on_round_changed is not None:
            self._on_round_changed(round_id)

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
                    "round_closed",
                    actor or "deadline",
                    text=result.outcome.value,
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
            store.record(HistoryEntry(now, round_id, "round_cancelled", actor), round_.workspace)
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
                HistoryEntry(now, round_id, "round_extended", actor, text=closes_at.isoformat()),
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
            store.record(HistoryEntry(now, round_id, "remind_now", actor), round_.workspace)
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

    def _view(self, store: Store, round_: Round, late: float = 0.0) -> RoundView:
        now = self._clock.now()
        next_reminder = None
        if round_.is_open:
            next_reminder = store.next_due([TaskKind.REMIND_WAVE], round_.id)
        return RoundView(
            round=round_,
            tally=tally(round_, store.stances(round_.id)),
            now=now,
            next_reminder=next_reminder,
            late_by_seconds=late,
        )

    @staticmethod
    def _require_round(store: Store, round_id: int, lock: str | None = None) -> Round:
        round_ = store.get_round(round_id, lock=lock)  # type: ignore[arg-type]
        if round_ is None:
            raise no_such_round(round_id)
        return round_

    # ----------------------------------------------------------------- escalation
    # ----------------------------------------------------------------- coordinators
    def coordinators(self, workspace: str) -> tuple[str, ...]:
        """The people named to manage the partnership's settings (besides workspace admins)."""
        with self._store() as store:
            raw = store.get_setting(workspace, COORDINATORS)
        return tuple(json.loads(raw)) if raw else ()

    def is_coordinator(self, workspace: str, user: str) -> bool:
        return user in self.coordinators(workspace) or self._directory.is_admin(user, workspace)

    def require_coordinator(self, workspace: str, user: str, action: CoordinatorAction) -> None:
        """Refuse partnership settings (roster, steering channel, vote rules) to others.

        Raises:
            NotAllowed: naming who may do it instead.
        """
        if self.is_coordinator(workspace, user):
            return
        named = tuple(Person(u) for u in self.coordinators(workspace))
        if not named:
            raise NotAllowed(CoordinatorProblem.ADMINS_ONLY, action=action)
        raise NotAllowed(CoordinatorProblem.ADMINS_AND_NAMED, action=action, coordinators=named)

    def set_coordinators(self, workspace: str, users: Sequence[str], actor: str) -> None:
        self.require_coordinator(workspace, actor, CoordinatorAction.NAME_COORDINATORS)
        now = self._clock.now()
        with self._store() as store:
            store.set_setting(workspace, COORDINATORS, json.dumps(list(dict.fromkeys(users))))
            store.record(
                HistoryEntry(now, None, "config_coordinators", actor, text=" ".join(users)),
                workspace,
            )

    def set_steering_channel(self, workspace: str, channel: str, actor: str) -> None:
        self.require_coordinator(workspace, actor, CoordinatorAction.CHOOSE_STEERING)
        now = self._clock.now()
        with self._store() as store:
            store.set_setting(workspace, STEERING_CHANNEL, channel)
            store.record(HistoryEntry(now, None, "config_steering", actor, text=channel), workspace)

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
                    EscalationProblem.ROUND_REACHED, round=round_id, outcome=round_.outcome
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
                HistoryEntry(now, round_id, "escalated", actor, text=f"due {due.date()}"),
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
            escalation = store.get_escalation(escalation_id)
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
                HistoryEntry(now, escalation.round_id, "escalation_resolved", actor, text=text),
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
                    _describe(exc),
                )
            with self._store() as store:
                store.retry_task(
                    task.id,
                    self._worker_id,
                    _describe(exc),
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
            store.park_task(task.id, self._worker_id, _describe(refused), refused.channel)
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
            raise Conflict(f"round #{round_.id} message is not posted yet")

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


def kept_text(round_: Round, previous: Stance | None, level: int) -> str:
    """The text a level picked without a form keeps from the person's earlier level: only
    text of the same kind still applies (a reservation, not an alternative, goes from 3 to 2)."""
    if previous is None or not previous.reason:
        return ""
    profile = round_.profile
    kind = profile.level(level).text_kind
    if kind is TextKind.NONE or profile.level(previous.level).text_kind is not kind:
        return ""
    return previous.reason


def retry_delay(attempts: int) -> timedelta:
    """How long a failed delivery waits: 1 s, 4 s, 16 s, … up to 15 minutes.

    The first retry comes quickly because most failures (a 5xx, a dropped connection) pass
    within seconds; later ones back off so an outage is not hammered.
    """
    return min(FIRST_RETRY * int(4 ** min(attempts, 10)), MAX_BACKOFF)


def no_such_round(round_id: int) -> NotFound:
    """The answer for a round number that names nothing the person may see: one text for a
    number never used, a round of another workspace, and a round they may not read, so
    asking cannot tell them apart."""
    return NotFound(RoundProblem.NOT_FOUND, round=round_id)


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


def _describe(exc: BaseException) -> str:
    """A short, secret-free description of a failure for logs and the task row."""
    text = f"{type(exc).__name__}: {exc}"
    return text[:300]
