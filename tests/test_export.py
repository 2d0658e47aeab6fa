"""`consensus-bot export` for an auditor, `verify --export`, and `consensus-bot roster import`.

The export runs on both engines (the `engine` fixture of conftest.py).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from bootstrap.governance_cli import run_roster_import
from bot.audit import CSV_COLUMNS, Audit, Scope
from bot.clock import ManualClock
from bot.domain.round import RoundDraft
from bot.ports import HistoryEntry
from bot.requests import RosterSet
from bot.usecases.decision_log import FORMULA_TRIGGERS, neutralise_cell
from handlers.messages.export import CatalogExportWords
from storage.store import SqlStore
from tests.export_support import (
    HAL,
    MEALS,
    MEM,
    NIA,
    QUIET,
    SAM,
    audit,
    export,
    impasse,
    roster_round,
    verify,
)
from tests.governance_support import CHAIR, CHANNEL, WORKSPACE, services


def _rows(engine: Engine, clock: ManualClock, record: str) -> list[dict[str, str]]:
    rows = csv.DictReader(io.StringIO(export(engine, clock, "csv")))
    return [r for r in rows if r["record"] == record]


def test_a_roster_round_shows_who_counted_and_why(engine: Engine) -> None:
    clock = ManualClock()
    round_id = roster_round(engine, clock)
    responses = _rows(engine, clock, "response")
    final = {r["person"]: r for r in responses if "superseded" not in r["why"]}
    assert (final[HAL]["counted"], final[HAL]["why"]) == (
        "yes",
        "counted: speaks for the Hospital sector",
    )
    assert final[HAL]["name"] == "Hal" and final[HAL]["role"] == "speaker"
    assert (final[MEM]["level"], final[MEM]["counted"]) == ("6", "no")
    assert final[MEM]["why"] == (
        "not counted: behind the Hospital sector's speaker; Hal (U0HAL) counted for it"
    )
    assert final[NIA]["counted"] == "no" and "behind the Hospital sector's" in final[NIA]["why"]
    assert final[MEALS]["why"] == "not counted: advisory partner (shown, never counted)"
    assert final[MEALS]["tier"] == "advisory" and final[MEALS]["reason"] == "Who pays?"
    assert (final[SAM]["counted"], final[SAM]["why"]) == (
        "yes",
        "counted: holds a seat of their own",
    )
    (silent,) = _rows(engine, clock, "no_response")
    assert (silent["person"], silent["why"]) == (QUIET, "no response: the seat was not answered")
    (round_row,) = _rows(engine, clock, "round")
    assert round_row["round"] == str(round_id) and round_row["outcome"] == "Consensus reached"
    assert (round_row["seats"], round_row["quorum_needed"], round_row["counted_seats"]) == (
        "3",
        "2",
        "2",
    )
    assert round_row["chair"] == CHAIR and round_row["chair_name"] == "Chair"
    assert round_row["rule_profile"] == "levels 1-4" and round_row["quorum"] == "2/3"
    assert round_row["closed_at"].endswith(" UTC") and round_row["status"] == "closed"
    assert round_row["why"] == "recount from the responses: Consensus reached (matches the outcome)"
    document = json.loads(export(engine, clock, "json"))
    (round_doc,) = document["rounds"]
    assert round_doc["outcome"] == round_doc["recount"] == "consensus"
    assert round_doc["closed_at"].endswith("Z")
    codes = {(p["person"], p["why"]) for p in round_doc["responses"]}
    assert {
        (HAL, "speaker"),
        (HAL, "superseded"),
        (MEM, "behind_speaker"),
        (NIA, "behind_speaker"),
        (MEALS, "advisory_tier"),
        (SAM, "own_seat"),
    } == codes
    mem = next(p for p in round_doc["responses"] if p["person"] == MEM)
    assert (mem["counted"], mem["group"], mem["counted_instead"]) == (
        False,
        "sector:hospital",
        HAL,
    )


def test_an_alternate_counts_when_the_speaker_is_silent(engine: Engine) -> None:
    clock = ManualClock()
    rounds, gov, _, _ = services(engine, clock, [CHAIR, HAL, NIA, MEM])
    for user, role in ((HAL, "speaker"), (NIA, "alternate"), (MEM, "member")):
        gov.set_roster_entry(
            WORKSPACE, CHAIR, RosterSet(user, "Lakeridge", "hospital", "voting", role)
        )
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
    rounds.cast_stance(round_.id, NIA, 2)
    rounds.close_round(round_.id, CHAIR)
    (nia,) = _rows(engine, clock, "response")
    assert (nia["counted"], nia["why"]) == (
        "yes",
        "counted: alternate standing in for the Hospital sector's speaker",
    )
    silent = {r["person"]: r["why"] for r in _rows(engine, clock, "no_response")}
    assert silent == {
        HAL: "no response: Nia (U0NIA) answered for the Hospital sector",
        MEM: "no response: Nia (U0NIA) answered for the Hospital sector",
    }


def test_every_stance_change_appears_in_order(engine: Engine) -> None:
    clock = ManualClock()
    rounds, _, _, _ = services(engine, clock, [CHAIR, "U0ANA"])
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
    for level, reason in ((1, ""), (5, "Which budget?"), (3, "Fine if funded")):
        rounds.cast_stance(round_.id, "U0ANA", level, reason)
        clock.advance(timedelta(minutes=1))
    rows = _rows(engine, clock, "response")
    assert [(r["level"], r["reason"], r["why"]) for r in rows] == [
        ("1", "", "superseded by a later change"),
        ("5", "Which budget?", "superseded by a later change"),
        ("3", "Fine if funded", "counted: holds a seat of their own"),
    ]
    assert [int(r["entry"]) for r in rows] == sorted(int(r["entry"]) for r in rows)
    assert len({r["at"] for r in rows}) == 3 and all(len(r["entry_hash"]) == 64 for r in rows)
    (silent,) = _rows(engine, clock, "no_response")
    assert silent["person"] == CHAIR


def test_a_change_recorded_after_the_close_does_not_count(engine: Engine) -> None:
    clock = ManualClock()
    rounds, _, _, _ = services(engine, clock, [CHAIR, "U0ANA"])
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
    rounds.cast_stance(round_.id, "U0ANA", 1)
    rounds.cast_stance(round_.id, CHAIR, 1)
    rounds.close_round(round_.id, CHAIR)
    clock.advance(timedelta(minutes=1))
    with SqlStore(engine) as store:  # the bot refuses this; a late write must still not count
        store.record(HistoryEntry(clock.now(), round_.id, "stance", "U0ANA", level=6), WORKSPACE)
    ana = [r for r in _rows(engine, clock, "response") if r["person"] == "U0ANA"]
    assert [(r["level"], r["counted"], r["why"]) for r in ana] == [
        ("1", "yes", "counted: holds a seat of their own"),
        ("6", "no", "not counted: after the close"),
    ]
    (round_row,) = _rows(engine, clock, "round")
    assert round_row["why"].endswith("(matches the outcome)")


def test_the_export_command_looks_names_up_in_slack_with_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bootstrap.cli import main
    from slack_emulator import SlackEmulator
    from storage.engine import make_engine
    from storage.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    upgrade(engine)
    clock = ManualClock()
    rounds, _, _, _ = services(engine, clock, [CHAIR, "U0ANA"])
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
    rounds.cast_stance(round_.id, "U0ANA", 2)
    engine.dispose()
    monkeypatch.setenv("CONSENSUS_ENV_FILE", str(tmp_path / "absent.env"))
    monkeypatch.setenv("DATABASE_URL", url)
    with SlackEmulator() as slack:
        slack.add_user("U0ANA", "ana", "Ana Silva")
        monkeypatch.setenv("SLACK_BOT_TOKEN", slack.bot_token)
        monkeypatch.setenv("SLACK_API_URL", slack.api_url)
        assert main(["export", "--format", "json", "--names"]) == 0
    (document,) = json.loads(capsys.readouterr().out)["rounds"]
    assert document["responses"][0]["name"] in ("ana", "Ana Silva")
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    assert main(["export", "--format", "json", "--names"]) == 0
    captured = capsys.readouterr()
    assert "--names needs SLACK_BOT_TOKEN" in captured.err
    assert json.loads(captured.out)["rounds"][0]["responses"][0]["name"] == ""


def test_revision_escalation_and_resolution_columns(engine: Engine) -> None:
    clock = ManualClock()
    first, second, _ = impasse(engine, clock)
    rounds = {r["round"]: r for r in _rows(engine, clock, "round")}
    one, two = rounds[str(first)], rounds[str(second)]
    assert (one["revision"], one["revision_of"], two["revision"], two["revision_of"]) == (
        "1",
        "",
        "2",
        str(first),
    )
    assert one["outcome"] == "No consensus" and one["escalation"]
    assert (one["escalated_by"], one["resolved_by"]) == (CHAIR, CHAIR)
    assert one["resolution"] == "Run it again with funding"
    assert one["resolved_at"] > one["escalated_at"] and one["escalation_due"]
    assert two["escalation"] == "" and two["resolution"] == ""
    assert one["channel"] == CHANNEL and one["message_ts"]  # the round message, as posted
    document = json.loads(export(engine, clock, "json"))
    escalation = document["rounds"][0]["escalation"]
    assert escalation["resolution"] == "Run it again with funding"
    assert escalation["resolved_at"].endswith("Z") and escalation["channel"] == "C0STEER"
    assert document["rounds"][1]["revision_of"] == first


def test_recorded_vote_ballots_and_result(engine: Engine) -> None:
    clock = ManualClock()
    _, second, vote_id = impasse(engine, clock)
    (vote,) = _rows(engine, clock, "recorded_vote")
    assert (vote["round"], vote["vote"], vote["result"], vote["status"]) == (
        str(second),
        str(vote_id),
        "Carried",
        "closed",
    )
    assert vote["why"] == "threshold 2/3 of votes cast; for 2, against 1"
    ballots = [(b["person"], b["choice"], b["counted"]) for b in _rows(engine, clock, "ballot")]
    assert ballots == [
        ("U0ANA", "against", "yes"),
        ("U0BEN", "against", "no"),
        ("U0BEN", "for", "yes"),
        (CHAIR, "for", "yes"),
    ]
    document = json.loads(export(engine, clock, "json"))
    (vote_doc,) = document["rounds"][1]["recorded_votes"]
    assert (vote_doc["result"], vote_doc["for_weight"], vote_doc["against_weight"]) == (
        "carried",
        2,
        1,
    )
    assert [b["why"] for b in vote_doc["ballots"]] == [
        "own_seat",
        "superseded",
        "own_seat",
        "own_seat",
    ]


def test_the_export_carries_the_chain_head(engine: Engine) -> None:
    clock = ManualClock()
    roster_round(engine, clock)
    with SqlStore(engine) as store:
        head = store.chain_head()
    assert head is not None and head.seq > 0
    (header,) = _rows(engine, clock, "export")
    assert (header["entry"], header["entry_hash"]) == (str(head.seq), head.hash)
    document = json.loads(export(engine, clock, "json"))
    assert document["chain_head"] == {"seq": head.seq, "hash": head.hash}
    assert document["format"] == "consensus-bot-export/2"


def test_export_since_a_date_leaves_out_older_rounds(engine: Engine) -> None:
    clock = ManualClock()
    rounds, _, _, _ = services(engine, clock, [CHAIR])
    old = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Old"))
    rounds.cast_stance(old.id, CHAIR, 1)
    clock.advance(timedelta(days=10))
    new = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "New"))
    rounds.cast_stance(new.id, CHAIR, 2)
    since = (clock.now() - timedelta(days=1)).date().isoformat()
    rows = list(csv.DictReader(io.StringIO(export(engine, clock, "csv", since))))
    assert {r["proposal"] for r in rows if r["record"] != "export"} == {"New"}
    assert rows[0]["record"] == "export" and rows[0]["opened_at"] == since


# --------------------------------------------------------------------------- verify --export


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_exported_file_checks_against_the_database(
    engine: Engine, tmp_path: Path, fmt: str
) -> None:
    clock = ManualClock()
    roster_round(engine, clock)
    path = tmp_path / f"record.{fmt}"
    path.write_text(export(engine, clock, fmt))
    code, out = verify(engine, clock, path)
    assert code == 0, out
    assert "matches the database" in out and "NOT" not in out
    assert "its 6 response and ballot rows and 1 round and vote rows are what the database" in out


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_file_edited_after_the_export_fails_the_check(
    engine: Engine, tmp_path: Path, fmt: str
) -> None:
    clock = ManualClock()
    roster_round(engine, clock)
    exported = export(engine, clock, fmt)
    path = tmp_path / f"record.{fmt}"
    if fmt == "csv":
        path.write_text(exported.replace("Not without funding", "Fine by me"))
    else:
        document: dict[str, Any] = json.loads(exported)
        document["rounds"][0]["responses"][1]["level"] = 2
        path.write_text(json.dumps(document))
    code, out = verify(engine, clock, path)
    assert code == 1 and "does NOT match" in out and "differs from the database" in out


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_file_with_another_outcome_fails_the_check(
    engine: Engine, tmp_path: Path, fmt: str
) -> None:
    clock = ManualClock()
    impasse(engine, clock)
    exported = export(engine, clock, fmt)
    path = tmp_path / f"record.{fmt}"
    if fmt == "csv":
        path.write_text(exported.replace(",Carried,", ",Not carried,"))
    else:
        document: dict[str, Any] = json.loads(exported)
        document["rounds"][0]["outcome"] = "consensus"
        path.write_text(json.dumps(document))
    code, out = verify(engine, clock, path)
    assert code == 1 and "does NOT match" in out
    column = "`result`" if fmt == "csv" else "`outcome`"
    assert f"differs from the database in {column}" in out


def test_a_file_missing_a_row_fails_the_check(engine: Engine, tmp_path: Path) -> None:
    clock = ManualClock()
    roster_round(engine, clock)
    lines = export(engine, clock, "csv").splitlines(keepends=True)
    path = tmp_path / "record.csv"
    path.write_text("".join(line for line in lines if "Not without funding" not in line))
    code, out = verify(engine, clock, path)
    assert code == 1 and "is in the database but not in the file" in out


def test_after_the_database_gains_an_entry_the_file_is_a_faithful_but_older_copy(
    engine: Engine, tmp_path: Path
) -> None:
    """The file's head must be an entry of the chain; --current also wants it to be the head."""
    clock = ManualClock()
    round_id = roster_round(engine, clock)
    path = tmp_path / "record.csv"
    path.write_text(export(engine, clock, "csv"))
    with SqlStore(engine) as store:
        store.record(HistoryEntry(clock.now(), round_id, "remind_now", CHAIR), WORKSPACE)
    code, out = verify(engine, clock, path)
    assert code == 0 and "1 entries recorded after this export" in out
    code, out = verify(engine, clock, path, current=True)
    assert code == 1 and "does NOT match" in out and "after this export" in out


def test_a_file_whose_head_is_not_in_the_chain_fails(engine: Engine, tmp_path: Path) -> None:
    clock = ManualClock()
    roster_round(engine, clock)
    document = json.loads(export(engine, clock, "json"))
    document["chain_head"]["hash"] = "f" * 64
    path = tmp_path / "record.json"
    path.write_text(json.dumps(document))
    code, out = verify(engine, clock, path)
    assert code == 1 and "is not an entry of the database's chain" in out


def test_a_file_fails_when_the_database_was_altered_under_it(
    engine: Engine, tmp_path: Path
) -> None:
    clock = ManualClock()
    roster_round(engine, clock)
    path = tmp_path / "record.csv"
    path.write_text(export(engine, clock, "csv"))
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER history_no_update"))
        else:
            connection.execute(text("DROP TRIGGER history_append_only ON history"))
        connection.execute(text("UPDATE history SET level = 1 WHERE level = 6"))
    code, out = verify(engine, clock, path)
    assert code == 1 and "The decision record was altered" in out


# --------------------------------------------------------------------------- neutralising
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
    engine: Engine, tmp_path: Path
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
    exported = export(engine, clock, "csv")
    rows = [r for r in csv.DictReader(io.StringIO(exported)) if r["record"] == "response"]
    chair = next(r for r in rows if r["person"] == CHAIR)
    ana = next(r for r in rows if r["person"] == "U0ANA")
    assert chair["proposal"] == "'" + title
    assert (chair["organisation"], chair["reason"]) == ("'-Lakeridge", "'-2+3")
    assert (ana["organisation"], ana["reason"]) == ("'@SUM(A1:A9)", "'+cmd|' /C calc'!A0")
    for row in csv.DictReader(io.StringIO(exported)):
        assert all(not v or v[0] not in FORMULA_TRIGGERS for v in row.values()), row
    as_json = json.loads(export(engine, clock, "json"))["rounds"][0]
    by_person = {r["person"]: r for r in as_json["responses"]}
    assert as_json["proposal"] == title and by_person[CHAIR]["reason"] == "-2+3"
    assert by_person["U0ANA"]["organisation"] == "@SUM(A1:A9)"
    path = tmp_path / "record.csv"  # the neutralised file still checks against the database
    path.write_text(exported)
    assert verify(engine, clock, path)[0] == 0


def test_the_csv_has_one_header_for_every_kind_of_row(engine: Engine) -> None:
    clock = ManualClock()
    impasse(engine, clock)
    rows = list(csv.DictReader(io.StringIO(export(engine, clock, "csv"))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert {r["record"] for r in rows} == {
        "export",
        "round",
        "response",
        "no_response",
        "recorded_vote",
        "ballot",
    }


def test_names_and_permalinks_come_from_slack_when_asked(engine: Engine) -> None:
    from handlers.names import slack_lookups
    from slack_emulator import SlackEmulator

    clock = ManualClock()
    with SlackEmulator() as slack:
        slack.add_user("U0ANA", "ana", "Ana Silva")
        names, permalink = slack_lookups(slack.bot_token, slack.api_url)
        assert names("U0ANA") in ("ana", "Ana Silva")
        assert names("U0NOBODY") == ""
        link = permalink("C0ROUND", "1700000000.000100")
        assert link.endswith(".slack.com/archives/C0ROUND/p1700000000000100")
        assert link.startswith("https://")
    rounds, _, _, _ = services(engine, clock, [CHAIR])
    rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
    rounds.run_due_work()
    linked = Audit(
        lambda: SqlStore(engine),
        clock,
        neutralise_cell,
        permalink=permalink,
        words=CatalogExportWords(),
    )
    (document,) = linked.export(Scope())["rounds"]
    assert document["permalink"].endswith(
        f"/archives/{CHANNEL}/p" + document["message_ts"].replace(".", "")
    )


# --------------------------------------------------------------------------- roster import
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


def test_a_database_rewritten_with_every_hash_recomputed_fails_against_an_earlier_file(
    engine: Engine, tmp_path: Path
) -> None:
    """A chain has no secret: a full rewrite checks on its own, but not against an export."""
    from dataclasses import replace

    from bot.record import ChainHead, link

    clock = ManualClock()
    roster_round(engine, clock)
    path = tmp_path / "record.json"
    path.write_text(export(engine, clock, "json"))
    with SqlStore(engine) as store:
        entries = list(store.chain_entries())
    mem = next(e for e in entries if e.fields.actor == MEM)
    start = next(e for e in entries if e.seq == mem.seq - 1)
    rewritten = [
        replace(e.fields, level=1) if e.seq == mem.seq else e.fields
        for e in entries
        if e.seq >= mem.seq
    ]
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER history_no_update"))
        else:
            connection.execute(text("DROP TRIGGER history_append_only ON history"))
        for fields, (seq, prev, digest) in zip(
            rewritten, link(ChainHead(start.seq, start.hash), rewritten), strict=True
        ):
            connection.execute(
                text("UPDATE history SET level = :l, prev_hash = :p, hash = :h WHERE seq = :s"),
                {"l": fields.level, "p": prev, "h": digest, "s": seq},
            )
        connection.execute(text("UPDATE history_chain SET hash = :h"), {"h": digest})
    assert audit(engine, clock).verify().intact  # the forger did a thorough job
    code, out = verify(engine, clock, path)
    assert code == 1 and "is not an entry of the database's chain" in out
