"""The core holds no platform markup and no sentences for people (issue 12).

Modules still being converted have an allowance: the number of user-facing strings they
hold today. The allowance can only shrink: adding one fails, and removing one without
lowering the allowance fails too, so the list below always says how much is left to move.
"""

from __future__ import annotations

import importlib

import pytest

from bot.record_legacy import LEGACY_OUTCOMES, LEGACY_RESULTS
from tests.architecture.core_text import CORE, count_by_module, offenders, user_text

# Left to move to the front ends' catalogs, per module. Empty when issue 12 is done.
ALLOWANCE: dict[str, int] = {
    # The CSV's word for VoteResult.PROTECTED (`_result_label`): the CSV's words are moving
    # out of bot/audit.py to a front end in a change of their own, which empties this.
    "bot/audit.py": 1,
}


def test_no_core_module_gains_user_facing_text() -> None:
    grown = {
        module: (count, ALLOWANCE.get(module, 0))
        for module, count in count_by_module().items()
        if count > ALLOWANCE.get(module, 0)
    }
    detail = "\n".join(
        f"{module}:{line}: {text[:80]!r}"
        for module in grown
        for line, text in offenders(CORE.parent / module)
    )
    assert not grown, f"user-facing text in the core; render it in the front end:\n{detail}"


def test_the_allowance_shrinks_as_text_moves_out() -> None:
    counts = count_by_module()
    stale = {
        module: (allowed, counts.get(module, 0))
        for module, allowed in ALLOWANCE.items()
        if counts.get(module, 0) < allowed
    }
    assert not stale, f"lower ALLOWANCE to what is left (allowed, found): {stale}"


@pytest.mark.parametrize(
    "text",
    [
        "Only the chair (<@{chair}>) can close it.",
        "Type `/consensus start` alone.",
        "<!here> look",
        "Give the proposal a title, e.g. this one.",
    ],
)
def test_markup_and_sentences_are_recognised(text: str) -> None:
    assert user_text(text)


@pytest.mark.parametrize(
    "text", ["round.not_chair", "sqlite", "%Y-%m-%d", "primary-care", "U123", "{date_long}"]
)
def test_codes_and_formats_are_not_sentences(text: str) -> None:
    assert not user_text(text)


def test_the_legacy_reading_holds_only_keys_that_were_stored() -> None:
    """Its exemption covers only what rounds and votes held before migration 0010."""
    migration = importlib.import_module("storage.migrations.versions.0010_outcome_codes")
    assert dict(LEGACY_OUTCOMES) == migration.OUTCOMES
    assert dict(LEGACY_RESULTS) == migration.RESULTS
