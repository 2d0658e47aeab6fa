"""The scale's words live in the front ends, looked up by profile key, level and text kind."""

from __future__ import annotations

import pytest

from bot.domain.errors import InvalidInput
from bot.domain.scale import LEVELS, LEVELS_1_TO_4, LEVELS_1_TO_5, PROFILES, TextKind
from handlers.messages import LABELS
from handlers.messages import scale as words
from terminal import words as terminal_words


def test_every_level_of_every_profile_has_a_name_and_a_meaning() -> None:
    for profile in PROFILES.values():
        for number in LEVELS:
            assert words.level_name(profile, number)
            assert words.meaning(profile, number).endswith(".")
            assert words.button_text(profile, number).startswith(f"{number} ")


def test_level_5_reads_as_the_profile_reads_it() -> None:
    assert words.button_text(LEVELS_1_TO_4, 5) == "5 Need more information"
    assert words.button_text(LEVELS_1_TO_5, 5) == "5 Disagree, will not block"
    assert "won't sabotage" in words.meaning(LEVELS_1_TO_5, 5)
    assert "acknowledged" in words.meaning(LEVELS_1_TO_4, 4)


def test_each_level_asks_the_question_of_its_text_kind() -> None:
    assert words.prompt(LEVELS_1_TO_4, 1) == ""
    assert "reservation" in words.prompt(LEVELS_1_TO_4, 3)
    assert "information" in words.prompt(LEVELS_1_TO_4, 5)
    assert "reservation" in words.prompt(LEVELS_1_TO_5, 5)
    assert words.prompt(LEVELS_1_TO_4, 6) == words.prompt(LEVELS_1_TO_5, 6)
    assert "alternative" in words.prompt(LEVELS_1_TO_5, 6)


def test_every_profile_has_a_name() -> None:
    assert {words.profile_name(p) for p in PROFILES.values()} == {
        "Levels 1-4 are consensus",
        "Levels 1-5 are consensus",
    }


def test_a_text_kind_passed_in_a_problem_reads_as_its_question() -> None:
    for kind in TextKind:
        if kind is not TextKind.NONE:
            assert LABELS[kind] == words.PROMPTS[kind]


@pytest.mark.parametrize("number", [0, 7])
def test_a_level_off_the_scale_has_no_words(number: int) -> None:
    with pytest.raises(InvalidInput):
        words.level_name(LEVELS_1_TO_4, number)


def test_the_terminal_words_every_level_and_profile_itself() -> None:
    for profile in PROFILES.values():
        assert profile.key in terminal_words.PROFILE_NAMES
        for number in LEVELS:
            name = terminal_words.button_text(profile, number)
            assert name.startswith(f"{number} ")
    assert terminal_words.prompt(LEVELS_1_TO_4, 1) == ""
    assert "information" in terminal_words.prompt(LEVELS_1_TO_4, 5)
