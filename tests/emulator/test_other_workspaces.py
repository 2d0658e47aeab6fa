"""People of another workspace in the app's channels: Slack Connect and Enterprise Grid.

Their payloads carry their own team (`team.id`, `user.team_id`, a command's `team_id`); the
installation is named by `view.app_installed_team_id`, by `authorizations[]` in events and
by `auth.test`. In a Grid org, `user.team_id` reports the org and `team` carries
`enterprise_id`/`enterprise_name`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from slack_emulator import SlackEmulator, SlackUserSimulator
from slack_emulator.client import SlackClientRefused
from tests.emulator.conftest import SECRET, FakeClock, RecordingApp

MODAL = {
    "type": "modal",
    "callback_id": "c",
    "title": {"type": "plain_text", "text": "Why"},
    "submit": {"type": "plain_text", "text": "Send"},
    "blocks": [
        {
            "type": "input",
            "block_id": "b",
            "label": {"type": "plain_text", "text": "Reason"},
            "element": {"type": "plain_text_input", "action_id": "a"},
        }
    ],
}


def _emulator(clock: FakeClock, **installation: object) -> SlackEmulator:
    emulator = SlackEmulator(clock=clock, seed=3, **installation)  # type: ignore[arg-type]
    grid = installation.get("enterprise_id")
    emulator.add_team(
        "T0002",
        "lakeridge",
        enterprise_id=str(grid) if grid else None,
        enterprise_name="Durham OHT" if grid else "",
    )
    emulator.add_user("UHOST", "host", is_admin=True)
    emulator.add_user("WGUEST", "guest", team_id="T0002", is_admin=True)
    emulator.add_channel("CSHARED", "shared", ["UHOST", "WGUEST"])
    return emulator


@pytest.fixture
def connect(clock: FakeClock) -> Iterator[SlackEmulator]:
    with _emulator(clock) as emulator:
        yield emulator


@pytest.fixture
def grid(clock: FakeClock) -> Iterator[SlackEmulator]:
    with _emulator(
        clock, enterprise_id="E0001", enterprise_name="Durham OHT", is_enterprise_install=True
    ) as emulator:
        yield emulator


def _sim(emulator: SlackEmulator, app: RecordingApp) -> SlackUserSimulator:
    return SlackUserSimulator(emulator, app.url, SECRET)


def test_a_slack_connect_guest_clicks_with_their_own_team_and_cannot_run_the_hosts_command(
    connect: SlackEmulator, app: RecordingApp
) -> None:
    bot = WebClient(token="xoxb-t", base_url=connect.api_url)
    ts = bot.chat_postMessage(
        channel="CSHARED",
        text="Vote",
        blocks=[
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "go",
                        "text": {"type": "plain_text", "text": "Go"},
                    }
                ],
            }
        ],
    )["ts"]
    with _sim(connect, app) as sim:
        sim.click("WGUEST", "CSHARED", ts, "go")
        payload = app.last.payload
        assert payload["team"] == {"id": "T0002", "domain": "lakeridge"}
        assert payload["user"]["team_id"] == "T0002"
        assert payload["enterprise"] is None and payload["is_enterprise_install"] is False
        with pytest.raises(SlackClientRefused):
            sim.slash_command("WGUEST", "CSHARED", text="status")
        sim.slash_command("UHOST", "CSHARED", text="status")
        assert app.last.payload["team_id"] == "T0001"


def test_a_modal_opened_for_a_guest_names_their_team_and_the_installing_one(
    connect: SlackEmulator, app: RecordingApp
) -> None:
    bot = WebClient(token="xoxb-t", base_url=connect.api_url)
    trigger = connect.issue_trigger_id("WGUEST")
    view = bot.views_open(trigger_id=trigger, view=MODAL)["view"]
    assert view["team_id"] == "T0002" and view["app_installed_team_id"] == "T0001"
    with _sim(connect, app) as sim:
        sim.submit_view("WGUEST", inputs={"a": "because"})
    submitted = app.last.payload
    assert submitted["team"]["id"] == "T0002"
    assert submitted["view"]["app_installed_team_id"] == "T0001"


def test_auth_test_and_users_info_describe_the_installation_and_the_guest(
    grid: SlackEmulator, connect: SlackEmulator
) -> None:
    org = WebClient(token="xoxb-t", base_url=grid.api_url).auth_test()
    assert org["team_id"] == "T0001" and org["enterprise_id"] == "E0001"
    assert org["is_enterprise_install"] is True
    plain = WebClient(token="xoxb-t", base_url=connect.api_url).auth_test()
    assert plain["team_id"] == "T0001" and "enterprise_id" not in plain
    guest = WebClient(token="xoxb-t", base_url=grid.api_url).users_info(user="WGUEST")["user"]
    assert guest["team_id"] == "T0002"
    assert guest["enterprise_user"]["enterprise_id"] == "E0001"
    assert guest["enterprise_user"]["is_admin"] is False  # an admin of T0002, not of the org


def test_in_a_grid_org_wide_install_everyone_in_the_org_runs_the_command_as_themselves(
    grid: SlackEmulator, app: RecordingApp
) -> None:
    with _sim(grid, app) as sim:
        sim.slash_command("WGUEST", "CSHARED", text="status")
        command = app.last.payload
        assert command["team_id"] == "T0002" and command["team_domain"] == "lakeridge"
        assert command["enterprise_id"] == "E0001" and command["is_enterprise_install"] == "true"
        sim.open_app_home("WGUEST")
        event = app.last.payload
        assert event["authorizations"][0]["team_id"] == "T0001"
        assert event["authorizations"][0]["enterprise_id"] == "E0001"
        assert event["authorizations"][0]["is_enterprise_install"] is True


def test_a_grid_workspace_install_is_not_shared_with_the_orgs_other_workspaces(
    clock: FakeClock, app: RecordingApp
) -> None:
    with (
        _emulator(clock, enterprise_id="E0001", enterprise_name="Durham OHT") as emulator,
        _sim(emulator, app) as sim,
        pytest.raises(SlackClientRefused),
    ):
        sim.slash_command("WGUEST", "CSHARED", text="status")
