"""What the governance use-cases share: the unit of work with its governance queries, the
round service they build on, and reading the partnership's settings and a decision's rounds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from fractions import Fraction
from typing import Protocol

from bot.domain.recorded_vote import Ballot, RecordedVote, VoteRules
from bot.domain.roster import Representation, RosterEntry
from bot.domain.round import Round, Stance
from bot.partnership_settings import (
    REPRESENTATION,
    VOTE_PROTECT,
    VOTE_THRESHOLD,
    VOTE_WEIGHTS,
    parse_weight_setting,
)
from bot.ports import Clock, HistoryEntry, Store
from bot.usecases.consensus_service import ConsensusService


class GovernanceStore(Store, Protocol):
    """The unit of work, with the queries of the roster, revisions, recorded votes and the log."""

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


class GovernanceContext:
    """The ports the governance parts share (set by `GovernanceService`)."""

    _store: Callable[[], GovernanceStore]
    _clock: Clock
    _rounds: ConsensusService
    _kick: Callable[[], None]


def decision_chain(store: GovernanceStore, round_: Round) -> list[Round]:
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


def representation_setting(store: Store, workspace: str) -> Representation:
    return Representation(store.get_setting(workspace, REPRESENTATION) or "sector")


def vote_rules(store: Store, workspace: str) -> VoteRules:
    threshold = store.get_setting(workspace, VOTE_THRESHOLD)
    return VoteRules(
        threshold=Fraction(threshold) if threshold else VoteRules().threshold,
        weights=parse_weight_setting(store.get_setting(workspace, VOTE_WEIGHTS)),
        protect_sector=store.get_setting(workspace, VOTE_PROTECT) == "on",
    )
