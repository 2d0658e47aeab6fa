"""A round's own rules: its quorum, its window, who may state a level and when."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

import pytest

from bot.domain.errors import Conflict, InvalidInput, NotAllowed, Person
from bot.domain.roster import Role, Tier
from bot.domain.round import (
    DEFAULT_QUORUM,
    DEFAULT_REMINDERS,
    MAX_DETAILS,
    MAX_REASON,
    MAX_VOTERS,
    ChairAction,
    RoundDraft,
    RoundProblem,
    RoundStatus,
    check_stance,
    clean_text,
    validate_window,
)
from bot.domain.scale import ScaleProblem
from bot.requests import Start
from handlers.grammar.commands import parse
from handlers.grammar.problems import GrammarProblem
from tests.domain.support import CLOSES, NOW, entry, make_round
from tests.problems import raises_problem

SECOND = timedelta(seconds=1)
TINY = timedelta(microseconds=1)


# ------------------------------------------------------------------ quorum
@pytest.mark.parametrize(
    ("quorum", "voters", "needed"),
    [
        (Fraction(2, 3), 6, 4),
        (Fraction(2, 3), 4, 3),  # 2.67 rounds up
        (Fraction(1, 2), 5, 3),  # 2.5 rounds up
        (Fraction(1, 2), 4, 2),
        (Fraction(1), 7, 7),
        (Fraction(1, 100), 7, 1),
    ],
)
def test_a_rounds_quorum_is_its_share_of_the_voters_rounded_up(
    quorum: Fraction, voters: int, needed: int
) -> None:
    people = tuple(f"U{i}" for i in range(voters))
    assert make_round(people, quorum=quorum).quorum_count() == needed


def test_a_round_always_needs_at_least_one_response() -> None:
    advisers = (entry("V", tier=Tier.ADVISORY),)
    assert make_round(("V",), advisers).seats() == ()
    assert make_round(("V",), advisers).quorum_count() == 1


def test_a_rounds_quorum_is_counted_in_seats() -> None:
    members = (
        entry("S", role=Role.SPEAKER),
        entry("A", role=Role.ALTERNATE),
        entry("M"),
        entry("P", "primary-care"),
    )
    round_ = make_round(("S", "A", "M", "P"), members, quorum=Fraction(1))
    assert len(round_.seats()) == 2
    assert round_.quorum_count() == 2


def test_new_rounds_need_two_thirds_and_remind_at_half_and_nine_tenths_of_the_window() -> None:
    assert Fraction(2, 3) == DEFAULT_QUORUM
    assert (Fraction(1, 2), Fraction(9, 10)) == DEFAULT_REMINDERS
    draft = RoundDraft("T", "C", "A", "Proposal")
    assert (draft.quorum, draft.reminders, draft.profile_key) == (
        DEFAULT_QUORUM,
        DEFAULT_REMINDERS,
        "1-4",
    )


# ------------------------------------------------------------------ the window
def test_a_deadline_exactly_now_or_earlier_is_in_the_past() -> None:
    for closes_at in (NOW, NOW - SECOND):
        with raises_problem(RoundProblem.DEADLINE_PAST, InvalidInput):
            validate_window(NOW, closes_at)


def test_a_round_may_run_exactly_30_seconds_but_not_less() -> None:
    validate_window(NOW, NOW + 30 * SECOND)
    with raises_problem(RoundProblem.TOO_SHORT, InvalidInput, seconds=30):
        validate_window(NOW, NOW + 30 * SECOND - TINY)


def test_a_round_may_run_exactly_one_year_but_not_longer() -> None:
    validate_window(NOW, NOW + timedelta(days=365))
    with raises_problem(RoundProblem.TOO_LONG, InvalidInput):
        validate_window(NOW, NOW + timedelta(days=365) + TINY)


def test_a_level_exactly_at_the_deadline_is_refused() -> None:
    check_stance(make_round(), "B", 1, "", CLOSES - TINY)
    with raises_problem(RoundProblem.CLOSED, Conflict, round=7):
        check_stance(make_round(), "B", 1, "", CLOSES)


def test_a_closed_or_cancelled_round_takes_no_level_even_before_its_deadline() -> None:
    with raises_problem(RoundProblem.CLOSED, Conflict, round=7):
        check_stance(make_round(status=RoundStatus.CLOSED), "B", 1, "", NOW)
    with raises_problem(RoundProblem.CANCELLED, Conflict, round=7):
        check_stance(make_round(status=RoundStatus.CANCELLED), "B", 1, "", NOW)


def test_extending_moves_the_deadline_later() -> None:
    later = CLOSES + timedelta(days=1)
    assert make_round().extended(later, NOW).closes_at == later


def test_an_extension_must_be_later_than_the_current_deadline() -> None:
    for not_later in (CLOSES, CLOSES - SECOND):
        with raises_problem(RoundProblem.DEADLINE_NOT_LATER, InvalidInput):
            make_round().extended(not_later, NOW)


def test_an_extension_may_reach_a_year_from_now_but_not_beyond() -> None:
    make_round().extended(NOW + timedelta(days=365), NOW)
    with raises_problem(RoundProblem.TOO_LONG, InvalidInput):
        make_round().extended(NOW + timedelta(days=365) + TINY, NOW)


def test_a_closed_round_cannot_be_extended() -> None:
    with pytest.raises(Conflict):
        make_round().extended(CLOSES + SECOND, CLOSES)


# ------------------------------------------------------------------ reminders
def test_reminders_fall_at_their_share_of_the_window() -> None:
    round_ = make_round(closes_at=NOW + timedelta(hours=10), reminders=(Fraction(1, 4),))
    assert round_.reminder_times() == (NOW + timedelta(hours=2, minutes=30),)


def test_the_next_reminder_is_the_earliest_still_to_come() -> None:
    round_ = make_round(
        closes_at=NOW + timedelta(hours=10), reminders=(Fraction(9, 10), Fraction(1, 2))
    )
    assert round_.next_reminder(NOW) == NOW + timedelta(hours=5)
    assert round_.next_reminder(NOW + timedelta(hours=6)) == NOW + timedelta(hours=9)


def test_a_reminder_due_exactly_now_is_not_the_next_one() -> None:
    round_ = make_round(closes_at=NOW + timedelta(hours=10))
    assert round_.next_reminder(NOW + timedelta(hours=5)) == NOW + timedelta(hours=9)
    assert round_.next_reminder(NOW + timedelta(hours=9)) is None


def test_a_round_that_is_not_open_has_no_next_reminder() -> None:
    for status in (RoundStatus.CLOSED, RoundStatus.CANCELLED):
        assert make_round(status=status).next_reminder(NOW) is None


# ------------------------------------------------------------------ who may state a level
def test_only_the_chair_may_run_the_round() -> None:
    make_round().require_chair("A", ChairAction.CLOSE)
    with raises_problem(
        RoundProblem.NOT_CHAIR, NotAllowed, chair=Person("A"), action=ChairAction.CLOSE
    ):
        make_round().require_chair("B", ChairAction.CLOSE)


def test_an_observer_is_told_they_observe() -> None:
    members = (entry("A"), entry("O", tier=Tier.OBSERVER))
    round_ = make_round(("A",), members)
    with raises_problem(RoundProblem.OBSERVER, NotAllowed, chair=Person("A")):
        check_stance(round_, "O", 1, "", NOW)


def test_an_advisory_partner_may_state_a_level() -> None:
    members = (entry("A"), entry("V", "long-term-care", Tier.ADVISORY))
    round_ = make_round(("A", "V"), members)
    assert check_stance(round_, "V", 3, "", NOW).level == 3
    assert round_.member("V") == members[1]
    assert round_.member("Z") is None


def test_someone_who_is_not_a_voter_is_refused() -> None:
    with raises_problem(RoundProblem.NOT_VOTER, NotAllowed, chair=Person("A")):
        check_stance(make_round(), "Z", 1, "", NOW)


@pytest.mark.parametrize("level", [0, 7])
def test_a_level_off_the_scale_is_refused_as_a_persons_error(level: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_stance(make_round(), "B", level, "", NOW)
    assert refused.value.problem is ScaleProblem.NOT_A_LEVEL


def test_a_reason_may_be_2000_characters_but_not_more() -> None:
    assert MAX_REASON == 2000
    assert len(check_stance(make_round(), "B", 3, "r" * 2000, NOW).reason) == 2000
    with raises_problem(RoundProblem.REASON_TOO_LONG, InvalidInput, limit=2000):
        check_stance(make_round(), "B", 3, "r" * 2001, NOW)


def test_a_reason_is_measured_after_cleaning() -> None:
    padded = "  " + "r" * 2000 + "\x07  "
    assert check_stance(make_round(), "B", 3, padded, NOW).reason == "r" * 2000


def test_a_stance_keeps_its_voter_level_reason_and_time() -> None:
    stance = check_stance(make_round(), "B", 6, " Pilot first ", NOW)
    assert (stance.voter, stance.level, stance.reason, stance.cast_at) == (
        "B",
        6,
        "Pilot first",
        NOW,
    )


def test_a_required_explanation_of_only_spaces_or_control_characters_is_missing() -> None:
    with raises_problem(RoundProblem.NEEDS_ANSWER, InvalidInput, level=5):
        check_stance(make_round(), "B", 5, " \x07\x1b ", NOW)


def test_cleaning_keeps_line_breaks_and_tabs_and_drops_other_control_characters() -> None:
    assert clean_text("  a\tb\nc\x00d\x1b  ") == "a\tb\ncd"


# ------------------------------------------------------------------ limits and defaults
def test_a_proposal_title_may_be_200_characters_but_not_201() -> None:
    assert parse(f"start {'t' * 200}") == Start(title="t" * 200)
    with raises_problem(GrammarProblem.TITLE_TOO_LONG, InvalidInput, limit=200):
        parse(f"start {'t' * 201}")


def test_a_round_takes_at_most_1000_voters_and_2500_characters_of_details() -> None:
    # Enforced where a round is started or revised (tests/test_round_service.py); the
    # numbers are the ones people are told in the refusal. 1,000: a big channel of an
    # Enterprise Grid org (tests/e2e/test_big_channel.py).
    assert (MAX_VOTERS, MAX_DETAILS) == (1000, 2500)


def test_a_round_that_revises_nothing_is_revision_1() -> None:
    assert make_round().revision == 1
    assert make_round().parent_id is None
