"""The six-level consensus scale and the rule profiles that read it.

A rule profile is data: which levels block consensus and which must be explained, with
the prompt shown to the person. The two profiles are the two readings of the partnership
agreement template (its list says levels 1-4 are consensus, its table says 1-5).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

LEVELS = (1, 2, 3, 4, 5, 6)


class Explanation(StrEnum):
    """Whether a level asks the person to say why."""

    NONE = "none"
    OPTIONAL = "optional"
    REQUIRED = "required"


class TextKind(StrEnum):
    """What the text given with a level is: a level keeps a person's earlier text only when
    it is of the same kind (a reservation is not an alternative)."""

    NONE = "none"
    RESERVATION = "reservation"
    INFORMATION = "information"
    ALTERNATIVE = "alternative"


@dataclass(frozen=True)
class Level:
    """One step of the scale as a profile presents it."""

    number: int
    label: str
    meaning: str
    explanation: Explanation
    prompt: str = ""

    @property
    def text_kind(self) -> TextKind:
        return _TEXT_KINDS.get(self.prompt, TextKind.NONE)

    @property
    def button_text(self) -> str:
        """Button text begins with the level number so it reads in any client."""
        return f"{self.number} {self.label}"


@dataclass(frozen=True)
class RuleProfile:
    """A named reading of the scale: labels, obligations and which levels block."""

    key: str
    name: str
    summary: str
    levels: tuple[Level, ...]
    blocking: frozenset[int]

    def level(self, number: int) -> Level:
        """Return the level with that number; raises ValueError outside 1-6."""
        for level in self.levels:
            if level.number == number:
                return level
        raise ValueError(f"level must be 1 to 6, not {number}")

    def blocks(self, number: int) -> bool:
        """True when a response at this level prevents consensus."""
        return number in self.blocking


_RESERVATION = "Any reservation you want the group to hear? (optional)"
_INFORMATION = "What information or discussion do you need?"
_ALTERNATIVE = "What alternative could work for you and the group?"

_TEXT_KINDS = {
    _RESERVATION: TextKind.RESERVATION,
    _INFORMATION: TextKind.INFORMATION,
    _ALTERNATIVE: TextKind.ALTERNATIVE,
}

_COMMON = (
    Level(1, "Full support", "I'll actively support its implementation.", Explanation.NONE),
    Level(2, "Acceptable", "I'll support its implementation.", Explanation.OPTIONAL, _RESERVATION),
    Level(
        3,
        "Support with reservations",
        "I can live with it.",
        Explanation.OPTIONAL,
        _RESERVATION,
    ),
    Level(
        4,
        "Not thrilled, will not block",
        "I disagree but will go along; I want my disagreement acknowledged.",
        Explanation.OPTIONAL,
        _RESERVATION,
    ),
)
_CANNOT_SUPPORT = Level(
    6,
    "Cannot support",
    "I cannot support it and cannot accept it.",
    Explanation.REQUIRED,
    _ALTERNATIVE,
)

LEVELS_1_TO_4 = RuleProfile(
    key="1-4",
    name="Levels 1-4 are consensus",
    summary="Consensus when every response is at level 4 or better.",
    levels=(
        *_COMMON,
        Level(
            5,
            "Need more information",
            "Not yet: I need more information or discussion.",
            Explanation.REQUIRED,
            _INFORMATION,
        ),
        _CANNOT_SUPPORT,
    ),
    blocking=frozenset({5, 6}),
)

LEVELS_1_TO_5 = RuleProfile(
    key="1-5",
    name="Levels 1-5 are consensus",
    summary="Consensus unless someone responds at level 6.",
    levels=(
        *_COMMON,
        Level(
            5,
            "Disagree, will not block",
            "I disagree and won't be involved in implementation, but won't sabotage it.",
            Explanation.OPTIONAL,
            _RESERVATION,
        ),
        _CANNOT_SUPPORT,
    ),
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
