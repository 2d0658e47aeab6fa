"""Tally: levels, rule profiles and quorum decide the outcome."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest

from bot.domain.errors import Conflict, InvalidInput, NotAllowed
from bot.domain.round import Round, RoundProblem, RoundStatus, Stance, check_stance
from bot.domain.scale import LEVELS_1_TO_4, LEVELS_1_TO_5, Explanation, profile_for
from bot.domain.tally import Outcome, tally
from tests.problems import raises_problem, shown

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
VOTERS = ("A", "B", "C", "D", "E", "F")


def make_round(profile: str = "1-4", quorum: Fraction = Fraction(2, 3), **kw: object) -> Round:
    values: dict[str, object] = {
        "id": 7,
        "workspace": "T",
        "channel": "C",
        "chair": "A",
        "title": "Proposal",
        "details": "",
        "voters": VOTERS,
        "profile_key": profile,
        "quorum": quorum,
        "opened_at": NOW,
        "closes_at": NOW + timedelta(days=3),
    }
    values.update(kw)
    return Round(**values)  # type: ignore[arg-type]


def stances(*levels: int) -> list[Stance]:
    return [Stance(voter, level) for voter, level in zip(VOTERS, levels, strict=False)]


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ((1, 1, 1, 1), Outcome.CONSENSUS),
        ((1, 2, 3, 4), Outcome.CONSENSUS),
        ((4, 4, 4, 4, 4, 4), Outcome.CONSENSUS),
        ((1, 1, 1, 5), Outcome.NO_CONSENSUS),
        ((1, 1, 1, 6), Outcome.NO_CONSENSUS),
        ((1, 1, 1), Outcome.NO_QUORUM),
        ((6, 6, 6), Outcome.NO_QUORUM),
    ],
)
def test_levels_1_to_4_profile_needs_every_response_at_4_or_better(
    levels: tuple[int, ...], expected: Outcome
) -> None:
    assert tally(make_round("1-4"), stances(*levels)).outcome is expected


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ((1, 2, 3, 5), Outcome.CONSENSUS),
        ((5, 5, 5, 5), Outcome.CONSENSUS),
        ((1, 2, 3, 6), Outcome.NO_CONSENSUS),
        ((5, 5, 5), Outcome.NO_QUORUM),
    ],
)
def test_levels_1_to_5_profile_is_blocked_only_by_a_6(
    levels: tuple[int, ...], expected: Outcome
) -> None:
    assert tally(make_round("1-5"), stances(*levels)).outcome is expected


def test_quorum_is_rounded_up_and_non_response_is_not_agreement() -> None:
    result = tally(make_round(quorum=Fraction(3, 4)), stances(1, 1, 1, 1))
    assert result.quorum_needed == 5  # 4.5 of 6 rounds up
    assert result.outcome is Outcome.NO_QUORUM
    assert result.not_responded == ("E", "F")


def test_stances_of_people_who_are_not_voters_are_ignored() -> None:
    result = tally(make_round(), [*stances(1, 1, 1, 1), Stance("Z", 6)])
    assert result.outcome is Outcome.CONSENSUS
    assert result.distribution[6] == 0


def test_distribution_counts_every_level() -> None:
    result = tally(make_round(), stances(1, 2, 2, 4, 5, 6))
    assert result.distribution == {1: 1, 2: 2, 3: 0, 4: 1, 5: 1, 6: 1}
    assert [s.voter for s in result.at_level(4)] == ["D"]


def test_profiles_are_data_with_labels_obligations_and_blocking_levels() -> None:
    assert LEVELS_1_TO_4.blocking == {5, 6}
    assert LEVELS_1_TO_5.blocking == {6}
    assert LEVELS_1_TO_4.level(5).explanation is Explanation.REQUIRED
    assert LEVELS_1_TO_5.level(5).explanation is Explanation.OPTIONAL
    assert LEVELS_1_TO_4.level(6).text_kind is LEVELS_1_TO_5.level(6).text_kind
    assert [lvl.number for lvl in LEVELS_1_TO_4.levels] == [1, 2, 3, 4, 5, 6]
    with pytest.raises(ValueError, match="unknown rule profile"):
        profile_for("1-3")


def test_level_5_and_6_must_be_explained_under_the_default_profile() -> None:
    round_ = make_round()
    with raises_problem(RoundProblem.NEEDS_ANSWER, InvalidInput, level=5) as refused:
        check_stance(round_, "B", 5, "   ", NOW)
    assert "information" in shown(refused.value)
    with raises_problem(RoundProblem.NEEDS_ANSWER, InvalidInput, level=6) as refused:
        check_stance(round_, "B", 6, "", NOW)
    assert "alternative" in shown(refused.value)
    assert check_stance(round_, "B", 6, " Pilot first \x07", NOW).reason == "Pilot first"


def test_level_5_needs_no_explanation_under_the_1_to_5_profile() -> None:
    assert check_stance(make_round("1-5"), "B", 5, "", NOW).level == 5


def test_only_eligible_voters_may_take_a_stance() -> None:
    with raises_problem(RoundProblem.NOT_VOTER, NotAllowed):
        check_stance(make_round(), "Z", 1, "", NOW)


def test_no_stance_after_the_deadline_or_once_closed_or_cancelled() -> None:
    with raises_problem(RoundProblem.CLOSED, Conflict):
        check_stance(make_round(), "B", 1, "", NOW + timedelta(days=3))
    with raises_problem(RoundProblem.CLOSED, Conflict):
        check_stance(make_round(status=RoundStatus.CLOSED), "B", 1, "", NOW)
    with raises_problem(RoundProblem.CANCELLED, Conflict):
        check_stance(make_round(status=RoundStatus.CANCELLED), "B", 1, "", NOW)


def test_reminders_fall_at_their_share_of_the_window() -> None:
    round_ = make_round(closes_at=NOW + timedelta(hours=10))
    assert round_.reminder_times() == (NOW + timedelta(hours=5), NOW + timedelta(hours=9))
    assert round_.next_reminder(NOW + timedelta(hours=6)) == NOW + timedelta(hours=9)
    assert round_.next_reminder(NOW + timedelta(hours=9, minutes=1)) is None


# ------------------------------------------------------------------ quorum at its boundary
def test_exactly_the_quorum_of_responses_decides() -> None:
    result = tally(make_round(quorum=Fraction(2, 3)), stances(1, 2, 3, 4))
    assert result.quorum_needed == 4  # exactly 2/3 of 6
    assert result.outcome is Outcome.CONSENSUS


def test_one_response_short_of_the_quorum_is_no_quorum_even_if_all_agree() -> None:
    assert tally(make_round(quorum=Fraction(2, 3)), stances(1, 1, 1)).outcome is Outcome.NO_QUORUM


def test_a_full_quorum_needs_every_voter() -> None:
    round_ = make_round(quorum=Fraction(1))
    assert tally(round_, stances(1, 1, 1, 1, 1)).outcome is Outcome.NO_QUORUM
    assert tally(round_, stances(1, 1, 1, 1, 1, 1)).outcome is Outcome.CONSENSUS


def test_a_single_blocking_level_among_many_supporters_means_no_consensus() -> None:
    assert tally(make_round(), stances(1, 1, 1, 1, 1, 6)).outcome is Outcome.NO_CONSENSUS
    assert tally(make_round(), stances(5, 1, 1, 1, 1, 1)).outcome is Outcome.NO_CONSENSUS


# ------------------------------------------------------------------ reservations
def test_reservations_show_the_reasons_given_at_levels_2_and_3_only() -> None:
    given = [
        Stance("A", 1, "level one"),
        Stance("B", 2, "acceptable but"),
        Stance("C", 3, "with reservations"),
        Stance("D", 4, "acknowledge me"),
        Stance("E", 5, "need the budget"),
        Stance("F", 6, "pilot instead"),
    ]
    result = tally(make_round(), given)
    assert [(s.voter, s.reason) for s in result.reservations] == [
        ("B", "acceptable but"),
        ("C", "with reservations"),
    ]
    # Level 4 is acknowledged on its own line, 5 and 6 as requests and alternatives.
    assert [s.reason for s in result.at_level(4)] == ["acknowledge me"]


def test_a_level_2_or_3_without_a_reason_is_not_listed_as_a_reservation() -> None:
    result = tally(make_round(), [Stance("A", 2), Stance("B", 3), *stances(1, 1, 1, 1)[2:]])
    assert result.reservations == ()


# ------------------------------------------------------------------ counting only the counted
def test_responses_are_listed_by_level_then_name() -> None:
    result = tally(make_round(), stances(4, 1, 4, 2))
    assert [(s.voter, s.level) for s in result.stances] == [
        ("B", 1),
        ("D", 2),
        ("A", 4),
        ("C", 4),
    ]
    assert result.eligible == 6
    assert result.not_responded == ("E", "F")
