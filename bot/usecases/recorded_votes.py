"""Recorded votes: the fallback after an impasse, called, cast, closed (by the chair or the
deadline) and cancelled, and how their messages reach the channel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from bot.deadline import Deadline, resolve_deadline
from bot.domain.errors import Conflict, InvalidInput, NotFound, Person, Problem
from bot.domain.recorded_vote import (
    Ballot,
    Choice,
    RecordedVote,
    VoteCount,
    VoteResult,
    VoteStatus,
    check_affected_sector,
    check_ballot,
    check_can_call,
    check_can_cancel,
    count_vote,
)
from bot.due_work import DueWorkTable
from bot.ports import Delivery, HistoryEntry, Task, TaskKind
from bot.record_entries import EntryKind, entry_params, entry_text
from bot.usecases.governance_context import GovernanceStore, decision_chain, vote_rules
from bot.usecases.revisions import Revisions

DEFAULT_VOTE_DURATION = timedelta(days=3)


class VoteCallProblem(Problem):
    """Calling, and then running, a recorded vote."""

    ALREADY_CALLED = "vote_call.already_called"  # the decision's vote has a result
    ALREADY_OPEN = "vote_call.already_open"  # the decision's vote is still open
    SECTOR_NOT_PROTECTED = "vote_call.sector_not_protected"
    NOT_CHAIR = "vote_call.not_chair"
    NO_SUCH_VOTE = "vote_call.no_such_vote"


@dataclass(frozen=True)
class VoteView:
    vote: RecordedVote
    count: VoteCount
    ballots: tuple[Ballot, ...]
    now: datetime
    late_by_seconds: float = 0.0
    cancellation: HistoryEntry | None = None  # who cancelled it, when and why


class GovernanceNotifier(Protocol):
    """How recorded votes reach the channel."""

    # A reference to the post (Slack: its ts), or None from a front end that does not refer
    # to posts (bot.ports.Abilities); without one, a vote's post is not redrawn in place.
    def post_vote(self, view: VoteView, delivery: Delivery) -> str | None: ...
    def update_vote(self, view: VoteView) -> None: ...
    def post_vote_result(self, view: VoteView, delivery: Delivery) -> str | None: ...


@dataclass(frozen=True)
class BallotResult:
    vote: RecordedVote
    ballot: Ballot
    previous: Choice | None


class RecordedVotes(Revisions):
    """Calling and running recorded votes; a vote is called on the round a revision would
    take (`Revisions._target`)."""

    _notifier: GovernanceNotifier

    def call_vote(
        self,
        workspace: str,
        channel: str,
        round_id: int | None,
        actor: str,
        deadline: Deadline | None = None,
        sector: str = "",
    ) -> RecordedVote:
        """Open a recorded vote on a decision that has reached an impasse.

        Raises:
            Conflict: no round of the decision has ended with "No consensus", or a vote exists.
        """
        now = self._clock.now()
        closes_at = now + DEFAULT_VOTE_DURATION
        if deadline is not None:
            if deadline.duration is not None:
                closes_at = now + deadline.duration
            else:
                closes_at = resolve_deadline(deadline, now, self._rounds._directory.timezone(actor))
        from bot.domain.round import validate_window

        validate_window(now, closes_at)
        with self._store() as store:
            found = self._target(store, workspace, channel, round_id)
        self._rounds.require_readable(found, actor)
        with self._store() as store:
            target = self._target(store, workspace, channel, found.id)
            chain = decision_chain(store, target)
            check_can_call(chain[: chain.index(target) + 1], target, actor)
            # A vote cancelled as called by mistake does not count against calling one.
            existing = [
                v
                for r in chain
                for v in store.votes_for_round(r.id)
                if v.status is not VoteStatus.CANCELLED
            ]
            if existing:
                earlier = existing[0]
                if earlier.result is None:
                    raise Conflict(VoteCallProblem.ALREADY_OPEN, vote=earlier.id, round=target.id)
                raise Conflict(
                    VoteCallProblem.ALREADY_CALLED,
                    vote=earlier.id,
                    result=VoteResult(earlier.result),
                    round=target.id,
                )
            rules = vote_rules(store, workspace)
            if sector and not rules.protect_sector:
                raise InvalidInput(VoteCallProblem.SECTOR_NOT_PROTECTED)
            if sector:
                check_affected_sector(sector, target.members)
            vote = store.add_vote(
                RecordedVote(
                    id=0,
                    workspace=workspace,
                    channel=target.channel,
                    round_id=target.id,
                    chair=target.chair,
                    title=target.title,
                    voters=target.voters,
                    members=target.members,
                    quorum=target.quorum,
                    rules=rules,
                    opened_at=now,
                    closes_at=closes_at,
                    affected_sector=sector,
                )
            )
            store.record(
                HistoryEntry(
                    now,
                    target.id,
                    EntryKind.VOTE_CALLED,
                    actor,
                    text=entry_text(EntryKind.VOTE_CALLED, vote=vote.id),
                ),
                workspace,
            )
            store.add_task(TaskKind.POST_VOTE, target.id, vote_task_key(vote.id), now)
        self._kick()
        return vote

    def cast_ballot(self, vote_id: int, voter: str, choice: Choice) -> BallotResult:
        now = self._clock.now()
        with self._store() as store:
            vote = self._require_vote(store, vote_id)
            ballot = check_ballot(vote, voter, choice, now)
            previous = next((b for b in store.ballots(vote_id) if b.voter == voter), None)
            store.put_ballot(vote_id, ballot)
            store.record(
                HistoryEntry(
                    now,
                    vote.round_id,
                    EntryKind.BALLOT,
                    voter,
                    text=entry_text(EntryKind.BALLOT, vote=vote_id, choice=choice),
                ),
                vote.workspace,
            )
            store.add_task(
                TaskKind.UPDATE_VOTE,
                vote.round_id,
                f"{vote_task_key(vote_id)}:{voter}:{now.isoformat()}",
                now,
            )
        self._kick()
        return BallotResult(vote, ballot, previous.choice if previous else None)

    def close_vote(self, vote_id: int, actor: str | None) -> tuple[RecordedVote, bool]:
        """Close a recorded vote (the chair, or the deadline when ``actor`` is None)."""
        now = self._clock.now()
        with self._store() as store:
            vote = self._require_vote(store, vote_id, lock=True)
            if actor is not None and actor != vote.chair:
                raise InvalidInput(
                    VoteCallProblem.NOT_CHAIR, chair=Person(vote.chair), vote=vote_id
                )
            if not vote.is_open:
                return vote, False
            count = count_vote(vote, store.ballots(vote_id))
            closed_at = now if actor is not None else min(now, vote.closes_at)
            vote = replace(
                vote, status=VoteStatus.CLOSED, closed_at=closed_at, result=count.result.value
            )
            store.save_vote(vote)
            store.record(
                HistoryEntry(
                    now,
                    vote.round_id,
                    EntryKind.VOTE_CLOSED,
                    actor or "deadline",
                    text=entry_text(
                        EntryKind.VOTE_CLOSED,
                        vote=vote_id,
                        result=count.result,
                        for_weight=count.for_weight,
                        against_weight=count.against_weight,
                    ),
                ),
                vote.workspace,
            )
            store.add_task(
                TaskKind.POST_VOTE_RESULT, vote.round_id, vote_task_key(vote_id), closed_at
            )
        self._kick()
        return vote, True

    def cancel_vote(self, vote_id: int, actor: str, reason: str) -> RecordedVote:
        """The chair cancels an open recorded vote called by mistake: no result, the reason
        in the record, a message in the channel; the decision may call a vote again."""
        now = self._clock.now()
        with self._store() as store:
            vote = self._require_vote(store, vote_id, lock=True)
            check_can_cancel(vote, actor, reason, now)
            vote = replace(vote, status=VoteStatus.CANCELLED, closed_at=now)
            store.save_vote(vote)
            store.record(
                HistoryEntry(
                    now,
                    vote.round_id,
                    EntryKind.VOTE_CANCELLED,
                    actor,
                    text=entry_text(EntryKind.VOTE_CANCELLED, vote=vote_id, reason=reason),
                ),
                vote.workspace,
            )
            store.add_task(TaskKind.POST_VOTE_RESULT, vote.round_id, vote_task_key(vote_id), now)
        self._kick()
        return vote

    def close_lapsed_votes(self) -> int:
        with self._store() as store:
            lapsed = store.lapsed_vote_ids(self._clock.now())
        return sum(1 for vote_id in lapsed if self.close_vote(vote_id, None)[1])

    def vote_view(self, vote_id: int, late: float = 0.0) -> VoteView:
        with self._store() as store:
            vote = self._require_vote(store, vote_id)
            ballots = store.ballots(vote_id)
            cancellation = None
            if vote.status is VoteStatus.CANCELLED:
                cancellation = cancellation_of(vote_id, store.history(vote.round_id))
        return VoteView(
            vote,
            count_vote(vote, ballots),
            tuple(ballots),
            self._clock.now(),
            late,
            cancellation,
        )

    @staticmethod
    def _require_vote(store: GovernanceStore, vote_id: int, lock: bool = False) -> RecordedVote:
        vote = store.get_vote(vote_id, lock=lock)
        if vote is None:
            raise NotFound(VoteCallProblem.NO_SUCH_VOTE, vote=vote_id)
        return vote

    # ----------------------------------------------------------------- due work
    def _register_vote_work(self, table: DueWorkTable) -> None:
        """A recorded vote's due work: its message, posted and then redrawn, and its
        result; and, before each pass, closing the votes whose deadline has passed."""
        table.register_each(
            {
                TaskKind.POST_VOTE: self._post_vote,
                TaskKind.UPDATE_VOTE: self._redraw_vote,
                TaskKind.POST_VOTE_RESULT: self._post_vote_result,
            }
        )
        table.add_sweep(self.close_lapsed_votes)

    def _task_vote_view(self, task: Task, late: float) -> VoteView:
        return self.vote_view(int(task.key.split(":")[1]), late)  # keys: vote_task_key

    def _post_vote(self, task: Task, late: float) -> None:
        view = self._task_vote_view(task, late)
        if view.vote.message_ref:
            return
        ref = self._notifier.post_vote(view, task.delivery)
        with self._store() as store:
            fresh = self._require_vote(store, view.vote.id, lock=True)
            store.save_vote(replace(fresh, message_ref=ref))

    def _redraw_vote(self, task: Task, late: float) -> None:
        view = self._task_vote_view(task, late)
        if self._vote_posted(view.vote):
            self._notifier.update_vote(view)

    def _post_vote_result(self, task: Task, late: float) -> None:
        view = self._task_vote_view(task, late)
        if self._vote_posted(view.vote):
            self._notifier.update_vote(view)
        self._notifier.post_vote_result(view, task.delivery)

    def _vote_posted(self, vote: RecordedVote) -> bool:
        """Whether the vote's message is out, so it can be redrawn: it has a reference, or
        (a front end that does not refer to posts returns none) its post task is done."""
        if vote.message_ref:
            return True
        with self._store() as store:
            return store.delivered(TaskKind.POST_VOTE, vote.round_id, vote_task_key(vote.id))


def vote_task_key(vote_id: int) -> str:
    """The key of a vote's post and result tasks (a ballot's redraw key starts with it)."""
    return f"vote:{vote_id}"


def cancellation_of(vote_id: int, entries: Sequence[HistoryEntry]) -> HistoryEntry | None:
    """The record's entry cancelling a vote (its parameters: the vote and the reason)."""
    return next(
        (
            e
            for e in entries
            if e.kind == EntryKind.VOTE_CANCELLED
            and (entry_params(e.kind, e.text) or {}).get("vote") == vote_id
        ),
        None,
    )


def vote_is_decided(view: VoteView) -> bool:
    return view.vote.result == VoteResult.CARRIED.value
