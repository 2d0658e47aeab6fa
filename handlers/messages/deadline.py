"""Messages for deadlines as typed (``bot.deadline``)."""

from __future__ import annotations

from bot.deadline import DeadlineProblem
from bot.domain.errors import Problem
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    DeadlineProblem.TOO_LONG: N_("A round can run for at most a year. Try `--deadline 30d`."),
    DeadlineProblem.MISSING: N_("Give a deadline such as `3d` or `2026-12-01T17:00`."),
}
