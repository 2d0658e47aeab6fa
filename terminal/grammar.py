"""The terminal's grammar: one line, ``<person>> <command> [words]``, to a typed request.

Its own and deliberately small: people are plain ids (``ana``), not mentions, and nothing is
escaped, because a terminal line is plain text. Deadlines are read by the core's reading
(``bot.deadline.read_deadline``) so every front end accepts the same deadlines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.deadline import Deadline, read_deadline
from bot.domain.errors import InvalidInput, typed
from bot.domain.scale import read_level
from terminal import words
from terminal.errors import Mistake

# A person is named by what they type before ">": letters, digits, ".", "_" and "-".
PERSON_ID = r"[A-Za-z0-9_.-]+"
_SPEAKER = re.compile(rf"^\s*({PERSON_ID})>\s?(.*)$", re.DOTALL)
_ROUND_REF = re.compile(r"^#(\d{1,9})$")
DEADLINE_OPTION = "--deadline"


@dataclass(frozen=True)
class Start:
    title: str
    deadline: Deadline | None = None


@dataclass(frozen=True)
class Level:
    level: int
    # None: no text typed, so the core keeps the text given with the earlier level (as a
    # Slack button does); "" would remove it.
    reason: str | None = None
    round_id: int | None = None


@dataclass(frozen=True)
class OnRound:
    """A command about one round (the latest open one in the channel when not named)."""

    action: str  # "status", "close" or "cancel"
    round_id: int | None = None


@dataclass(frozen=True)
class Help:
    pass


Command = Start | Level | OnRound | Help


def speaker(line: str) -> tuple[str, str]:
    """Split ``ana> status`` into ("ana", "status")."""
    match = _SPEAKER.match(line)
    if match is None:
        raise Mistake(words.LINE_SHAPE)
    return match.group(1), match.group(2).strip()


def parse(text: str) -> Command:
    """What a person typed after ``<person>>``.

    Raises:
        Mistake: the words do not fit the grammar (the message says what to type instead).
        InvalidInput: a deadline or a level that is not one.
    """
    name, _, rest = text.strip().partition(" ")
    rest = rest.strip()
    if name == "start":
        return _start(rest)
    if name == "level":
        return _level(rest)
    if name in ("status", "close", "cancel"):
        return OnRound(name, _optional_round(name, rest.split()))
    if name == "help" and not rest:
        return Help()
    if name == "help":
        raise Mistake(words.USE_IT_SO.format(usage=words.USAGE["help"]))
    raise Mistake(words.UNKNOWN_COMMAND.format(word=name, commands=", ".join(words.USAGE)))


def _start(rest: str) -> Start:
    title, option, value = rest.partition(DEADLINE_OPTION)
    title = title.strip()
    stray = next((w for w in title.split() if w.startswith("--")), None)
    if stray is not None:
        raise Mistake(words.UNKNOWN_OPTION.format(word=stray))
    if not title:
        raise Mistake(words.NO_TITLE)
    if not option:
        return Start(title)
    if not value.strip():
        raise Mistake(words.USE_IT_SO.format(usage=words.USAGE["start"]))
    deadline = read_deadline(value)
    if deadline is None:
        # Typed text marked as such: the session shows it exactly as typed.
        raise InvalidInput(words.NOT_A_DEADLINE.format(word=typed(value.strip()[:40])))
    return Start(title, deadline)


def _level(rest: str) -> Level:
    first, _, after = rest.partition(" ")
    round_id = None
    if first.startswith("#"):
        round_id = _round_ref(first)
        first, _, after = after.strip().partition(" ")
    if not first:
        raise Mistake(words.USE_IT_SO.format(usage=words.USAGE["level"]))
    # The core's reading of a level: a word off the scale is refused by its rule, in words.
    return Level(read_level(first), after.strip() or None, round_id)


def _optional_round(action: str, rest: list[str]) -> int | None:
    if not rest:
        return None
    if len(rest) > 1:
        raise Mistake(words.USE_IT_SO.format(usage=words.USAGE[action]))
    return _round_ref(rest[0])


def _round_ref(word: str) -> int:
    match = _ROUND_REF.match(word)
    if match is None:
        raise Mistake(words.NOT_A_ROUND.format(word=word))
    return int(match.group(1))
