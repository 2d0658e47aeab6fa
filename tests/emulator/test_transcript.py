"""Blocks render as readable text; dates follow the reader's time zone."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slack_emulator import SlackEmulator, render_blocks, render_mrkdwn

MOMENT = 1_700_000_000  # 2023-11-14 22:13:20 UTC


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


ROUND: list[dict[str, Any]] = [
    {"type": "header", "text": plain("Round 42: Pick a date")},
    {"type": "section", "text": {"type": "mrkdwn", "text": "Started by <@UANA> for <@UBEN>"}},
    {"type": "divider"},
    {
        "type": "actions",
        "elements": [
            {"type": "button", "text": plain("1 Full support"), "value": "1"},
            {"type": "button", "text": plain("2 Concerns"), "value": "2"},
        ],
    },
    {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": f"Closes <!date^{MOMENT}^{{time}}|soon>"}],
    },
    {
        "type": "input",
        "label": plain("Reason"),
        "element": {"type": "plain_text_input", "placeholder": plain("Why?")},
    },
]


def test_blocks_render_as_the_reader_sees_them() -> None:
    names = {"UANA": "ana", "UBEN": "ben"}
    text = render_blocks(ROUND, names, tz="UTC")
    assert text.splitlines() == [
        "== Round 42: Pick a date ==",
        "Started by @ana for @ben",
        "-" * 40,
        "[ 1 Full support ] [ 2 Concerns ]",
        "  Closes 10:13 PM",
        "<Reason: Why?>",
    ]


def test_dates_are_shown_in_each_readers_time_zone() -> None:
    token = f"<!date^{MOMENT}^{{date_short}} at {{time}}|Nov 14>"
    assert render_mrkdwn(token, tz="Europe/Lisbon") == "Nov 14, 2023 at 10:13 PM"
    assert render_mrkdwn(token, tz="Asia/Tokyo") == "Nov 15, 2023 at 7:13 AM"
    assert render_mrkdwn(token, tz="America/Vancouver") == "Nov 14, 2023 at 2:13 PM"


def test_pretty_dates_are_relative_to_now_in_the_readers_zone() -> None:
    token = f"<!date^{MOMENT}^{{date_short_pretty}} at {{time}}|x>"
    a_day_before = MOMENT - 86_400
    assert render_mrkdwn(token, tz="Europe/Lisbon", now=a_day_before) == "tomorrow at 10:13 PM"
    # 4 hours before, it is still Nov 14 in Lisbon but already Nov 15 in Tokyo.
    four_hours_before = MOMENT - 4 * 3600
    assert render_mrkdwn(token, tz="Europe/Lisbon", now=four_hours_before) == "today at 10:13 PM"
    assert render_mrkdwn(token, tz="Asia/Tokyo", now=four_hours_before) == "today at 7:13 AM"
    long_token = f"<!date^{MOMENT}^{{date_long}} ({{ago}})|x>"
    assert render_mrkdwn(long_token, tz="Asia/Tokyo", now=MOMENT + 7200) == (
        "Wednesday, November 15th, 2023 (2 hours ago)"
    )


def test_mrkdwn_tokens_resolve() -> None:
    text = "<!here> see <https://x.org|the doc>, <#CPART|partnership> &amp; <@UZED|zed>"
    assert render_mrkdwn(text) == "@here see the doc (https://x.org), #partnership & @zed"


def test_emulator_transcript_shows_who_saw_what(client: WebClient, slack: SlackEmulator) -> None:
    closes = f"Closes <!date^{MOMENT}^{{date_short}} {{time}}|soon>"
    client.chat_postMessage(channel="CPART", text=closes)
    client.chat_postEphemeral(channel="CPART", user="UANA", text="Your vote: 1")
    client.chat_postMessage(channel="UBEN", text="Reminder: vote")
    client.views_open(
        trigger_id=slack.issue_trigger_id("UANA"),
        view={"type": "modal", "title": plain("Why?"), "blocks": [
            {"type": "section", "text": plain("Tell us")}]},
    )  # fmt: skip
    everything = slack.transcript.format().splitlines()
    assert everything == [
        "#partnership  (message by consensus)  Closes Nov 14, 2023 10:13 PM",
        "  ephemeral to @ana in #partnership: Your vote: 1",
        "DM @ben  (message by consensus)  Reminder: vote",
        '  modal for @ana: "Why?" Tell us',
    ]
    bens_view = slack.transcript.format(viewer="UBEN").splitlines()
    assert bens_view == [
        "#partnership  (message by consensus)  Closes Nov 14, 2023 2:13 PM",
        "DM @ben  (message by consensus)  Reminder: vote",
    ]


def test_transcript_records_updates_and_ignores_rejected_calls(
    client: WebClient, slack: SlackEmulator
) -> None:
    ts = client.chat_postMessage(channel="CPART", text="v1")["ts"]
    client.chat_update(channel="CPART", ts=ts, text="v2")
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="CPART", text="x", blocks=[{"type": "nope"}])
    kinds = [(e.kind, e.text) for e in slack.transcript.entries]
    assert kinds == [("message", "v1"), ("update", "v2")]
    assert f"update of {ts}" in slack.transcript.format()
