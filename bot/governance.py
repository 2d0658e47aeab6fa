"""Partnership governance use-cases: roster, revision rounds, recorded votes, the decision log.

Each use-case authorizes, changes state in one unit of work (recording who and when in the
append-only history), then lets the world know through stored due work, like
`bot.services.ConsensusService`, whose rounds these build on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any, Protocol

from bot.deadline import Deadline, resolve_deadline
from bot.domain.eligibility import NotEligible, Where, not_people
from bot.domain.errors import Conflict, InvalidInput, NotFound, Person, Problem, Typed
from bot.domain.recorded_vote import (
    VOTE_CANCELLED,
    Ballot,
    Choice,
    RecordedVote,
    VoteCount,
    VoteResult,
    VoteRules,
    VoteStatus,
    check_affected_sector,
    check_ballot,
    check_can_call,
    check_can_cancel,
    count_vote,
)
from bot.domain.roster import (
    SECTORS,
    Representation,
    ResponseStanding,
    Role,
    RosterEntry,
    check_roster,
    check_sector,
    known_sectors,
    make_entry,
    normalise_user_id,
)
from bot.domain.round import (
    MAX_DETAILS,
    ChairAction,
    Round,
    RoundDraft,
    RoundStatus,
    Stance,
    clean_text,
)
from bot.domain.tally import Outcome, Tally, standing_in, tally
from bot.due_work import DueWorkTable
from bot.partnership_settings import (
    REPRESENTATION,
    VOTE_PROTECT,
    VOTE_THRESHOLD,
    VOTE_WEIGHTS,
    parse_weight_setting,
)
from bot.ports import Clock, Delivery, HistoryEntry, RoundView, Store, Task, TaskKind
from bot.requests import RosterSet
from bot.services import ConsensusService, CoordinatorAction, no_such_round

ROSTER_COLUMNS = ("slack_user_id", "organisation", "sector", "tier", "role")
DEFAULT_VOTE_DURATION = timedelta(days=3)
# What makes a spreadsheet read a CSV cell as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# How a revision's details mark the paragraph of the adopted alternative (with its author's
# id) and the paragraph of the answers: data, which each front end renders as a heading. The
# text after each mark is what people typed. Paragraphs are separated by a blank line.
ADOPTED_HEADING = "[[adopted:{voter}]] "
ANSWERS_HEADING = "[[answers]] "
MAX_ROSTER_ROWS = 2000
# Recent decisions are read this many times over, then cut to those the reader may see.
RECENT_OVERFETCH = 5


class RosterFileProblem(Problem):
    """What can be wrong with a roster file (``parse_roster_csv``)."""

    EMPTY = "roster_file.empty"
    BAD_HEADER = "roster_file.bad_header"
    TOO_MANY_ROWS = "roster_file.too_many_rows"
    WRONG_COLUMN_COUNT = "roster_file.wrong_column_count"
    NOT_A_USER_ID = "roster_file.not_a_user_id"
    BAD_LINE = "roster_file.bad_line"  # cause: what is wrong with the line's entry
    NOT_IMPORTED = "roster_file.not_imported"  # cause: why the roster as a whole is refused


class RosterChangeProblem(Problem):
    """Changing the roster one person at a time."""

    NOT_LISTED = "roster_change.not_listed"


class RevisionProblem(Problem):
    """Revising a round that ended without consensus."""

    NOTHING_TO_REVISE = "revision.nothing_to_revise"  # no such round in this channel
    STILL_OPEN = "revision.still_open"
    CANCELLED = "revision.cancelled"
    REACHED_CONSENSUS = "revision.reached_consensus"
    ALREADY_REVISED = "revision.already_revised"
    ALTERNATIVE_GONE = "revision.alternative_gone"
    TOO_LONG = "revision.too_long"


class VoteCallProblem(Problem):
    """Calling, and then running, a recorded vote."""

    ALREADY_CALLED = "vote_call.already_called"  # the decision's vote has a result
    ALREADY_OPEN = "vote_call.already_open"  # the decision's vote is still open
    SECTOR_NOT_PROTECTED = "vote_call.sector_not_protected"
    NOT_CHAIR = "vote_call.not_chair"
    NO_SUCH_VOTE = "vote_call.no_such_vote"


class GovernanceStore(Store, Protocol):
    """The unit of work, with the governance queries (storage.governance_store)."""

    def __enter__(self) -> GovernanceStore: ...

    def put_roster_entry(
        self, workspace: str, entry: RosterEntry, now: datetime, actor: str
    ) -> None: ...
    def remove_roster_entry(self, workspace: str, user: str) -> bool: ...
    def replace_roster(
        self, workspace: str, entries: Sequence[RosterEntry], now: datetime, actor: str
    ) -> None: ...
    def child_rounds(self, round_id: int) -> list[Round]: ...
    def closed_rounds(self, workspace: str, channel: str | None, limit: int) -> list[Round]: ...
    def rounds_since(self, since: datetime | None, workspace: str | None) -> list[Round]: ...
    def stances_of_rounds(self, round_ids: Sequence[int]) -> dict[int, list[Stance]]: ...
    def history_of_rounds(self, round_ids: Sequence[int]) -> list[HistoryEntry]: ...
    def add_vote(self, vote: RecordedVote) -> RecordedVote: ...
    def get_vote(self, vote_id: int, lock: bool = False) -> RecordedVote | None: ...
    def votes_for_round(self, round_id: int) -> list[RecordedVote]: ...
    def open_votes(self, workspace: str) -> list[RecordedVote]: ...
    def lapsed_vote_ids(self, now: datetime) -> list[int]: ...
    def save_vote(self, vote: RecordedVote) -> None: ...
    def ballots(self, vote_id: int) -> list[Ballot]: ...
    def put_ballot(self, vote_id: int, ballot: Ballot) -> None: ...


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

    def post_vote(self, view: VoteView, delivery: Delivery) -> str: ...
    def update_vote(self, view: VoteView) -> None: ...
    def post_vote_result(self, view: VoteView, delivery: Delivery) -> str: ...


@dataclass(frozen=True)
class RosterView:
    entries: tuple[RosterEntry, ...]
    representation: Representation
    rules: VoteRules


@dataclass(frozen=True)
class Configured:
    """A partnership setting just changed: which one, and the rules that now apply."""

    key: str
    rules: VoteRules
    representation: Representation | None = None  # set when ``key`` is the representation


@dataclass(frozen=True)
class RevisionForm:
    """What the revise modal is prefilled with."""

    round: Round
    requests: tuple[Stance, ...]  # level 5: information or discussion asked for
    alternatives: tuple[Stance, ...]  # level 6: alternatives offered


@dataclass(frozen=True)
class Decision:
    """One decision as a history: its rounds in order, recorded votes, and the record."""

    rounds: tuple[Round, ...]
    votes: tuple[RecordedVote, ...]
    entries: tuple[HistoryEntry, ...]


@dataclass(frozen=True)
class HomeView:
    waiting: tuple[RoundView, ...]
    # By round id: whether the person's level would count once given, and why not.
    standings: dict[int, ResponseStanding]
    votes_waiting: tuple[RecordedVote, ...]
    recent: tuple[Round, ...]
    # How each recent decision was counted (round id → tally), to explain its outcome.
    recent_tallies: dict[int, Tally] = field(default_factory=dict)


@dataclass(frozen=True)
class BallotResult:
    vote: RecordedVote
    ballot: Ballot
    previous: Choice | None


class GovernanceService:
    """Roster, revisions, recorded votes and the decision log, over the round service."""

    def __init__(
        self,
        store: Callable[[], GovernanceStore],
        clock: Clock,
        rounds: ConsensusService,
        notifier: GovernanceNotifier,
        *,
        due_work: DueWorkTable,
        kick: Callable[[], None] = lambda: None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._rounds = rounds
        self._notifier = notifier
        self._kick = kick
        due_work.register(
            (TaskKind.POST_VOTE, TaskKind.UPDATE_VOTE, TaskKind.POST_VOTE_RESULT), self._deliver
        )
        due_work.add_sweep(self.close_lapsed_votes)

    # ----------------------------------------------------------------- roster
    def roster(self, workspace: str) -> RosterView:
        with self._store() as store:
            return RosterView(
                tuple(store.roster(workspace)),
                _representation(store, workspace),
                _rules(store, workspace),
            )

    def set_roster_entry(self, workspace: str, actor: str, command: RosterSet) -> RosterEntry:
        """Add or change one person's place; the partnership's record keeps every change."""
        self._rounds.require_coordinator(workspace, actor, CoordinatorAction.CHANGE_ROSTER)
        refused = not_people({command.user: self._rounds.directory.standing(command.user)})
        if refused:
            raise NotEligible(refused, Where.ROSTER)
        now = self._clock.now()
        with self._store() as store:
            current = store.roster(workspace)
            representation = _representation(store, workspace)
            entry = make_entry(
                command.user, command.organisation, command.sector, command.tier, command.role
            )
            check_sector(entry.sector, known_sectors(current), allow_new=command.new_sector)
            if entry.role is Role.ALTERNATE:
                group = entry.group_key(representation)
                ranks = [
                    e.position
                    for e in current
                    if e.group_key(representation) == group and e.user != entry.user
                ]
                entry = replace(entry, position=max(ranks, default=0) + 1)
            check_roster([*(e for e in current if e.user != entry.user), entry], representation)
            store.put_roster_entry(workspace, entry, now, actor)
            store.record(
                HistoryEntry(now, None, "roster_set", actor, text=_roster_text(entry)), workspace
            )
        return entry

    def remove_roster_entry(self, workspace: str, actor: str, user: str) -> None:
        self._rounds.require_coordinator(workspace, actor, CoordinatorAction.CHANGE_ROSTER)
        now = self._clock.now()
        with self._store() as store:
            if not store.remove_roster_entry(workspace, user):
                raise NotFound(RosterChangeProblem.NOT_LISTED, person=Person(user))
            store.record(HistoryEntry(now, None, "roster_removed", actor, text=user), workspace)

    def import_roster(
        self, workspace: str, actor: str, text: str, new_sectors: Sequence[str] = ()
    ) -> int:
        """Replace the roster with a CSV file's rows; a bad row imports nothing.

        ``new_sectors`` are sectors added on purpose; others must be listed or on the roster.

        Raises:
            InvalidInput: naming the line of the first bad row and what is wrong with it.
            NotEligible: naming every line whose person is a bot, deactivated or unknown.
        """
        with self._store() as store:
            known = [*known_sectors(store.roster(workspace)), *new_sectors]
            rows = roster_rows(text, _representation(store, workspace), known)
        standing = self._rounds.directory.standing
        refused = [(n, p) for n, e in rows for p in not_people({e.user: standing(e.user)})]
        if refused:
            raise NotEligible([p for _, p in refused], Where.ROSTER, [n for n, _ in refused])
        now = self._clock.now()
        with self._store() as store:
            entries = [e for _, e in roster_rows(text, _representation(store, workspace), known)]
            store.replace_roster(workspace, entries, now, actor)
            store.record(
                HistoryEntry(now, None, "roster_imported", actor, text=f"{len(entries)} people"),
                workspace,
            )
        return len(entries)

    def configure(self, workspace: str, actor: str, key: str, value: str) -> Configured:
        """Store a partnership setting; returns what now applies, for the confirmation."""
        self._rounds.require_coordinator(workspace, actor, CoordinatorAction.CHANGE_RULES)
        now = self._clock.now()
        with self._store() as store:
            if key == REPRESENTATION:
                check_roster(store.roster(workspace), Representation(value))
            store.set_setting(workspace, key, value)
            store.record(HistoryEntry(now, None, "config", actor, text=f"{key}={value}"), workspace)
            rules = _rules(store, workspace)
        if key == REPRESENTATION:
            return Configured(key, rules, Representation(value))
        return Configured(key, rules)

    # ----------------------------------------------------------------- revision rounds
    def revision_form(
        self, workspace: str, channel: str, round_id: int | None, actor: str
    ) -> RevisionForm:
        """Check a revision may be made, and gather what the chair needs to answer."""
        with self._store() as store:
            round_ = self._target(store, workspace, channel, round_id)
        self._rounds.require_readable(round_, actor)
        with self._store() as store:
            self._check_revisable(store, round_, actor)
            stances = store.stances(round_.id)
        return RevisionForm(
            round_,
            tuple(s for s in stances if s.level == 5 and s.reason),
            tuple(s for s in stances if s.level == 6 and s.reason),
        )

    def revise_round(
        self,
        parent_id: int,
        actor: str,
        title: str,
        details: str,
        answers: str = "",
        adopted: str = "",
        deadline: Deadline | None = None,
    ) -> Round:
        """Open a revision round linked to a round that ended without consensus.

        ``answers`` (to the information requests) and the adopted alternative, if any, go in
        the new round's details so everyone reads them before responding again.
        """
        now = self._clock.now()
        with self._store() as store:
            parent = self._rounds._require_round(store, parent_id)
            self._check_revisable(store, parent, actor)
            alternative = None
            if adopted:
                alternative = next(
                    (s for s in store.stances(parent_id) if s.voter == adopted and s.level == 6),
                    None,
                )
                if alternative is None:
                    raise InvalidInput(RevisionProblem.ALTERNATIVE_GONE)
        parts = [clean_text(details)]
        answers = clean_text(answers)
        if alternative is not None:
            parts.append(ADOPTED_HEADING.format(voter=alternative.voter) + alternative.reason)
        if answers:
            parts.append(ANSWERS_HEADING + answers)
        body = "\n\n".join(p for p in parts if p)
        if len(body) > MAX_DETAILS:
            raise InvalidInput(RevisionProblem.TOO_LONG, length=len(body), limit=MAX_DETAILS)
        draft = RoundDraft(
            workspace=parent.workspace,
            channel=parent.channel,
            chair=parent.chair,
            title=title or parent.title,
            details=body,
            voters=() if parent.members else parent.voters,
            # The parent's named voters were accepted when it opened, outside ones on purpose.
            include_outside=True,
            quorum=parent.quorum,
            profile_key=parent.profile_key,
            reminders=parent.reminders,
            parent_id=parent.id,
            duration=parent.closes_at - parent.opened_at if deadline is None else None,
        )
        child = self._rounds.start_round(draft, deadline)
        with self._store() as store:
            store.record(
                HistoryEntry(now, parent.id, "revised", actor, text=f"#{child.id}"),
                parent.workspace,
            )
            if answers:
                store.record(
                    HistoryEntry(now, child.id, "information_answered", actor, text=answers),
                    parent.workspace,
                )
            if alternative is not None:
                store.record(
                    HistoryEntry(
                        now,
                        child.id,
                        "alternative_adopted",
                        actor,
                        level=6,
                        text=f"{alternative.voter}: {alternative.reason}",
                    ),
                    parent.workspace,
                )
        return child

    def _check_revisable(self, store: GovernanceStore, round_: Round, actor: str) -> None:
        round_.require_chair(actor, ChairAction.REVISE)
        if round_.is_open:
            raise Conflict(RevisionProblem.STILL_OPEN, round=round_.id)
        if round_.status is RoundStatus.CANCELLED:
            raise Conflict(RevisionProblem.CANCELLED, round=round_.id)
        if round_.outcome == Outcome.CONSENSUS.value:
            raise Conflict(RevisionProblem.REACHED_CONSENSUS, round=round_.id)
        children = store.child_rounds(round_.id)
        if children:
            raise Conflict(
                RevisionProblem.ALREADY_REVISED, round=round_.id, revision=children[-1].id
            )

    def _target(
        self, store: GovernanceStore, workspace: str, channel: str, round_id: int | None
    ) -> Round:
        """The round named, or the latest unrevised round here that ended without consensus."""
        if round_id is not None:
            round_ = store.get_round(round_id)
            if round_ is None or round_.workspace != workspace:
                raise no_such_round(round_id)
            return round_
        for round_ in store.closed_rounds(workspace, channel, limit=20):
            if round_.outcome != Outcome.CONSENSUS.value and not store.child_rounds(round_.id):
                return round_
        raise NotFound(RevisionProblem.NOTHING_TO_REVISE)

    def decision(self, round_id: int) -> Decision:
        """The whole decision a round belongs to: every revision, vote and record entry."""
        with self._store() as store:
            round_ = self._rounds._require_round(store, round_id)
            chain = _chain(store, round_)
            ids = [r.id for r in chain]
            votes = [v for r in chain for v in store.votes_for_round(r.id)]
            entries = store.history_of_rounds(ids)
        return Decision(tuple(chain), tuple(votes), tuple(entries))

    # ----------------------------------------------------------------- recorded votes
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
            chain = _chain(store, target)
            check_can_call(chain[: chain.index(target) + 1], target, actor)
            # A vote cancelled as called by mistake does not count against calling one.
            existing = [
                v
                for r in chain
                for v in store.votes_for_round(r.id)
                if v.status is not VoteStatus.CANCELLED
            ]
            if existing and existing[0].result is None:
                raise Conflict(VoteCallProblem.ALREADY_OPEN, vote=existing[0].id, round=target.id)
            if existing:
                raise Conflict(
                    VoteCallProblem.ALREADY_CALLED,
                    vote=existing[0].id,
                    result=existing[0].result,
                    round=target.id,
                )
            rules = _rules(store, workspace)
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
                HistoryEntry(now, target.id, "vote_called", actor, text=f"vote {vote.id}"),
                workspace,
            )
            store.add_task(TaskKind.POST_VOTE, target.id, f"vote:{vote.id}", now)
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
                HistoryEntry(now, vote.round_id, "ballot", voter, text=f"vote {vote_id}: {choice}"),
                vote.workspace,
            )
            store.add_task(
                TaskKind.UPDATE_VOTE,
                vote.round_id,
                f"vote:{vote_id}:{voter}:{now.isoformat()}",
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
                    "vote_closed",
                    actor or "deadline",
                    text=f"vote {vote_id}: {count.result.value} (for {count.for_weight}, "
                    f"against {count.against_weight})",
                ),
                vote.workspace,
            )
            store.add_task(TaskKind.POST_VOTE_RESULT, vote.round_id, f"vote:{vote_id}", closed_at)
        self._kick()
        return vote, True

    def cancel_vote(self, vote_id: int, actor: str, reason: str) -> RecordedVote:
        """The chair cancels an open recorded vote called by mistake: no result, the reason
        in the record, a message in the channel; the decision may call a vote again."""
        now = self._clock.now()
        with self._store() as store:
            vote = self._require_vote(store, vote_id, lock=True)
            check_can_cancel(vote, actor, reason)
            vote = replace(vote, status=VoteStatus.CANCELLED, closed_at=now)
            store.save_vote(vote)
            store.record(
                HistoryEntry(
                    now, vote.round_id, VOTE_CANCELLED, actor, text=f"vote {vote_id}: {reason}"
                ),
                vote.workspace,
            )
            store.add_task(TaskKind.POST_VOTE_RESULT, vote.round_id, f"vote:{vote_id}", now)
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

    def _deliver(self, task: Task, late: float) -> None:
        vote_id = int(task.key.split(":")[1])
        view = self.vote_view(vote_id, late)
        if task.kind is TaskKind.POST_VOTE:
            if view.vote.message_ref:
                return
            ref = self._notifier.post_vote(view, task.delivery)
            with self._store() as store:
                fresh = self._require_vote(store, vote_id, lock=True)
                store.save_vote(replace(fresh, message_ref=ref))
        elif task.kind is TaskKind.UPDATE_VOTE:
            if view.vote.message_ref:
                self._notifier.update_vote(view)
        elif task.kind is TaskKind.POST_VOTE_RESULT:
            if view.vote.message_ref:
                self._notifier.update_vote(view)
            self._notifier.post_vote_result(view, task.delivery)

    # ----------------------------------------------------------------- reading back
    def recent_decisions(
        self, workspace: str, channel: str | None, reader: str, limit: int = 10
    ) -> list[Round]:
        """The latest closed rounds (of a channel) that ``reader`` may see, newest first."""
        with self._store() as store:
            rounds = store.closed_rounds(workspace, channel, limit * RECENT_OVERFETCH)
        return self._rounds.readable(rounds, reader)[:limit]

    def home(self, workspace: str, user: str) -> HomeView:
        """What the App Home tab shows a person: rounds waiting for them, recent decisions
        (only those held in channels they are in, or that they voted in or chaired)."""
        waiting: list[RoundView] = []
        standings: dict[int, ResponseStanding] = {}
        for view in self._rounds.open_views(workspace):
            round_ = view.round
            if not round_.is_voter(user):
                continue
            responses = (*view.tally.stances, *view.tally.advisory)
            if any(s.voter == user for s in responses):
                continue
            # As the tally would count their level once given: a speaker whose alternate
            # answered first still counts.
            standings[round_.id] = standing_in(round_, responses, user)
            waiting.append(view)
        with self._store() as store:
            votes = [
                v
                for v in store.open_votes(workspace)
                if user in v.holders() and all(b.voter != user for b in store.ballots(v.id))
            ]
            closed = store.closed_rounds(workspace, None, limit=10 * RECENT_OVERFETCH)
        recent = self._rounds.readable(closed, user)[:10]
        decided = [r for r in recent if r.outcome]
        with self._store() as store:
            stances = store.stances_of_rounds([r.id for r in decided])
        counted = {r.id: tally(r, stances.get(r.id, [])) for r in decided}
        return HomeView(tuple(waiting), standings, tuple(votes), tuple(recent), counted)


# --------------------------------------------------------------------------- helpers
def _chain(store: GovernanceStore, round_: Round) -> list[Round]:
    """Every round of the decision, first to last (the parents, the round, its revisions)."""
    chain = [round_]
    seen = {round_.id}
    while chain[0].parent_id is not None and chain[0].parent_id not in seen:
        parent = store.get_round(chain[0].parent_id)
        if parent is None:
            break
        seen.add(parent.id)
        chain.insert(0, parent)
    while True:
        children = [c for c in store.child_rounds(chain[-1].id) if c.id not in seen]
        if not children:
            return chain
        seen.add(children[0].id)
        chain.append(children[0])


def cancellation_of(vote_id: int, entries: Sequence[HistoryEntry]) -> HistoryEntry | None:
    """The record's entry cancelling a vote (its text: ``vote <id>: <reason>``)."""
    prefix = f"vote {vote_id}: "
    return next(
        (e for e in entries if e.kind == VOTE_CANCELLED and e.text.startswith(prefix)), None
    )


def _representation(store: Store, workspace: str) -> Representation:
    return Representation(store.get_setting(workspace, REPRESENTATION) or "sector")


def _rules(store: Store, workspace: str) -> VoteRules:
    threshold = store.get_setting(workspace, VOTE_THRESHOLD)
    return VoteRules(
        threshold=Fraction(threshold) if threshold else VoteRules().threshold,
        weights=parse_weight_setting(store.get_setting(workspace, VOTE_WEIGHTS)),
        protect_sector=store.get_setting(workspace, VOTE_PROTECT) == "on",
    )


def _roster_text(entry: RosterEntry) -> str:
    return ",".join(
        (entry.user, entry.organisation, entry.sector, entry.tier.value, entry.role.value)
    )


def parse_roster_csv(
    text: str,
    representation: Representation = Representation.SECTOR,
    known: Sequence[str] | None = None,
) -> list[RosterEntry]:
    """Read a roster file (columns ``slack_user_id,organisation,sector,tier,role``).

    Raises:
        InvalidInput: for the first bad line, naming it, so nothing is imported.
    """
    return [entry for _, entry in roster_rows(text, representation, known)]


def roster_rows(
    text: str,
    representation: Representation = Representation.SECTOR,
    known: Sequence[str] | None = None,
) -> list[tuple[int, RosterEntry]]:
    """`parse_roster_csv` with each entry's line number. ``known``: the sectors allowed
    (default: the listed ones)."""
    sectors = list(SECTORS) if known is None else list(known)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = [(n, row) for n, row in enumerate(reader, start=1) if any(c.strip() for c in row)]
    if not rows:
        raise InvalidInput(RosterFileProblem.EMPTY, columns=",".join(ROSTER_COLUMNS))
    header_line, header = rows[0]
    names = tuple(c.strip().lower() for c in header)
    if names[: len(ROSTER_COLUMNS)] != ROSTER_COLUMNS or len(names) > len(ROSTER_COLUMNS):
        raise InvalidInput(
            RosterFileProblem.BAD_HEADER,
            line=header_line,
            columns=",".join(ROSTER_COLUMNS),
            found=Typed(",".join(names)[:120]),
        )
    if len(rows) - 1 > MAX_ROSTER_ROWS:
        raise InvalidInput(RosterFileProblem.TOO_MANY_ROWS, limit=MAX_ROSTER_ROWS)
    entries: list[tuple[int, RosterEntry]] = []
    for number, row in rows[1:]:
        cells = [c.strip() for c in row]
        if len(cells) != len(ROSTER_COLUMNS):
            raise InvalidInput(
                RosterFileProblem.WRONG_COLUMN_COUNT,
                line=number,
                expected=len(ROSTER_COLUMNS),
                columns=",".join(ROSTER_COLUMNS),
                found=len(cells),
            )
        typed_user, organisation, sector, tier, role = cells
        # Slack's ids are upper case; a lower-case copy would write a roster nobody matches.
        user = normalise_user_id(typed_user)
        if user is None:
            raise InvalidInput(
                RosterFileProblem.NOT_A_USER_ID, line=number, found=Typed(typed_user[:30])
            )
        try:
            entry = make_entry(user, organisation, sector, tier, role or "member")
            check_sector(entry.sector, sectors)
        except InvalidInput as error:
            raise InvalidInput(RosterFileProblem.BAD_LINE, line=number, cause=error) from None
        entries.append((number, entry))
    # Alternates rank in file order.
    ranked = [
        (n, replace(e, position=i if e.role is Role.ALTERNATE else 0))
        for i, (n, e) in enumerate(entries, start=1)
    ]
    try:
        check_roster([e for _, e in ranked], representation)
    except InvalidInput as error:
        raise InvalidInput(RosterFileProblem.NOT_IMPORTED, cause=error) from None
    return ranked


def neutralise_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet cannot read as a formula (OWASP, "CSV Injection"); the
    export (bot.audit) passes every cell through it.

    Text that starts with ``= + - @``, a tab or a carriage return, also after leading
    whitespace, gets a single quote in front; spreadsheets then show it as text.
    """
    if isinstance(value, str) and (
        value[:1] in FORMULA_TRIGGERS or value.lstrip()[:1] in FORMULA_TRIGGERS
    ):
        return "'" + value
    return value


def vote_is_decided(view: VoteView) -> bool:
    return view.vote.result == VoteResult.CARRIED.value
