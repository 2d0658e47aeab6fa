"""The `/consensus` grammar: what people type becomes a request, or a message saying what to type."""

from __future__ import annotations

from datetime import datetime, timedelta
from fractions import Fraction

import pytest

from bot.deadline import Deadline
from bot.domain.errors import InvalidInput
from bot.requests import ConfigSteering, ListRounds, Resolve, RoundCommand, Start
from handlers.grammar.commands import Help, parse
from handlers.grammar.subcommands import SUBCOMMAND_NAMES
from handlers.grammar.values import parse_deadline


def test_empty_text_and_help_show_help() -> None:
    assert parse("") == Help()
    assert parse("  help ") == Help()


def test_unknown_subcommand_answers_with_help_naming_it() -> None:
    assert parse("frobnicate now") == Help(unknown="frobnicate")


def test_start_alone_opens_the_form() -> None:
    assert parse("start") == Start()


def test_start_one_line_with_every_option() -> None:
    command = parse(
        "start Adopt the form --deadline 36h --voters <@U1> <@U2|bob> <@U1> "
        "--quorum 75% --rule 1-5 --remind 25%,75%"
    )
    assert command == Start(
        title="Adopt the form",
        deadline=Deadline(duration=timedelta(hours=36)),
        voters=("U1", "U2"),
        quorum=Fraction(3, 4),
        profile_key="1-5",
        reminders=(Fraction(1, 4), Fraction(3, 4)),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3d", Deadline(duration=timedelta(days=3))),
        ("90m", Deadline(duration=timedelta(minutes=90))),
        ("40s", Deadline(duration=timedelta(seconds=40))),
        ("1d12h", Deadline(duration=timedelta(days=1, hours=12))),
        ("2026-12-01T17:00", Deadline(at=datetime(2026, 12, 1, 17, 0))),
        ("2026-12-01 09:30", Deadline(at=datetime(2026, 12, 1, 9, 30))),
        ("2026-12-01", Deadline(at=datetime(2026, 12, 1, 17, 0))),
    ],
)
def test_deadlines_as_durations_or_local_dates(text: str, expected: Deadline) -> None:
    assert parse_deadline(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("start x --deadline tomorrow", "not a deadline"),
        ("start x --quorum 0", "not a quorum"),
        ("start x --quorum 150%", "not a quorum"),
        ("start x --voters bob", "Mention voters with @"),
        ("start x --rule 2-3", "not a rule profile"),
        ("start x --remind 100%", "not a reminder time"),
        ("start x --colour red", "not an option"),
        ("start x --quorum 50% --quorum 60%", "given twice"),
        ("start --deadline 3d", "need a proposal"),
        ("close abc", "not a round number"),
        ("close 1 2", "Too many words"),
        ("extend", "how long"),
        ("resolve 3", "Usage"),
        ("config steering general", "Name the channel with #"),
    ],
)
def test_mistakes_say_what_to_type_instead(text: str, hint: str) -> None:
    with pytest.raises(InvalidInput, match=hint):
        parse(text)


def test_very_long_text_is_refused_with_the_limit() -> None:
    with pytest.raises(InvalidInput, match="limit is 4,000"):
        parse("start " + "x" * 5000)


def test_control_characters_are_dropped() -> None:
    assert parse("start Adopt\x00 the\x1b form") == Start(title="Adopt the form")


def test_round_commands_take_an_optional_round_number() -> None:
    assert parse("close") == RoundCommand("close")
    assert parse("status #12") == RoundCommand("status", 12)
    assert parse("extend #4 2d") == RoundCommand("extend", 4, Deadline(duration=timedelta(days=2)))
    assert parse("list") == ListRounds()
    assert parse("resolve 3 Agreed to pilot") == Resolve(3, "Agreed to pilot")
    assert parse("config steering <#C9|steering>") == ConfigSteering("C9")


def test_every_subcommand_in_the_help_table_parses() -> None:
    for name in SUBCOMMAND_NAMES:
        try:
            parse(name)
        except InvalidInput as error:  # some need arguments, and say so
            assert "Usage" in error.message or "extend" in error.message


def test_config_coordinators_names_people_with_mentions() -> None:
    from bot.requests import ConfigCoordinators

    assert parse("config coordinators <@U1|ana> <@U2>") == ConfigCoordinators(("U1", "U2"))
    with pytest.raises(InvalidInput, match="Name the coordinators"):
        parse("config coordinators")
    with pytest.raises(InvalidInput, match="not a person"):
        parse("config coordinators ana")
