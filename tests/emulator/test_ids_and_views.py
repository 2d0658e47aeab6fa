"""Slack fills in missing ids; views follow trigger_id, hash and stack rules."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slack_emulator import SlackEmulator
from tests.emulator.conftest import FakeClock


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


MODAL = {
    "type": "modal",
    "callback_id": "vote_reason",
    "title": plain("Why?"),
    "submit": plain("Send"),
    "private_metadata": "round=42",
    "blocks": [
        {
            "type": "input",
            "block_id": "reason_block",
            "label": plain("Reason"),
            "element": {"type": "plain_text_input", "action_id": "reason"},
        }
    ],
}


def error_of(call: Any) -> str:
    with pytest.raises(SlackApiError) as caught:
        call()
    return str(caught.value.response["error"])


def test_missing_block_and_action_ids_are_generated_and_kept(
    client: WebClient, slack: SlackEmulator
) -> None:
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": plain("hi")},
        {"type": "actions", "block_id": "mine", "elements": [
            {"type": "button", "text": plain("a")},
            {"type": "button", "text": plain("b"), "action_id": "keep"},
        ]},
    ]  # fmt: skip
    answer = client.chat_postMessage(channel="CPART", text="x", blocks=blocks)
    returned = answer["message"]["blocks"]
    generated_block = returned[0]["block_id"]
    generated_action = returned[1]["elements"][0]["action_id"]
    assert generated_block and generated_action
    assert returned[1]["block_id"] == "mine"
    assert returned[1]["elements"][1]["action_id"] == "keep"
    stored = slack.message("CPART", answer["ts"])
    assert stored is not None
    assert stored.blocks == returned, "what the bot got back is what is stored"
    assert blocks[0] == {"type": "section", "text": plain("hi")}, "caller's dicts untouched"


def test_generated_ids_are_reproducible_with_the_same_seed(clock: FakeClock) -> None:
    ids = []
    for _ in range(2):
        with SlackEmulator(clock=clock, seed=3) as emulator:
            emulator.add_channel("C1", "c", [])
            web = WebClient(token="xoxb-t", base_url=emulator.api_url)
            answer = web.chat_postMessage(channel="C1", text="x", blocks=[{"type": "divider"}])
            ids.append(answer["message"]["blocks"][0]["block_id"])
    assert ids[0] == ids[1]


def test_views_open_returns_the_stored_view(client: WebClient, slack: SlackEmulator) -> None:
    trigger = slack.issue_trigger_id("UANA")
    view = client.views_open(trigger_id=trigger, view=MODAL)["view"]
    assert view["id"].startswith("V")
    assert view["hash"]
    assert view["callback_id"] == "vote_reason"
    assert view["private_metadata"] == "round=42"
    assert view["state"] == {"values": {}}
    assert view["blocks"][0]["element"]["action_id"] == "reason"
    top = slack.open_view("UANA")
    assert top is not None
    assert top.id == view["id"]


def test_trigger_id_expires_after_three_seconds(
    client: WebClient, slack: SlackEmulator, clock: FakeClock
) -> None:
    trigger = slack.issue_trigger_id("UANA")
    clock.advance(3.0)
    fresh = slack.issue_trigger_id("UBEN")
    client.views_open(trigger_id=fresh, view=MODAL)
    clock.advance(0.01)
    assert error_of(lambda: client.views_open(trigger_id=trigger, view=MODAL)) == (
        "expired_trigger_id"
    )
    assert slack.open_view("UANA") is None


def test_trigger_id_is_usable_exactly_at_three_seconds(
    client: WebClient, slack: SlackEmulator, clock: FakeClock
) -> None:
    trigger = slack.issue_trigger_id("UANA")
    clock.advance(3.0)
    client.views_open(trigger_id=trigger, view=MODAL)


def test_trigger_id_works_once_and_must_be_issued(client: WebClient, slack: SlackEmulator) -> None:
    trigger = slack.issue_trigger_id("UANA")
    client.views_open(trigger_id=trigger, view=MODAL)
    assert error_of(lambda: client.views_open(trigger_id=trigger, view=MODAL)) == (
        "exchanged_trigger_id"
    )
    assert error_of(lambda: client.views_open(trigger_id="123.456.abc", view=MODAL)) == (
        "invalid_trigger_id"
    )


def test_views_update_checks_hash_and_keeps_the_id(client: WebClient, slack: SlackEmulator) -> None:
    opened = client.views_open(trigger_id=slack.issue_trigger_id("UANA"), view=MODAL)["view"]
    changed = {**MODAL, "title": plain("Thanks")}
    updated = client.views_update(view_id=opened["id"], hash=opened["hash"], view=changed)["view"]
    assert updated["id"] == opened["id"]
    assert updated["hash"] != opened["hash"]
    stale = lambda: client.views_update(view_id=opened["id"], hash=opened["hash"], view=MODAL)  # noqa: E731
    assert error_of(stale) == "hash_conflict"
    assert error_of(lambda: client.views_update(view_id="VNOPE", view=MODAL)) == "not_found"
    assert slack.open_view("UANA").title == plain("Thanks")  # type: ignore[union-attr]


def test_views_push_stacks_up_to_three(client: WebClient, slack: SlackEmulator) -> None:
    root = client.views_open(trigger_id=slack.issue_trigger_id("UANA"), view=MODAL)["view"]
    second = client.views_push(trigger_id=slack.issue_trigger_id("UANA"), view=MODAL)["view"]
    assert second["previous_view_id"] == root["id"]
    assert second["root_view_id"] == root["id"]
    client.views_push(trigger_id=slack.issue_trigger_id("UANA"), view=MODAL)
    fourth = lambda: client.views_push(trigger_id=slack.issue_trigger_id("UANA"), view=MODAL)  # noqa: E731
    assert error_of(fourth) == "push_limit_reached"
    assert len(slack.views["UANA"]) == 3


def test_views_publish_sets_the_home_tab(client: WebClient, slack: SlackEmulator) -> None:
    home = {"type": "home", "blocks": [{"type": "section", "text": plain("Your rounds")}]}
    first = client.views_publish(user_id="UANA", view=home)["view"]
    again = client.views_publish(user_id="UANA", view=home)["view"]
    assert first["id"] == again["id"], "a user's Home tab keeps its view id"
    assert slack.home_view("UANA").blocks[0]["text"] == plain("Your rounds")  # type: ignore[union-attr]
    modal_as_home = lambda: client.views_publish(user_id="UANA", view=MODAL)  # noqa: E731
    assert error_of(modal_as_home) == "invalid_arguments"
    nobody = lambda: client.views_publish(user_id="UNOBODY", view=home)  # noqa: E731
    assert error_of(nobody) == "user_not_found"
