"""The six-level scale and its two rule profiles, as data (their words are the front ends')."""

from __future__ import annotations

import pytest

from bot.domain.errors import InvalidInput, Typed
from bot.domain.scale import (
    DEFAULT_PROFILE,
    LEVELS,
    LEVELS_1_TO_4,
    LEVELS_1_TO_5,
    PROFILES,
    Explanation,
    ScaleProblem,
    TextKind,
    profile_for,
    read_level,
)


def test_the_scale_has_exactly_the_six_levels_of_the_template() -> None:
    assert LEVELS == (1, 2, 3, 4, 5, 6)
    for profile in PROFILES.values():
        assert [level.number for level in profile.levels] == [1, 2, 3, 4, 5, 6]


def test_the_default_profile_is_the_templates_list_levels_1_to_4() -> None:
    assert DEFAULT_PROFILE is LEVELS_1_TO_4
    assert profile_for("1-4") is LEVELS_1_TO_4
    assert profile_for("1-5") is LEVELS_1_TO_5
    assert set(PROFILES) == {"1-4", "1-5"}


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_levels_1_to_4_never_block_consensus(level: int) -> None:
    assert not LEVELS_1_TO_4.blocks(level)
    assert not LEVELS_1_TO_5.blocks(level)


def test_a_5_blocks_under_the_list_profile_but_not_under_the_table_profile() -> None:
    assert LEVELS_1_TO_4.blocks(5)
    assert not LEVELS_1_TO_5.blocks(5)


def test_a_6_blocks_under_both_profiles() -> None:
    assert LEVELS_1_TO_4.blocks(6)
    assert LEVELS_1_TO_5.blocks(6)


def test_level_1_asks_for_no_explanation() -> None:
    for profile in PROFILES.values():
        assert profile.level(1).explanation is Explanation.NONE
        assert profile.level(1).text_kind is TextKind.NONE


@pytest.mark.parametrize("level", [2, 3, 4])
def test_levels_2_to_4_may_explain_their_reservations(level: int) -> None:
    for profile in PROFILES.values():
        assert profile.level(level).explanation is Explanation.OPTIONAL
        assert profile.level(level).text_kind is TextKind.RESERVATION


def test_a_5_must_say_what_information_it_needs_under_the_list_profile() -> None:
    level = LEVELS_1_TO_4.level(5)
    assert level.explanation is Explanation.REQUIRED
    assert level.text_kind is TextKind.INFORMATION


def test_a_5_needs_no_information_request_under_the_table_profile() -> None:
    level = LEVELS_1_TO_5.level(5)
    assert level.explanation is Explanation.OPTIONAL
    assert level.text_kind is TextKind.RESERVATION


def test_a_6_must_offer_an_alternative_under_both_profiles() -> None:
    for profile in PROFILES.values():
        assert profile.level(6).explanation is Explanation.REQUIRED
        assert profile.level(6).text_kind is TextKind.ALTERNATIVE


@pytest.mark.parametrize("number", [0, 7, -1])
def test_a_level_off_the_scale_is_a_persons_error_with_the_scales_range(number: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        LEVELS_1_TO_4.level(number)
    assert refused.value.problem is ScaleProblem.NOT_A_LEVEL
    assert dict(refused.value.params) == {"given": Typed(str(number)), "lowest": 1, "highest": 6}


def test_a_written_level_is_read_as_its_number() -> None:
    assert [read_level(str(number)) for number in LEVELS] == list(LEVELS)
    assert read_level(" 3 ") == 3


@pytest.mark.parametrize("text", ["7", "0", "x", "", "03", "3.0", "²", "9" * 5000])
def test_anything_but_a_written_level_is_refused_as_typed(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_level(text)
    assert refused.value.problem is ScaleProblem.NOT_A_LEVEL
    assert refused.value.params["given"] == Typed(text[:20])


def test_each_level_is_found_by_its_number() -> None:
    for profile in PROFILES.values():
        for number in LEVELS:
            assert profile.level(number).number == number


def test_an_unknown_profile_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="1-4, 1-5"):
        profile_for("1-3")
