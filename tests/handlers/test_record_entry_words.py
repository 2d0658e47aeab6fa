"""`/consensus log` words each record entry that holds data from its parameters, through the
catalog (handlers/messages/record.py), and shows an entry it cannot read as written."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.domain.recorded_vote import Choice, VoteResult
from bot.domain.round import RoundStatus
from bot.domain.tally import Outcome
from bot.ports import HistoryEntry
from bot.record_entries import FIELDS, EntryKind, entry_text
from bot.usecases.decision_log import Decision
from handlers.messages.record import ENTRY_WORDS
from handlers.views.decision_log import decision_message, entry_words
from tests.domain.support import make_round

AT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
WORDED: list[tuple[EntryKind, dict[str, Any], str]] = [
    (EntryKind.ROUND_CLOSED, {"outcome": Outcome.NO_CONSENSUS}, "closed it: No consensus"),
    (
        EntryKind.ESCALATED,
        {"due": date(2027, 1, 15)},
        "escalated it to the steering committee, due 2027-01-15",
    ),
    (EntryKind.VOTE_CALLED, {"vote": 3}, "called recorded vote 3"),
    (EntryKind.BALLOT, {"vote": 3, "choice": Choice.AGAINST}, "voted Against in recorded vote 3"),
    (
        EntryKind.VOTE_CLOSED,
        {"vote": 3, "result": VoteResult.PROTECTED, "for_weight": 4, "against_weight": 1},
        "closed recorded vote 3: Not carried: sector protection (for 4, against 1)",
    ),
    (
        EntryKind.VOTE_CANCELLED,
        {"vote": 3, "reason": "a <b>typo</b> & {more}"},
        "cancelled recorded vote 3: a &lt;b&gt;typo&lt;/b&gt; &amp; {more}",
    ),
    (EntryKind.ROSTER_IMPORTED, {"people": 12}, "imported a roster of 12 people"),
]


def test_every_kind_with_parameters_has_words_in_the_catalog() -> None:
    assert set(ENTRY_WORDS) == set(FIELDS) == {kind for kind, _, _ in WORDED}


@pytest.mark.parametrize(("kind", "params", "words"), WORDED)
def test_an_entry_written_as_data_is_worded_from_its_parameters(
    kind: EntryKind, params: dict[str, Any], words: str
) -> None:
    assert entry_words(kind, entry_text(kind, **params)) == words


def test_the_log_shows_new_entries_in_words_and_an_unreadable_old_one_as_written() -> None:
    round_ = make_round(status=RoundStatus.CLOSED, closed_at=AT, outcome=Outcome.NO_CONSENSUS)
    entries = (
        HistoryEntry(
            AT, 7, EntryKind.VOTE_CALLED, "U0CHAIR", text=entry_text(EntryKind.VOTE_CALLED, vote=2)
        ),
        HistoryEntry(
            AT,
            7,
            EntryKind.BALLOT,
            "U0ANA",
            text=entry_text(EntryKind.BALLOT, vote=2, choice=Choice.FOR),
        ),
        HistoryEntry(AT, 7, EntryKind.BALLOT, "U0BEN", text="vote 2: perhaps"),
    )
    shown = json.dumps(decision_message(Decision((round_,), (), entries)))
    assert "<@U0CHAIR> called recorded vote 2" in shown
    assert "<@U0ANA> voted For in recorded vote 2" in shown
    assert "<@U0BEN> voted in vote 2: perhaps" in shown  # its old label, its text as written
    assert "No consensus" in shown  # the round's outcome, in words
    assert "no_consensus" not in shown and '{\\"vote' not in shown


def test_a_kind_without_parameters_is_left_to_the_log_as_typed() -> None:
    assert entry_words("round_opened", "Adopt the form") is None
