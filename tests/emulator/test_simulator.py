"""SlackUserSimulator sends what Slack sends, signed, and only what a person could do."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

import pytest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from slack_emulator import SlackClientRefused, SlackEmulator, SlackUserSimulator
from tests.emulator.conftest import SECRET, FakeClock, RecordingApp, json_reply, slow_reply


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


VOTE_BLOCKS: list[dict[str, Any]] = [
    {"type": "section", "block_id": "q", "text": {"type": "mrkdwn", "text": "Pick a date"}},
    {
        "type": "actions",
        "block_id": "round_42",
        "elements": [
            {"type": "button", "action_id": "vote_1", "text": plain("1"), "value": "1"},
            {"type": "button", "action_id": "vote_3", "text": plain("3"), "value": "3"},
            {
                "type": "static_select",
                "action_id": "level",
                "placeholder": plain("Level"),
                "options": [
                    {"text": plain("Full"), "value": "full"},
                    {"text": plain("None"), "value": "none"},
                ],
            },
        ],
    },
]

REASON_MODAL = {
    "type": "modal",
    "callback_id": "vote_reason",
    "title": plain("Why?"),
    "submit": plain("Send"),
    "notify_on_close": True,
    "private_metadata": "round=42",
    "blocks": [
        {
            "type": "input",
            "block_id": "reason_block",
            "label": plain("Reason"),
            "element": {"type": "plain_text_input", "action_id": "reason", "min_length": 5},
        },
        {
            "type": "input",
            "block_id": "level_block",
            "optional": True,
            "label": plain("Level"),
            "element": {
                "type": "static_select",
                "action_id": "level",
                "options": [
                    {"text": plain("Full"), "value": "full"},
                    {"text": plain("Partial"), "value": "partial"},
                ],
            },
        },
        {
            "type": "actions",
            "block_id": "tools",
            "elements": [{"type": "button", "action_id": "help", "text": plain("Help")}],
        },
    ],
}


def post_vote(client: WebClient) -> str:
    return str(client.chat_postMessage(channel="CPART", text="Round 42", blocks=VOTE_BLOCKS)["ts"])


def open_modal(client: WebClient, slack: SlackEmulator, user: str = "UANA") -> str:
    view = client.views_open(trigger_id=slack.issue_trigger_id(user), view=REASON_MODAL)
    return str(view["view"]["id"])


def test_requests_are_signed_so_slack_sdk_verifies_them(
    sim: SlackUserSimulator, app: RecordingApp
) -> None:
    sim.slash_command("UANA", "CPART", text="start")
    verifier = SignatureVerifier(SECRET)
    assert verifier.is_valid_request(app.last.body, app.last.headers)
    assert not SignatureVerifier("other-secret").is_valid_request(app.last.body, app.last.headers)


def test_slash_command_has_slacks_form_fields(
    sim: SlackUserSimulator, app: RecordingApp, slack: SlackEmulator
) -> None:
    result = sim.slash_command("UANA", "CPART", text=f"start with {sim.mention('UBEN')}")
    assert app.last.headers["content-type"] == "application/x-www-form-urlencoded"
    fields = {k: v[0] for k, v in parse_qs(app.last.body.decode()).items()}
    assert fields["command"] == "/consensus"
    assert fields["text"] == "start with <@UBEN|ben>"
    assert (fields["channel_id"], fields["channel_name"]) == ("CPART", "partnership")
    assert (fields["user_id"], fields["user_name"], fields["team_id"]) == ("UANA", "ana", "T0001")
    assert fields["api_app_id"] == "A0001"
    assert fields["trigger_id"] == result.trigger_id
    assert fields["response_url"].startswith(slack.base_url + "/response/")


def test_slash_command_trigger_opens_a_modal(
    sim: SlackUserSimulator, client: WebClient, slack: SlackEmulator
) -> None:
    result = sim.slash_command("UANA", "CPART")
    client.views_open(trigger_id=result.trigger_id, view=REASON_MODAL)
    assert slack.open_view("UANA") is not None


def test_slash_command_only_where_the_user_is(sim: SlackUserSimulator) -> None:
    with pytest.raises(SlackClientRefused):
        sim.slash_command("UCAL", "CPART")


def test_slash_command_ack_text_is_shown_as_an_ephemeral(
    sim: SlackUserSimulator, app: RecordingApp, slack: SlackEmulator
) -> None:
    app.reply = lambda _r: (200, "Round started", "text/plain")
    sim.slash_command("UANA", "CPART")
    assert [e.text for e in slack.ephemerals(user="UANA")] == ["Round started"]
    app.reply = json_reply({"response_type": "in_channel", "text": "Everyone: vote!"})
    sim.slash_command("UANA", "CPART")
    assert [m.text for m in slack.messages("CPART")] == ["Everyone: vote!"]


def test_slow_ack_is_an_operation_timeout(
    sim: SlackUserSimulator, app: RecordingApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("slack_emulator.limits.ACK_DEADLINE_SECONDS", 0.05)
    app.reply = slow_reply(0.1)
    result = sim.slash_command("UANA", "CPART")
    assert result.ui_error == "operation_timeout"
    assert not result.ok


def test_click_sends_a_block_actions_payload(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient, slack: SlackEmulator
) -> None:
    ts = post_vote(client)
    result = sim.click("UBEN", "CPART", ts, "vote_3")
    assert result.status == 200
    payload = app.last.payload
    assert payload["type"] == "block_actions"
    assert payload["user"] == {"id": "UBEN", "username": "ben", "name": "ben", "team_id": "T0001"}
    assert payload["team"]["id"] == "T0001"
    assert payload["container"] == {
        "type": "message",
        "message_ts": ts,
        "channel_id": "CPART",
        "is_ephemeral": False,
    }
    assert payload["channel"] == {"id": "CPART", "name": "partnership"}
    assert payload["message"]["ts"] == ts
    assert payload["message"]["blocks"] == slack.message("CPART", ts).blocks  # type: ignore[union-attr]
    action = payload["actions"][0]
    assert (action["type"], action["action_id"], action["block_id"]) == (
        "button",
        "vote_3",
        "round_42",
    )
    assert action["value"] == "3"
    assert action["text"] == plain("3")
    assert payload["state"] == {"values": {}}
    assert payload["trigger_id"] == result.trigger_id
    assert payload["response_url"] == result.response_url


def test_choosing_from_a_select_sends_selected_option(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient
) -> None:
    ts = post_vote(client)
    sim.click("UANA", "CPART", ts, "level", value="full")
    action = app.last.payload["actions"][0]
    assert action["selected_option"] == {"text": plain("Full"), "value": "full"}
    state = app.last.payload["state"]["values"]["round_42"]["level"]
    assert state == {"type": "static_select", "selected_option": action["selected_option"]}
    with pytest.raises(SlackClientRefused):
        sim.click("UANA", "CPART", ts, "level", value="bogus")


def test_a_person_can_only_click_what_is_shown(sim: SlackUserSimulator, client: WebClient) -> None:
    ts = post_vote(client)
    with pytest.raises(SlackClientRefused, match="vote_9"):
        sim.click("UANA", "CPART", ts, "vote_9")
    with pytest.raises(SlackClientRefused):
        sim.click("UCAL", "CPART", ts, "vote_1")  # not in the channel
    with pytest.raises(SlackClientRefused):
        sim.click("UANA", "CPART", ts, "vote_1", value="2")  # buttons have fixed values


def test_click_in_a_dm(sim: SlackUserSimulator, app: RecordingApp, client: WebClient) -> None:
    answer = client.chat_postMessage(channel="UANA", text="vote", blocks=VOTE_BLOCKS)
    sim.click("UANA", "UANA", answer["ts"], "vote_1")
    assert app.last.payload["channel"]["id"] == answer["channel"]
    assert app.last.payload["channel"]["name"] == "directmessage"
    with pytest.raises(SlackClientRefused):
        sim.click("UBEN", answer["channel"], answer["ts"], "vote_1")


def test_click_on_an_ephemeral_omits_the_message(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient, slack: SlackEmulator
) -> None:
    client.chat_postEphemeral(channel="CPART", user="UANA", text="vote", blocks=VOTE_BLOCKS)
    shown = slack.ephemerals(user="UANA")[0]
    sim.click_ephemeral("UANA", shown, "vote_1")
    payload = app.last.payload
    assert payload["container"]["is_ephemeral"] is True
    assert payload["container"]["message_ts"] == shown.ts
    assert "message" not in payload
    with pytest.raises(SlackClientRefused):
        sim.click_ephemeral("UBEN", shown, "vote_1")


def test_click_in_a_modal_has_a_view_container(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient, slack: SlackEmulator
) -> None:
    view_id = open_modal(client, slack)
    sim.click_in_view("UANA", view_id, "help")
    payload = app.last.payload
    assert payload["container"] == {"type": "view", "view_id": view_id}
    assert payload["view"]["id"] == view_id
    assert payload["view"]["callback_id"] == "vote_reason"
    assert "response_url" not in payload


def test_submit_view_sends_state_values_for_every_input(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient, slack: SlackEmulator
) -> None:
    view_id = open_modal(client, slack)
    result = sim.submit_view("UANA", inputs={"reason": "because it works"})
    payload = app.last.payload
    assert payload["type"] == "view_submission"
    assert payload["view"]["id"] == view_id
    assert payload["view"]["private_metadata"] == "round=42"
    assert payload["view"]["state"]["values"] == {
        "reason_block": {"reason": {"type": "plain_text_input", "value": "because it works"}},
        "level_block": {"level": {"type": "static_select", "selected_option": None}},
    }
    assert result.ok
    assert slack.open_view("UANA") is None, "an empty 200 closes the modal"


def test_submit_view_by_block_and_action_id(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient, slack: SlackEmulator
) -> None:
    open_modal(client, slack)
    sim.submit_view(
        "UANA", {"reason_block": {"reason": "long enough"}, "level_block": {"level": "partial"}}
    )
    level = app.last.payload["view"]["state"]["values"]["level_block"]["level"]
    assert level["selected_option"]["value"] == "partial"


def test_slack_client_blocks_an_invalid_submission(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient, slack: SlackEmulator
) -> None:
    open_modal(client, slack)
    with pytest.raises(SlackClientRefused, match="required"):
        sim.submit_view("UANA", inputs={"level": "full"})
    with pytest.raises(SlackClientRefused, match="at least 5"):
        sim.submit_view("UANA", inputs={"reason": "no"})
    with pytest.raises(SlackClientRefused):
        sim.submit_view("UANA", inputs={"nonexistent": "x"})
    assert app.received == []


def test_response_action_errors_keeps_the_view_open(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient, slack: SlackEmulator
) -> None:
    view_id = open_modal(client, slack)
    app.reply = json_reply({"response_action": "errors", "errors": {"reason_block": "Say more"}})
    result = sim.submit_view("UANA", inputs={"reason": "short but ok"})
    assert result.errors == {"reason_block": "Say more"}
    assert result.ui_error is None
    assert slack.open_view("UANA").id == view_id  # type: ignore[union-attr]


def test_errors_keyed_by_something_other_than_an_input_block_are_a_failure(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient, slack: SlackEmulator
) -> None:
    open_modal(client, slack)
    app.reply = json_reply({"response_action": "errors", "errors": {"reason": "wrong key"}})
    result = sim.submit_view("UANA", inputs={"reason": "long enough"})
    assert result.ui_error is not None
    assert "reason" in result.ui_error


def test_response_action_update_push_and_clear(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient, slack: SlackEmulator
) -> None:
    view_id = open_modal(client, slack)
    thanks = {"type": "modal", "title": plain("Thanks"), "blocks": [
        {"type": "section", "text": plain("Recorded")}]}  # fmt: skip
    app.reply = json_reply({"response_action": "update", "view": {**REASON_MODAL}})
    sim.submit_view("UANA", inputs={"reason": "long enough"})
    assert slack.open_view("UANA").id == view_id  # type: ignore[union-attr]
    app.reply = json_reply({"response_action": "push", "view": thanks})
    sim.submit_view("UANA", inputs={"reason": "long enough"})
    assert [v.title["text"] for v in slack.views["UANA"]] == ["Why?", "Thanks"]  # type: ignore[index]
    app.reply = json_reply({"response_action": "clear"})
    open_modal(client, slack)
    sim.submit_view("UANA", inputs={"reason": "long enough"})
    assert slack.open_view("UANA") is None


def test_response_action_update_with_an_invalid_view_fails(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient, slack: SlackEmulator
) -> None:
    open_modal(client, slack)
    app.reply = json_reply(
        {"response_action": "update", "view": {**REASON_MODAL, "title": plain("x" * 30)}}
    )
    result = sim.submit_view("UANA", inputs={"reason": "long enough"})
    assert result.ui_error is not None
    assert slack.open_view("UANA").title == plain("Why?")  # type: ignore[union-attr]


def test_close_view_notifies_only_when_asked(
    sim: SlackUserSimulator, app: RecordingApp, client: WebClient, slack: SlackEmulator
) -> None:
    open_modal(client, slack)
    result = sim.close_view("UANA")
    assert result is not None
    assert app.last.payload["type"] == "view_closed"
    assert slack.open_view("UANA") is None
    quiet = {**REASON_MODAL, "notify_on_close": False}
    client.views_open(trigger_id=slack.issue_trigger_id("UANA"), view=quiet)
    count = len(app.received)
    assert sim.close_view("UANA") is None
    assert len(app.received) == count


def test_open_app_home_sends_an_event_callback(
    sim: SlackUserSimulator, app: RecordingApp, slack: SlackEmulator
) -> None:
    sim.open_app_home("UANA")
    assert app.last.headers["content-type"] == "application/json"
    body = json.loads(app.last.body)
    assert body["type"] == "event_callback"
    assert body["event_id"].startswith("Ev")
    assert isinstance(body["event_time"], int)
    assert body["event"]["type"] == "app_home_opened"
    assert body["event"]["user"] == "UANA"
    assert body["event"]["channel"] == slack.dm_channel("UANA")
    assert body["event"]["tab"] == "home"


def test_send_raw_allows_hostile_requests(
    sim: SlackUserSimulator, app: RecordingApp, clock: FakeClock
) -> None:
    body = b"payload=%7B%7D"
    stale = sim.signed_headers(body, timestamp=int(clock()) - 3600)
    sim.send_raw(body, stale)
    verifier = SignatureVerifier(SECRET)
    assert not verifier.is_valid_request(app.last.body, app.last.headers), "stale timestamp"
    tampered = sim.signed_headers(body)
    sim.send_raw(body + b"x", tampered)
    assert not verifier.is_valid_request(app.last.body, app.last.headers), "body changed"


def test_an_ack_body_slack_would_refuse_is_a_failure(
    sim: SlackUserSimulator, app: RecordingApp, slack: SlackEmulator
) -> None:
    app.reply = json_reply({"text": "x", "blocks": [{"type": "divider"}] * 51})
    result = sim.slash_command("UANA", "CPART")
    assert result.ui_error == "invalid ack body: invalid_blocks"
    assert slack.ephemerals() == []
