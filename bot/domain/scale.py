"""The six-level consensus scale and the rule profiles that read it.

A rule profile is data: which levels block consensus, which must be explained and what kind
of text each level asks for. The two profiles are the two readings of the partnership
agreement template (its list says levels 1-4 are consensus, its table says 1-5). The words
for levels and profiles (names, meanings, prompts) belong to each front end, looked up by
profile key, level number and ``TextKind`` (issue 12: the core speaks in data).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.errors import InvalidInput, Problem, Typed

LEVELS = (1, 2, 3, 4, 5, 6)
# A level as written (a typed word, the end of a button's action id): exactly its digits.
_WRITTEN = {str(number): number for number in LEVELS}


class ScaleProblem(Problem):
    """What can go wrong with a level (rendered by each front end's catalog)."""

    # Not a level of the scale: typed ("level 7"), or sent by a forged click.
    NOT_A_LEVEL = "scale.not_a_level"


def not_a_level(given: str) -> InvalidInput:
    """The refusal of ``given`` as a level, with the scale's range (the one source)."""
    return InvalidInput(
        ScaleProblem.NOT_A_LEVEL, given=Typed(given[:20]), lowest=LEVELS[0], highest=LEVELS[-1]
    )


def read_level(text: str) -> int:
    """The level ``text`` writes ("1" to "6"), so every front end reads levels alike.

    Raises:
        InvalidInput: anything else ("7", "0", "two", ""), a person's error, not a bug.
    """
    number = _WRITTEN.get(text.strip())
    if number is None:
        raise not_a_level(text.strip())
    return number


class Explanation(StrEnum):
    """Whether a level asks the person to say why."""

    NONE = "none"
    OPTIONAL = "optional"
    REQUIRED = "required"


class TextKind(StrEnum):
    """What the text given with a level is: a level keeps a person's earlier text only when
    it is of the same kind (a reservation is not an alternative). The front ends word the
    question each kind asks."""

    NONE = "none"
    RESERVATION = "reservation"
    INFORMATION = "information"
    ALTERNATIVE = "alternative"


@dataclass(frozen=True)
class Level:
    """One step of the scale as a profile reads it."""

    number: int
    explanation: Explanation
    text_kind: TextKind = TextKind.NONE


@dataclass(frozen=True)
class RuleProfile:
    """A named reading of the scale: obligations and which levels block."""

    key: str
    levels: tuple[Level, ...]
    blocking: frozenset[int]

    def level(self, number: int) -> Level:
        """Return the level with that number.

        Raises:
            InvalidInput: the number is off the scale (a front end need not check first).
        """
        for level in self.levels:
            if level.number == number:
                return level
        raise not_a_level(str(number))

    def blocks(self, number: int) -> bool:
        """True when a response at this level prevents consensus."""
        return number in self.blocking


_MAY_RESERVE = (Explanation.OPTIONAL, TextKind.RESERVATION)
_COMMON = (
    Level(1, Explanation.NONE),
    Level(2, *_MAY_RESERVE),
    Level(3, *_MAY_RESERVE),
    Level(4, *_MAY_RESERVE),
)
_CANNOT_SUPPORT = Level(6, Explanation.REQUIRED, TextKind.ALTERNATIVE)

# The template's list: a 5 means "not yet, information needed" and blocks.
LEVELS_1_TO_4 = RuleProfile(
    key="1-4",
    levels=(*_COMMON, Level(5, Explanation.REQUIRED, TextKind.INFORMATION), _CANNOT_SUPPORT),
    blocking=frozenset({5, 6}),
)

# The template's table: a 5 is "disagree, won't be involved" and is still consensus.
LEVELS_1_TO_5 = RuleProfile(
    key="1-5",
    levels=(*_COMMON, Level(5, *_MAY_RESERVE), _CANNOT_SUPPORT),
    blocking=frozenset({6}),
)

PROFILES: dict[str, RuleProfile] = {p.key: p for p in (LEVELS_1_TO_4, LEVELS_1_TO_5)}
DEFAULT_PROFILE = LEVELS_1_TO_4


def profile_for(key: str) -> RuleProfile:
    """Look up a rule profile by its key ("1-4" or "1-5")."""
    try:
        return PROFILES[key]
    except KeyError:
        known = ", ".join(PROFILES)
        raise ValueError(f"unknown rule profile {key!r}; use one of {known}") from None
