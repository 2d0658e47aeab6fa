"""The outcome sentence: the outcome, the rule that decided it, and the next step."""

from __future__ import annotations

from bot.domain.round import RoundStatus
from handlers.views.outcome import level_range, outcome_sentence
from tests.handlers.test_views_slack_accepts import make_view


def test_no_consensus_names_the_blocking_level_the_rule_and_the_three_next_steps() -> None:
    view = make_view(levels=(1, 2, 3, 6), status=RoundStatus.CLOSED)
    sentence = outcome_sentence(view.round, view.tally)
    assert sentence.startswith(
        "*No consensus*: 1 response is at level 6 (Cannot support); under this "
        "partnership's rule, levels 1–4 are consensus."
    )
    assert "`/consensus revise #12`" in sentence
    assert "`/consensus escalate #12`" in sentence
    assert "`/consensus vote #12`" in sentence


def test_no_quorum_gives_the_counts_and_no_recorded_vote() -> None:
    view = make_view(levels=(1, 6), status=RoundStatus.CLOSED)
    sentence = outcome_sentence(view.round, view.tally)
    assert sentence.startswith("*No quorum*: only 2 of 6 responded and 4 were needed")
    assert "revise" in sentence and "escalate" in sentence and "vote" not in sentence


def test_consensus_gives_the_counts_and_the_commitment_to_implement() -> None:
    view = make_view(levels=(1, 1, 2, 4), status=RoundStatus.CLOSED)
    sentence = outcome_sentence(view.round, view.tally)
    assert sentence == (
        "*Consensus reached*: 4 of 6 responded (quorum 4) and every counted response is "
        "at levels 1–4, which are consensus under this partnership's rule. "
        "Next step: the partners commit to implementing it."
    )


def test_under_the_levels_1_to_5_rule_only_a_6_blocks() -> None:
    view = make_view(levels=(5, 5, 6, 1), status=RoundStatus.CLOSED, profile="1-5")
    sentence = outcome_sentence(view.round, view.tally)
    assert "1 response is at level 6" in sentence and "levels 1–5 are consensus" in sentence


def test_level_ranges_read_as_words() -> None:
    assert level_range((1, 2, 3, 4)) == "levels 1–4"
    assert level_range((1, 2, 4)) == "levels 1, 2 and 4"
    assert level_range((3,)) == "level 3"
