"""One channel, one partnership: people of several workspaces in one channel, over signed HTTP.

The installation (the workspace the bot is installed in, from `auth.test` through Bolt's
authorization; its Grid org when installed org-wide) owns the rounds, roster and settings of
its channels. The acting person's team only says who they are. Two set-ups, as Slack has them:

- Slack Connect: the bot is installed in the host's workspace; a guest of another
  organisation shares the channel. Their payloads carry their own team. They can click and
  submit forms, but cannot run the host's slash commands.
- Enterprise Grid, org-wide install: people of two workspaces of one org share the channel;
  everyone in the org can run the command, each with their own workspace in `team_id`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from harness.local import LocalWorkspace, Person
from slack_emulator.client import SlackClientRefused
from slack_emulator.workspace import Team
from storage.governance_tables import RosterRow
from storage.tables import RoundRow
from tests.e2e.conftest import answer_to, home_of

CHANNEL, OTHER_CHANNEL = "C0SHARED", "C0HOSTONLY"
HOST, ENTERPRISE = "T0001", "E0001"
CHAIR = Person("U0CHAIR", "amira", "Amira Haddad", is_admin=True, is_org_admin=True)
ANA = Person("U0ANA", "ana", "Ana Silva")
# Of the other workspace: an admin there, and a partner.
GUEST_ADMIN = Person("W0GADMIN", "gwen", "Gwen Hale (Lakeridge admin)", is_admin=True, team="T0002")
GUEST = Person("W0GUEST", "hal", "Hal Stone (Lakeridge Health)", team="T0002")
PEOPLE = (CHAIR, ANA, GUEST_ADMIN, GUEST)


def _workspace(database_url: str, *, grid: bool) -> LocalWorkspace:
    other = Team(
        "T0002",
        "lakeridge",
        enterprise_id=ENTERPRISE if grid else None,
        enterprise_name="Durham OHT" if grid else "",
    )
    installation = (
        {
            "enterprise_id": ENTERPRISE,
            "enterprise_name": "Durham OHT",
            "is_enterprise_install": True,
        }
        if grid
        else {}
    )
    channels = {
        CHANNEL: ("oht-partners", [p.id for p in PEOPLE]),
        OTHER_CHANNEL: ("host-only", [CHAIR.id, ANA.id]),
    }
    return LocalWorkspace(
        PEOPLE, channels, database_url=database_url, teams=[other], installation=installation
    )


@pytest.fixture
def connect(database_url: str) -> Iterator[LocalWorkspace]:
    """Slack Connect: installed in the host's workspace, shared with another organisation."""
    with _workspace(database_url, grid=False) as ws:
        yield ws


@pytest.fixture
def grid(database_url: str) -> Iterator[LocalWorkspace]:
    """Enterprise Grid, installed org-wide; the channel spans two workspaces of the org."""
    with _workspace(database_url, grid=True) as ws:
        yield ws


def _round_workspaces(ws: LocalWorkspace) -> set[str]:
    assert ws.bot is not None
    with ws.bot.engine.connect() as connection:
        return set(connection.execute(select(RoundRow.workspace)).scalars())


def _roster_rows(ws: LocalWorkspace) -> list[tuple[str, str]]:
    assert ws.bot is not None
    with ws.bot.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(select(RosterRow.workspace, RosterRow.user))]  # type: ignore[misc]


def _start(ws: LocalWorkspace, title: str = "Share one intake form") -> str:
    answer_to(ws, CHAIR.id, CHANNEL, f"start {title}")
    ws.settle()
    return str(ws.round_message(CHANNEL).ts)


# ----------------------------------------------------------------------------- Slack Connect
def test_a_slack_connect_guest_sees_the_round_on_their_home_tab_votes_and_is_named_in_the_outcome(
    connect: LocalWorkspace,
) -> None:
    ts = _start(connect)
    waiting = home_of(connect, GUEST.id)
    assert "Share one intake form" in waiting and "0 of 4 have responded" in waiting

    click = connect.sim.click(GUEST.id, CHANNEL, ts, "vote_2")
    assert click.status == 200
    assert click.sent["team"]["id"] == "T0002" and click.sent["user"]["team_id"] == "T0002"
    connect.settle()
    assert "2 Acceptable" in connect.emulator.ephemerals(user=GUEST.id)[-1].text
    assert "1 of 4 have responded" in connect.round_message(CHANNEL).text

    # They change their mind to a 5: the form is opened for them, in their workspace.
    connect.sim.click(GUEST.id, CHANNEL, ts, "explain_5")
    connect.settle()
    modal = connect.emulator.open_view(GUEST.id)
    assert modal is not None
    assert modal.to_api()["team_id"] == "T0002"
    assert modal.to_api()["app_installed_team_id"] == HOST
    submitted = connect.sim.submit_view(GUEST.id, inputs={"reason_input": "Who staffs it?"})
    assert submitted.ok and submitted.sent["view"]["app_installed_team_id"] == HOST
    connect.settle()
    assert "Nothing is waiting for you" in home_of(connect, GUEST.id)

    answer_to(connect, CHAIR.id, CHANNEL, "close")
    connect.settle()
    outcome = json.dumps(connect.emulator.messages(CHANNEL)[-1].blocks)
    assert f"<@{GUEST.id}>" in outcome and "Who staffs it?" in outcome
    assert _round_workspaces(connect) == {HOST}


def test_a_slack_connect_guest_cannot_run_the_hosts_command_but_can_be_put_on_its_roster(
    connect: LocalWorkspace,
) -> None:
    with pytest.raises(SlackClientRefused):
        connect.sim.slash_command(GUEST_ADMIN.id, CHANNEL, text="roster set <@W0GUEST> X x voting")
    placed = answer_to(
        connect,
        CHAIR.id,
        CHANNEL,
        f'roster set <@{GUEST.id}> "Lakeridge Health" hospital voting speaker',
    )
    assert "Lakeridge Health" in placed
    answer_to(connect, CHAIR.id, CHANNEL, f"roster set <@{CHAIR.id}> Riverside primary-care voting")
    ts = _start(connect)
    connect.sim.click(GUEST.id, CHANNEL, ts, "vote_1")
    connect.settle()
    assert "1 of 2 have responded" in connect.round_message(CHANNEL).text
    assert _roster_rows(connect) and {w for w, _ in _roster_rows(connect)} == {HOST}


# ----------------------------------------------------------------------------- Enterprise Grid
def test_in_a_grid_org_a_person_of_another_workspace_sees_the_open_round_and_votes_in_it(
    grid: LocalWorkspace,
) -> None:
    ts = _start(grid)
    status = grid.sim.slash_command(GUEST.id, CHANNEL, text="status")
    # Slack's shape for a person of a sibling workspace under an org-wide install.
    assert status.sent["team_id"] == "T0002" and status.sent["enterprise_id"] == ENTERPRISE
    assert status.sent["is_enterprise_install"] == "true"
    grid.settle()
    shown = grid.emulator.ephemerals(user=GUEST.id)[-1]
    assert "There is no open round" not in shown.text
    assert "Share one intake form" in json.dumps(shown.blocks)
    assert "Share one intake form" in answer_to(grid, GUEST.id, CHANNEL, "list")

    click = grid.sim.click(GUEST.id, CHANNEL, ts, "vote_3")
    assert click.sent["team"] == {
        "id": "T0002",
        "domain": "lakeridge",
        "enterprise_id": ENTERPRISE,
        "enterprise_name": "Durham OHT",
    }
    assert click.sent["user"]["team_id"] == ENTERPRISE  # Grid reports the org here
    assert click.sent["enterprise"] == {"id": ENTERPRISE, "name": "Durham OHT"}
    assert click.sent["is_enterprise_install"] is True
    grid.settle()
    assert "Your level: *3 Support with reservations*" in answer_to(
        grid, GUEST.id, CHANNEL, "status"
    )
    # One partnership: the org-wide installation owns the round, whoever started it.
    assert _round_workspaces(grid) == {ENTERPRISE}


def test_an_admin_of_another_workspace_cannot_set_up_a_second_roster_for_the_channel(
    grid: LocalWorkspace,
) -> None:
    refused = answer_to(
        grid,
        GUEST_ADMIN.id,
        CHANNEL,
        f'roster set <@{GUEST.id}> "Lakeridge Health" hospital voting',
    )
    assert "Only the partnership's coordinators" in refused
    assert "Only the partnership's coordinators" in answer_to(
        grid, GUEST_ADMIN.id, CHANNEL, f"config coordinators <@{GUEST_ADMIN.id}>"
    )
    assert _roster_rows(grid) == []

    # Named by the partnership's coordinator, their change goes to the one roster.
    answer_to(grid, CHAIR.id, CHANNEL, f"config coordinators <@{GUEST_ADMIN.id}>")
    placed = answer_to(
        grid,
        GUEST_ADMIN.id,
        CHANNEL,
        f'roster set <@{GUEST.id}> "Lakeridge Health" hospital voting',
    )
    assert "Lakeridge Health" in placed
    assert _roster_rows(grid) == [(ENTERPRISE, GUEST.id)]
    seen_by_host = answer_to(grid, CHAIR.id, CHANNEL, "roster")
    assert f"<@{GUEST.id}>" in seen_by_host and f"Workspace id {ENTERPRISE}" in seen_by_host
