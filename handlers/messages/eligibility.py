"""Messages for eligibility (``bot.domain.eligibility``).

A refusal names each person with the reason in its own words (``handlers.views.eligibility``);
this template is the short form, for where that fuller answer is not built.
"""

from __future__ import annotations

from bot.domain.eligibility import EligibilityProblem, Why
from bot.domain.errors import Problem
from handlers.messages.marker import N_, Np_

MESSAGES: dict[Problem, str] = {
    EligibilityProblem.NOT_ELIGIBLE: N_("These people cannot take part: {people}."),
}

# Why a person named cannot take part, as a whole clause about them (``{person}``).
PERSON_REASONS: dict[Why, str] = {
    Why.BOT: N_("{person} is a bot or an app, not a person"),
    Why.DEACTIVATED: N_("{person} has a deactivated Slack account"),
    Why.UNKNOWN: N_("{person} is not an account of this workspace"),
    Why.OUTSIDE_CHANNEL: N_("{person} is not in this channel"),
}
# Between the clauses of several people.
REASON_SEPARATOR = "; "

ROSTER_REFUSAL = N_(
    ":warning: {people}. Only people with an active Slack account can be on the roster; "
    "nothing was changed. Check the mention (or the member id) and try again."
)
START_REFUSAL = N_(
    ":warning: No round was opened: {people}. Leave them out of `--voters`, and run "
    "`{command} start` again."
)
START_REFUSAL_OUTSIDE = N_(
    ":warning: No round was opened: {people}. Leave them out of `--voters`, or invite them "
    "to the channel (`/invite @name`), or add `{include_outside}` to `{command} start` to "
    "include them anyway (they will not see the round's thread or outcome), and run "
    "`{command} start` again."
)
LEFT_OUT = N_(" Not asked: {people}. To ask someone anyway, name the voters with `--voters @a @b`.")
OUTSIDE_WARNING = Np_(
    " :warning: {people} is not in this channel: they are asked to respond and counted, but "
    "cannot see the round's thread or its outcome. Invite them with `/invite @name` so they "
    "can.",
    " :warning: {people} are not in this channel: they are asked to respond and counted, but "
    "cannot see the round's thread or its outcome. Invite them with `/invite @name` so they "
    "can.",
)
