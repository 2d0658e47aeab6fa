"""Messages for recorded votes (``bot.domain.recorded_vote``)."""

from __future__ import annotations

from bot.domain.errors import Problem
from bot.domain.recorded_vote import VoteProblem
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    VoteProblem.ROUND_OPEN: N_(
        "Round #{round} is still open. A recorded vote comes only after a round without "
        "consensus: close it first (`{command} close #{round}`)."
    ),
    VoteProblem.ROUND_REACHED_CONSENSUS: N_(
        "Round #{round} reached consensus; the decision is made and needs no vote."
    ),
    VoteProblem.NO_IMPASSE: N_(
        'No round of this decision has ended with "No consensus" yet (round #{round}: {ended}). '
        "The partnership decides by consensus; a recorded vote is only for an impasse. "
        "Run a revision round first: `{command} revise #{round}`."
    ),
    VoteProblem.CLOSED: N_("Recorded vote {vote} has closed; its result is in the channel."),
    VoteProblem.NOT_VOTER: N_(
        "You cannot vote in recorded vote {vote}: you are not one of its voters. "
        "If that is wrong, ask the chair {chair}."
    ),
    VoteProblem.ADVISORY: N_(
        "You cannot vote in recorded vote {vote}: advisory partners give input in consensus "
        "rounds but do not vote. If that is wrong, ask the chair {chair}."
    ),
    VoteProblem.REPRESENTED: N_(
        "You cannot vote in recorded vote {vote}: your group's speaker (or an alternate) casts "
        "its vote. If that is wrong, ask the chair {chair}."
    ),
    VoteProblem.BAD_WEIGHT: N_(
        "`{text}` is not a sector weight. Write `sector=number` (1 to {limit}), e.g. "
        "`{command} config vote weights hospital=1 primary-care=2`, "
        "or `weights none` for equal weights."
    ),
}
