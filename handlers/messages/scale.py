"""The Slack front end's words for the consensus scale (``bot.domain.scale``).

The core holds levels as numbers, each with the kind of text it asks for, and profiles as
keys; here each gets its words: a level's name (which may differ by profile: level 5 reads
"Need more information" under levels 1-4 and "Disagree, will not block" under levels 1-5),
what it means, the question each kind of text asks, and each profile's name. Templates are
mrkdwn marked with ``N_``; none holds a character mrkdwn escapes, so they read the same in
plain text (buttons, options, the form).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from bot.domain.errors import Problem
from bot.domain.scale import LEVELS_1_TO_4, LEVELS_1_TO_5, RuleProfile, ScaleProblem, TextKind
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    # In Slack only a forged click sends one (the buttons cannot): what was sent is not echoed,
    # since it may be empty or anything at all.
    ScaleProblem.NOT_A_LEVEL: N_(
        "That is not a level of the scale: levels go from {lowest} to {highest}. "
        "Pick one with the buttons on the round's message."
    ),
}

# (name, meaning) of the levels every profile reads alike.
_COMMON: Mapping[int, tuple[str, str]] = {
    1: (N_("Full support"), N_("I'll actively support its implementation.")),
    2: (N_("Acceptable"), N_("I'll support its implementation.")),
    3: (N_("Support with reservations"), N_("I can live with it.")),
    4: (
        N_("Not thrilled, will not block"),
        N_("I disagree but will go along; I want my disagreement acknowledged."),
    ),
    6: (N_("Cannot support"), N_("I cannot support it and cannot accept it.")),
}

# The levels a profile reads its own way, by profile key.
_PROFILE_LEVELS: Mapping[str, Mapping[int, tuple[str, str]]] = {
    LEVELS_1_TO_4.key: {
        5: (N_("Need more information"), N_("Not yet: I need more information or discussion."))
    },
    LEVELS_1_TO_5.key: {
        5: (
            N_("Disagree, will not block"),
            N_("I disagree and won't be involved in implementation, but won't sabotage it."),
        )
    },
}

PROFILE_NAMES: Mapping[str, str] = {
    LEVELS_1_TO_4.key: N_("Levels 1-4 are consensus"),
    LEVELS_1_TO_5.key: N_("Levels 1-5 are consensus"),
}

# The question asked with each kind of text (in the form, the thread, a refusal).
PROMPTS: Mapping[TextKind, str] = {
    TextKind.RESERVATION: N_("Any reservation you want the group to hear? (optional)"),
    TextKind.INFORMATION: N_("What information or discussion do you need?"),
    TextKind.ALTERNATIVE: N_("What alternative could work for you and the group?"),
}
# For the catalog: a problem's ``TextKind`` parameter reads as its question.
LABELS: Mapping[Enum, str] = {kind: text for kind, text in PROMPTS.items()}

# When the form is asked for a level of a profile it does not know (a forged request).
UNKNOWN_PROMPT = N_("Please explain")
UNKNOWN_LEVEL = N_("Level {level}")


def _words(profile: RuleProfile, number: int) -> tuple[str, str]:
    profile.level(number)  # refuses a number off the scale, as the profile does
    return _PROFILE_LEVELS[profile.key].get(number) or _COMMON[number]


def level_name(profile: RuleProfile, number: int) -> str:
    """The level's short name under ``profile``: "Full support"."""
    return _words(profile, number)[0]


def button_text(profile: RuleProfile, number: int) -> str:
    """The level as a button reads: it begins with the number so it reads in any client."""
    return f"{number} {level_name(profile, number)}"


def meaning(profile: RuleProfile, number: int) -> str:
    """What choosing the level says: "I can live with it."."""
    return _words(profile, number)[1]


def prompt(profile: RuleProfile, number: int) -> str:
    """The question the level asks with its text ("" when it asks none)."""
    return PROMPTS.get(profile.level(number).text_kind, "")


def profile_name(profile: RuleProfile) -> str:
    return PROFILE_NAMES[profile.key]
