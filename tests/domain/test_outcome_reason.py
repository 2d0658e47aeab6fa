"""Why a round ended as it did, and which next steps the decision model allows, as data."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from fractions import Fraction

from bot.domain.outcome import NextStep, Reason, explain
from bot.domain.round import Round, RoundStatus, Stance
from bot.domain.tally import Outcome, Tally, tally

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
PEOPLE = tuple(f"U{i}" for i in range(5))


def _closed(levels: tuple[int, ...], profile: str = "1-4") -> tuple[Round, Tally]:
    round_ = Round(
        id=3,
        workspace="T",
        channel="C",
        chair=PEOPLE[0],
        title="Adopt the form",
        details="",
        voters=PEOPLE,
        profile_key=profile,
        quorum=Fraction(1, 2),
        opened_at=NOW,
        closes_at=NOW + timedelta(days=1),
        status=RoundStatus.CLOSED,
    )
    counted = tally(
        round_, [Stance(p, lv, "why", NOW) for p, lv in zip(PEOPLE, levels, strict=False)]
    )
    return replace(round_, outcome=counted.outcome.value), counted


def test_a_level_6_blocks_under_levels_1_to_4_with_its_count_and_three_next_steps() -> None:
    round_, counted = _closed((1, 2, 6))
    explained = explain(round_, counted)
    assert explained.outcome is Outcome.NO_CONSENSUS
    assert explained.reason is Reason.BLOCKED
    assert explained.blocking == ((6, 1),)
    assert explained.consensus_levels == (1, 2, 3, 4)
    assert explained.next_steps == (NextStep.REVISE, NextStep.ESCALATE, NextStep.RECORDED_VOTE)


def test_a_level_5_is_consensus_under_the_levels_1_to_5_rule() -> None:
    round_, counted = _closed((1, 5, 5), profile="1-5")
    explained = explain(round_, counted)
    assert explained.reason is Reason.ALL_WITHIN_RULE
    assert explained.consensus_levels == (1, 2, 3, 4, 5)
    assert explained.next_steps == (NextStep.IMPLEMENT,)


def test_no_quorum_gives_the_counts_and_allows_no_recorded_vote() -> None:
    round_, counted = _closed((6, 6))
    explained = explain(round_, counted)
    assert explained.reason is Reason.QUORUM_NOT_MET
    assert (explained.responded, explained.eligible, explained.quorum_needed) == (2, 5, 3)
    assert explained.next_steps == (NextStep.REVISE, NextStep.ESCALATE)


def test_an_open_round_is_explained_as_it_stands() -> None:
    round_, counted = _closed((1, 1, 6))
    open_ = replace(round_, status=RoundStatus.OPEN, outcome=None)
    assert explain(open_, counted).outcome is Outcome.NO_CONSENSUS


def test_a_closed_round_is_explained_by_its_stored_outcome() -> None:
    round_, counted = _closed((1, 1, 6))
    stored = replace(round_, outcome=Outcome.NO_QUORUM.value)  # as recorded at the close
    assert explain(stored, counted).reason is Reason.QUORUM_NOT_MET
