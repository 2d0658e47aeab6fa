"""The governance part of the `/consensus` grammar: roster, revise, vote, log, config vote.

Their usage lines live in ``subcommands.SUBCOMMANDS`` (the one table behind help); this
module turns the words into the core's typed requests. Every refusal is a ``GrammarProblem``.
"""

from __future__ import annotations

import re

from bot.domain.errors import InvalidInput, Typed
from bot.domain.recorded_vote import parse_weights
from bot.domain.roster import (
    NEW_SECTOR_FLAG,
    SECTORS,
    Representation,
    Role,
    parse_sector,
)
from bot.domain.round import clean_text
from bot.partnership_settings import (
    REPRESENTATION,
    VOTE_PROTECT,
    VOTE_THRESHOLD,
    VOTE_WEIGHTS,
    weight_setting,
)
from bot.requests import (
    CallVote,
    CancelVote,
    CloseVote,
    ConfigGovernance,
    GovernanceCommand,
    Revise,
    RosterRemove,
    RosterSet,
    RosterShow,
    ShowLog,
)
from handlers.grammar.command_text import as_typed, mentioned_person
from handlers.grammar.problems import GrammarProblem
from handlers.grammar.subcommands import usage as _usage
from handlers.grammar.values import parse_deadline, parse_threshold

GOVERNANCE_NAMES = ("roster", "revise", "vote", "log")
_REF = re.compile(r"^#?(\d{1,9})$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def parse_governance(name: str, words: list[str]) -> GovernanceCommand:
    """Parse the words after a governance subcommand ``name``.

    Raises:
        InvalidInput: with what to type instead.
    """
    if name == "roster":
        return _parse_roster(words)
    if name == "revise":
        return Revise(_optional_ref(words, "revise"))
    if name == "log":
        return ShowLog(_optional_ref(words, "log"))
    if name == "vote":
        return _parse_vote(words)
    raise ValueError(name)


def quote_word(word: str, limit: int = 40) -> Typed:
    """A word of the command (as Slack sent it), as typed, for quoting in a refusal."""
    return Typed(as_typed(word)[:limit])


def _ref(word: str, refusal: GrammarProblem = GrammarProblem.NOT_A_DECISION_ROUND_NUMBER) -> int:
    match = _REF.match(word)
    if not match:
        raise InvalidInput(refusal, word=quote_word(word))
    return int(match.group(1))


def _optional_ref(words: list[str], name: str) -> int | None:
    if len(words) > 1:
        raise InvalidInput(GrammarProblem.TOO_MANY_WORDS, usage=_usage(name))
    return _ref(words[0]) if words else None


def _mention(word: str) -> str:
    user = mentioned_person(word)
    if user is None:
        raise InvalidInput(GrammarProblem.NOT_A_ROSTER_PERSON, word=quote_word(word))
    return user


def _parse_roster(words: list[str]) -> GovernanceCommand:
    if not words or words[0].lower() == "show":
        if len(words) > 1:
            raise InvalidInput(GrammarProblem.ROSTER_SHOW_TAKES_NOTHING, usage=_usage("roster"))
        return RosterShow()
    action, rest = words[0].lower(), words[1:]
    if action == "remove":
        if len(rest) != 1:
            raise InvalidInput(GrammarProblem.ROSTER_REMOVE_USAGE)
        return RosterRemove(_mention(rest[0]))
    if action != "set":
        raise InvalidInput(
            GrammarProblem.UNKNOWN_ROSTER_ACTION,
            word=quote_word(words[0], 20),
            usage=_usage("roster"),
        )
    if len(rest) < 4:
        raise InvalidInput(GrammarProblem.ROSTER_SET_TOO_FEW)
    user = _mention(rest[0])
    new_sector = any(w.lower() == NEW_SECTOR_FLAG for w in rest[1:])
    tail = [w for w in rest[1:] if w.lower() != NEW_SECTOR_FLAG]
    organisation, tail = _organisation(tail)
    role = "member"
    if tail and tail[-1].lower() in {r.value for r in Role}:
        role, tail = tail[-1].lower(), tail[:-1]
    if len(tail) < (1 if organisation else 2):
        raise InvalidInput(GrammarProblem.ROSTER_SET_AFTER_PERSON)
    tier, tail = tail[-1], tail[:-1]
    if not organisation:
        # Unquoted: the sector is the longest ending that names a listed sector (so
        # `Riverside FHT primary care` reads as organisation + "Primary care"), else one word.
        split = next(
            (i for i in range(1, len(tail)) if _names_listed_sector(" ".join(tail[i:]))),
            len(tail) - 1,
        )
        organisation, tail = " ".join(tail[:split]), tail[split:]
    return RosterSet(user, organisation, " ".join(tail), tier, role, new_sector=new_sector)


def _organisation(words: list[str]) -> tuple[str, list[str]]:
    """A quoted organisation at the front (straight or curly quotes, as Slack sends them),
    and the words after it; ("", words) when it is not quoted."""
    text = as_typed(" ".join(words)).translate(_QUOTES).strip()
    if not text or text[0] not in "\"'":
        return "", [as_typed(w) for w in words]
    # The closing quote ends a word: an apostrophe inside ('St Mary's') does not close it.
    closing = re.search(re.escape(text[0]) + r"(?=\s|$)", text[1:])
    end = closing.start() + 1 if closing else -1
    if end < 0:
        raise InvalidInput(GrammarProblem.CLOSING_QUOTE_MISSING)
    return " ".join(text[1:end].split()), text[end + 1 :].split()


def _names_listed_sector(text: str) -> bool:
    try:
        return parse_sector(text) in SECTORS
    except InvalidInput:
        return False


def _parse_vote(words: list[str]) -> GovernanceCommand:
    if words and words[0].lower() == "close":
        if len(words) != 2:
            raise InvalidInput(GrammarProblem.VOTE_CLOSE_USAGE)
        return CloseVote(_ref(words[1], GrammarProblem.NOT_A_VOTE_NUMBER))
    if words and words[0].lower() == "cancel":
        return _parse_cancel_vote(words[1:])
    round_id: int | None = None
    deadline = sector = ""
    i = 0
    while i < len(words):
        word = words[i]
        if word.lower() in ("--deadline", "--sector"):
            if i + 1 >= len(words):
                raise InvalidInput(
                    GrammarProblem.OPTION_NEEDS_VALUE, word=quote_word(word), usage=_usage("vote")
                )
            value = as_typed(words[i + 1])
            if word.lower() == "--deadline":
                deadline = value
            else:
                sector = parse_sector(value)
            i += 2
            continue
        if word.startswith("--"):
            raise InvalidInput(
                GrammarProblem.NOT_A_VOTE_OPTION, word=quote_word(word, 30), usage=_usage("vote")
            )
        if round_id is not None:
            raise InvalidInput(GrammarProblem.TOO_MANY_WORDS, usage=_usage("vote"))
        round_id = _ref(word)
        i += 1
    # Read last: the other words' mistakes are answered before the deadline's.
    return CallVote(round_id, parse_deadline(deadline) if deadline else None, sector)


def _parse_cancel_vote(words: list[str]) -> CancelVote:
    """`vote cancel 4 --reason "called on the wrong proposal"`."""
    lowered = [w.lower() for w in words]
    if not words or "--reason" not in lowered or lowered.index("--reason") != 1:
        raise InvalidInput(GrammarProblem.CANCEL_NEEDS_NUMBER_AND_REASON)
    reason = as_typed(" ".join(words[2:])).translate(_QUOTES).strip().strip("\"'").strip()
    if not reason:
        raise InvalidInput(GrammarProblem.CANCEL_NEEDS_REASON)
    return CancelVote(_ref(words[0], GrammarProblem.NOT_A_VOTE_NUMBER), clean_text(reason))


def parse_config_governance(words: list[str]) -> ConfigGovernance:
    """`vote threshold 2/3`, `vote weights hospital=1 …`, `vote protect on`, `representation …`."""
    if words and words[0].lower() == "representation":
        if len(words) != 2 or words[1].lower() not in {r.value for r in Representation}:
            raise InvalidInput(GrammarProblem.REPRESENTATION_USAGE)
        return ConfigGovernance(REPRESENTATION, words[1].lower())
    if len(words) < 3 or words[0].lower() != "vote":
        raise InvalidInput(GrammarProblem.USAGE, usage=_usage("config"))
    key, values = words[1].lower(), words[2:]
    if key == "threshold":
        return ConfigGovernance(VOTE_THRESHOLD, str(parse_threshold(as_typed(" ".join(values)))))
    if key == "weights":
        weights = parse_weights(as_typed(" ".join(values)))
        return ConfigGovernance(VOTE_WEIGHTS, weight_setting(weights))
    if key == "protect" and len(values) == 1 and values[0].lower() in ("on", "off"):
        return ConfigGovernance(VOTE_PROTECT, values[0].lower())
    raise InvalidInput(GrammarProblem.CONFIG_VOTE_USAGE)
