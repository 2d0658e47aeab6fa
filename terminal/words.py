"""Every sentence and label the terminal shows, in one place.

The core hands over data (rounds, tallies, outcomes as enum members, problem codes); this
module words it for a plain-text reader, the scale's levels and profiles included (looked up
by profile key, level number and the kind of text a level asks for).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import Enum
from zoneinfo import ZoneInfo

from bot.deadline import DeadlineProblem
from bot.domain.eligibility import EligibilityProblem
from bot.domain.errors import Problem
from bot.domain.progress import Progress
from bot.domain.round import Round, RoundProblem, RoundStatus
from bot.domain.scale import (
    LEVELS,
    LEVELS_1_TO_4,
    LEVELS_1_TO_5,
    RuleProfile,
    ScaleProblem,
    TextKind,
)
from bot.domain.tally import Outcome
from bot.ports import TaskKind

# The scale in the terminal's words: level names (level 5 reads differently per profile),
# the question each kind of text asks, and each profile's name.
LEVEL_NAMES: dict[int, str] = {
    1: "Full support",
    2: "Acceptable",
    3: "Support with reservations",
    4: "Not thrilled, will not block",
    6: "Cannot support",
}
PROFILE_LEVEL_NAMES: dict[str, dict[int, str]] = {
    LEVELS_1_TO_4.key: {5: "Need more information"},
    LEVELS_1_TO_5.key: {5: "Disagree, will not block"},
}
PROMPTS: dict[TextKind, str] = {
    TextKind.RESERVATION: "Any reservation you want the group to hear? (optional)",
    TextKind.INFORMATION: "What information or discussion do you need?",
    TextKind.ALTERNATIVE: "What alternative could work for you and the group?",
}
PROFILE_NAMES: dict[str, str] = {
    LEVELS_1_TO_4.key: "Levels 1-4 are consensus",
    LEVELS_1_TO_5.key: "Levels 1-5 are consensus",
}

# How each line says where it is shown (a terminal has one screen for everybody).
CHANNEL_LINE = "#{channel} | {text}"
THREAD_LINE = "#{channel} | round #{round} thread | {text}"
RESOLVED = "Escalation {id} of round #{round} is resolved. Recorded by {by}: {text}"
LEVEL_CHANGED = "{person} moved from {before}; their earlier {kind} is kept in the record."
PRIVATE_LINE = "(to {person}) {text}"
# The answer to a line that names nobody (it has no "<person>>").
TYPIST_LINE = "(to whoever typed that) {text}"

OUTCOME_WORDS: dict[Outcome, str] = {
    Outcome.CONSENSUS: "CONSENSUS REACHED",
    Outcome.NO_CONSENSUS: "NO CONSENSUS",
    Outcome.NO_QUORUM: "NO QUORUM",
}

# The levels whose responses the outcome lists by name, with what the list means.
OUTCOME_SECTIONS: tuple[tuple[int, str], ...] = (
    (4, "Disagreement acknowledged (level 4, will not block)"),
    (5, "Information or discussion needed (level 5)"),
    (6, "Alternatives offered (level 6)"),
)

UNDELIVERED_WORDS: dict[TaskKind, str] = {
    TaskKind.POST_ROUND: "the round message",
    TaskKind.UPDATE_ROUND: "the latest count",
    TaskKind.POST_OUTCOME: "the outcome",
    TaskKind.POST_EXPLANATION: "an explanation",
    TaskKind.POST_LEVEL_CHANGE: "a note of a level change",
    TaskKind.REMIND_WAVE: "reminders",
    TaskKind.REMIND_VOTER: "a reminder",
    TaskKind.POST_ESCALATION: "the escalation",
    TaskKind.ESCALATION_REMINDER: "an escalation reminder",
    TaskKind.POST_VOTE: "the recorded vote",
    TaskKind.UPDATE_VOTE: "the recorded vote's count",
    TaskKind.POST_VOTE_RESULT: "the recorded vote's result",
    TaskKind.TELL_CHAIR_UNDELIVERED: "a note to the chair",
    TaskKind.POST_RESOLUTION: "how the escalation was resolved",
}

# The terminal's own words for the problem codes it meets; the rest fall back to the code.
PROBLEMS: dict[Problem, str] = {
    DeadlineProblem.TOO_LONG: "A round can run for at most a year. Try --deadline 30d.",
    DeadlineProblem.MISSING: "Give a deadline such as 3d or 2026-12-01T17:00.",
    RoundProblem.NOT_CHAIR: (
        "Only the chair ({chair}) can {action} round #{round}. "
        "Ask them, or start your own round with `start`."
    ),
    RoundProblem.NEEDS_ANSWER: "Level {level} needs an answer: {prompt}",
    EligibilityProblem.NOT_ELIGIBLE: "These people cannot take part: {people}.",
    ScaleProblem.NOT_A_LEVEL: "There is no level {given}: give a level from {lowest} to {highest}, "
    "e.g. level 2.",
}
# Words for codes the core passes as parameters; an enum member without one shows its value.
PARAM_WORDS: dict[Enum, str] = {kind: text for kind, text in PROMPTS.items()}
UNKNOWN_PROBLEM = "Refused ({code}{params})."

# The grammar, as shown by `help` and in every mistake's answer.
USAGE: dict[str, str] = {
    "start": "start <proposal> [--deadline 3d|36h|2026-12-01T17:00]",
    "level": f"level [#round] <{LEVELS[0]}-{LEVELS[-1]}> [reason]",
    "status": "status [#round]",
    "close": "close [#round]",
    "cancel": "cancel [#round]",
    "help": "help",
}
LINE_SHAPE = "Type a line as <person>> <command>, e.g. ana> status."
UNKNOWN_COMMAND = "There is no command {word!r} here. Commands: {commands}."
USE_IT_SO = "Use it so: {usage}"
NOT_A_ROUND = "{word!r} is not a round number; write it as #1."
NO_TITLE = "Give the proposal a title, e.g. start Share one intake form --deadline 3d."
NOT_A_DEADLINE = (
    "'{word}' is not a deadline. Use a duration such as 3d, 36h, 90m or 40s, or a date and time "
    "such as 2026-12-01T17:00 (your time zone) or 2026-12-01T17:00-05:00 (with an offset)."
)
UNKNOWN_OPTION = "There is no option {word!r} for start; the only one is --deadline."
NOT_A_PERSON = "Nobody here is called {person!r}. People here: {people}."
INDENT_USAGE = "  "

# Private answers to commands that worked.
OPENED = "Round #{round} is open, with {voters} voters. Its message follows."
RECORDED = "Recorded for round #{round}: {level}{changed}. You can change it until {closes}."
WAS = " (was {level})"
CLOSED = "You closed round #{round}. The outcome follows."
ALREADY_CLOSED = "Round #{round} was already closed."
CANCELLED = "You cancelled round #{round}. No outcome will be posted."


def when(moment: datetime, zone: str = "UTC") -> str:
    """An instant as the reader's wall clock, with the zone named: "2026-11-26 14:00 UTC"."""
    local = moment.astimezone(ZoneInfo(zone)) if zone != "UTC" else moment.astimezone(UTC)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def one_line(text: str) -> str:
    """Typed text quoted on one line, so it can never pass for a line of its own."""
    return '"' + " / ".join(part.strip() for part in text.splitlines() if part.strip()) + '"'


def people(ids: Iterable[str]) -> str:
    return ", ".join(ids) or "nobody"


def round_heading(round_: Round) -> str:
    revision = f" (revision {round_.revision})" if round_.revision > 1 else ""
    return f"Round #{round_.id}{revision}: {one_line(round_.title)}"


def rules_line(round_: Round, counts: Progress) -> str:
    return (
        f"chair {round_.chair} · {PROFILE_NAMES[round_.profile_key]} · quorum {counts.quorum_needed} of "
        f"{counts.eligible}"
    )


def progress(counts: Progress) -> str:
    """Who has responded, in the order they did (the core's view holds no levels)."""
    who = f": {people(counts.responded)}" if counts.responded else ""
    return f"{counts.seats_responded} of {counts.eligible} have responded{who}"


def level_name(round_: Round, number: int) -> str:
    """The level as the terminal names it, number first: "5 Need more information"."""
    return button_text(round_.profile, number)


def button_text(profile: RuleProfile, number: int) -> str:
    profile.level(number)  # refuses a number off the scale
    name = PROFILE_LEVEL_NAMES[profile.key].get(number) or LEVEL_NAMES[number]
    return f"{number} {name}"


def prompt(profile: RuleProfile, number: int) -> str:
    """The question a level asks with its text ("" when it asks none)."""
    return PROMPTS.get(profile.level(number).text_kind, "")


def state_word(round_: Round) -> str:
    return "open" if round_.status is RoundStatus.OPEN else round_.status.value
