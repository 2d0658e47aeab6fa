"""`consensus-bot export` and `consensus-bot roster import`: columns, filters, bad files."""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.domain.round import RoundDraft
from bot.governance import EXPORT_COLUMNS, FORMULA_TRIGGERS, export_csv, neutralise_cell
from bot.governance_cli import run_export, run_roster_import
from bot.governance_commands import RosterSet
from tests.governance_support import CHAIR, CHANNEL, WORKSPACE, governance_engine, services


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with governance_engine(tmp_path) as engine:
        yield engine


def _export(engine: Engine, clock: ManualClock, fmt: str, since: str | None = None) -> str:
    _, gov, _, _ = services(engine, clock, [])
    out = io.StringIO()
    args = argparse.Namespace(format=fmt, since=since, workspace=None, output=None)
    assert run_export(gov, args, out) == 0
    return out.getvalue()


def test_export_writes_one_row_per_vote_with_the_partnerships_columns(engine: Engine) -> None:
    clock = ManualClock()
    rounds, gov, _, _ = services(engine, clock, [CHAIR, "U0ANA"])
    gov.set_roster_entry(
        WORKSPACE, CHAIR, RosterSet(CHAIR, "Lakeridge Health", "hospital", "voting")
    )
    gov.set_roster_entry(
        WORKSPACE, CHAIR, RosterSet("U0ANA", "Riverside FHT", "primary-care", "advisory")
    )
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
    rounds.cast_stance(round_.id, CHAIR, 1)
    rounds.cast_stance(round_.id, "U0ANA", 5, "Who, says what?")
    rounds.close_round(round_.id, CHAIR)
    rows = list(csv.DictReader(io.StringIO(_export(engine, clock, "csv"))))
    assert tuple(rows[0].keys()) == EXPORT_COLUMNS
    assert EXPORT_COLUMNS == (
        "round",
        "proposal",
        "person",
        "organisation",
        "sector",
        "tier",
        "level",
        "reason",
        "cast_at",
        "outcome",
    )
    ana = next(r for r in rows if r["person"] == "U0ANA")
    assert ana == {
        "round": str(round_.id),
        "proposal": "Adopt the form",
        "person": "U0ANA",
        "organisation": "Riverside FHT",
        "sector": "primary-care",
        "tier": "advisory",
        "level": "5",
        "reason": "Who, says what?",
        "cast_at": clock.now().isoformat(),
        "outcome": "Consensus reached",
    }
    as_json = json.loads(_export(engine, clock, "json"))
    assert len(as_json) == 2 and set(as_json[0]) == set(EXPORT_COLUMNS)


def test_export_since_a_date_leaves_out_older_rounds(engine: Engine) -> None:
    clock = ManualClock()
    rounds, _, _, _ = services(engine, clock, [CHAIR])
    old = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Old"))
    rounds.cast_stance(old.id, CHAIR, 1)
    clock.advance(timedelta(days=10))
    new = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "New"))
    rounds.cast_stance(new.id, CHAIR, 2)
    since = (clock.now() - timedelta(days=1)).date().isoformat()
    rows = list(csv.DictReader(io.StringIO(_export(engine, clock, "csv", since))))
    assert [r["proposal"] for r in rows] == ["New"]


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_a_csv_cell_starting_like_a_formula_gets_a_quote_in_front(trigger: str) -> None:
    assert neutralise_cell(f"{trigger}1+1") == f"'{trigger}1+1"


@pytest.mark.parametrize("trigger", "=+-@")
@pytest.mark.parametrize("space", [" ", "  ", "\n", "\t ", "\r\n"])
def test_a_formula_after_leading_whitespace_is_neutralised_too(trigger: str, space: str) -> None:
    assert neutralise_cell(f"{space}{trigger}1+1") == f"'{space}{trigger}1+1"


@pytest.mark.parametrize("value", ["Adopt the form", "3 = three", "", "'quoted", "2026-12-01", 5])
def test_a_csv_cell_that_cannot_be_a_formula_is_left_as_it_is(value: object) -> None:
    assert neutralise_cell(value) == value


def test_export_neutralises_formulas_in_csv_but_the_json_keeps_the_data_as_typed(
    engine: Engine,
) -> None:
    clock = ManualClock()
    rounds, gov, _, _ = services(engine, clock, [CHAIR, "U0ANA"])
    gov.set_roster_entry(WORKSPACE, CHAIR, RosterSet(CHAIR, "-Lakeridge", "hospital", "voting"))
    gov.set_roster_entry(WORKSPACE, CHAIR, RosterSet("U0ANA", "@SUM(A1:A9)", "hospital", "voting"))
    title = '=HYPERLINK("https://evil.example","Ontario Health")'
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, title))
    rounds.cast_stance(round_.id, CHAIR, 3, "-2+3")
    rounds.cast_stance(round_.id, "U0ANA", 5, "+cmd|' /C calc'!A0")
    rounds.close_round(round_.id, CHAIR)
    rows = list(csv.DictReader(io.StringIO(_export(engine, clock, "csv"))))
    chair = next(r for r in rows if r["person"] == CHAIR)
    ana = next(r for r in rows if r["person"] == "U0ANA")
    assert chair["proposal"] == "'" + title
    assert (chair["organisation"], chair["reason"]) == ("'-Lakeridge", "'-2+3")
    assert (ana["organisation"], ana["reason"]) == ("'@SUM(A1:A9)", "'+cmd|' /C calc'!A0")
    assert chair["level"] == "3" and chair["cast_at"] == clock.now().isoformat()
    as_json = {r["person"]: r for r in json.loads(_export(engine, clock, "json"))}
    assert as_json[CHAIR]["proposal"] == title and as_json[CHAIR]["reason"] == "-2+3"
    assert as_json["U0ANA"]["organisation"] == "@SUM(A1:A9)"


def test_every_csv_cell_of_the_export_passes_through_the_neutraliser() -> None:
    row = dict.fromkeys(EXPORT_COLUMNS, "=1+1")
    (written,) = csv.DictReader(io.StringIO(export_csv([row])))
    assert set(written.values()) == {"'=1+1"}


def test_roster_import_reports_a_bad_line_and_imports_nothing(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, gov, _, _ = services(engine, ManualClock(), [])
    bad = tmp_path / "roster.csv"
    bad.write_text(
        "slack_user_id,organisation,sector,tier,role\n"
        "U0A,Lakeridge Health,hospital,voting,speaker\n"
        "U0B,Lakeridge Health,hospital,boss,member\n"
    )
    args = argparse.Namespace(file=str(bad), workspace=WORKSPACE)
    assert run_roster_import(gov, args, io.StringIO()) == 1
    assert "Line 3: `boss` is not a tier" in capsys.readouterr().err
    assert gov.roster(WORKSPACE).entries == ()
    bad.write_text("slack_user_id,organisation,sector,tier,role\nU0A,Lakeridge,hospital,voting,\n")
    out = io.StringIO()
    assert run_roster_import(gov, args, out) == 0
    assert "Imported 1 people" in out.getvalue()
