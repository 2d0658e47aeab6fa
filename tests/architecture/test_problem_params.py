"""Every place that raises a problem passes exactly what its words need.

A template that names a field the raise does not pass would fail just when a person is to
be told (KeyError: no answer at all). This reads every ``SomeError(Problem.MEMBER, name=…)``
in the code (both branches of ``A if c else B``) and checks that the Slack catalog's words
for it need nothing more. (A parameter the words do not use is allowed: two variants of one
refusal may share parameters, and a generic template may say less than its data holds.)
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import bot
from bot.domain.errors import Problem
from handlers import messages
from terminal import words as terminal_words

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "bootstrap")
ALWAYS = {"command"}


def _problem_classes() -> dict[str, type[Problem]]:
    for module in pkgutil.walk_packages(bot.__path__, "bot."):
        importlib.import_module(module.name)
    importlib.import_module("handlers.grammar.problems")
    found: dict[str, type[Problem]] = {}
    pending = list(Problem.__subclasses__())
    while pending:
        kind = pending.pop()
        pending.extend(kind.__subclasses__())
        found[kind.__name__] = kind
    return found


def _members(node: ast.expr, classes: dict[str, type[Problem]]) -> Iterator[Problem]:
    if isinstance(node, ast.IfExp):
        yield from _members(node.body, classes)
        yield from _members(node.orelse, classes)
    elif (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in classes
    ):
        yield classes[node.value.id][node.attr]


def raise_sites() -> Iterator[tuple[str, Problem, frozenset[str] | None]]:
    """(where, problem, keyword names; None when ``**params`` hides them)."""
    classes = _problem_classes()
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(), str(path))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                names = [k.arg for k in node.keywords]
                given = None if None in names else frozenset(n for n in names if n)
                for problem in _members(node.args[0], classes):
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    yield where, problem, given


SITES = list(raise_sites())


def test_the_raise_sites_are_found() -> None:
    assert len(SITES) > 100


@pytest.mark.parametrize(("where", "problem", "given"), SITES, ids=[s[0] for s in SITES])
def test_a_problem_is_raised_with_the_fields_its_words_need(
    where: str, problem: Problem, given: frozenset[str] | None
) -> None:
    if given is None:
        pytest.skip("parameters passed as **kwargs")
    needed = messages.fields(messages.CATALOG[problem]) - ALWAYS
    assert needed <= given, f"{where}: {problem.value} needs {sorted(needed - given)}"


@pytest.mark.parametrize(("where", "problem", "given"), SITES, ids=[s[0] for s in SITES])
def test_the_terminal_words_need_no_more_than_is_raised(
    where: str, problem: Problem, given: frozenset[str] | None
) -> None:
    template = terminal_words.PROBLEMS.get(problem)
    if template is None or given is None:
        pytest.skip("the terminal shows this code as it comes")
    needed = messages.fields(template)
    assert needed <= given, f"{where}: {problem.value} needs {sorted(needed - given)}"
