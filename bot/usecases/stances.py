"""Stances: casting and changing a level, its explanation and the notes when it changes,
and a round as one person sees it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial

from bot.domain.errors import Conflict, ConsensusError
from bot.domain.roster import ResponseStanding, Standing
from bot.domain.round import Round, RoundProblem, Stance, check_stance
from bot.domain.scale import LEVELS, Explanation, TextKind
from bot.domain.tally import standing_in
from bot.due_work import DueWorkTable
from bot.group_commit import GroupCommitter
from bot.ports import HistoryEntry, LevelChange, RoundView, Store, Task, TaskKind
from bot.record_entries import EntryKind
from bot.usecases.context import UseCaseContext

# A response that counts for a seat of its own: a cast result's standing until it is read.
_COUNTS_ALONE = ResponseStanding(Standing.OWN_SEAT)


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


class Stances(UseCaseContext):
    """Casting levels (group-committed) and reading one's own."""

    _votes: GroupCommitter[_Vote, CastResult]

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
                        reason = kept_text(
                            round_,
                            previous,
                            vote.level,
                            partial(store.history, vote.round_id, vote.voter),
                        )
                    stance = check_stance(round_, vote.voter, vote.level, reason, now)
                except ConsensusError as error:  # refused: only this caller hears of it
                    outcomes.append(error)
                    continue
                latest[round_.id][vote.voter] = stance  # a second vote in the batch follows it
                stored.setdefault(round_.id, []).append(stance)
                entries.setdefault(round_.workspace, []).append(
                    HistoryEntry(
                        now,
                        round_.id,
                        EntryKind.STANCE,
                        vote.voter,
                        level=vote.level,
                        text=stance.reason,
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
            # "at" names the stance, so a note of leaving it follows only its own post.
            payload={"level": stance.level, "reason": stance.reason, "at": _at(stance)},
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
                "kind": earlier.text_kind.value,
                "left_at": _at(previous),
                "left_reason": previous.reason,
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
            if e.kind == EntryKind.STANCE
            and e.actor == voter
            and e.level in LEVELS
            and profile.level(e.level).text_kind is kind
        ]
        return given[-1] if given else ""

    def add_reason(self, round_id: int, voter: str, reason: str) -> CastResult:
        """Attach an optional reservation to the person's current level ("" removes it)."""
        with self._store() as store:
            current = store.stance(round_id, voter)
        if current is None:
            raise Conflict(RoundProblem.NO_LEVEL_YET)
        return self.cast_stance(round_id, voter, current.level, reason)

    # ----------------------------------------------------------------- due work
    def _register_stance_work(self, table: DueWorkTable) -> None:
        """An explained level 5 or 6's due work: the explanation, posted where the group
        can answer it (the round's thread), and a note when its author changes level."""
        table.register_each(
            {
                TaskKind.POST_EXPLANATION: self._post_explanation,
                TaskKind.POST_LEVEL_CHANGE: self._post_level_change,
            }
        )

    def _post_explanation(self, task: Task, late: float) -> None:
        view = self._task_view(task, late)
        round_ = view.round
        self._require_posted(round_)
        if task.posted_ref is not None and not self._notifier.abilities.finds_earlier_posts:
            return  # an earlier attempt posted it and kept its reference: nothing looks further
        level = int(task.payload.get("level", 0))
        reason = str(task.payload.get("reason", ""))
        with self._store() as store:
            current = store.stance(round_.id, task.target)
        # A person who has since changed their level no longer stands by this text.
        if current is not None and (current.level, current.reason) == (level, reason):
            ref = self._notifier.post_explanation(view, current, task.delivery)
        elif task.delivery.since is not None and self._notifier.abilities.finds_earlier_posts:
            # The person has moved on, but an earlier attempt may have reached the thread (its
            # answer was lost): find it, so that the change of level redraws it and is told.
            ref = self._notifier.find_explanation(view, task.delivery)
            if ref is None:
                return
        else:
            return
        # Kept, with its reference when the front end has one ("" when not): a change of
        # level redraws it by that reference, and is told only after it was shown.
        with self._store() as store:
            store.note_posted(task.id, self._worker_id, ref or "")

    def _post_level_change(self, task: Task, late: float) -> None:
        """Redraw the person's explanations that no longer stand (idempotent), then post
        the note once (its delivery key) — only when an explanation of the level they left
        was shown: the note says which kind of text they withdrew, and a level whose
        explanation never reached the thread stays as hidden as any other until the close."""
        view = self._task_view(task, late)
        round_ = view.round
        self._require_posted(round_)
        with self._store() as store:
            if store.unfinished(TaskKind.POST_EXPLANATION, round_.id, task.target):
                # Its explanation may still reach the thread (a retry after a lost answer):
                # the note waits, so that it is told, and only if it was shown.
                raise Conflict(RoundProblem.EXPLANATION_PENDING, round=round_.id)
            posted = store.posted(TaskKind.POST_EXPLANATION, round_.id, task.target)
            current = store.stance(round_.id, task.target)
        for ref, payload in posted:
            earlier = Stance(
                task.target, int(payload.get("level", 0)), str(payload.get("reason", ""))
            )
            stands = current is not None and (current.level, current.reason) == (
                earlier.level,
                earlier.reason,
            )
            if ref and not stands:
                self._notifier.mark_explanation_changed(view, ref, earlier)
        left = Stance(
            task.target, int(task.payload.get("from", 0)), str(task.payload.get("left_reason", ""))
        )
        left_at = task.payload.get("left_at")
        if not any(_explains(payload, left, left_at) for _, payload in posted):
            return
        change = LevelChange(
            task.target, left.level, TextKind(str(task.payload.get("kind", TextKind.NONE.value)))
        )
        self._notifier.post_level_change(view, change, task.delivery)


def kept_text(
    round_: Round,
    previous: Stance | None,
    level: int,
    history: Callable[[], Sequence[HistoryEntry]],
) -> str:
    """The text a level picked without a form keeps: only text of the same kind applies (a
    reservation, not an alternative, goes from 3 to 2). From a level of another kind (3 → 5
    → 3), the person's last text of this kind comes back from the record (``history``, read
    only then), so a detour through a 5 or 6 does not lose a reservation."""
    profile = round_.profile
    kind = profile.level(level).text_kind
    if previous is None or kind is TextKind.NONE:
        return ""
    if profile.level(previous.level).text_kind is kind:
        return previous.reason
    given = [
        e.text
        for e in history()
        if e.kind == EntryKind.STANCE
        and e.level in LEVELS
        and profile.level(e.level).text_kind is kind
    ]
    return given[-1] if given else ""


def _at(stance: Stance) -> str | None:
    return stance.cast_at.isoformat() if stance.cast_at else None


def _explains(payload: dict[str, object], left: Stance, at: object) -> bool:
    """Whether a shown explanation is the one of the stance left: the same level, text and
    time (a note queued before notes carried them: the same level)."""
    if payload.get("level") != left.level:
        return False
    if at is None or "at" not in payload:
        return True
    return (payload["at"], payload.get("reason")) == (at, left.reason)
