"""Messages for deadlines as typed (``bot.deadline``)."""

from __future__ import annotations

from bot.deadline import DeadlineProblem
from bot.domain.errors import Problem
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    DeadlineProblem.TOO_LONG: N_("A round can run for at most a year. Try `--deadline 30d`."),
    DeadlineProblem.MISSING: N_("Give a deadline such as `3d` or `2026-12-01T17:00`."),
    DeadlineProblem.SKIPPED_TIME: N_(
        "{local} does not exist in {zone}: the clocks skip that hour. "
        "The nearest valid time is {nearest}; try `--deadline {suggestion}`."
    ),
    DeadlineProblem.REPEATED_TIME: N_(
        "{local} happens twice in {zone}: the clocks go back that night. Say which one with "
        "its offset: `{first}` (the first) or `{second}` (the second)."
    ),
}
