"""`/consensus log` in words: a level or a ballot the core withholds (given while its round or
vote is open) says who, never what; the log reads in the reader's language."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.domain.round import RoundStatus
from bot.domain.tally import Outcome
from bot.ports import HistoryEntry
from bot.record_entries import EntryKind
from bot.usecases.decision_log import Decision
from handlers.views.decision_log import MAX_LOG_LINES, decision_message, recent_message
from tests.domain.support import make_round

AT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def _shown(blocks: object) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_a_withheld_level_says_who_responded_and_a_withheld_ballot_who_cast_one() -> None:
    round_ = make_round()
    entries = (
        HistoryEntry(AT, 7, EntryKind.STANCE, "U0ANA"),  # blanked by the core
        HistoryEntry(AT, 7, EntryKind.BALLOT, "U0BEN"),
        HistoryEntry(AT, 7, EntryKind.STANCE, "U0CY", level=2),  # given earlier, shown
    )
    shown = _shown(decision_message(Decision((round_,), (), entries, frozenset({0, 1}))))
    assert "<@U0ANA> responded" in shown
    assert "<@U0BEN> cast a ballot" in shown
    assert "<@U0CY> stated level 2" in shown
    assert "<@U0ANA> stated level" not in shown and "voted in" not in shown


def test_withheld_entries_are_found_by_their_place_when_earlier_ones_are_cut() -> None:
    cut = [HistoryEntry(AT, 7, EntryKind.REMIND_NOW, "U0CHAIR")] * 5
    later = [HistoryEntry(AT, 7, EntryKind.STANCE, "U0ANA", level=3)] * (MAX_LOG_LINES - 1)
    entries = (*cut, HistoryEntry(AT, 7, EntryKind.STANCE, "U0BEN"), *later)
    decision = Decision((make_round(),), (), entries, frozenset({len(cut)}))
    shown = _shown(decision_message(decision))
    assert "5 earlier entries not shown" in shown
    assert "<@U0BEN> responded" in shown
    assert "<@U0ANA> stated level 3" in shown and "<@U0ANA> responded" not in shown


def test_the_log_and_recent_decisions_read_in_the_readers_language() -> None:
    closed = make_round(status=RoundStatus.CLOSED, closed_at=AT, outcome=Outcome.NO_CONSENSUS)
    entries = (HistoryEntry(AT, closed.id, EntryKind.STANCE, "U0ANA"),)
    log = _shown(decision_message(Decision((closed,), (), entries, frozenset({0})), "fr"))
    assert "Dossier de la décision" in log
    assert "Pas de consensus" in log
    assert "<@U0ANA> a répondu" in log
    recent = _shown(recent_message([closed], "fr-CA"))
    assert "Décisions récentes d'ici" in recent and "Pas de consensus" in recent
    assert "Recent decisions here" in _shown(recent_message([closed]))
