"""Messages for escalations to the steering committee (``bot.usecases.escalations``)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.errors import Problem
from bot.ports import Audience
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

# The escalation's posts in the steering channel and the resolution told in both (posts to
# channels: in the partnership's language).
ESCALATED = N_(
    ':rotating_light: Escalation {escalation}: proposal {round} "{title}" ended with '
    "*{outcome}* in {channel}. The steering committee is asked to address it by {due}."
)
HEADER = N_("Escalation {escalation}: {title}")
INFORMATION_REQUESTED = N_("*Information requested*")
ALTERNATIVES_OFFERED = N_("*Alternatives offered*")
ESCALATED_BY = N_("Escalated by {person}. Record the resolution with `{command_line}`.")
REMINDER_KINDS: Mapping[str, str] = {
    "weekly": N_("Weekly reminder"),
    "due_in_7_days": N_("Due in 7 days"),
    "due_tomorrow": N_("Due tomorrow"),
    "overdue": N_("Overdue today"),
}
REMINDER_KIND_OTHER = N_("Reminder")
REMINDER = N_(
    ':bell: *{kind}*: escalation {escalation} (proposal {round} "{title}") is unresolved; '
    "due {due}. Record the resolution with `{command_line}`."
)
REMINDER_LATE = N_(
    ":bell: *{kind}* (sent late: the bot was unavailable): escalation {escalation} (proposal "
    '{round} "{title}") is unresolved; due {due}. Record the resolution with `{command_line}`.'
)
RESOLVED: Mapping[Audience, str] = {
    Audience.PARTNERS: N_(
        ":white_check_mark: The steering committee has resolved escalation {escalation} of "
        'this proposal (proposal {round} "{title}"). Recorded by {person}: {resolution}'
    ),
    Audience.STEERING: N_(
        ":white_check_mark: Escalation {escalation} is resolved (proposal {round} "
        '"{title}"). Recorded by {person}: {resolution}'
    ),
}
