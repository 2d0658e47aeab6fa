"""Messages for escalations to the steering committee (``bot.usecases.escalations``)."""

from __future__ import annotations

from bot.domain.errors import Problem
from bot.usecases.escalations import EscalationProblem
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    EscalationProblem.ROUND_OPEN: N_(
        "Round #{round} is still open. Close it first (`{command} close #{round}`); "
        "only an outcome without consensus can be escalated."
    ),
    EscalationProblem.ROUND_CANCELLED: N_(
        "Round #{round} ended with a cancellation; only a round without consensus can be escalated."
    ),
    EscalationProblem.ROUND_REACHED: N_(
        "Round #{round} ended with {outcome}; only a round without consensus can be escalated."
    ),
    EscalationProblem.ALREADY_ESCALATED: N_("Round #{round} has already been escalated."),
    EscalationProblem.NO_STEERING_CHANNEL: N_(
        "No steering channel is set. Set it with `{command} config steering #channel`, "
        "then escalate again."
    ),
    EscalationProblem.NO_RESOLUTION: N_(
        "Say how it was resolved: `{command} resolve 3 &lt;what was agreed&gt;`."
    ),
    EscalationProblem.NOT_FOUND: N_("There is no escalation {escalation}."),
    EscalationProblem.NOT_STEERING: N_(
        "Escalation {escalation} is for the steering committee: members of {channel} "
        "or the partnership's coordinators record how it was resolved."
    ),
    EscalationProblem.ALREADY_RESOLVED: N_(
        "Escalation {escalation} was already resolved by {by}: {resolution}"
    ),
}
