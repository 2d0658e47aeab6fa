"""The `/consensus` command grammar: text in, a typed request out.

Pure. The text follows the convention of ``bot.command_text`` (Slack's): mentions arrive as
``<@U123>`` or ``<@U123|name>``, channels as ``<#C123|name>``, the rest escaped (``&lt;``).
Free text (a proposal's title, a resolution) and words quoted in errors are read back into
what the person typed (``as_typed``); value parsers shared with the forms take typed text.
Every error says what to type instead, quoting typed text with ``typed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from fractions import Fraction

from bot.command_text import as_typed
from bot.domain.errors import InvalidInput, typed
from bot.domain.round import DEFAULT_QUORUM, DEFAULT_REMINDERS, MAX_TITLE, clean_text
from bot.domain.scale import PROFILES
from bot.governance_commands import (
    GOVERNANCE_NAMES,
    GovernanceCommand,
    parse_config_governance,
    parse_governance,
    quote_word,
)
from bot.subcommands import COMMAND as COMMAND  # also quoted from here by the front ends
from bot.subcommands import usage

MAX_COMMAND_TEXT = 4000

_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_CHANNEL = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$")
_ROUND_REF = re.compile(r"^#?(\d{1,9})$")
_DURATION_PART = re.compile(r"(\d+)([dhms])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}


@dataclass(frozen=True)
class Deadline:
    """A deadline as typed: a duration from now, or a date-time (naive = the typist's zone)."""

    duration: timedelta | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class Help:
    unknown: str = ""


@dataclass(frozen=True)
class Start:
    """`/consensus start`; ``title`` empty means: open the form."""

    title: str = ""
    deadline: Deadline | None = None
    voters: tuple[str, ...] = ()
    quorum: Fraction = DEFAULT_QUORUM
    profile_key: str = "1-4"
    reminders: tuple[Fraction, ...] = DEFAULT_REMINDERS
    include_outside: bool = False


@dataclass(frozen=True)
class RoundCommand:
    """A subcommand that acts on one round (the latest open one here when omitted)."""

    action: str
    round_id: int | None = None
    deadline: Deadline | None = None


@dataclass(frozen=True)
class ListRounds:
    pass


@dataclass(frozen=True)
class Resolve:
    escalation_id: int
    text: str


@dataclass(frozen=True)
class ConfigSteering:
    channel: str


@dataclass(frozen=True)
class ConfigCoordinators:
    users: tuple[str, ...]


Command = (
    Help
    | Start
    | RoundCommand
    | ListRounds
    | Resolve
    | ConfigSteering
    | ConfigCoordinators
    | GovernanceCommand
)


@dataclass
class _Options:
    values: dict[str, list[str]] = field(default_factory=dict)


def parse(text: str) -> Command:
    """Parse the text after `/consensus`.

    Raises:
        InvalidInput: with a message that says what to type instead.
    """
    if len(text) > MAX_COMMAND_TEXT:
        raise InvalidInput(
            f"That command is {len(text):,} characters long; the limit is {MAX_COMMAND_TEXT:,}. "
            "Put the long explanation in the form's details: type `/consensus start` alone."
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
    if name in ("status", "close", "remind", "cancel", "escalate"):
        return _parse_round_command(name, rest)
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
                listed = ", ".join(f"--{a}" for a in allowed)
                raise InvalidInput(
                    f"`{quote_word(word)}` is not an option of `{command}`. Options: {listed}. "
                    f"Usage: {usage(command)}"
                )
            if key in options.values:
                raise InvalidInput(f"`--{key}` is given twice; give it once.")
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
        raise InvalidInput(
            f"The proposal is {len(title)} characters; keep its title under {MAX_TITLE} and "
            "put the rest in the details: type `/consensus start` alone to open the form."
        )
    start = Start(title=title)
    if not title and len(opts.values) > 0:
        raise InvalidInput(
            f"Options need a proposal before them, e.g. "
            f"`{COMMAND} start Adopt the shared referral form --deadline 3d`."
        )
    deadline = None
    if "deadline" in opts.values:
        deadline = parse_deadline(_one(opts.values["deadline"], "deadline", "3d"))
    voters: tuple[str, ...] = ()
    if "voters" in opts.values:
        voters = parse_mentions(opts.values["voters"])
    quorum = DEFAULT_QUORUM
    if "quorum" in opts.values:
        quorum = parse_quorum(_one(opts.values["quorum"], "quorum", "75%"))
    profile_key = "1-4"
    if "rule" in opts.values:
        profile_key = _one(opts.values["rule"], "rule", "1-4")
        if profile_key not in PROFILES:
            raise InvalidInput(
                f"`--rule {typed(profile_key[:20])}` is not a rule profile. Use `--rule 1-4` "
                "(levels 1-4 are consensus, the default) or `--rule 1-5` (only a 6 blocks)."
            )
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
        raise InvalidInput(f"`--{option}` takes one value, e.g. `--{option} {example}`.")
    return as_typed(values[0])


def parse_round_ref(word: str) -> int:
    """`12` or `#12` → 12."""
    match = _ROUND_REF.match(word)
    if not match:
        raise InvalidInput(
            f"`{typed(word[:40])}` is not a round number. Round numbers look like `#12`; "
            f"`{COMMAND} list` shows the open ones."
        )
    return int(match.group(1))


def _parse_round_command(name: str, words: list[str]) -> RoundCommand:
    if len(words) > 1:
        raise InvalidInput(f"Too many words. Usage: {usage(name)}")
    round_id = parse_round_ref(as_typed(words[0])) if words else None
    return RoundCommand(action=name, round_id=round_id)


def _parse_extend(words: list[str]) -> RoundCommand:
    if not words:
        raise InvalidInput(f"Say how long to extend by, e.g. `{COMMAND} extend 1d`.")
    round_id = None
    if len(words) >= 2 and _ROUND_REF.match(words[0]):
        round_id = parse_round_ref(words[0])
        words = words[1:]
    deadline = parse_deadline(as_typed(" ".join(words)))
    return RoundCommand(action="extend", round_id=round_id, deadline=deadline)


def _parse_resolve(words: list[str]) -> Resolve:
    if len(words) < 2:
        raise InvalidInput(
            f"Usage: {usage('resolve')}, e.g. `{COMMAND} resolve 3 Agreed to pilot for 6 months`."
        )
    match = _ROUND_REF.match(words[0])
    if not match:
        raise InvalidInput(
            f"`{quote_word(words[0])}` is not an escalation number. Usage: {usage('resolve')}"
        )
    return Resolve(escalation_id=int(match.group(1)), text=as_typed(" ".join(words[1:])))


def _parse_config(words: list[str]) -> ConfigSteering | ConfigCoordinators:
    if words and words[0].lower() == "coordinators":
        if len(words) < 2:
            raise InvalidInput(
                "Name the coordinators with @, e.g. `/consensus config coordinators @ana @ben`."
            )
        return ConfigCoordinators(parse_mentions(words[1:]))
    if len(words) != 2 or words[0].lower() != "steering":
        raise InvalidInput(f"Usage: {usage('config')}")
    match = _CHANNEL.match(words[1])
    if not match:
        raise InvalidInput(
            "Name the channel with # so Slack links it, "
            "e.g. `/consensus config steering #steering`."
        )
    return ConfigSteering(channel=match.group(1))


def parse_mentions(words: list[str]) -> tuple[str, ...]:
    """`<@U1> <@U2|ana>` → ("U1", "U2"), keeping order and dropping repeats."""
    users: list[str] = []
    for word in words:
        match = _MENTION.match(word)
        if not match:
            raise InvalidInput(
                f"`{quote_word(word)}` is not a person. Mention voters with @ so Slack links them, "
                "e.g. `--voters @ana @ben`."
            )
        if match.group(1) not in users:
            users.append(match.group(1))
    if not users:
        raise InvalidInput("`--voters` needs at least one @mention, e.g. `--voters @ana @ben`.")
    return tuple(users)


def parse_deadline(text: str) -> Deadline:
    """`3d`, `36h`, `90m`, `40s`, `1d12h`, or `2026-12-01T17:00` (also with a space, and
    with an offset such as `-05:00`)."""
    text = text.strip()
    compact = text.lower().replace(" ", "")
    if compact and _DURATION_PART.sub("", compact) == "":
        parts = _DURATION_PART.findall(compact)
        kwargs: dict[str, int] = {}
        for amount, unit in parts:
            kwargs[_UNITS[unit]] = kwargs.get(_UNITS[unit], 0) + min(int(amount), 10**6)
        return Deadline(duration=timedelta(**kwargs))
    # With an offset (`2026-12-01T17:00-05:00`) the time is taken as given, in any zone.
    formats = (
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%d",
    )
    for fmt in formats:
        try:
            at = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt == "%Y-%m-%d":
            at = at.replace(hour=17)  # a bare date means the end of that working day
        return Deadline(at=at)
    raise InvalidInput(
        f"`{typed(text[:40])}` is not a deadline. Use a duration such as `3d`, `36h`, `90m`, "
        "`40s`, or a date and time such as `2026-12-01T17:00` (your time zone) or "
        "`2026-12-01T17:00-05:00` (with an offset)."
    )


def parse_quorum(text: str) -> Fraction:
    """`75%`, `0.75` or `2/3` → a fraction in (0, 1]."""
    try:
        value = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        value = Fraction(-1)
    if not 0 < value <= 1:
        raise InvalidInput(
            f"`{typed(text[:20])}` is not a quorum. Give a share of the voters between 1% and "
            "100%, e.g. `--quorum 75%` or `--quorum 2/3`."
        )
    return value


def parse_reminders(text: str) -> tuple[Fraction, ...]:
    """`50%,90%` → reminders at those shares of the window; `none` → no reminders."""
    if text.strip().lower() in ("none", "off", "no"):
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
            raise InvalidInput(
                f"`{typed(part[:20])}` is not a reminder time. Give shares of the voting window, "
                "e.g. `--remind 50%,90%`, or `--remind none`."
            )
        shares.append(share)
    return tuple(sorted(set(shares)))
