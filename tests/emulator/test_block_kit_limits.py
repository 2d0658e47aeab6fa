"""Every documented Block Kit limit is enforced, and rejected content is never stored."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slack_emulator import SlackEmulator, validate_message_blocks, validate_view


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def button(label: str = "Go", **extra: Any) -> dict[str, Any]:
    return {"type": "button", "text": plain(label), **extra}


def actions(*elements: dict[str, Any]) -> dict[str, Any]:
    return {"type": "actions", "elements": list(elements)}


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text), "value": value}


def select(options: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"type": "static_select", "placeholder": plain("Pick"), "options": options, **extra}


def text_input(**extra: Any) -> dict[str, Any]:
    return {
        "type": "input",
        "label": plain("Why"),
        "element": {"type": "plain_text_input", **extra},
    }


def modal(blocks: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "type": "modal",
        "title": plain("Vote"),
        "submit": plain("Send"),
        "blocks": blocks,
        **extra,
    }


MESSAGE_REJECTIONS: dict[str, list[dict[str, Any]]] = {
    "51 blocks": [{"type": "divider"}] * 51,
    "section text 3001": [section("x" * 3001)],
    "section with neither text nor fields": [{"type": "section"}],
    "11 fields": [{"type": "section", "fields": [plain("f")] * 11}],
    "field of 2001": [{"type": "section", "fields": [plain("f" * 2001)]}],
    "header 151": [{"type": "header", "text": plain("h" * 151)}],
    "header in mrkdwn": [{"type": "header", "text": {"type": "mrkdwn", "text": "h"}}],
    "11 context elements": [{"type": "context", "elements": [plain("c")] * 11}],
    "26 action elements": [
        actions(*[button(action_id=f"a{i}") for i in range(26)]),
    ],
    "empty actions": [actions()],
    "button text 76": [actions(button("b" * 76))],
    "button text in mrkdwn": [
        actions({"type": "button", "text": {"type": "mrkdwn", "text": "*b*"}}),
    ],
    "button value 2001": [actions(button(value="v" * 2001))],
    "button url 3001": [actions(button(url="https://x/" + "u" * 2992))],
    "button style other": [actions(button(style="secondary"))],
    "text object of unknown type": [{"type": "section", "text": {"type": "html", "text": "x"}}],
    "empty text": [section("")],
    "emoji on mrkdwn": [
        {"type": "section", "text": {"type": "mrkdwn", "text": "x", "emoji": True}},
    ],
    "101 select options": [
        actions(select([option(str(i), str(i)) for i in range(101)])),
    ],
    "option text 76": [actions(select([option("o" * 76, "v")]))],
    "option value 151": [actions(select([option("o", "v" * 151)]))],
    "initial option not offered": [
        actions(select([option("o", "v")], initial_option=option("p", "w"))),
    ],
    "overflow with 1 option": [
        actions({"type": "overflow", "options": [option("a", "a")]}),
    ],
    "overflow with 6 options": [
        actions({"type": "overflow", "options": [option(str(i), str(i)) for i in range(6)]}),
    ],
    "input without label": [{"type": "input", "element": {"type": "plain_text_input"}}],
    "input without element": [{"type": "input", "label": plain("Why")}],
    "input label 2001": [
        {"type": "input", "label": plain("l" * 2001), "element": {"type": "plain_text_input"}},
    ],
    "min_length 3001": [text_input(min_length=3001)],
    "max_length 0": [text_input(max_length=0)],
    "min above max": [text_input(min_length=10, max_length=5)],
    "block_id 256": [{"type": "divider", "block_id": "b" * 256}],
    "action_id 256": [actions(button(action_id="a" * 256))],
    "duplicate block_id": [
        {"type": "divider", "block_id": "same"},
        {"type": "divider", "block_id": "same"},
    ],
    "duplicate action_id": [
        actions(button(action_id="vote")),
        actions(button(action_id="vote")),
    ],
    "unknown block type": [{"type": "carousel"}],
    "button in a context block": [{"type": "context", "elements": [button()]}],
    "input element in an actions block": [actions({"type": "plain_text_input"})],
    "image without alt_text": [{"type": "image", "image_url": "https://x/y.png"}],
    "bad datepicker date": [actions({"type": "datepicker", "initial_date": "14/11/2023"})],
}


@pytest.mark.parametrize("case", sorted(MESSAGE_REJECTIONS))
def test_message_over_a_limit_is_rejected_and_not_stored(
    case: str, client: WebClient, slack: SlackEmulator
) -> None:
    with pytest.raises(SlackApiError) as caught:
        client.chat_postMessage(channel="CPART", text="t", blocks=MESSAGE_REJECTIONS[case])
    answer = caught.value.response
    assert answer["error"] == "invalid_blocks"
    assert answer["errors"], "Slack lists each problem"
    assert all("[json-pointer:/blocks" in e for e in answer["errors"])
    assert answer["response_metadata"]["messages"][0].startswith("[ERROR] ")
    assert slack.messages("CPART") == []


MESSAGE_AT_LIMIT: dict[str, list[dict[str, Any]]] = {
    "50 blocks": [{"type": "divider"}] * 50,
    "section text 3000": [section("x" * 3000)],
    "10 fields of 2000": [{"type": "section", "fields": [plain("f" * 2000)] * 10}],
    "header 150": [{"type": "header", "text": plain("h" * 150)}],
    "10 context elements": [{"type": "context", "elements": [plain("c")] * 10}],
    "25 buttons of 75 chars": [
        actions(*[button("b" * 75, action_id=f"a{i}", value="v" * 2000) for i in range(25)]),
    ],
    "100 options": [actions(select([option("o" * 75, f"{i:0>150}") for i in range(100)]))],
    "overflow with 2 and 5": [
        actions(
            {"type": "overflow", "options": [option("a", "a"), option("b", "b")]},
            {"type": "overflow", "options": [option(str(i), str(i)) for i in range(5)]},
        ),
    ],
    "ids of 255": [{**actions(button(action_id="a" * 255)), "block_id": "b" * 255}],
    "text input bounds": [text_input(min_length=0, max_length=3000)],
}


@pytest.mark.parametrize("case", sorted(MESSAGE_AT_LIMIT))
def test_message_exactly_at_a_limit_is_accepted(
    case: str, client: WebClient, slack: SlackEmulator
) -> None:
    client.chat_postMessage(channel="CPART", text="t", blocks=MESSAGE_AT_LIMIT[case])
    assert len(slack.messages("CPART")) == 1


VIEW_REJECTIONS: dict[str, dict[str, Any]] = {
    "title of 25": modal([section("x")], title=plain("t" * 25)),
    "title missing": {"type": "modal", "blocks": [section("x")]},
    "title in mrkdwn": modal([section("x")], title={"type": "mrkdwn", "text": "t"}),
    "submit of 25": modal([section("x")], submit=plain("s" * 25)),
    "close of 25": modal([section("x")], close=plain("c" * 25)),
    "input without submit": {
        "type": "modal",
        "title": plain("Vote"),
        "blocks": [text_input()],
    },
    "101 blocks": modal([{"type": "divider"}] * 101),
    "private_metadata 3001": modal([section("x")], private_metadata="m" * 3001),
    "callback_id 256": modal([section("x")], callback_id="c" * 256),
    "duplicate action_id": modal(
        [text_input(action_id="why"), text_input(action_id="why")],
    ),
    "file block in a modal": modal([{"type": "file", "external_id": "x", "source": "remote"}]),
    "no blocks": {"type": "modal", "title": plain("Vote")},
}


@pytest.mark.parametrize("case", sorted(VIEW_REJECTIONS))
def test_invalid_modal_is_rejected_with_invalid_arguments(
    case: str, client: WebClient, slack: SlackEmulator
) -> None:
    trigger = slack.issue_trigger_id("UANA")
    with pytest.raises(SlackApiError) as caught:
        client.views_open(trigger_id=trigger, view=VIEW_REJECTIONS[case])
    assert caught.value.response["error"] == "invalid_arguments"
    assert caught.value.response["response_metadata"]["messages"]
    assert slack.open_view("UANA") is None
    # The trigger was not spent on the rejected view.
    client.views_open(trigger_id=trigger, view=modal([section("fine")]))


def test_home_tab_allows_100_blocks_but_not_101(client: WebClient, slack: SlackEmulator) -> None:
    home = {"type": "home", "blocks": [{"type": "divider"}] * 100}
    client.views_publish(user_id="UANA", view=home)
    with pytest.raises(SlackApiError):
        client.views_publish(user_id="UANA", view={**home, "blocks": [{"type": "divider"}] * 101})
    assert len(slack.home_view("UANA").blocks) == 100  # type: ignore[union-attr]


def test_validation_reports_every_problem_with_a_pointer() -> None:
    problems = validate_message_blocks([section("x" * 3001), actions(button("b" * 76))])
    assert problems == [
        "must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
        "must be less than 76 characters [json-pointer:/blocks/1/elements/0/text/text]",
    ]
    assert validate_view(modal([section("ok")])) == []


@settings(max_examples=40, deadline=None)
@given(length=st.integers(min_value=1, max_value=3100))
def test_section_text_is_accepted_exactly_up_to_3000(length: int) -> None:
    problems = validate_message_blocks([section("x" * length)])
    assert (problems == []) == (length <= 3000)


@settings(max_examples=40, deadline=None)
@given(count=st.integers(min_value=0, max_value=60))
def test_block_count_is_accepted_exactly_up_to_50(count: int) -> None:
    problems = validate_message_blocks([{"type": "divider"}] * count)
    assert (problems == []) == (count <= 50)
