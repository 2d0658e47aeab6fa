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

from bot.commands import Deadline, parse_deadline
from bot.deadline import resolve_deadline
from bot.domain.errors import Conflict, InvalidInput, NotFound, typed
from bot.domain.recorded_vote import (
    Ballot,
    Choice,
    RecordedVote,
    VoteCount,
    VoteResult,
    VoteRules,
    VoteStatus,
    check_ballot,
    check_can_call,
    count_vote,
)
from bot.domain.roster import (
    Representation,
    Role,
    RosterEntry,
    check_roster,
    make_entry,
)
from bot.domain.round import MAX_DETAILS, Round, RoundDraft, RoundStatus, Stance, clean_text
from bot.domain.tally import Outcome, Tally, tally
from bot.governance_commands import (
    REPRESENTATION,
    VOTE_PROTECT,
    VOTE_THRESHOLD,
    VOTE_WEIGHTS,
    RosterSet,
    parse_weight_setting,
)
from bot.ports import Clock, Delivery, HistoryEntry, RoundView, Store, Task, TaskKind
from bot.services import ConsensusService, no_such_round

ROSTER_COLUMNS = ("slack_user_id", "organisation", "sector", "tier", "role")
DEFAULT_VOTE_DURATION = timedelta(days=3)
# What makes a spreadsheet read a CSV cell as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# What a revision's details say before the adopted alternative and the answers (Slack mrkdwn;
# the text after each is what people typed). Paragraphs are separated by a blank line.
ADOPTED_HEADING = "*Adopts the alternative offered by <@{voter}>:* "
ANSWERS_HEADING = "*Answers to the information requests:* "
MAX_ROSTER_ROWS = 2000
# Recent decisions are read this many times over, then cut to those the reader may see.
RECENT_OVERFETCH = 5
_USER_ID = ("U", "W")


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
    advisory: frozenset[int]  # round ids where the person's level is advisory only
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
        kick: Callable[[], None] = lambda: None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._rounds = rounds
        self._notifier = notifier
        self._kick = kick
        for kind in (TaskKind.POST_VOTE, TaskKind.UPDATE_VOTE, TaskKind.POST_VOTE_RESULT):
            rounds.task_handlers[kind] = self._deliver
        rounds.sweeps.append(self.close_lapsed_votes)

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
        self._rounds.require_coordinator(workspace, actor, "change the roster")
        now = self._clock.now()
        with self._store() as store:
            current = store.roster(workspace)
            representation = _representation(store, workspace)
            entry = make_entry(
                command.user, command.organisation, command.sector, command.tier, command.role
            )
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
        self._rounds.require_coordinator(workspace, actor, "change the roster")
        now = self._clock.now()
        with self._store() as store:
            if not store.remove_roster_entry(workspace, user):
                raise NotFound(f"<@{user}> is not on the roster. `/consensus roster` shows it.")
            store.record(HistoryEntry(now, None, "roster_removed", actor, text=user), workspace)

    def import_roster(self, workspace: str, actor: str, text: str) -> int:
        """Replace the roster with a CSV file's rows; a bad row imports nothing.

        Raises:
            InvalidInput: naming the line of the first bad row and what is wrong with it.
        """
        now = self._clock.now()
        with self._store() as store:
            representation = _representation(store, workspace)
            entries = parse_roster_csv(text, representation)
            store.replace_roster(workspace, entries, now, actor)
            store.record(
                HistoryEntry(now, None, "roster_imported", actor, text=f"{len(entries)} people"),
                workspace,
            )
        return len(entries)

    def configure(self, workspace: str, actor: str, key: str, value: str) -> str:
        """Store a partnership setting; returns the sentence confirming it."""
        self._rounds.require_coordinator(workspace, actor, "change the partnership's rules")
        now = self._clock.now()
        with self._store() as store:
            if key == REPRESENTATION:
                check_roster(store.roster(workspace), Representation(value))
            store.set_setting(workspace, key, value)
            store.record(HistoryEntry(now, None, "config", actor, text=f"{key}={value}"), workspace)
            rules = _rules(store, workspace)
        if key == REPRESENTATION:
            return f"A speaker now speaks for their {value}. Rounds opened from now on use this."
        from bot.domain.recorded_vote import describe_rules

        return f"Recorded votes now: {describe_rules(rules)}."

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
                    raise InvalidInput("That alternative is no longer on the round; pick again.")
        parts = [clean_text(details)]
        answers = clean_text(answers)
        if alternative is not None:
            parts.append(ADOPTED_HEADING.format(voter=alternative.voter) + alternative.reason)
        if answers:
            parts.append(ANSWERS_HEADING + answers)
        body = "\n\n".join(p for p in parts if p)
        if len(body) > MAX_DETAILS:
            raise InvalidInput(
                f"The details and answers come to {len(body)} characters; keep them under "
                f"{MAX_DETAILS} (link to a document for the rest)."
            )
        draft = RoundDraft(
            workspace=parent.workspace,
            channel=parent.channel,
            chair=parent.chair,
            title=title or parent.title,
            details=body,
            voters=() if parent.members else parent.voters,
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
        round_.require_chair(actor, "revise")
        if round_.is_open:
            raise Conflict(
                f"Round #{round_.id} is still open. Let it close (or `/consensus close "
                f"#{round_.id}`); a revision follows a round without consensus."
            )
        if round_.status is RoundStatus.CANCELLED:
            raise Conflict(f"Round #{round_.id} was cancelled; start a new round instead.")
        if round_.outcome == Outcome.CONSENSUS.value:
            raise Conflict(f"Round #{round_.id} reached consensus; there is nothing to revise.")
        children = store.child_rounds(round_.id)
        if children:
            raise Conflict(
                f"Round #{round_.id} was already revised as #{children[-1].id}; revise "
                f"#{children[-1].id} instead."
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
        raise NotFound(
            "No round here has ended without consensus. Name one (`#12`); `/consensus log` "
            "lists recent decisions."
        )

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
        deadline: str = "",
        sector: str = "",
    ) -> RecordedVote:
        """Open a recorded vote on a decision that has reached an impasse.

        Raises:
            Conflict: no round of the decision has ended with "No consensus", or a vote exists.
        """
        now = self._clock.now()
        closes_at = now + DEFAULT_VOTE_DURATION
        if deadline:
            parsed = parse_deadline(deadline)
            if parsed.duration is not None:
                closes_at = now + parsed.duration
            else:
                closes_at = resolve_deadline(parsed, now, self._rounds._directory.timezone(actor))
        from bot.domain.round import validate_window

        validate_window(now, closes_at)
        with self._store() as store:
            found = self._target(store, workspace, channel, round_id)
        self._rounds.require_readable(found, actor)
        with self._store() as store:
            target = self._target(store, workspace, channel, found.id)
            chain = _chain(store, target)
            check_can_call(chain[: chain.index(target) + 1], target, actor)
            existing = [v for r in chain for v in store.votes_for_round(r.id)]
            if existing:
                raise Conflict(
                    f"This decision already has recorded vote {existing[0].id} "
                    f"({existing[0].result or 'open'}). See `/consensus log #{target.id}`."
                )
            rules = _rules(store, workspace)
            if sector and not rules.protect_sector:
                raise InvalidInput(
                    "`--sector` marks an issue as mainly one sector's, which matters only if the "
                    "partnership protects sectors: `/consensus config vote protect on`. Or call "
                    "the vote without `--sector`."
                )
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
                    f"Only the chair (<@{vote.chair}>) can close recorded vote {vote_id}."
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

    def close_lapsed_votes(self) -> int:
        with self._store() as store:
            lapsed = store.lapsed_vote_ids(self._clock.now())
        return sum(1 for vote_id in lapsed if self.close_vote(vote_id, None)[1])

    def vote_view(self, vote_id: int, late: float = 0.0) -> VoteView:
        with self._store() as store:
            vote = self._require_vote(store, vote_id)
            ballots = store.ballots(vote_id)
        return VoteView(vote, count_vote(vote, ballots), tuple(ballots), self._clock.now(), late)

    @staticmethod
    def _require_vote(store: GovernanceStore, vote_id: int, lock: bool = False) -> RecordedVote:
        vote = store.get_vote(vote_id, lock=lock)
        if vote is None:
            raise NotFound(f"There is no recorded vote {vote_id}.")
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
        advisory: set[int] = set()
        for view in self._rounds.open_views(workspace):
            round_ = view.round
            if not round_.is_voter(user):
                continue
            if self._rounds.stance_of(round_.id, user) is not None:
                continue
            if user not in view.tally.not_responded:
                advisory.add(round_.id)
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
        return HomeView(tuple(waiting), frozenset(advisory), tuple(votes), tuple(recent), counted)


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
    text: str, representation: Representation = Representation.SECTOR
) -> list[RosterEntry]:
    """Read a roster file (columns ``slack_user_id,organisation,sector,tier,role``).

    Raises:
        InvalidInput: for the first bad line, naming it, so nothing is imported.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = [(n, row) for n, row in enumerate(reader, start=1) if any(c.strip() for c in row)]
    if not rows:
        raise InvalidInput(f"The roster file is empty. Its header is: {','.join(ROSTER_COLUMNS)}")
    header_line, header = rows[0]
    names = tuple(c.strip().lower() for c in header)
    if names[: len(ROSTER_COLUMNS)] != ROSTER_COLUMNS or len(names) > len(ROSTER_COLUMNS):
        raise InvalidInput(
            f"Line {header_line}: the header must be exactly `{','.join(ROSTER_COLUMNS)}`, "
            f"not `{typed(','.join(names)[:120])}`."
        )
    if len(rows) - 1 > MAX_ROSTER_ROWS:
        raise InvalidInput(f"The file has more than {MAX_ROSTER_ROWS} people; split it.")
    entries: list[RosterEntry] = []
    for number, row in rows[1:]:
        cells = [c.strip() for c in row]
        if len(cells) != len(ROSTER_COLUMNS):
            raise InvalidInput(
                f"Line {number}: expected {len(ROSTER_COLUMNS)} columns "
                f"({','.join(ROSTER_COLUMNS)}), found {len(cells)}."
            )
        user, organisation, sector, tier, role = cells
        if not (user[:1] in _USER_ID and user[1:].isalnum() and user.isupper() and len(user) <= 20):
            raise InvalidInput(
                f"Line {number}: `{typed(user[:30])}` is not a Slack user id (like U012AB3CD; "
                "in Slack open the profile, ⋮ → Copy member ID)."
            )
        try:
            entries.append(make_entry(user, organisation, sector, tier, role or "member"))
        except InvalidInput as error:
            raise InvalidInput(f"Line {number}: {error.marked}") from None
    # Alternates rank in file order.
    ranked: list[RosterEntry] = []
    for i, entry in enumerate(entries, start=1):
        ranked.append(replace(entry, position=i if entry.role is Role.ALTERNATE else 0))
    try:
        check_roster(ranked, representation)
    except InvalidInput as error:
        raise InvalidInput(f"The file was not imported: {error.marked}") from None
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
