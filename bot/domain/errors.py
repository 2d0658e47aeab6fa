"""Errors a person can cause, as data: a problem code and its parameters.

The core does not write sentences. It raises ``InvalidInput(RoundProblem.NOT_CHAIR,
chair=Person("U1"), round=7)``; each front end looks the problem up in its message catalog
and renders the parameters its own way (a person as a mention in Slack, as a name in a
terminal; text the person typed shown exactly as typed). A problem code is a member of a
``Problem`` enum that each concept defines beside its rules, so the codes are one source that
the catalogs are checked against (every member has a message in every front end).

Errors not yet moved to codes still carry a finished Slack (mrkdwn) message with the typed
parts marked by ``typed(...)``; they are being converted concept by concept (issue 12).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Problem(StrEnum):
    """Base of every concept's problem codes. A code reads ``concept.what_went_wrong``."""


@dataclass(frozen=True)
class Person:
    """A person named in a problem, by the opaque id the front end gave the core."""

    id: str


@dataclass(frozen=True)
class Place:
    """A channel (or any place a front end posts to), by its opaque id."""

    id: str


@dataclass(frozen=True)
class Sector:
    """A sector, by its key ("primary-care"); each front end shows its own label for it."""

    key: str


@dataclass(frozen=True)
class Typed:
    """Text a person typed, to be shown exactly as typed (escaped by each front end)."""

    text: str


@dataclass(frozen=True)
class Choices:
    """Codes offered as alternatives ("did you mean a or b?"), each shown as a literal."""

    items: tuple[str, ...]


# What a parameter may be: ids the front end resolves, typed text, numbers, codes (enums and
# plain strings the core owns, such as a sector key shown as a code), a ``Sector`` shown by its
# label, instants, another problem (the cause), or a tuple of any of these (a list the front
# end joins).
Param = object

# Around typed text in a message. Control characters: no typed text can contain them
# (``clean_text`` and ``typed`` drop them), so the marks cannot be forged.
TYPED_START, TYPED_END = "\x02", "\x03"
_TYPED = re.compile(f"{TYPED_START}([^{TYPED_START}{TYPED_END}]*){TYPED_END}")


def typed(text: str) -> str:
    """Mark ``text`` to be shown exactly as written: what a person typed, or a usage line
    whose ``<placeholders>`` Slack would otherwise read as markup."""
    return TYPED_START + text.replace(TYPED_START, "").replace(TYPED_END, "") + TYPED_END


def render_typed(message: str, show: Callable[[str], str]) -> str:
    """``message`` with each typed part replaced by ``show(part)`` and the marks removed."""
    return _TYPED.sub(lambda match: show(match.group(1)), message)


class ConsensusError(Exception):
    """Base for errors shown to the person who caused them.

    ``problem`` is the code; ``params`` what the front end's message needs. (While errors are
    being converted, a plain ``str`` in place of the code is a finished legacy message.)
    """

    def __init__(self, problem: Problem | str, /, **params: Param) -> None:
        super().__init__(problem)
        self.problem: Problem | None = problem if isinstance(problem, Problem) else None
        self.params: Mapping[str, Param] = params

    @property
    def marked(self) -> str:
        """A legacy message with its typed parts marked (see ``typed``); for a coded error,
        the code and parameters (front ends render coded errors from their catalog)."""
        if self.problem is not None:
            shown = ", ".join(f"{key}={_plain(value)}" for key, value in self.params.items())
            return f"{self.problem.value}({shown})" if shown else self.problem.value
        return str(self.args[0]) if self.args else ""

    @property
    def message(self) -> str:
        """The message with typed text as typed."""
        return render_typed(self.marked, lambda part: part)

    def __str__(self) -> str:
        return self.message


class InvalidInput(ConsensusError):
    """The request is malformed or asks for something impossible."""


class NotAllowed(ConsensusError):
    """The person may not do this."""


class NotFound(ConsensusError):
    """The thing referred to does not exist here."""


class Conflict(ConsensusError):
    """The request does not fit the current state (e.g. the round is closed)."""


def _plain(value: Param) -> str:
    if isinstance(value, Person | Place):
        return value.id
    if isinstance(value, Sector):
        return value.key
    if isinstance(value, Typed):
        return typed(value.text)
    if isinstance(value, ConsensusError):
        return value.marked
    return str(value)
