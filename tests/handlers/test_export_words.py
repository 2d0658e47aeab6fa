"""The auditor's CSV in the Slack front end's words (handlers/messages/export.py).

The words of every row the export writes are pinned in tests/test_export_csv_words.py; these
are the cases a scenario rarely reaches, and the catalog's own completeness.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from bot.audit import WHY_CODES, ExportWhy
from bot.domain.recorded_vote import VoteResult
from bot.domain.roster import Standing
from bot.domain.tally import Outcome
from handlers import messages
from handlers.messages.export import WHY, CatalogExportWords

WORDS = CatalogExportWords()


def test_every_why_the_export_gives_has_words() -> None:
    assert set(WHY) == WHY_CODES


@pytest.mark.parametrize(
    ("code", "group", "instead", "name", "text"),
    [
        (Standing.OBSERVER, None, None, "", "not counted: observer (no level)"),
        (Standing.NOT_A_VOTER, None, None, "", "not counted: not a voter in this round"),
        (
            ExportWhy.SEAT_ANSWERED_BY_OTHER,
            "sector:rural-health",
            "U0ANA",
            "",
            "no response: U0ANA answered for the Rural health sector",
        ),
        (
            Standing.BEHIND_SPEAKER,
            None,
            None,
            "",
            "not counted: behind the group's speaker; nobody counted for it",
        ),
        ("a_code_from_a_later_version", None, None, "", "a_code_from_a_later_version"),
    ],
)
def test_why_reads_for_the_cases_a_round_rarely_shows(
    code: str, group: str | None, instead: str | None, name: str, text: str
) -> None:
    assert WORDS.why(code, group, instead, name) == text


def test_a_recount_that_differs_from_the_recorded_outcome_says_so() -> None:
    assert (
        WORDS.recount(Outcome.NO_CONSENSUS, still_open=False, agrees=False)
        == "recount from the responses: No consensus (differs from the outcome)"
    )


def test_a_rule_profile_the_catalog_does_not_know_reads_as_its_key() -> None:
    assert (WORDS.rule_profile("1-5"), WORDS.rule_profile("1-7")) == ("levels 1-5", "1-7")


def test_an_outcome_or_result_this_version_does_not_know_reads_as_its_code() -> None:
    assert (WORDS.outcome("deferred"), WORDS.result("withdrawn")) == ("deferred", "withdrawn")
    assert (
        WORDS.recount("deferred", still_open=True, agrees=False)
        == "recount: deferred as things stand (still open)"
    )


def test_results_and_times_read_as_in_the_governance_guide() -> None:
    assert WORDS.result(VoteResult.PROTECTED) == "Not carried: sector protection"
    at = datetime(2026, 12, 1, 14, 30, 5, tzinfo=UTC)
    assert WORDS.time(at) == "2026-12-01 14:30:05 UTC"


@pytest.fixture
def french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    catalog = Catalog(locale="fr")
    catalog.add(WHY[ExportWhy.AFTER_CLOSE], "non compté : après la clôture")
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{messages.DOMAIN}.mo").open("wb") as mo:
        write_mo(mo, catalog)
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    messages.translations.cache_clear()
    yield
    messages.translations.cache_clear()


def test_the_csv_can_be_worded_in_another_language_by_a_catalog(french: None) -> None:
    words = CatalogExportWords("fr")
    assert words.why(ExportWhy.AFTER_CLOSE, None, None, "") == "non compté : après la clôture"
    assert words.why(ExportWhy.SUPERSEDED, None, None, "") == "superseded by a later change"
