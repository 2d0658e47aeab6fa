"""Every sentence and label the terminal shows, in one place.

The core hands over data (rounds, tallies, outcomes as enum members, problem codes); this
module words it for a plain-text reader, the scale's levels and profiles included (looked up
by profile key, level number and the kind of text a level asks for).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import Enum
from itertools import chain
from zoneinfo import ZoneInfo

from bot.deadline import DeadlineProblem
from bot.domain.eligibility import EligibilityProblem
from bot.domain.errors import Problem
from bot.domain.progress import Progress
from bot.domain.recorded_vote import Choice, VoteProblem, VoteResult
from bot.domain.roster import RosterProblem
from bot.domain.round import ChairAction, Round, RoundProblem, RoundStatus
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
from bot.record_entries import FIELDS, EntryKind, entry_params
from bot.usecases.coordinators import CoordinatorAction, CoordinatorProblem
from bot.usecases.escalations import EscalationProblem
from bot.usecases.recorded_votes import VoteCallProblem
from bot.usecases.revisions import RevisionProblem
from bot.usecases.roster import RosterFileProblem

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

# A recorded vote's result and a ballot's choice (the core's stable keys) in the terminal's
# words.
RESULT_WORDS: dict[VoteResult, str] = {
    VoteResult.CARRIED: "CARRIED",
    VoteResult.NOT_CARRIED: "NOT CARRIED",
    VoteResult.NO_QUORUM: "NO QUORUM",
    VoteResult.PROTECTED: "NOT CARRIED (sector protection)",
}
CHOICE_WORDS: dict[Choice, str] = {
    Choice.FOR: "for",
    Choice.AGAINST: "against",
    Choice.ABSTAIN: "abstain",
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

# The words for the codes the governance commands (terminal/governance.py) can meet, and for
# the round codes the first spike showed as they came; each hint names the terminal's own
# command, not Slack's.
GOVERNANCE_PROBLEMS: dict[Problem, str] = {
    RoundProblem.CANCELLED: "Round #{round} was cancelled, so it takes no more changes.",
    RoundProblem.CLOSED: "Round #{round} has closed; `log #{round}` shows what happened.",
    RoundProblem.DEADLINE_PAST: "That deadline is in the past. Give a duration such as 3d.",
    RoundProblem.TOO_SHORT: "A deadline needs to be at least {seconds} seconds away. Try 1h.",
    RoundProblem.TOO_LONG: "A deadline can be at most a year away. Try 30d.",
    RoundProblem.NOT_FOUND: "There is no round #{round}. `log` lists recent decisions.",
    RoundProblem.NONE_OPEN: "There is no open round here. Name one (#1) or `start` one.",
    RoundProblem.NONE_CLOSED: "No round here has closed yet. Name one (#1).",
    RoundProblem.OBSERVER: (
        "You observe round #{round}: the partnership roster gives you no level in it. If you "
        "should have one, ask the chair ({chair})."
    ),
    RoundProblem.NOT_VOTER: (
        "You are not one of the voters in round #{round}, so your level would not count. If "
        "you should be, ask the chair ({chair})."
    ),
    RoundProblem.REASON_TOO_LONG: "Please keep it under {limit} characters.",
    RoundProblem.NO_TITLE: "Give the proposal a title, e.g. start Share one intake form.",
    RoundProblem.NO_VOTERS: "Nobody here could vote: this channel has no people.",
    RoundProblem.TOO_MANY_VOTERS: (
        "A round can have at most {limit} voters, and this channel has {count} people. "
        "Import a roster (`roster import <file.csv>`) to say who holds a seat."
    ),
    RoundProblem.START_BUSY: "This proposal is being started at this moment; try again shortly.",
    RoundProblem.CANCELLED_NO_OUTCOME: "Round #{round} was cancelled; it has no outcome.",
    RosterProblem.NOBODY_HERE: (
        "Nobody here is on the partnership roster as a voting or advisory partner. Import a "
        "roster that lists them: roster import <file.csv>."
    ),
    DeadlineProblem.SKIPPED_TIME: (
        "{local} does not exist in {zone}: the clocks skip that hour. The nearest valid time "
        "is {nearest}; try --deadline {suggestion}."
    ),
    DeadlineProblem.REPEATED_TIME: (
        "{local} happens twice in {zone}: the clocks go back that night. Say which one with "
        "its offset: {first} (the first) or {second} (the second)."
    ),
    CoordinatorProblem.ADMINS_ONLY: (
        "Only the partnership's coordinators (workspace admins) can {action}."
    ),
    CoordinatorProblem.ADMINS_AND_NAMED: (
        "Only the partnership's coordinators (workspace admins and {coordinators}) can {action}."
    ),
    RevisionProblem.NOTHING_TO_REVISE: (
        "No round here has ended without consensus. Name one (#1); `log` lists recent decisions."
    ),
    RevisionProblem.STILL_OPEN: (
        "Round #{round} is still open; a revision follows a round without consensus. "
        "Let it close, or `close #{round}`."
    ),
    RevisionProblem.CANCELLED: "Round #{round} was cancelled; `start` a new round instead.",
    RevisionProblem.REACHED_CONSENSUS: "Round #{round} reached consensus; nothing to revise.",
    RevisionProblem.ALREADY_REVISED: (
        "Round #{round} was already revised as #{revision}; revise #{revision} instead."
    ),
    RevisionProblem.ALTERNATIVE_GONE: (
        "That person offered no alternative (level 6 with an alternative) on this round."
    ),
    RevisionProblem.TOO_LONG: (
        "The details, alternative and answers come to {length} characters; keep them under {limit}."
    ),
    RosterFileProblem.EMPTY: "The roster file is empty. Its header is: {columns}",
    RosterFileProblem.BAD_HEADER: "Line {line}: the header must be {columns}, not {found}.",
    RosterFileProblem.TOO_MANY_ROWS: "The file has more than {limit} people; split it.",
    RosterFileProblem.WRONG_COLUMN_COUNT: (
        "Line {line}: expected {expected} columns ({columns}), found {found}."
    ),
    RosterFileProblem.NOT_A_USER_ID: (
        'Line {line}: {found} is not a person\'s name: use letters, digits, ".", "_" or '
        '"-", as the person types it before ">".'
    ),
    RosterFileProblem.BAD_LINE: "Line {line}: {cause}",
    RosterFileProblem.NOT_IMPORTED: "The file was not imported: {cause}",
    RosterProblem.BAD_SECTOR: (
        "{text} is not a sector name. Use letters, digits and dashes, e.g. one of: {known}."
    ),
    RosterProblem.BAD_TIER: "{text} is not a tier. Use voting, advisory or observer.",
    RosterProblem.BAD_ROLE: "{text} is not a role. Use speaker, alternate or member.",
    RosterProblem.NO_ORGANISATION: "Give each person's organisation.",
    RosterProblem.ORGANISATION_TOO_LONG: "Keep an organisation's name under {limit} characters.",
    RosterProblem.LEADER_NOT_VOTING: (
        "A {role} speaks for their group, so they must be voting, not {tier}."
    ),
    RosterProblem.LISTED_TWICE: "{person} is listed twice; list each person once.",
    RosterProblem.TWO_SPEAKERS_IN_SECTOR: (
        "The {sector} sector would have two speakers ({first} and {second}). "
        "Name one speaker and make the other an alternate."
    ),
    RosterProblem.TWO_SPEAKERS_IN_ORGANISATION: (
        "Organisation {organisation} would have two speakers ({first} and {second}). "
        "Name one speaker and make the other an alternate."
    ),
    RosterProblem.UNKNOWN_SECTOR: (
        "{sector} is not one of the partnership's sectors. Sectors: {known}. To add it on "
        "purpose, import with {flag} and its name."
    ),
    RosterProblem.UNKNOWN_SECTOR_NEAR: (
        "{sector} is not one of the partnership's sectors. Did you mean {near}? "
        "Sectors: {known}. To add it on purpose, import with {flag} and its name."
    ),
    VoteCallProblem.ALREADY_CALLED: (
        "This decision already has recorded vote {vote} ({result}). See `log #{round}`."
    ),
    VoteCallProblem.ALREADY_OPEN: (
        "This decision already has recorded vote {vote} (open). See `log #{round}`."
    ),
    VoteCallProblem.SECTOR_NOT_PROTECTED: (
        "--sector marks an issue as mainly one sector's, which matters only if the "
        "partnership protects sectors. Call the vote without --sector."
    ),
    VoteCallProblem.NOT_CHAIR: "Only the chair ({chair}) can close recorded vote {vote}.",
    VoteCallProblem.NO_SUCH_VOTE: "There is no recorded vote {vote}.",
    VoteProblem.ROUND_OPEN: (
        "Round #{round} is still open. A recorded vote comes only after a round without "
        "consensus: close it first (`close #{round}`)."
    ),
    VoteProblem.ROUND_REACHED_CONSENSUS: (
        "Round #{round} reached consensus; the decision is made and needs no vote."
    ),
    VoteProblem.NO_IMPASSE: (
        "No round of this decision has ended with no consensus yet (round #{round}: {ended}). "
        "A recorded vote is only for an impasse; revise the round first (`revise #{round}`)."
    ),
    VoteProblem.CLOSED: "Recorded vote {vote} has closed; its result is in the channel.",
    VoteProblem.NOT_VOTER: (
        "You cannot vote in recorded vote {vote}: you are not one of its voters. "
        "If that is wrong, ask the chair ({chair})."
    ),
    VoteProblem.ADVISORY: (
        "You cannot vote in recorded vote {vote}: advisory partners give input in rounds but "
        "do not vote. If that is wrong, ask the chair ({chair})."
    ),
    VoteProblem.REPRESENTED: (
        "You cannot vote in recorded vote {vote}: your group's speaker (or an alternate) casts "
        "its vote. If that is wrong, ask the chair ({chair})."
    ),
    VoteProblem.NO_ROSTER_FOR_SECTOR: (
        "This decision's rounds had no roster, so no sector can be protected. Call the vote "
        "without --sector."
    ),
    VoteProblem.NOT_A_SECTOR_HERE: (
        "{sector} is not a sector on this decision's roster. Its sectors: {known}."
    ),
    VoteProblem.NOT_A_SECTOR_HERE_NEAR: (
        "{sector} is not a sector on this decision's roster. Did you mean {near}? "
        "Its sectors: {known}."
    ),
    VoteProblem.NOT_CHAIR_CANCEL: "Only the chair who called recorded vote {vote} can cancel it.",
    VoteProblem.ALREADY_CANCELLED: "Recorded vote {vote} was already cancelled.",
    VoteProblem.DEADLINE_PASSED: (
        "Recorded vote {vote} has reached its deadline; its result stands, so it cannot be "
        "cancelled."
    ),
    VoteProblem.RESULT_STANDS: (
        "Recorded vote {vote} has closed ({result}); a result stands and cannot be cancelled."
    ),
    VoteProblem.NO_CANCEL_REASON: "Give the reason for the record: cancel-vote <vote> <reason>.",
    VoteProblem.CANCEL_REASON_TOO_LONG: "Keep the reason under {limit} characters.",
    VoteProblem.CANCELLED: "Recorded vote {vote} was cancelled by the chair; it takes no votes.",
    EscalationProblem.ROUND_OPEN: (
        "Round #{round} is still open. Close it first (`close #{round}`); only an outcome "
        "without consensus can be escalated."
    ),
    EscalationProblem.ROUND_CANCELLED: (
        "Round #{round} was cancelled; only a round without consensus can be escalated."
    ),
    EscalationProblem.ROUND_REACHED: (
        "Round #{round} ended with {outcome}; only a round without consensus can be escalated."
    ),
    EscalationProblem.ALREADY_ESCALATED: "Round #{round} has already been escalated.",
    EscalationProblem.NO_STEERING_CHANNEL: (
        "No steering channel is set. A coordinator sets it with `steering <channel>`; "
        "then escalate again."
    ),
    EscalationProblem.NO_RESOLUTION: "Say how it was resolved: resolve <escalation> <text>.",
    EscalationProblem.NOT_FOUND: "There is no escalation {escalation}.",
    EscalationProblem.NOT_STEERING: (
        "Escalation {escalation} is for the steering committee: members of {channel} or the "
        "partnership's coordinators record how it was resolved."
    ),
    EscalationProblem.ALREADY_RESOLVED: (
        "Escalation {escalation} was already resolved by {by}: {resolution}"
    ),
}

# The terminal's own words for the problem codes it meets; the rest fall back to the code.
PROBLEMS: dict[Problem, str] = {
    **GOVERNANCE_PROBLEMS,
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
ACTION_WORDS: dict[Enum, str] = {
    ChairAction.CLOSE: "close",
    ChairAction.CANCEL: "cancel",
    ChairAction.EXTEND: "extend",
    ChairAction.REMIND: "send reminders for",
    ChairAction.ESCALATE: "escalate",
    ChairAction.REVISE: "revise",
    ChairAction.CALL_VOTE: "call a recorded vote on",
    CoordinatorAction.NAME_COORDINATORS: "name coordinators",
    CoordinatorAction.CHOOSE_STEERING: "choose the steering channel",
    CoordinatorAction.CHANGE_ROSTER: "change the roster",
    CoordinatorAction.CHANGE_RULES: "change the partnership's rules",
}
PARAM_WORDS: dict[Enum, str] = dict(
    chain(PROMPTS.items(), ACTION_WORDS.items(), OUTCOME_WORDS.items(), RESULT_WORDS.items())
)
UNKNOWN_PROBLEM = "Refused ({code}{params})."

# The grammar, as shown by `help` and in every mistake's answer.
# The governance commands (terminal/governance_grammar.py), by the word that starts each.
GOVERNANCE_USAGE: dict[str, str] = {
    "revise": (
        "revise [#round] [--adopt <person>] [--deadline 3d] [what changed] [--answers <text>]"
    ),
    "call-vote": "call-vote [#round] [--deadline 3d] [--sector <sector>]",
    "ballot": "ballot <vote> " + "|".join(CHOICE_WORDS.values()),
    "close-vote": "close-vote <vote>",
    "cancel-vote": "cancel-vote <vote> <reason>",
    "escalate": "escalate [#round]",
    "resolve": "resolve <escalation> <what was agreed>",
    "log": "log [#round]",
    "roster": "roster import <file.csv> [--new-sector <sector>]...",
    "steering": "steering <channel>",
}
USAGE: dict[str, str] = {
    "start": "start <proposal> [--deadline 3d|36h|2026-12-01T17:00]",
    "level": f"level [#round] <{LEVELS[0]}-{LEVELS[-1]}> [reason]",
    "status": "status [#round]",
    "close": "close [#round]",
    "cancel": "cancel [#round]",
    **GOVERNANCE_USAGE,
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


# The governance commands' mistakes and answers (terminal/governance.py).
NOT_A_NUMBER = "{word!r} is not {what} number; write it as 1."
VOTE = "a vote"
ESCALATION = "an escalation"
NOT_A_CHOICE = (
    "There is no choice {word!r}: give "
    + ", ".join(list(CHOICE_WORDS.values())[:-1])
    + f" or {list(CHOICE_WORDS.values())[-1]}."
)
UNKNOWN_GOVERNANCE_OPTION = "There is no option {word!r} for {command}."
CANNOT_READ_FILE = "Cannot read {file}: {why}."
NOT_TEXT = "it is not UTF-8 text"
REVISED = "Round #{round} is revised as round #{revision}. Its message follows."
ROSTER_IMPORTED = (
    "Imported the roster from {file}: {count} people. Rounds already open keep theirs."
)
VOTE_CALLED = "Recorded vote {vote} on round #{round} is open until {closes}. Its message follows."
BALLOT_RECORDED = "Recorded in vote {vote}: {choice}{changed}. You can change it until {closes}."
BALLOT_WAS = " (was {choice})"
VOTE_CLOSED = "You closed recorded vote {vote}: {result}. The result follows."
VOTE_ALREADY_CLOSED = "Recorded vote {vote} was already closed: {result}."
VOTE_CANCELLED = (
    "You cancelled recorded vote {vote}; the reason is in the record, and a recorded vote on "
    "round #{round} may be called again."
)
ESCALATED = "Round #{round} is escalated to #{channel} as escalation {escalation}, due {due}."
STEERING_SET = "The steering channel is now #{channel}."
RESOLUTION_RECORDED = "Recorded how escalation {escalation} was resolved; both channels are told."

# What a decision's record says each kind of entry did (the record's kinds are the core's).
HISTORY_WORDS: dict[str, str] = {
    "round_opened": "opened the round",
    "stance": "stated level",
    "round_closed": "closed it",
    "round_cancelled": "cancelled it",
    "round_extended": "extended the deadline to",
    "remind_now": "sent reminders",
    "escalated": "escalated it to the steering committee,",
    "escalation_resolved": "recorded the resolution:",
    "revised": "revised it as",
    "information_answered": "answered the information requests:",
    "alternative_adopted": "adopted the alternative of",
    "vote_called": "called a recorded vote:",
    "ballot": "voted in",
    "vote_closed": "closed",
    "vote_cancelled": "cancelled recorded",
}
# What an entry that holds data says after who did it (bot.record_entries), in the
# terminal's words; an entry whose form the core cannot read is shown as written.
ENTRY_WORDS: dict[EntryKind, str] = {
    EntryKind.ROUND_CLOSED: "closed it: {outcome}",
    EntryKind.ESCALATED: "escalated it to the steering committee, due {due}",
    EntryKind.VOTE_CALLED: "called recorded vote {vote}",
    EntryKind.BALLOT: "voted {choice} in recorded vote {vote}",
    EntryKind.VOTE_CLOSED: (
        "closed recorded vote {vote}: {result} (for {for_weight}, against {against_weight})"
    ),
    EntryKind.VOTE_CANCELLED: "cancelled recorded vote {vote}: {reason}",
    EntryKind.ROSTER_IMPORTED: "imported a roster of {people} people",
}


def entry_words(kind: str, text: str) -> str | None:
    """An entry of a kind that holds data, in words; None for any other kind, or for a form
    the core cannot read."""
    if kind not in FIELDS:
        return None
    params = entry_params(kind, text)
    if params is None:
        return None
    return ENTRY_WORDS[EntryKind(kind)].format(
        **{name: _entry_value(value) for name, value in params.items()}
    )


def _entry_value(value: object) -> str:
    if isinstance(value, Outcome):
        return OUTCOME_WORDS[value]
    if isinstance(value, VoteResult):
        return RESULT_WORDS[value]
    if isinstance(value, Choice):
        return CHOICE_WORDS[value]
    if isinstance(value, str):  # typed by a person
        return one_line(value)
    return str(value)  # a number, or a date (ISO 8601)


# A revision's details: the headings in place of the core's marks (terminal/revision_details.py).
ADOPTED = "Adopts the alternative offered by {voter}: {text}"
ANSWERS = "Answers to the information requests: {text}"
BALLOTS_SO_FAR = "Recorded vote {vote}: ballots so far from {people}"
# A level or ballot given while its round or vote is open, in the record: who, never what.
RESPONDED = "responded"
BALLOT_CAST = "cast a ballot"
LOG_EARLIER = "{count} earlier entries not shown."
NO_DECISIONS = "No decisions here yet. Start one with `start <proposal>`."
RECENT_HEADING = "Recent decisions here (`log #N` shows one in full):"
