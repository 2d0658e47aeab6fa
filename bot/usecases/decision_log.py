"""Reading back: a decision with all its rounds, votes and record entries, recent decisions,
the App Home's view, and cells made safe for the export's spreadsheets.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from bot.domain.recorded_vote import RecordedVote
from bot.domain.roster import ResponseStanding, standing
from bot.domain.round import Round
from bot.domain.tally import Tally, tally
from bot.ports import HistoryEntry, RoundView
from bot.record_entries import EntryKind, entry_params
from bot.usecases.governance_context import GovernanceContext, decision_chain

# What makes a spreadsheet read a CSV cell as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Recent decisions are read this many times over, then cut to those the reader may see.
RECENT_OVERFETCH = 5


@dataclass(frozen=True)
class Decision:
    """One decision as a history: its rounds in order, recorded votes, and the record."""

    rounds: tuple[Round, ...]
    votes: tuple[RecordedVote, ...]
    entries: tuple[HistoryEntry, ...]
    # The places in ``entries`` of levels given in a round still open and ballots cast in a
    # vote still open: they say who, never what (no level, no text), until the close — the
    # same rule as an open round's view (bot/domain/progress.py).
    withheld: frozenset[int] = frozenset()


@dataclass(frozen=True)
class HomeView:
    waiting: tuple[RoundView, ...]
    # By round id: whether the person's level would count once given, and why not.
    standings: dict[int, ResponseStanding]
    votes_waiting: tuple[RecordedVote, ...]
    recent: tuple[Round, ...]
    # How each recent decision was counted (round id → tally), to explain its outcome.
    recent_tallies: dict[int, Tally] = field(default_factory=dict)


class DecisionLog(GovernanceContext):
    """Reading decisions back, as a person may see them."""

    def decision(self, round_id: int) -> Decision:
        """The whole decision a round belongs to: every revision, vote and record entry."""
        with self._store() as store:
            round_ = self._rounds._require_round(store, round_id)
            chain = decision_chain(store, round_)
            ids = [r.id for r in chain]
            votes = [v for r in chain for v in store.votes_for_round(r.id)]
            entries = store.history_of_rounds(ids)
        open_rounds = {r.id for r in chain if r.is_open}
        open_votes = {v.id for v in votes if v.is_open}
        withheld = frozenset(
            i for i, e in enumerate(entries) if _given_while_open(e, open_rounds, open_votes)
        )
        shown = [
            replace(e, level=None, text="") if i in withheld else e for i, e in enumerate(entries)
        ]
        return Decision(tuple(chain), tuple(votes), tuple(shown), withheld)

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
            responded = view.progress.responded
            if user in responded:
                continue
            # As the tally would count their level once given: a speaker whose alternate
            # answered first still counts.
            standings[round_.id] = standing(round_.voters, round_.members, responded, user)
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


def _given_while_open(entry: HistoryEntry, open_rounds: set[int], open_votes: set[int]) -> bool:
    """A level in a round still open, or a ballot in a vote still open (any open vote on its
    round, when the entry's vote cannot be read)."""
    if entry.kind == EntryKind.STANCE:
        return entry.round_id in open_rounds
    if entry.kind == EntryKind.BALLOT:
        vote = (entry_params(entry.kind, entry.text) or {}).get("vote")
        if vote is None:
            return bool(open_votes)
        return vote in open_votes
    return False


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
