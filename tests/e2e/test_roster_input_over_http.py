"""Roster input as people type it in Slack, and roster files checked against Slack."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bootstrap.cli import main
from harness.local import BOT_TOKEN, LocalWorkspace
from tests.e2e.conftest import ANA, BEN, CHAIR, CHANNEL, CY, VOTERS, answer_to

GONE = "U0GONE"


@pytest.fixture
def ws() -> Iterator[LocalWorkspace]:
    workspace = LocalWorkspace(VOTERS, {})
    workspace.emulator.add_user(GONE, "gone", deleted=True)
    workspace.emulator.add_channel(CHANNEL, "partners", [p.id for p in VOTERS])
    with workspace:
        yield workspace


def _roster(ws: LocalWorkspace) -> str:
    answer_to(ws, CHAIR.id, CHANNEL, "roster")
    shown = ws.emulator.ephemerals(user=CHAIR.id)[-1]
    return str(shown.blocks)


def test_curly_quotes_typed_in_slack_keep_the_organisation_and_a_two_word_sector(
    ws: LocalWorkspace,
) -> None:
    reply = answer_to(
        ws, CHAIR.id, CHANNEL, f"roster set <@{ANA.id}> “Riverside FHT” primary care voting speaker"
    )
    assert f"<@{ANA.id}>: Riverside FHT · Primary care · voting, speaker" in reply


def test_a_sector_typo_is_refused_with_the_nearest_sector_and_changes_nothing(
    ws: LocalWorkspace,
) -> None:
    reply = answer_to(ws, CHAIR.id, CHANNEL, f"roster set <@{BEN.id}> Lakeridge hospitl voting")
    assert "`hospitl` is not one of the partnership's sectors" in reply
    assert "Did you mean `hospital`?" in reply
    assert "--new-sector" in reply
    assert BEN.id not in _roster(ws)


def test_a_new_sector_is_added_only_on_purpose(ws: LocalWorkspace) -> None:
    reply = answer_to(
        ws,
        CHAIR.id,
        CHANNEL,
        f'roster set <@{CY.id}> "Durham Paramedics" paramedic-services voting --new-sector',
    )
    assert f"<@{CY.id}>: Durham Paramedics · Paramedic services · voting" in reply
    # Once on the roster, the sector is one of the partnership's: no flag needed again.
    reply = answer_to(
        ws, CHAIR.id, CHANNEL, f"roster set <@{BEN.id}> Region paramedic-services voting"
    )
    assert "Paramedic services" in reply


def test_the_bot_and_deactivated_accounts_cannot_be_put_on_the_roster(ws: LocalWorkspace) -> None:
    bot = ws.emulator.bot_user_id
    reply = answer_to(ws, CHAIR.id, CHANNEL, f"roster set <@{bot}> Bots hospital voting")
    assert f"<@{bot}> is a bot or an app, not a person" in reply
    assert "nothing was changed" in reply
    reply = answer_to(ws, CHAIR.id, CHANNEL, f"roster set <@{GONE}> Gone hospital voting")
    assert f"<@{GONE}> has a deactivated Slack account" in reply
    assert "Nobody is on the roster" in _roster(ws) or GONE not in _roster(ws)


def _import(
    ws: LocalWorkspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: str, *extra: str
) -> int:
    monkeypatch.setenv("DATABASE_URL", ws.database_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_API_URL", ws.emulator.api_url)
    monkeypatch.setenv("CONSENSUS_ENV_FILE", str(tmp_path / "none.env"))
    path = tmp_path / "roster.csv"
    path.write_text("slack_user_id,organisation,sector,tier,role\n" + rows)
    return main(["roster", "import", str(path), *extra])


def test_a_roster_file_with_a_bot_or_a_deactivated_id_names_the_lines_and_imports_nothing(
    ws: LocalWorkspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bot = ws.emulator.bot_user_id
    rows = (
        f"{ANA.id},Lakeridge,hospital,voting,speaker\n"
        f"{bot},Bots,hospital,voting,\n"
        f"{GONE},Gone,hospital,voting,\n"
        "U0NOBODY,Nobody,hospital,voting,\n"
    )
    assert _import(ws, tmp_path, monkeypatch, rows) == 1
    err = capsys.readouterr().err
    assert f"Line 3: {bot} is a bot or an app" in err
    assert f"Line 4: {GONE} has a deactivated Slack account" in err
    assert "Line 5: U0NOBODY is not an account of this workspace" in err
    assert "Nothing was imported." in err
    assert ANA.id not in _roster(ws)


def test_a_roster_file_goes_to_the_bots_own_workspace_with_ids_in_any_case(
    ws: LocalWorkspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = f"{ANA.id.lower()},Lakeridge,hospital,voting,speaker\n"
    assert _import(ws, tmp_path, monkeypatch, rows, "--workspace", "t9999") == 2
    assert "a roster of T9999 would never be read" in capsys.readouterr().err
    assert _import(ws, tmp_path, monkeypatch, rows) == 0
    assert f"into the roster of {ws.emulator.team_id}" in capsys.readouterr().out
    assert f"<@{ANA.id}>" in _roster(ws)


def test_a_roster_file_with_a_sector_typo_names_the_line_and_a_new_sector_needs_the_flag(
    ws: LocalWorkspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = f"{ANA.id},Lakeridge,hospitl,voting,speaker\n{BEN.id},Paramedics,paramedics,voting,\n"
    assert _import(ws, tmp_path, monkeypatch, rows) == 1
    assert "Line 2: `hospitl` is not one of the partnership's sectors" in capsys.readouterr().err
    rows = rows.replace("hospitl", "hospital")
    assert _import(ws, tmp_path, monkeypatch, rows) == 1
    assert "Line 3: `paramedics`" in capsys.readouterr().err
    assert _import(ws, tmp_path, monkeypatch, rows, "--new-sector", "paramedics") == 0
