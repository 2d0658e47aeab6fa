"""The terminal's own grammar: `<person>> <command>` lines to typed requests."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.deadline import Deadline
from bot.domain.errors import InvalidInput
from bot.domain.scale import ScaleProblem
from terminal.errors import Mistake, render
from terminal.grammar import Help, Level, OnRound, Start, parse, speaker


def test_a_line_names_its_speaker_before_the_prompt_sign() -> None:
    assert speaker("ana> start A plan") == ("ana", "start A plan")
    assert speaker("  cy>level 2") == ("cy", "level 2")


@pytest.mark.parametrize("line", ["status", "> status", "ana status", "@ana> status"])
def test_a_line_without_a_plain_person_id_is_a_mistake(line: str) -> None:
    with pytest.raises(Mistake, match="<person>> <command>"):
        speaker(line)


def test_start_takes_the_rest_of_the_line_as_the_proposal_and_an_optional_deadline() -> None:
    assert parse("start Share one intake form") == Start("Share one intake form")
    assert parse("start Share one form --deadline 3d") == Start(
        "Share one form", Deadline(duration=timedelta(days=3))
    )


def test_start_without_a_proposal_or_with_an_unknown_option_says_what_to_type() -> None:
    with pytest.raises(Mistake, match="Give the proposal a title"):
        parse("start --deadline 3d")
    with pytest.raises(Mistake, match="only one is --deadline"):
        parse("start A plan --voters ben")
    with pytest.raises(Mistake, match="Use it so: start <proposal>"):
        parse("start A plan --deadline")


def test_a_deadline_that_is_not_one_is_refused_by_the_cores_parser() -> None:
    with pytest.raises(InvalidInput, match="is not a deadline"):
        parse("start A plan --deadline soon")


def test_level_takes_a_number_a_reason_and_optionally_a_round() -> None:
    assert parse("level 2") == Level(2)
    assert parse("level 6 Pilot it in one clinic first") == Level(6, "Pilot it in one clinic first")
    assert parse("level #3 5 Which fields?") == Level(5, "Which fields?", 3)


@pytest.mark.parametrize("word", ["0", "7", "two", "-1", "2.5"])
def test_a_level_off_the_scale_is_refused_by_the_cores_rule(word: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse(f"level {word}")
    assert refused.value.problem is ScaleProblem.NOT_A_LEVEL
    assert render(refused.value) == (
        f'There is no level "{word}": give a level from 1 to 6, e.g. level 2.'
    )


def test_level_without_a_number_shows_its_usage() -> None:
    with pytest.raises(Mistake, match=r"Use it so: level \[#round\] <1-6>"):
        parse("level")


@pytest.mark.parametrize("action", ["status", "close", "cancel"])
def test_round_commands_act_on_the_latest_round_or_the_one_named(action: str) -> None:
    assert parse(action) == OnRound(action)
    assert parse(f"{action} #12") == OnRound(action, 12)


def test_a_round_must_be_written_with_its_hash_sign() -> None:
    with pytest.raises(Mistake, match="'12' is not a round number; write it as #1"):
        parse("close 12")


def test_help_and_unknown_commands() -> None:
    assert parse("help") == Help()
    with pytest.raises(Mistake, match=r"There is no command 'vote' here\. Commands: start, level"):
        parse("vote 2")
