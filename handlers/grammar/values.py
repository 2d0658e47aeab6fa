"""Values typed in a command or a form field: deadlines, shares (quorum, threshold), reminders.

Shared by the `/consensus` grammar and the forms' listeners. Each reads text as typed (already
unescaped) and refuses what it cannot read with a code the catalog words.
"""

from __future__ import annotations

import re
from fractions import Fraction

from bot.deadline import Deadline, read_deadline
from bot.domain.errors import InvalidInput, Typed
from handlers.grammar.problems import GrammarProblem

# The longest part of a typed value quoted back in a refusal.
QUOTED_DEADLINE = 40
QUOTED_SHARE = 20
# Words that turn the reminders off.
NO_REMINDERS = ("none", "off", "no")


def parse_deadline(text: str) -> Deadline:
    """A deadline as the core reads it (``bot.deadline.read_deadline``), or a refusal."""
    deadline = read_deadline(text)
    if deadline is None:
        raise InvalidInput(
            GrammarProblem.NOT_A_DEADLINE, text=Typed(text.strip()[:QUOTED_DEADLINE])
        )
    return deadline


def parse_share(text: str, above: Fraction, refusal: GrammarProblem) -> Fraction:
    """`75%`, `0.75` or `2/3` → a fraction more than ``above`` and at most 1, else ``refusal``."""
    text = text.strip()
    try:
        value = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        value = Fraction(-1)
    if not above < value <= 1:
        raise InvalidInput(refusal, text=Typed(text[:QUOTED_SHARE]))
    return value


def parse_quorum(text: str) -> Fraction:
    """A share of the voters, in (0, 1]."""
    return parse_share(text, Fraction(0), GrammarProblem.NOT_A_QUORUM)


def parse_threshold(text: str) -> Fraction:
    """A share of votes cast that passes a vote: more than half, at most all."""
    return parse_share(text, Fraction(1, 2), GrammarProblem.NOT_A_THRESHOLD)


def parse_reminders(text: str) -> tuple[Fraction, ...]:
    """`50%,90%` → reminders at those shares of the window; `none` → no reminders."""
    if text.strip().lower() in NO_REMINDERS:
        return ()
    shares: list[Fraction] = []
    for part in re.split(r"[,\s]+", text.strip()):
        if not part:
            continue
        try:
            share = Fraction(part.rstrip("%")) / 100
        except (ValueError, ZeroDivisionError):
            share = Fraction(-1)
        if not 0 < share < 1:
            raise InvalidInput(GrammarProblem.NOT_A_REMINDER, text=Typed(part[:QUOTED_SHARE]))
        shares.append(share)
    return tuple(sorted(set(shares)))
