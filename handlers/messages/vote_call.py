"""Messages for calling and running a recorded vote (``bot.usecases.recorded_votes``)."""

from __future__ import annotations

from bot.domain.errors import Problem
from bot.usecases.recorded_votes import VoteCallProblem
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    VoteCallProblem.ALREADY_CALLED: N_(
        "This decision already has recorded vote {vote} ({result}). See `{command} log #{round}`."
    ),
    VoteCallProblem.ALREADY_OPEN: N_(
        "This decision already has recorded vote {vote} (open). See `{command} log #{round}`."
    ),
    VoteCallProblem.SECTOR_NOT_PROTECTED: N_(
        "`--sector` marks an issue as mainly one sector's, which matters only if the "
        "partnership protects sectors: `{command} config vote protect on`. Or call "
        "the vote without `--sector`."
    ),
    VoteCallProblem.NOT_CHAIR: N_("Only the chair ({chair}) can close recorded vote {vote}."),
    VoteCallProblem.NO_SUCH_VOTE: N_("There is no recorded vote {vote}."),
}
