"""The terminal words every problem the core can report to it; a few it cannot reach are
shown as they come (their code and parameters), and that list only shrinks."""

from __future__ import annotations

import importlib
import pkgutil

import bot
from bot.domain.errors import Problem
from bot.domain.recorded_vote import VoteProblem
from bot.domain.round import RoundProblem
from bot.usecases.roster import RosterChangeProblem
from terminal import words

# No terminal command reaches these: removing one person from the roster, setting vote
# weights, extending a round, adding a reservation to a level already given (Slack's form).
SHOWN_AS_THEY_COME: frozenset[Problem] = frozenset(
    {
        RosterChangeProblem.NOT_LISTED,
        VoteProblem.BAD_WEIGHT,
        RoundProblem.DEADLINE_NOT_LATER,
        RoundProblem.NO_LEVEL_YET,
        RoundProblem.NOT_POSTED_YET,  # never told: the worker retries until it is posted
        RoundProblem.EXPLANATION_PENDING,  # never told: the worker retries the note
    }
)


def _core_problems() -> list[Problem]:
    for module in pkgutil.walk_packages(bot.__path__, "bot."):
        importlib.import_module(module.name)
    found: list[Problem] = []
    pending = list(Problem.__subclasses__())
    while pending:
        kind = pending.pop()
        pending.extend(kind.__subclasses__())
        if kind.__module__.startswith("bot."):  # not a test's own sample enum
            found.extend(kind)
    return found


def test_every_problem_the_core_can_report_has_terminal_words_but_the_unreachable_ones() -> None:
    problems = _core_problems()
    assert problems
    assert [
        p.value for p in problems if p not in words.PROBLEMS and p not in SHOWN_AS_THEY_COME
    ] == []


def test_a_code_shown_as_it_comes_is_taken_off_the_list_once_it_has_words() -> None:
    assert SHOWN_AS_THEY_COME.isdisjoint(words.PROBLEMS)


# Whether each terminal template asks only for what the raise sites pass is checked site by
# site in tests/architecture/test_problem_params.py.
