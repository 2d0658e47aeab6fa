"""The `/consensus` command grammar: Slack's command text in, a typed request out.

Pure. The text follows Slack's convention (``command_text``): mentions arrive as ``<@U123>`` or
``<@U123|name>``, channels as ``<#C123|name>``, the rest escaped (``&lt;``). Free text (a
proposal's title, a resolution) and words quoted in errors are read back into what the person
typed (``as_typed``); the value parsers shared with the forms (``values``) take typed text.
Every refusal is a ``GrammarProblem`` the catalog words (saying what to type instead), with
what was typed as ``Typed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.errors import InvalidInput, Typed
from bot.domain.round import DEFAULT_QUORUM, DEFAULT_REMINDERS, MAX_TITLE, clean_text
from bot.domain.scale import DEFAULT_PROFILE, PROFILES
from bot.requests import (
    ConfigCoordinators,
    ConfigSteering,
    ListRounds,
    Request,
    Resolve,
    RoundAction,
    RoundCommand,
    Start,
)
from handlers.grammar.command_text import as_typed, linked_channel, mentioned_person
from handlers.grammar.governance_commands import (
    GOVERNANCE_NAMES,
    parse_config_governance,
    parse_governance,
    quote_word,
)
from handlers.grammar.problems import GrammarProblem
from handlers.grammar.subcommands import usage
from handlers.grammar.values import parse_deadline, parse_quorum, parse_reminders

MAX_COMMAND_TEXT = 4000

_ROUND_REF = re.compile(r"^#?(\d{1,9})$")
_ROUND_ACTIONS = frozenset(action for action in RoundAction if action is not RoundAction.EXTEND)


@dataclass(frozen=True)
class Help:
    """`/consensus help`, or a subcommand not known (``unknown``, as typed): the help."""

    unknown: str = ""


Command = Help | Request


@dataclass
class _Options:
    values: dict[str, list[str]] = field(default_factory=dict)


def parse(text: str) -> Command:
    """Parse the text after the slash command.

    Raises:
        InvalidInput: a ``GrammarProblem`` (the catalog says what to type instead).
    """
    if len(text) > MAX_COMMAND_TEXT:
        raise InvalidInput(
            GrammarProblem.COMMAND_TOO_LONG,
            length=f"{len(text):,}",
            limit=f"{MAX_COMMAND_TEXT:,}",
        )
    text = clean_text(text.replace("\n", " ").replace("\t", " "))
    words = text.split()
    if not words:
        return Help()
    name, rest = words[0].lower(), words[1:]
    if name == "help":
        return Help()
    if name == "start":
        return _parse_start(rest)
    if name == "list":
        return ListRounds()
    if name in _ROUND_ACTIONS:
        return _parse_round_command(RoundAction(name), rest)
    if name == "extend":
        return _parse_extend(rest)
    if name == "resolve":
        return _parse_resolve(rest)
    if name == "config":
        if rest and rest[0].lower() not in ("steering", "coordinators"):
            return parse_config_governance(rest)
        return _parse_config(rest)
    if name in GOVERNANCE_NAMES:
        return parse_governance(name, rest)
    return Help(unknown=as_typed(words[0])[:40])


# Options that take no value: the words after one belong to what came before it.
FLAGS = frozenset({"include-outside"})


def _split_options(words: list[str], allowed: tuple[str, ...], command: str) -> _Options:
    options = _Options()
    current: str | None = None
    for word in words:
        if word.startswith("--"):
            key = word[2:].lower()
            if key not in allowed:
                raise InvalidInput(
                    GrammarProblem.UNKNOWN_OPTION,
                    word=quote_word(word),
                    subcommand=command,
                    options=tuple(f"--{a}" for a in allowed),
                    usage=usage(command),
                )
            if key in options.values:
                raise InvalidInput(GrammarProblem.OPTION_TWICE, option=key)
            options.values[key] = []
            current = None if key in FLAGS else key
        elif current is None:
            options.values.setdefault("", []).append(word)
        else:
            options.values[current].append(word)
    return options


def _parse_start(words: list[str]) -> Start:
    opts = _split_options(
        words, ("deadline", "voters", "quorum", "rule", "remind", "include-outside"), "start"
    )
    title = as_typed(" ".join(opts.values.get("", []))).strip().strip("\"'“”").strip()
    if len(title) > MAX_TITLE:
        raise InvalidInput(GrammarProblem.TITLE_TOO_LONG, length=len(title), limit=MAX_TITLE)
    start = Start(title=title)
    if not title and len(opts.values) > 0:
        raise InvalidInput(GrammarProblem.OPTIONS_BEFORE_TITLE)
    deadline = None
    if "deadline" in opts.values:
        deadline = parse_deadline(_one(opts.values["deadline"], "deadline", "3d"))
    voters: tuple[str, ...] = ()
    if "voters" in opts.values:
        voters = parse_mentions(opts.values["voters"])
    quorum = DEFAULT_QUORUM
    if "quorum" in opts.values:
        quorum = parse_quorum(_one(opts.values["quorum"], "quorum", "75%"))
    profile_key = DEFAULT_PROFILE.key
    if "rule" in opts.values:
        profile_key = _one(opts.values["rule"], "rule", DEFAULT_PROFILE.key)
        if profile_key not in PROFILES:
            raise InvalidInput(GrammarProblem.NOT_A_RULE, text=Typed(profile_key[:20]))
    reminders = DEFAULT_REMINDERS
    if "remind" in opts.values:
        reminders = parse_reminders(as_typed(" ".join(opts.values["remind"])))
    return Start(
        title=start.title,
        deadline=deadline,
        voters=voters,
        quorum=quorum,
        profile_key=profile_key,
        reminders=reminders,
        include_outside="include-outside" in opts.values,
    )


def _one(values: list[str], option: str, example: str) -> str:
    """The one (Slack-formatted) value of an option, as typed."""
    if len(values) != 1:
        raise InvalidInput(GrammarProblem.ONE_VALUE, option=option, example=example)
    return as_typed(values[0])


def parse_round_ref(word: str) -> int:
    """`12` or `#12` → 12."""
    match = _ROUND_REF.match(word)
    if not match:
        raise InvalidInput(GrammarProblem.NOT_AN_OPEN_ROUND_NUMBER, word=Typed(word[:40]))
    return int(match.group(1))


def _parse_round_command(name: RoundAction, words: list[str]) -> RoundCommand:
    if len(words) > 1:
        raise InvalidInput(GrammarProblem.TOO_MANY_WORDS, usage=usage(name))
    round_id = parse_round_ref(as_typed(words[0])) if words else None
    return RoundCommand(action=name, round_id=round_id)


def _parse_extend(words: list[str]) -> RoundCommand:
    if not words:
        raise InvalidInput(GrammarProblem.EXTEND_BY_WHAT)
    round_id = None
    if len(words) >= 2 and _ROUND_REF.match(words[0]):
        round_id = parse_round_ref(words[0])
        words = words[1:]
    deadline = parse_deadline(as_typed(" ".join(words)))
    return RoundCommand(action=RoundAction.EXTEND, round_id=round_id, deadline=deadline)


def _parse_resolve(words: list[str]) -> Resolve:
    if len(words) < 2:
        raise InvalidInput(GrammarProblem.RESOLVE_USAGE, usage=usage("resolve"))
    match = _ROUND_REF.match(words[0])
    if not match:
        raise InvalidInput(
            GrammarProblem.NOT_AN_ESCALATION_NUMBER,
            word=quote_word(words[0]),
            usage=usage("resolve"),
        )
    return Resolve(escalation_id=int(match.group(1)), text=as_typed(" ".join(words[1:])))


def _parse_config(words: list[str]) -> ConfigSteering | ConfigCoordinators:
    if words and words[0].lower() == "coordinators":
        if len(words) < 2:
            raise InvalidInput(GrammarProblem.NAME_COORDINATORS)
        return ConfigCoordinators(parse_mentions(words[1:]))
    if len(words) != 2 or words[0].lower() != "steering":
        raise InvalidInput(GrammarProblem.USAGE, usage=usage("config"))
    channel = linked_channel(words[1])
    if channel is None:
        raise InvalidInput(GrammarProblem.NAME_THE_CHANNEL)
    return ConfigSteering(channel=channel)


def parse_mentions(words: list[str]) -> tuple[str, ...]:
    """`<@U1> <@U2|ana>` → ("U1", "U2"), keeping order and dropping repeats."""
    users: list[str] = []
    for word in words:
        user = mentioned_person(word)
        if user is None:
            raise InvalidInput(GrammarProblem.NOT_A_VOTER, word=quote_word(word))
        if user not in users:
            users.append(user)
    if not users:
        raise InvalidInput(GrammarProblem.NO_VOTERS)
    return tuple(users)
