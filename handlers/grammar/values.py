"""Values typed in a command or a form field: deadlines, shares (quorum, threshold), reminders.

Shared by the `/consensus` grammar and the forms' listeners. Each reads text as typed (already
unescaped) and refuses what it cannot read with a sentence that says what to type instead.
"""

from __future__ import annotations

import re
from fractions import Fraction

from bot.deadline import Deadline, read_deadline
from bot.domain.errors import InvalidInput, typed

# The longest part of a typed value quoted back in a refusal.
QUOTED_DEADLINE = 40
QUOTED_SHARE = 20
# Words that turn the reminders off.
NO_REMINDERS = ("none", "off", "no")
NOT_A_DEADLINE = (
    "`{text}` is not a deadline. Use a duration such as `3d`, `36h`, `90m`, "
    "`40s`, or a date and time such as `2026-12-01T17:00` (your time zone) or "
    "`2026-12-01T17:00-05:00` (with an offset)."
)
NOT_A_QUORUM = (
    "`{text}` is not a quorum. Give a share of the voters between 1% and "
    "100%, e.g. `--quorum 75%` or `--quorum 2/3`."
)
NOT_A_THRESHOLD = (
    "`{text}` is not a passing threshold. Give a share of the votes cast "
    "above half, e.g. `2/3` (the default), `75%` or `1` (unanimous)."
)
NOT_A_REMINDER = (
    "`{text}` is not a reminder time. Give shares of the voting window, "
    "e.g. `--remind 50%,90%`, or `--remind none`."
)


def parse_deadline(text: str) -> Deadline:
    """A deadline as the core reads it (``bot.deadline.read_deadline``), or a refusal."""
    deadline = read_deadline(text)
    if deadline is None:
        raise InvalidInput(NOT_A_DEADLINE.format(text=typed(text.strip()[:QUOTED_DEADLINE])))
    return deadline


def parse_share(text: str, above: Fraction, refusal: str) -> Fraction:
    """`75%`, `0.75` or `2/3` → a fraction more than ``above`` and at most 1, else ``refusal``
    (a template with ``{text}``)."""
    text = text.strip()
    try:
        value = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        value = Fraction(-1)
    if not above < value <= 1:
        raise InvalidInput(refusal.format(text=typed(text[:QUOTED_SHARE])))
    return value


def parse_quorum(text: str) -> Fraction:
    """A share of the voters, in (0, 1]."""
    return parse_share(text, Fraction(0), NOT_A_QUORUM)


def parse_threshold(text: str) -> Fraction:
    """A share of votes cast that passes a vote: more than half, at most all."""
    return parse_share(text, Fraction(1, 2), NOT_A_THRESHOLD)


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
            raise InvalidInput(NOT_A_REMINDER.format(text=typed(part[:QUOTED_SHARE])))
        shares.append(share)
    return tuple(sorted(set(shares)))
