"""Record entries speak in data: the kinds with parameters store their canonical JSON, and
one reader returns the parameters of any entry, new or written before (the legacy reading)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.domain.recorded_vote import Choice, VoteResult
from bot.domain.tally import Outcome
from bot.record_entries import FIELDS, EntryKind, entry_params, entry_text

WRITTEN: list[tuple[EntryKind, dict[str, Any], str]] = [
    (EntryKind.ROUND_CLOSED, {"outcome": Outcome.NO_QUORUM}, '{"outcome":"no_quorum"}'),
    (EntryKind.ESCALATED, {"due": date(2027, 1, 15)}, '{"due":"2027-01-15"}'),
    (EntryKind.VOTE_CALLED, {"vote": 3}, '{"vote":3}'),
    (EntryKind.BALLOT, {"vote": 3, "choice": Choice.FOR}, '{"choice":"for","vote":3}'),
    (
        EntryKind.VOTE_CLOSED,
        {"vote": 3, "result": VoteResult.PROTECTED, "for_weight": 4, "against_weight": 1},
        '{"against_weight":1,"for_weight":4,"result":"not_carried_sector_protection","vote":3}',
    ),
    (
        EntryKind.VOTE_CANCELLED,
        {"vote": 3, "reason": "Called «too» early: {x}"},
        '{"reason":"Called «too» early: {x}","vote":3}',
    ),
    (EntryKind.ROSTER_IMPORTED, {"people": 12}, '{"people":12}'),
]


def test_every_kind_with_parameters_is_covered_here() -> None:
    assert {kind for kind, _, _ in WRITTEN} == set(FIELDS)


@pytest.mark.parametrize(("kind", "params", "stored"), WRITTEN)
def test_a_new_entry_stores_its_parameters_as_canonical_json_and_reads_them_back(
    kind: EntryKind, params: dict[str, Any], stored: str
) -> None:
    assert entry_text(kind, **params) == stored
    assert entry_params(kind, stored) == params


def test_an_entry_cannot_be_written_with_parameters_its_kind_does_not_take() -> None:
    with pytest.raises(ValueError, match="takes"):
        entry_text(EntryKind.BALLOT, vote=3)
    with pytest.raises(ValueError, match="takes"):
        entry_text(EntryKind.VOTE_CALLED, vote=3, choice=Choice.FOR)


@pytest.mark.parametrize(
    ("kind", "old", "params"),
    [
        ("round_closed", "Consensus reached", {"outcome": Outcome.CONSENSUS}),
        ("round_closed", "No consensus", {"outcome": Outcome.NO_CONSENSUS}),
        ("round_closed", "No quorum", {"outcome": Outcome.NO_QUORUM}),
        ("escalated", "due 2027-01-15", {"due": date(2027, 1, 15)}),
        ("vote_called", "vote 3", {"vote": 3}),
        ("ballot", "vote 3: for", {"vote": 3, "choice": Choice.FOR}),
        ("ballot", "vote 12: against", {"vote": 12, "choice": Choice.AGAINST}),
        ("ballot", "vote 3: abstain", {"vote": 3, "choice": Choice.ABSTAIN}),
        (
            "vote_closed",
            "vote 3: Carried (for 4, against 1)",
            {"vote": 3, "result": VoteResult.CARRIED, "for_weight": 4, "against_weight": 1},
        ),
        (
            "vote_closed",
            "vote 3: Not carried (for 1, against 4)",
            {"vote": 3, "result": VoteResult.NOT_CARRIED, "for_weight": 1, "against_weight": 4},
        ),
        (
            "vote_closed",
            "vote 3: No quorum (for 0, against 0)",
            {"vote": 3, "result": VoteResult.NO_QUORUM, "for_weight": 0, "against_weight": 0},
        ),
        (
            "vote_closed",
            "vote 3: Not carried: sector protection (for 3, against 1)",
            {"vote": 3, "result": VoteResult.PROTECTED, "for_weight": 3, "against_weight": 1},
        ),
        (
            "vote_cancelled",
            "vote 3: wrong proposal: see #4 (vote 9)",
            {"vote": 3, "reason": "wrong proposal: see #4 (vote 9)"},
        ),
        ("vote_cancelled", "vote 3: 42", {"vote": 3, "reason": "42"}),
        ("roster_imported", "12 people", {"people": 12}),
    ],
)
def test_the_legacy_reading_gives_an_old_entry_the_parameters_a_new_one_holds(
    kind: str, old: str, params: dict[str, Any]
) -> None:
    assert entry_params(kind, old) == params


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("round_closed", "Consensus"),
        ("ballot", "vote 3: maybe"),
        ("vote_closed", "vote 3: Carried"),
        ("vote_closed", "vote 3: Passed (for 4, against 1)"),
        ("vote_called", "vote three"),
        ("escalated", "due soon"),
        ("roster_imported", "a dozen people"),
        ("ballot", '{"vote":3}'),
        ("ballot", '{"vote":3,"choice":"maybe"}'),
        ("ballot", "{not json"),
    ],
)
def test_an_entry_in_a_form_the_reader_does_not_know_has_no_parameters(
    kind: str, text: str
) -> None:
    assert entry_params(kind, text) is None


def test_any_other_kind_holds_its_text_as_written() -> None:
    assert entry_params("stance", "vote 3: for") == {"text": "vote 3: for"}
    assert entry_params("round_opened", '{"vote":3}') == {"text": '{"vote":3}'}
