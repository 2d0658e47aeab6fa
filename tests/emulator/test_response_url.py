"""response_url: ephemeral/in_channel/replace/delete, 5 uses in 30 minutes, validated."""

from __future__ import annotations

from typing import Any

import httpx
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from slack_emulator import SlackEmulator, SlackUserSimulator
from tests.emulator.conftest import FakeClock

VOTE: list[dict[str, Any]] = [
    {
        "type": "actions",
        "block_id": "round",
        "elements": [
            {
                "type": "button",
                "action_id": "vote_1",
                "text": {"type": "plain_text", "text": "1"},
                "value": "1",
            }
        ],
    }
]


_http = httpx.Client()  # one pooled client keeps these tests quick


def post(url: str, body: dict[str, Any]) -> httpx.Response:
    return _http.post(url, json=body)


def test_default_response_is_an_ephemeral_to_the_user(slack: SlackEmulator) -> None:
    url = slack.issue_response_url("CPART", "UANA")
    answer = WebhookClient(url).send(text="Only you see this")
    assert answer.status_code == 200
    assert [(e.user, e.channel, e.text) for e in slack.ephemerals()] == [
        ("UANA", "CPART", "Only you see this")
    ]
    assert slack.messages("CPART") == []


def test_in_channel_response_posts_a_message(slack: SlackEmulator) -> None:
    url = slack.issue_response_url("CPART", "UANA")
    post(url, {"response_type": "in_channel", "text": "Round closed"})
    assert [m.text for m in slack.messages("CPART")] == ["Round closed"]


def test_replace_original_updates_the_clicked_message(
    sim: SlackUserSimulator, client: WebClient, slack: SlackEmulator
) -> None:
    ts = client.chat_postMessage(channel="CPART", text="Vote", blocks=VOTE)["ts"]
    result = sim.click("UANA", "CPART", ts, "vote_1")
    assert result.response_url is not None
    post(result.response_url, {"replace_original": True, "text": "Thanks for voting"})
    stored = slack.message("CPART", ts)
    assert stored is not None
    assert stored.text == "Thanks for voting"
    assert stored.blocks == [], "replace_original replaces the whole message"
    assert stored.edited


def test_replace_original_on_an_ephemeral_replaces_that_ephemeral(
    sim: SlackUserSimulator, client: WebClient, slack: SlackEmulator
) -> None:
    client.chat_postEphemeral(channel="CPART", user="UANA", text="Vote", blocks=VOTE)
    shown = slack.ephemerals(user="UANA")[0]
    result = sim.click_ephemeral("UANA", shown, "vote_1")
    assert result.response_url is not None
    post(result.response_url, {"replace_original": "true", "text": "Recorded"})
    assert [e.text for e in slack.ephemerals(user="UANA")] == ["Recorded"]
    post(result.response_url, {"delete_original": True})
    assert slack.ephemerals(user="UANA") == []


def test_delete_original_removes_the_message(
    sim: SlackUserSimulator, client: WebClient, slack: SlackEmulator
) -> None:
    ts = client.chat_postMessage(channel="CPART", text="Vote", blocks=VOTE)["ts"]
    url = sim.click("UANA", "CPART", ts, "vote_1").response_url
    assert url is not None
    assert post(url, {"delete_original": True}).status_code == 200
    assert slack.message("CPART", ts) is None


def test_a_response_url_works_five_times(slack: SlackEmulator) -> None:
    url = slack.issue_response_url("CPART", "UANA")
    statuses = [post(url, {"text": f"n{i}"}).status_code for i in range(6)]
    assert statuses == [200] * 5 + [404]
    assert post(url, {"text": "again"}).json()["error"] == "used_url"
    assert len(slack.ephemerals()) == 5


def test_a_response_url_expires_after_30_minutes(slack: SlackEmulator, clock: FakeClock) -> None:
    url = slack.issue_response_url("CPART", "UANA")
    clock.advance(30 * 60)
    assert post(url, {"text": "just in time"}).status_code == 200
    clock.advance(1)
    late = post(url, {"text": "late"})
    assert (late.status_code, late.json()["error"]) == (404, "expired_url")


def test_invalid_blocks_are_rejected_and_do_not_count_as_a_use(slack: SlackEmulator) -> None:
    url = slack.issue_response_url("CPART", "UANA")
    bad = post(url, {"blocks": [{"type": "divider"}] * 51})
    assert bad.status_code == 400
    assert bad.json()["error"] == "invalid_blocks"
    assert post(url, {}).json()["error"] == "no_text"
    assert slack.ephemerals() == []
    statuses = [post(url, {"text": "ok"}).status_code for _ in range(5)]
    assert statuses == [200] * 5


def test_unknown_response_url_is_404(slack: SlackEmulator) -> None:
    assert httpx.post(
        slack.base_url + "/response/T0001/1/nope", json={"text": "x"}
    ).status_code == (404)


def test_response_url_calls_are_recorded(slack: SlackEmulator) -> None:
    url = slack.issue_response_url("CPART", "UANA")
    post(url, {"text": "hello"})
    (call,) = slack.calls_to("response_url")
    assert call.params["text"] == "hello"
    assert call.status == 200
