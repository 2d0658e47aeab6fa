"""Web API methods answer like Slack and store what Slack would store."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slack_emulator import SlackEmulator

BUTTONS: list[dict[str, Any]] = [
    {"type": "section", "text": {"type": "mrkdwn", "text": "Vote, <@UANA>"}},
    {
        "type": "actions",
        "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": "1"}, "value": "1"},
            {"type": "button", "text": {"type": "plain_text", "text": "2"}, "value": "2"},
        ],
    },
]


def error_of(call: object) -> str:
    with pytest.raises(SlackApiError) as caught:
        call()  # type: ignore[operator]
    return str(caught.value.response["error"])


def test_auth_test_describes_the_bot(client: WebClient) -> None:
    answer = client.auth_test()
    assert answer["user_id"] == "UBOT"
    assert answer["team_id"] == "T0001"
    assert answer["bot_id"] == "B0001"
    assert answer["url"].startswith("https://")


def test_missing_token_is_not_authed_and_foreign_token_is_invalid(slack: SlackEmulator) -> None:
    no_token = httpx.post(slack.api_url + "auth.test")
    assert no_token.status_code == 200
    assert no_token.json() == {"ok": False, "error": "not_authed"}
    user_token = WebClient(token="xoxp-user", base_url=slack.api_url)
    assert error_of(user_token.auth_test) == "invalid_auth"


def test_unknown_method_is_reported(slack: SlackEmulator) -> None:
    answer = httpx.post(slack.api_url + "chat.fly", headers={"Authorization": "Bearer xoxb-1"})
    assert answer.json()["error"] == "unknown_method"


def test_post_message_returns_slack_shape_and_increasing_ts(
    client: WebClient, slack: SlackEmulator
) -> None:
    first = client.chat_postMessage(channel="CPART", text="one")
    second = client.chat_postMessage(channel="CPART", text="two")
    assert first["channel"] == "CPART"
    assert first["message"]["text"] == "one"
    assert first["message"]["bot_id"] == "B0001"
    assert first["ts"] == "1700000000.000000"
    assert float(second["ts"]) > float(first["ts"])
    assert [m.text for m in slack.messages("CPART")] == ["one", "two"]


def test_post_message_to_a_user_id_lands_in_a_stable_dm(
    client: WebClient, slack: SlackEmulator
) -> None:
    posted = client.chat_postMessage(channel="UANA", text="hello")
    assert posted["channel"].startswith("D")
    assert posted["channel"] == slack.dm_channel("UANA")
    assert client.conversations_open(users="UANA")["channel"]["id"] == posted["channel"]
    assert [m.text for m in slack.messages("UANA")] == ["hello"]


def test_post_message_needs_the_bot_in_the_channel(client: WebClient, slack: SlackEmulator) -> None:
    assert error_of(lambda: client.chat_postMessage(channel="COTHER", text="x")) == "not_in_channel"
    assert error_of(lambda: client.chat_postMessage(channel="CNOPE", text="x")) == (
        "channel_not_found"
    )
    assert slack.messages("COTHER") == []


def test_a_channel_without_the_bot_answers_as_slack_does_until_the_bot_is_invited(
    client: WebClient, slack: SlackEmulator
) -> None:
    slack.add_channel("CSECRET", "secret", ["UCAL"], is_private=True, include_bot=False)
    assert client.conversations_info(channel="COTHER")["channel"]["is_member"] is False
    assert error_of(lambda: client.conversations_info(channel="CSECRET")) == "channel_not_found"
    assert error_of(lambda: client.conversations_members(channel="CSECRET")) == (
        "channel_not_found"
    )
    assert error_of(lambda: client.chat_postMessage(channel="CSECRET", text="x")) == (
        "channel_not_found"
    )
    slack.join_channel("CSECRET", slack.bot_user_id)  # /invite @consensus
    assert client.conversations_info(channel="CSECRET")["channel"]["is_member"] is True
    client.chat_postMessage(channel="CSECRET", text="hello")
    slack.leave_channel("CSECRET", slack.bot_user_id)
    assert error_of(lambda: client.conversations_info(channel="CSECRET")) == "channel_not_found"


def test_message_needs_text_or_blocks(client: WebClient) -> None:
    assert error_of(lambda: client.chat_postMessage(channel="CPART")) == "no_text"


def test_text_over_40000_characters_is_rejected(client: WebClient, slack: SlackEmulator) -> None:
    client.chat_postMessage(channel="CPART", text="x" * 40_000)
    assert error_of(lambda: client.chat_postMessage(channel="CPART", text="x" * 40_001)) == (
        "msg_too_long"
    )
    assert len(slack.messages("CPART")) == 1


def test_thread_replies_attach_to_the_parent(client: WebClient, slack: SlackEmulator) -> None:
    parent = client.chat_postMessage(channel="CPART", text="parent")["ts"]
    reply = client.chat_postMessage(channel="CPART", text="reply", thread_ts=parent)
    nested = client.chat_postMessage(channel="CPART", text="again", thread_ts=reply["ts"])
    assert nested["message"]["thread_ts"] == parent
    assert [m.text for m in slack.replies("CPART", parent)] == ["reply", "again"]
    bogus = error_of(lambda: client.chat_postMessage(channel="CPART", text="x", thread_ts="1.2"))
    assert bogus == "thread_not_found"


def test_update_replaces_content_and_keeps_history(client: WebClient, slack: SlackEmulator) -> None:
    ts = client.chat_postMessage(channel="CPART", text="v1", blocks=BUTTONS)["ts"]
    answer = client.chat_update(channel="CPART", ts=ts, text="v2")
    stored = slack.message("CPART", ts)
    assert stored is not None
    assert answer["text"] == "v2"
    assert stored.text == "v2"
    assert len(stored.blocks) == 2, "chat.update without blocks keeps the old blocks"
    assert [v.text for v in stored.edits] == ["v1"]
    assert answer["message"]["edited"]["user"] == "UBOT"
    client.chat_update(channel="CPART", ts=ts, text="v3", blocks=[])
    assert slack.message("CPART", ts).blocks == []  # type: ignore[union-attr]


def test_update_of_unknown_message_is_message_not_found(client: WebClient) -> None:
    missing = error_of(lambda: client.chat_update(channel="CPART", ts="1.000001", text="x"))
    assert missing == "message_not_found"


def test_update_and_delete_need_a_dm_id_not_a_user_id(client: WebClient) -> None:
    ts = client.chat_postMessage(channel="UANA", text="x")["ts"]
    assert error_of(lambda: client.chat_update(channel="UANA", ts=ts, text="y")) == (
        "channel_not_found"
    )


def test_delete_removes_the_message(client: WebClient, slack: SlackEmulator) -> None:
    ts = client.chat_postMessage(channel="CPART", text="bye")["ts"]
    client.chat_delete(channel="CPART", ts=ts)
    assert slack.message("CPART", ts) is None


def test_ephemeral_goes_only_to_a_channel_member(client: WebClient, slack: SlackEmulator) -> None:
    answer = client.chat_postEphemeral(channel="CPART", user="UANA", text="only you")
    assert set(answer.data) == {"ok", "message_ts"}
    shown = slack.ephemerals(user="UANA")
    assert [(e.channel, e.text, e.ts) for e in shown] == [
        ("CPART", "only you", answer["message_ts"])
    ]
    assert slack.ephemerals(user="UBEN") == []
    assert slack.messages("CPART") == [], "an ephemeral is not a channel message"
    outsider = lambda: client.chat_postEphemeral(channel="CPART", user="UCAL", text="x")  # noqa: E731
    assert error_of(outsider) == "user_not_in_channel"


def test_ephemeral_in_a_dm_is_for_its_owner_only(client: WebClient, slack: SlackEmulator) -> None:
    dm = slack.dm_channel("UANA")
    client.chat_postEphemeral(channel=dm, user="UANA", text="ok")
    wrong = lambda: client.chat_postEphemeral(channel=dm, user="UBEN", text="x")  # noqa: E731
    assert error_of(wrong) == "user_not_in_channel"


def test_permalink_points_at_the_message(client: WebClient) -> None:
    ts = client.chat_postMessage(channel="CPART", text="x")["ts"]
    link = client.chat_getPermalink(channel="CPART", message_ts=ts)["permalink"]
    assert link == f"https://emulator.slack/archives/CPART/p{ts.replace('.', '')}"
    missing = lambda: client.chat_getPermalink(channel="CPART", message_ts="1.5")  # noqa: E731
    assert error_of(missing) == "message_not_found"


def test_conversations_members_paginates_with_cursor(
    client: WebClient, slack: SlackEmulator
) -> None:
    names = [f"U{i:03d}" for i in range(7)]
    for user in names:
        slack.add_user(user, user.lower())
    slack.add_channel("CBIG", "big", names)
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = client.conversations_members(channel="CBIG", limit=3, cursor=cursor)
        seen += page["members"]
        pages += 1
        cursor = page["response_metadata"]["next_cursor"]
        if not cursor:
            break
    assert seen == [*names, "UBOT"], "the bot is a member too, as in real Slack"
    assert pages == 3
    bad = lambda: client.conversations_members(channel="CBIG", cursor="nonsense!")  # noqa: E731
    assert error_of(bad) == "invalid_cursor"


def test_conversations_info_and_users_info(client: WebClient) -> None:
    info = client.conversations_info(channel="CPART")["channel"]
    assert (info["id"], info["name"], info["is_member"]) == ("CPART", "partnership", True)
    user = client.users_info(user="UBEN")["user"]
    assert user["tz"] == "America/Vancouver"
    assert user["tz_offset"] == -8 * 3600  # 2023-11-14 is standard time there
    assert user["profile"]["display_name"] == "ben"
    assert user["profile"]["real_name"] == "Ben Okafor"
    assert user["is_bot"] is False
    assert error_of(lambda: client.users_info(user="UNOBODY")) == "user_not_found"


def test_form_body_with_json_string_blocks_is_accepted(slack: SlackEmulator) -> None:
    answer = httpx.post(
        slack.api_url + "chat.postMessage",
        data={"token": "xoxb-form", "channel": "CPART", "blocks": json.dumps(BUTTONS)},
    ).json()
    assert answer["ok"] is True
    assert len(answer["message"]["blocks"]) == 2


def test_form_blocks_that_are_not_json_are_rejected(slack: SlackEmulator) -> None:
    answer = httpx.post(
        slack.api_url + "chat.postMessage",
        data={"channel": "CPART", "blocks": "[not json"},
        headers={"Authorization": "Bearer xoxb-1"},
    ).json()
    assert answer == {"ok": False, "error": "invalid_blocks_format"}


def test_token_inside_a_json_body_is_not_accepted(slack: SlackEmulator) -> None:
    answer = httpx.post(slack.api_url + "auth.test", json={"token": "xoxb-in-json"}).json()
    assert answer["error"] == "not_authed"


def test_every_call_is_recorded(client: WebClient, slack: SlackEmulator) -> None:
    client.chat_postMessage(channel="CPART", text="x")
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="CNOPE", text="x")
    calls = slack.calls_to("chat.postMessage")
    assert [(c.params["channel"], c.ok) for c in calls] == [("CPART", True), ("CNOPE", False)]
    assert "token" not in calls[0].params
    slack.clear_calls()
    assert slack.calls == []


def test_concurrent_posts_get_unique_increasing_ts(slack: SlackEmulator) -> None:
    def post(i: int) -> str:
        web = WebClient(token="xoxb-t", base_url=slack.api_url)
        return str(web.chat_postMessage(channel="CPART", text=str(i))["ts"])

    with ThreadPoolExecutor(max_workers=16) as pool:
        stamps = list(pool.map(post, range(64)))
    assert len(set(stamps)) == 64
    stored = [m.ts for m in slack.messages("CPART")]
    assert stored == sorted(stored, key=float)
    assert len(slack.calls_to("chat.postMessage")) == 64


def test_token_in_the_query_string_is_ignored(slack: SlackEmulator) -> None:
    answer = httpx.get(slack.api_url + "auth.test?token=xoxb-in-query").json()
    assert answer["error"] == "not_authed"
    with_header = httpx.get(
        slack.api_url + "users.info?user=UANA", headers={"Authorization": "Bearer xoxb-1"}
    ).json()
    assert with_header["user"]["name"] == "ana"
