"""Messages for the partnership's coordinators (``bot.usecases.coordinators``)."""

from __future__ import annotations

from enum import Enum

from bot.domain.errors import Problem
from bot.usecases.coordinators import CoordinatorAction, CoordinatorProblem
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    CoordinatorProblem.ADMINS_ONLY: N_(
        "Only the partnership's coordinators (workspace admins) can {action}. Ask one of them; "
        "a workspace admin can add coordinators with `{command} config coordinators @name`."
    ),
    CoordinatorProblem.ADMINS_AND_NAMED: N_(
        "Only the partnership's coordinators (workspace admins and {coordinators}) can "
        "{action}. Ask one of them; a workspace admin can add coordinators with "
        "`{command} config coordinators @name`."
    ),
}

# What only coordinators may do, as it reads after "Only the coordinators can …".
LABELS: dict[Enum, str] = {
    CoordinatorAction.NAME_COORDINATORS: N_("name coordinators"),
    CoordinatorAction.CHOOSE_STEERING: N_("choose the steering channel"),
    CoordinatorAction.CHANGE_ROSTER: N_("change the roster"),
    CoordinatorAction.CHANGE_RULES: N_("change the partnership's rules"),
}
