"""`GovernanceService`: roster, revisions, recorded votes and the decision log, composed
from one part per concept over the round service.

The parts share the attributes declared in `bot.usecases.governance_context`; this class
is the one object the composition root builds and the front ends call.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.due_work import DueWorkTable
from bot.ports import Clock
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.decision_log import DecisionLog
from bot.usecases.governance_context import GovernanceStore
from bot.usecases.recorded_votes import GovernanceNotifier, RecordedVotes
from bot.usecases.roster import Roster


class GovernanceService(Roster, RecordedVotes, DecisionLog):
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
        self._register_vote_work(due_work)
