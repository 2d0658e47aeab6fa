"""The governance commands in the terminal's plain syntax: revisions, the roster file,
recorded votes, escalations and the decision log.

Separate from ``terminal.grammar`` (the round commands) so each stays small; the session asks
this grammar first and falls back to the round grammar for any other word. Where the core
has a request type for a command (``bot.requests``) it is used as is; the terminal's own
types carry what Slack gathers in a form instead (a revision's text, a ballot, a file path).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.deadline import Deadline, read_deadline
from bot.domain.errors import InvalidInput, typed
from bot.domain.recorded_vote import Choice
from bot.domain.roster import NEW_SECTOR_FLAG
from bot.requests import CallVote, CancelVote, CloseVote, ConfigSteering, Resolve, ShowLog
from terminal import words
from terminal.errors import Mistake

# A round and a deadline are named as the round grammar reads them ("#3", --deadline).
from terminal.grammar import DEADLINE_OPTION as DEADLINE
from terminal.grammar import _optional_round as optional_round
from terminal.grammar import _round_ref as round_ref

_NUMBER = re.compile(r"^#?(\d{1,9})$")
ADOPT = "--adopt"
ANSWERS = "--answers"
SECTOR = "--sector"
# The core names this option in its refusal of an unknown sector (roster.UNKNOWN_SECTOR).
NEW_SECTOR = NEW_SECTOR_FLAG
IMPORT = "import"


@dataclass(frozen=True)
class ReviseRound:
    """Revise a round without consensus: what Slack's revise form asks, typed on one line."""

    round_id: int | None = None
    adopt: str = ""  # whose alternative (level 6) the revision adopts
    deadline: Deadline | None = None
    details: str = ""
    answers: str = ""


@dataclass(frozen=True)
class ImportRoster:
    path: str
    new_sectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class CastBallot:
    vote_id: int
    choice: Choice


@dataclass(frozen=True)
class Escalate:
    round_id: int | None = None


GovernanceCommand = (
    ReviseRound
    | ImportRoster
    | CallVote
    | CastBallot
    | CloseVote
    | CancelVote
    | Escalate
    | Resolve
    | ShowLog
    | ConfigSteering
)


def parse(text: str) -> GovernanceCommand | None:
    """A governance command, or None when the first word names none (a round command).

    Raises:
        Mistake: the words do not fit the command (the message says what to type instead).
        InvalidInput: a deadline that is not one.
    """
    name, _, rest = text.strip().partition(" ")
    rest = rest.strip()
    if name not in words.GOVERNANCE_USAGE:
        return None
    if name == "revise":
        return _revise(rest)
    if name == "call-vote":
        return _call_vote(rest)
    if name == "roster":
        return _roster(rest)
    if name == "log":
        return ShowLog(optional_round(name, rest.split()))
    if name == "escalate":
        return Escalate(optional_round(name, rest.split()))
    if name == "ballot":
        return _ballot(rest)
    first, _, after = rest.partition(" ")
    if name == "close-vote":
        if not first or after.strip():
            raise _usage(name)
        return CloseVote(_number(first, words.VOTE))
    if name == "steering":
        if not first or after.strip():
            raise _usage(name)
        return ConfigSteering(first.removeprefix("#"))
    if not first:
        raise _usage(name)
    if name == "cancel-vote":
        # An empty reason is the core's to refuse (it words why a reason is needed).
        return CancelVote(_number(first, words.VOTE), after.strip())
    # "resolve": an empty text is likewise the core's to refuse.
    return Resolve(_number(first, words.ESCALATION), after.strip())


def _revise(rest: str) -> ReviseRound:
    round_id, rest = _leading_round(rest)
    rest, answers = _split_off(rest, ANSWERS)
    adopt = ""
    deadline = None
    details: list[str] = []
    tokens = rest.split()
    while tokens:
        token = tokens.pop(0)
        if token in (ADOPT, DEADLINE):
            if not tokens:
                raise _usage("revise")
            value = tokens.pop(0)
            if token == ADOPT:
                adopt = value
            else:
                deadline = _deadline(value)
        elif token.startswith("--"):
            raise Mistake(words.UNKNOWN_GOVERNANCE_OPTION.format(word=token, command="revise"))
        else:
            details.append(token)
    return ReviseRound(round_id, adopt, deadline, " ".join(details), answers)


def _call_vote(rest: str) -> CallVote:
    round_id, rest = _leading_round(rest)
    options = _options("call-vote", rest, (DEADLINE, SECTOR))
    value = options.get(DEADLINE)
    return CallVote(round_id, _deadline(value) if value else None, options.get(SECTOR, ""))


def _roster(rest: str) -> ImportRoster:
    sub, _, after = rest.partition(" ")
    tokens = after.split()
    if sub != IMPORT or not tokens or tokens[0].startswith("--"):
        raise _usage("roster")
    path, new_sectors = tokens[0], []
    tokens = tokens[1:]
    while tokens:
        token = tokens.pop(0)
        if token != NEW_SECTOR:
            raise Mistake(words.UNKNOWN_GOVERNANCE_OPTION.format(word=token, command="roster"))
        if not tokens:
            raise _usage("roster")
        new_sectors.append(tokens.pop(0))
    return ImportRoster(path, tuple(new_sectors))


def _ballot(rest: str) -> CastBallot:
    parts = rest.split()
    if len(parts) != 2:
        raise _usage("ballot")
    choice = next((c for c, word in words.CHOICE_WORDS.items() if word == parts[1].lower()), None)
    if choice is None:
        raise Mistake(words.NOT_A_CHOICE.format(word=parts[1]))
    return CastBallot(_number(parts[0], words.VOTE), choice)


def _options(command: str, rest: str, allowed: tuple[str, ...]) -> dict[str, str]:
    """``--name value`` pairs, each of ``allowed`` at most once; nothing else."""
    tokens = rest.split()
    found: dict[str, str] = {}
    while tokens:
        token = tokens.pop(0)
        if token not in allowed:
            raise Mistake(words.UNKNOWN_GOVERNANCE_OPTION.format(word=token, command=command))
        if not tokens or token in found:
            raise _usage(command)
        found[token] = tokens.pop(0)
    return found


def _split_off(rest: str, option: str) -> tuple[str, str]:
    """Everything after ``option`` is its free text (it may hold any words)."""
    before, found, after = rest.partition(option)
    if found and not after.strip():
        raise _usage("revise")
    return before.strip(), after.strip()


def _leading_round(rest: str) -> tuple[int | None, str]:
    first, _, after = rest.partition(" ")
    if first.startswith("#"):
        return round_ref(first), after.strip()
    return None, rest


def _number(word: str, what: str) -> int:
    match = _NUMBER.match(word)
    if match is None:
        raise Mistake(words.NOT_A_NUMBER.format(word=word, what=what))
    return int(match.group(1))


def _deadline(value: str) -> Deadline:
    deadline = read_deadline(value)
    if deadline is None:
        # Typed text marked as such: the session shows it exactly as typed.
        raise InvalidInput(words.NOT_A_DEADLINE.format(word=typed(value.strip()[:40])))
    return deadline


def _usage(command: str) -> Mistake:
    return Mistake(words.USE_IT_SO.format(usage=words.USAGE[command]))
