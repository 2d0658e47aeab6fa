"""Messages for changing the roster one person at a time (``bot.usecases.roster``)."""

from __future__ import annotations

from bot.domain.errors import Problem
from bot.usecases.roster import RosterChangeProblem
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    RosterChangeProblem.NOT_LISTED: N_(
        "{person} is not on the roster. `{command} roster` shows it."
    ),
}
