"""The small interfaces the core needs from the outside world.

Storage, chat platform and time are behind these Protocols, so `bot/` imports neither Slack
nor SQL and a second chat platform can sit beside `handlers/` without touching the core.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import TracebackType
from typing import Any, Literal, Protocol

from bot.domain.eligibility import Standing
from bot.domain.progress import Progress, progress
from bot.domain.roster import RosterEntry
from bot.domain.round import Round, RoundDraft, Stance
from bot.domain.scale import TextKind
from bot.domain.tally import Tally
from bot.record_entries import EntryKind


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


class TaskKind(StrEnum):
    """Work the bot owes the outside world, stored so it survives restarts."""

    POST_ROUND = "post_round"
    UPDATE_ROUND = "update_round"
    POST_OUTCOME = "post_outcome"
    POST_EXPLANATION = "post_explanation"
    REMIND_WAVE = "remind_wave"
    REMIND_VOTER = "remind_voter"
    POST_ESCALATION = "post_escalation"
    ESCALATION_REMINDER = "escalation_reminder"
    # Recorded votes (bot.usecases.recorded_votes); the task's key names the vote.
    POST_VOTE = "post_vote"
    UPDATE_VOTE = "update_vote"
    POST_VOTE_RESULT = "post_vote_result"
    # Tell a round's chair privately that work for the round is parked (bot lost access).
    TELL_CHAIR_UNDELIVERED = "tell_chair_undelivered"
    # Note in a round's thread that someone who explained a level 5 or 6 changed level.
    POST_LEVEL_CHANGE = "post_level_change"
    # How an escalation was resolved, told once where each audience reads it; the task's
    # key is the Audience.
    POST_RESOLUTION = "post_resolution"


class Audience(StrEnum):
    """Who is told how an escalation was resolved: the round's channel (in the round's
    thread) and the steering committee's channel (in the escalation's thread)."""

    PARTNERS = "partners"
    STEERING = "steering"


@dataclass(frozen=True)
class Delivery:
    """The identity of one post as it goes out, so that it can be found again.

    The notifier sends ``key`` with the post (Slack: message metadata). ``since`` is set when
    an earlier attempt may have reached the platform — its answer was lost, or its process
    died before recording the result — and then a notifier that can (``Abilities``) first
    looks for a post carrying ``key`` made since then, and sends nothing if it finds one.
    That makes every post exactly-once in effect, though the delivery itself is
    at-least-once. A notifier that cannot look ignores ``since``; the core then trusts only
    the references it stored (the round's, the escalation's, the task's ``posted_ref``).
    """

    key: str
    since: datetime | None = None


class NotDelivered(Exception):
    """The platform answered that it did not apply the call (e.g. rate limited, refused).

    Sending again cannot duplicate anything, so the next attempt need not look for it. Any
    other exception from a notifier leaves it open whether the post arrived. ``retry_after``
    is how long the platform asked to wait (a rate limit), if it said.
    """

    def __init__(self, reason: str, retry_after: float = 0.0) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class Undeliverable(NotDelivered):
    """The platform will refuse this until a person acts: the bot is not in ``channel`` (it
    was removed, or the channel is private or archived). Retrying cannot help, so the work
    is parked and the chair told; it resumes when the bot is back in the channel.

    ``resumable`` is False where no such moment will come (a person who cannot be sent a
    direct message): the work is then dropped, and said so in the log.
    """

    def __init__(self, channel: str, reason: str, *, resumable: bool = True) -> None:
        super().__init__(f"cannot post in {channel}: {reason}")
        self.channel = channel
        self.reason = reason
        self.resumable = resumable


@dataclass(frozen=True)
class Task:
    """A claimed piece of due work."""

    id: int
    kind: TaskKind
    round_id: int | None
    key: str
    due_at: datetime
    attempts: int = 0
    target: str = ""
    payload: dict[str, Any] = field(default_factory=dict)
    escalation_id: int | None = None
    # When an earlier attempt started that may have reached the platform (see Delivery).
    attempted_at: datetime | None = None
    # The reference of the post an earlier attempt made and kept (Store.note_posted).
    posted_ref: str | None = None

    @property
    def delivery(self) -> Delivery:
        return Delivery(f"task-{self.id}", self.attempted_at)


@dataclass(frozen=True)
class Escalation:
    """An unresolved round sent to the steering committee."""

    id: int
    workspace: str
    round_id: int
    channel: str
    opened_by: str
    opened_at: datetime
    due_at: datetime
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolution: str = ""
    message_ref: str | None = None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the append-only decision record."""

    at: datetime
    round_id: int | None
    kind: EntryKind
    actor: str
    level: int | None = None
    text: str = ""


@dataclass(frozen=True)
class LevelChange:
    """Someone who explained a level 5 or 6 moved to another level; what they wrote (of
    ``kind``: the information needed, the alternative) stays in the record."""

    voter: str
    from_level: int
    # No new level: it stays hidden until the close, like every level in an open round.
    kind: TextKind


@dataclass(frozen=True)
class RoundView:
    """Everything a front end needs to draw a round, computed at one instant (see `of`).

    Levels stay hidden until the close: while the round is open its view carries nobody's
    level, only ``progress`` (who responded, the counts); ``tally``, with every level, is
    there once the round has ended. A person's own level comes with their personal view
    (``bot.usecases.stances.PersonalView``).
    """

    round: Round
    progress: Progress
    tally: Tally | None
    now: datetime
    next_reminder: datetime | None
    late_by_seconds: float = 0.0

    def __post_init__(self) -> None:
        if self.round.is_open and self.tally is not None:
            raise ValueError("levels_hidden_until_the_close")

    @classmethod
    def of(
        cls,
        round_: Round,
        counted: Tally,
        now: datetime,
        next_reminder: datetime | None,
        late_by_seconds: float = 0.0,
    ) -> RoundView:
        """The view of ``round_`` counted as ``counted``, its levels left out while open."""
        shown = None if round_.is_open else counted
        return cls(round_, progress(counted), shown, now, next_reminder, late_by_seconds)

    @property
    def final_tally(self) -> Tally:
        """The count with every level, of a round that has ended (closed or cancelled).

        Raises:
            LookupError: the round is open, so its levels are not in its view.
        """
        if self.tally is None:
            raise LookupError(f"round {self.round.id} is open")
        return self.tally


@dataclass(frozen=True)
class EscalationView:
    escalation: Escalation
    round: RoundView
    reminder: str = ""


RoundLock = Literal["share", "update"] | None


class Store(Protocol):
    """One unit of work: everything done inside commits together, or not at all."""

    def __enter__(self) -> Store: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    # Rounds
    def add_round(self, draft: RoundDraft, opened_at: datetime, closes_at: datetime) -> Round: ...
    def get_round(self, round_id: int, lock: RoundLock = None) -> Round | None: ...
    def open_rounds(self, workspace: str, channel: str | None = None) -> list[Round]: ...
    def save_round(self, round_: Round) -> None: ...
    def lapsed_round_ids(self, now: datetime, limit: int) -> list[int]: ...
    def closed_rounds(self, workspace: str, channel: str | None, limit: int) -> list[Round]:
        """The most recently closed rounds, newest first."""
        ...

    def claim_redraw(self, round_id: int, now: datetime, interval: float) -> float:
        """Claim the right to redraw a round's message now, if nobody (in any process) did
        in the last ``interval`` seconds; returns 0, or how many seconds until one may."""
        ...

    # Start keys (bot.starts): each key names one round, by a unique key in the database
    def started_under(self, keys: Sequence[str]) -> dict[str, int]:
        """The rounds already opened under any of these keys: key -> round id."""
        ...

    def claim_start(self, key: str, round_id: int, now: datetime) -> bool:
        """Record that this round was opened under ``key``; False when another start holds
        it (a concurrent start that committed first)."""
        ...

    def release_start(self, key: str, round_id: int) -> None:
        """Free a key held by a round that no longer counts as a repeat (it has ended)."""
        ...

    # Stances
    def stances(self, round_id: int) -> list[Stance]: ...
    def stance(self, round_id: int, voter: str) -> Stance | None: ...
    def put_stance(self, round_id: int, stance: Stance) -> None: ...
    def stances_version(self, round_id: int) -> tuple[int, datetime | None]:
        """How many people have a level in the round and when the latest was given: it
        changes whenever who has responded does (one aggregate, no rows read)."""
        ...

    def stances_of(self, round_id: int, voters: Sequence[str]) -> dict[str, Stance]:
        """The current levels of these people (the vote path's one read per batch)."""
        ...

    def put_stances(self, round_id: int, stances: Sequence[Stance]) -> None:
        """Store many levels in one statement; for one person, the last one given wins."""
        ...

    # The decision record (append-only)
    def record(self, entry: HistoryEntry, workspace: str) -> None: ...
    def record_many(self, entries: Sequence[HistoryEntry], workspace: str) -> None: ...
    def history(self, round_id: int, actor: str | None = None) -> list[HistoryEntry]:
        """The round's record in order (only ``actor``'s entries, when given)."""
        ...

    # Due work
    def add_task(
        self,
        kind: TaskKind,
        round_id: int | None,
        key: str,
        due_at: datetime,
        *,
        target: str = "",
        payload: dict[str, Any] | None = None,
        escalation_id: int | None = None,
    ) -> bool: ...
    def claim_due_tasks(
        self,
        now: datetime,
        worker: str,
        lease_seconds: float,
        limit: int,
        *,
        kinds: Iterable[TaskKind] | None = None,
        exclude: Iterable[TaskKind] | None = None,
    ) -> list[Task]:
        """Claim due tasks (only of ``kinds``, none of ``exclude``), most overdue first."""
        ...

    def renew_claim(
        self, task_id: int, worker: str, until: datetime, attempt_at: datetime | None = None
    ) -> bool:
        """Extend this worker's claim; False when the claim lapsed and someone else took it.

        With ``attempt_at``, also note that a delivery starts now (kept if one already
        started: the earliest attempt bounds where an earlier post could be).
        """
        ...

    # finish, park and retry change a task only while ``worker``'s claim on it stands: a
    # worker whose lease lapsed mid-delivery must not overwrite what its successor did.
    def finish_task(self, task_id: int, worker: str, now: datetime) -> None: ...
    def note_posted(self, task_id: int, worker: str, ref: str) -> None:
        """Keep the reference of the post a claimed task made (see ``posted``)."""
        ...

    def posted(
        self, kind: TaskKind, round_id: int, target: str
    ) -> list[tuple[str, dict[str, Any]]]:
        """(post reference, payload) of the round's posts of ``kind`` for ``target``, oldest
        first: the posts a later change redraws."""
        ...

    def release_claims(self, worker: str) -> int:
        """Put this worker's claimed tasks back, due as they were; returns how many."""
        ...

    def rounds_changed_since_redraw(self) -> list[int]:
        """Open rounds with a response newer than their message's last redraw."""
        ...

    def park_task(self, task_id: int, worker: str, error: str, channel: str) -> None:
        """Stop retrying a task the platform refuses until the bot may post in ``channel``."""
        ...

    def resume_blocked(self, channel: str, now: datetime) -> int:
        """Make the work parked on ``channel`` due now; returns how many tasks."""
        ...

    def blocked_tasks(self, round_id: int) -> list[TaskKind]:
        """The kinds of the round's parked work, oldest first."""
        ...

    def retry_task(
        self,
        task_id: int,
        worker: str,
        error: str,
        retry_at: datetime,
        *,
        maybe_delivered: bool = True,
    ) -> None:
        """Put a failed task back; without ``maybe_delivered`` its attempt is forgotten."""
        ...

    def drop_pending_tasks(
        self, kinds: Iterable[TaskKind], round_id: int | None, escalation_id: int | None = None
    ) -> int: ...
    def next_due(self, kinds: Sequence[TaskKind], round_id: int) -> datetime | None: ...
    def unfinished(self, kind: TaskKind, round_id: int, target: str) -> bool:
        """Whether due work of ``kind`` for the round and ``target`` is still to do or being
        done (pending or claimed)."""
        ...

    def delivered(self, kind: TaskKind, round_id: int, key: str | None = None) -> bool:
        """Whether due work of ``kind`` for the round (with ``key``, when given) was done
        (not dropped, not pending)."""
        ...

    # The partnership roster (bot.domain.roster); copied onto each round as it opens
    def roster(self, workspace: str) -> list[RosterEntry]: ...

    # Workspace settings
    def get_setting(self, workspace: str, key: str) -> str | None: ...
    def set_setting(self, workspace: str, key: str, value: str) -> None: ...

    # Escalations
    def add_escalation(
        self, round_: Round, channel: str, by: str, opened_at: datetime, due_at: datetime
    ) -> Escalation: ...
    def get_escalation(self, escalation_id: int, lock: bool = False) -> Escalation | None:
        """The escalation; ``lock``: held until the unit of work ends (one resolution wins)."""
        ...

    def escalation_for_round(self, round_id: int) -> Escalation | None: ...
    def save_escalation(self, escalation: Escalation) -> None: ...


class RateBudget(Protocol):
    """A rate limit shared by every process of the bot (through the database they share)."""

    def reserve(self, key: str, interval: float, now: float) -> float:
        """Take the next slot of the limit ``key`` (one call per ``interval`` seconds) and
        return the Unix time at which it may be used (``now`` or later)."""
        ...


class StoreFactory(Protocol):
    def __call__(self) -> Store: ...


class Directory(Protocol):
    """What the core may ask the chat platform about people and places."""

    def human_members(self, channel: str) -> list[str]:
        """The people (no bots) in a channel."""
        ...

    def timezone(self, user: str) -> str | None:
        """The person's IANA time zone name, e.g. "America/Toronto"; None when their profile
        has none (or it cannot be read): the caller then assumes bot.deadline.DEFAULT_ZONE."""
        ...

    def is_member(self, channel: str, user: str) -> bool:
        """Whether the person is in the channel now. Cheap: answered from a short-lived cache,
        so it may be a minute out of date. Never call it inside a unit of work."""
        ...

    def standing(self, user: str) -> Standing:
        """Whether the account is a person's, a bot's or app's, deactivated, or unknown.
        Cheap: answered from the bulk cache of the workspace's people."""
        ...

    def channel_people(self, channel: str) -> frozenset[str] | None:
        """Everyone in the channel now (None when the platform cannot say)."""
        ...

    def is_admin(self, user: str, workspace: str) -> bool:
        """Whether the person administers this workspace (the installation that owns the
        partnership; Slack: an admin or owner of it). An admin of another workspace whose
        people share the channel is not one."""
        ...


@dataclass(frozen=True)
class Abilities:
    """What a front end's notifier can do beyond writing a post, so the core asks for
    nothing it cannot do (Slack can do both; a stream of lines neither).

    ``refers_to_posts``: each post has a reference that later calls use — to redraw the
    round message in place, to reply in its thread. Without, the posting calls return
    None, and a redraw or an explanation waits only for the round's post to be done.

    ``finds_earlier_posts``: a post carrying a ``Delivery.key`` can be looked up on the
    platform, so a retry after an uncertain attempt posts nothing twice. Without, a retry
    relies on the references the core stored, and may repeat a post whose reference was
    never stored (the process died mid-write).
    """

    refers_to_posts: bool
    finds_earlier_posts: bool


class Notifier(Protocol):
    """How the outside world is told. Each call may raise; due work is retried."""

    @property
    def abilities(self) -> Abilities: ...

    # Every call that posts takes the Delivery it makes, so a retry never posts twice.
    def post_round(self, view: RoundView, delivery: Delivery) -> str | None:
        """Post the round message; return its reference (Slack: the message ts), or None
        from a notifier that does not refer to posts (``Abilities``)."""
        ...

    def update_round(self, view: RoundView) -> None:
        """Redraw the round message in place (idempotent: needs no Delivery)."""
        ...

    def post_outcome(self, view: RoundView, delivery: Delivery) -> str | None: ...

    def post_explanation(self, view: RoundView, stance: Stance, delivery: Delivery) -> str | None:
        """Post a level-5/6 explanation where the group can answer it (Slack: the thread);
        return its reference (None: see ``post_round``)."""
        ...

    def find_explanation(self, view: RoundView, delivery: Delivery) -> str | None:
        """The reference of an explanation an earlier attempt of ``delivery`` posted, or None
        if none arrived; posts nothing. Asked only of a notifier that finds earlier posts
        (``Abilities.finds_earlier_posts``), when the person has moved on before the retry."""
        ...

    def mark_explanation_changed(self, view: RoundView, ref: str, earlier: Stance) -> None:
        """Redraw an explanation whose author has since changed level, so that it no longer
        reads as their position (idempotent: needs no Delivery). Called only with a
        reference ``post_explanation`` returned."""
        ...

    def post_level_change(self, view: RoundView, change: LevelChange, delivery: Delivery) -> None:
        """Note, where the explanation was posted, that its author changed level."""
        ...

    def remind_voter(self, view: RoundView, voter: str, delivery: Delivery) -> None: ...

    def post_escalation(self, view: EscalationView, delivery: Delivery) -> str | None: ...

    def remind_escalation(self, view: EscalationView, delivery: Delivery) -> None: ...

    def post_resolution(self, view: EscalationView, audience: Audience, delivery: Delivery) -> None:
        """Tell ``audience`` how the escalation was resolved (a reply in the thread)."""
        ...

    def tell_chair_undelivered(
        self, view: RoundView, parked: Sequence[TaskKind], channel: str, delivery: Delivery
    ) -> None:
        """Tell the chair privately what could not be delivered, and how to fix it."""
        ...
