"""The `/consensus` grammar: what people type becomes a request, or a message saying what to type."""

from __future__ import annotations

from datetime import datetime, timedelta
from fractions import Fraction

import pytest

from bot.deadline import Deadline
from bot.domain.errors import InvalidInput, Typed
from bot.requests import (
    CallVote,
    ConfigSteering,
    ListRounds,
    Resolve,
    RoundAction,
    RoundCommand,
    Start,
)
from handlers.grammar.commands import Help, parse
from handlers.grammar.problems import GrammarProblem
from handlers.grammar.subcommands import SUBCOMMAND_NAMES
from handlers.grammar.values import parse_deadline, parse_quorum, parse_threshold
from tests.problems import raises_problem, shown


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
    ("text", "problem"),
    [
        ("start x --deadline tomorrow", GrammarProblem.NOT_A_DEADLINE),
        ("start x --quorum 0", GrammarProblem.NOT_A_QUORUM),
        ("start x --quorum 150%", GrammarProblem.NOT_A_QUORUM),
        ("start x --voters bob", GrammarProblem.NOT_A_VOTER),
        ("start x --rule 2-3", GrammarProblem.NOT_A_RULE),
        ("start x --remind 100%", GrammarProblem.NOT_A_REMINDER),
        ("start x --colour red", GrammarProblem.UNKNOWN_OPTION),
        ("start x --quorum 50% --quorum 60%", GrammarProblem.OPTION_TWICE),
        ("start --deadline 3d", GrammarProblem.OPTIONS_BEFORE_TITLE),
        ("close abc", GrammarProblem.NOT_AN_OPEN_ROUND_NUMBER),
        ("close 1 2", GrammarProblem.TOO_MANY_WORDS),
        ("extend", GrammarProblem.EXTEND_BY_WHAT),
        ("resolve 3", GrammarProblem.RESOLVE_USAGE),
        ("config steering general", GrammarProblem.NAME_THE_CHANNEL),
    ],
)
def test_mistakes_say_what_to_type_instead(text: str, problem: GrammarProblem) -> None:
    with raises_problem(problem, InvalidInput):
        parse(text)


def test_very_long_text_is_refused_with_the_limit() -> None:
    with raises_problem(GrammarProblem.COMMAND_TOO_LONG, InvalidInput) as caught:
        parse("start " + "x" * 5000)
    assert "limit is 4,000" in shown(caught.value)


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
            assert "Usage" in shown(error) or "extend" in shown(error)


def test_config_coordinators_names_people_with_mentions() -> None:
    from bot.requests import ConfigCoordinators

    assert parse("config coordinators <@U1|ana> <@U2>") == ConfigCoordinators(("U1", "U2"))
    with raises_problem(GrammarProblem.NAME_COORDINATORS, InvalidInput):
        parse("config coordinators")
    with raises_problem(GrammarProblem.NOT_A_VOTER, InvalidInput):
        parse("config coordinators ana")


def test_a_vote_deadline_is_read_by_the_grammar_into_a_value() -> None:
    assert parse("vote #1 --deadline 2d") == CallVote(1, Deadline(duration=timedelta(days=2)))
    assert parse("vote") == CallVote()
    with raises_problem(GrammarProblem.NOT_A_DEADLINE, InvalidInput, text=Typed("soon")):
        parse("vote --deadline soon")


def test_the_other_words_of_a_vote_are_checked_before_its_deadline() -> None:
    with raises_problem(GrammarProblem.NOT_A_VOTE_OPTION, InvalidInput):
        parse("vote --deadline soon --colour red")


@pytest.mark.parametrize(
    ("text", "quorum", "threshold"),
    [("75%", "3/4", "3/4"), ("2/3", "2/3", "2/3"), ("0.5", "1/2", None), ("1", "1", "1")],
)
def test_quorum_and_threshold_are_one_reading_of_a_share_with_different_floors(
    text: str, quorum: str, threshold: str | None
) -> None:
    assert parse_quorum(text) == Fraction(quorum)
    if threshold is None:
        with raises_problem(GrammarProblem.NOT_A_THRESHOLD, InvalidInput):
            parse_threshold(text)
    else:
        assert parse_threshold(text) == Fraction(threshold)


def test_round_actions_are_codes_the_core_knows() -> None:
    command = parse("escalate #3")
    assert command == RoundCommand(RoundAction.ESCALATE, 3)
    assert isinstance(command, RoundCommand) and command.action is RoundAction.ESCALATE
