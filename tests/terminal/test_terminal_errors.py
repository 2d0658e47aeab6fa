"""The terminal words the core's errors itself: its catalog, a fallback, legacy sentences."""

from __future__ import annotations

import pytest

from bot.deadline import DeadlineProblem
from bot.domain.errors import InvalidInput, NotAllowed, Person, Place, Typed, typed
from terminal import words
from terminal.errors import render


def test_a_code_in_the_terminals_catalog_is_worded_from_it() -> None:
    assert render(InvalidInput(DeadlineProblem.MISSING)) == (
        "Give a deadline such as 3d or 2026-12-01T17:00."
    )


def test_a_code_without_words_falls_back_to_the_code_and_its_plain_parameters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No new Problem subclass here: the Slack catalog's test enumerates every one there is.
    monkeypatch.setattr(words, "PROBLEMS", {})
    error = NotAllowed(
        DeadlineProblem.TOO_LONG, chair=Person("ana"), place=Place("partners"), title=Typed("A\nB")
    )
    assert render(error) == (
        'Refused (deadline.too_long: chair=ana, place=#partners, title="A / B").'
    )
    assert render(NotAllowed(DeadlineProblem.MISSING)) == "Refused (deadline.missing)."


def test_a_legacy_slack_sentence_reads_as_plain_text() -> None:
    error = NotAllowed(
        "Only the chair (<@ana>) can close round #1 in <#partners|partners>. Use "
        "`/consensus start` &lt;proposal&gt;."
    )
    assert render(error) == (
        "Only the chair (ana) can close round #1 in #partners. Use `start` <proposal>."
    )


def test_typed_text_in_a_legacy_sentence_is_shown_exactly_as_typed() -> None:
    error = InvalidInput(f"`{typed('<@ben> &lt; /consensus')}` is not a deadline.")
    assert render(error) == "`<@ben> &lt; /consensus` is not a deadline."
