"""Starting a round as people do it, over signed HTTP: once per request, only where the bot
can post, and quiet about requests it has no listener for."""

from __future__ import annotations

import logging

import pytest
from slack_sdk import WebClient
from sqlalchemy import func, select

from handlers import ids
from handlers.channel_access import BOT_NAME
from harness.local import BOT_TOKEN, LocalWorkspace
from slack_emulator import SimResponse
from storage.tables import RoundRow, TaskRow
from tests.e2e.conftest import ANA, BEN, CHAIR, CHANNEL, last_ephemeral_text

NO_BOT = "C0NOBOT"
PRIVATE = "C0SECRET"
INVITE = f"/invite @{BOT_NAME}"
TITLE = ids.input_action(ids.TITLE_BLOCK)


def rounds(ws: LocalWorkspace) -> int:
    assert ws.bot is not None
    with ws.bot.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(RoundRow)).scalar_one())


def tasks(ws: LocalWorkspace) -> int:
    assert ws.bot is not None
    with ws.bot.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(TaskRow)).scalar_one())


def round_messages(ws: LocalWorkspace, channel: str = CHANNEL) -> list[str]:
    return [m.text for m in ws.emulator.messages(channel) if not m.thread_ts]


def without_bot(ws: LocalWorkspace, channel: str = NO_BOT, *, private: bool = False) -> str:
    people = [CHAIR.id, ANA.id, BEN.id]
    ws.emulator.add_channel(channel, channel.lower(), people, is_private=private, include_bot=False)
    return channel


# ----------------------------------------------------------------------- one round per start
def test_a_start_command_delivered_twice_opens_one_round_and_points_to_it(
    workspace: LocalWorkspace,
) -> None:
    first = workspace.sim.slash_command(CHAIR.id, CHANNEL, text="start Adopt the referral form")
    workspace.settle()
    again = workspace.sim.redeliver(first)  # a retry of the same request: same trigger_id
    workspace.settle()
    assert first.ok and again.ok
    assert rounds(workspace) == 1
    assert len(round_messages(workspace)) == 1
    answer = last_ephemeral_text(workspace, CHAIR.id)
    assert "Proposal #1 is already open" in answer
    assert "https://emulator.slack/archives/" in answer  # a link to the round message


def test_the_chair_typing_the_same_start_twice_opens_one_round(workspace: LocalWorkspace) -> None:
    for _ in range(2):
        sent = workspace.sim.slash_command(CHAIR.id, CHANNEL, text="start Adopt the form")
        assert sent.ok
    workspace.settle()
    assert rounds(workspace) == 1
    assert len(round_messages(workspace)) == 1
    # Both are carried out after their acks, at the same time: either may be the one that
    # opens the round, so the answers may come in either order.
    answers = sorted(e.text for e in workspace.emulator.ephemerals(user=CHAIR.id))
    assert len(answers) == 2
    assert sum("Proposal #1 is already open" in a for a in answers) == 1, answers
    assert sum("Proposal #1 is open" in a for a in answers) == 1, answers


def test_a_start_form_submitted_twice_opens_one_round(workspace: LocalWorkspace) -> None:
    assert workspace.sim.slash_command(CHAIR.id, CHANNEL, text="start").ok
    workspace.finish_requests()  # the form opens after the acknowledgement
    first = workspace.sim.submit_view(CHAIR.id, inputs={TITLE: "Share the on-call rota"})
    again = workspace.sim.redeliver(first)  # the same view id submitted again
    workspace.settle()
    assert first.ok and again.ok
    assert rounds(workspace) == 1
    assert len(round_messages(workspace)) == 1
    answers = [e.text for e in workspace.emulator.ephemerals(user=CHAIR.id)]
    assert sum("Proposal #1 is open" in a for a in answers) == 1, answers
    assert sum("Proposal #1 is already open" in a for a in answers) == 1, answers


# ----------------------------------------------------------------------- only where it can post
def assert_refused_in_the_ack(ws: LocalWorkspace, answer: SimResponse, channel: str) -> None:
    assert answer.ok, answer.ui_error  # within Slack's 3 s, as a 200
    shown = ws.emulator.ephemerals(user=CHAIR.id, channel=channel)
    assert shown and INVITE in shown[-1].text and "no round was opened" in shown[-1].text
    ws.settle()
    assert rounds(ws) == 0 and tasks(ws) == 0
    assert ws.emulator.calls_to("chat.postMessage") == []
    assert ws.emulator.calls_to("conversations.members") == []


def test_a_start_in_a_channel_without_the_bot_is_refused_privately_with_how_to_invite(
    workspace: LocalWorkspace,
) -> None:
    channel = without_bot(workspace)
    answer = workspace.sim.slash_command(CHAIR.id, channel, text="start Adopt the form")
    assert_refused_in_the_ack(workspace, answer, channel)
    # Once invited, the same command works at once: a "no" is never remembered.
    workspace.emulator.join_channel(channel, workspace.emulator.bot_user_id)
    assert workspace.sim.slash_command(CHAIR.id, channel, text="start Adopt the form").ok
    workspace.settle()
    assert rounds(workspace) == 1 and len(round_messages(workspace, channel)) == 1


def test_a_start_in_a_private_channel_without_the_bot_is_refused_within_the_ack(
    workspace: LocalWorkspace,
) -> None:
    channel = without_bot(workspace, PRIVATE, private=True)
    answer = workspace.sim.slash_command(CHAIR.id, channel, text="start Adopt the form")
    assert_refused_in_the_ack(workspace, answer, channel)


@pytest.mark.parametrize("private", [False, True], ids=["public", "private"])
def test_the_start_form_in_a_channel_without_the_bot_says_how_to_invite_it(
    workspace: LocalWorkspace, private: bool
) -> None:
    channel = without_bot(workspace, PRIVATE if private else NO_BOT, private=private)
    assert workspace.sim.slash_command(CHAIR.id, channel, text="start").ok
    workspace.settle()
    view = workspace.emulator.open_view(CHAIR.id)
    assert view is not None and view.submit is None  # nothing to submit: no round can open
    assert INVITE in str(view.blocks)
    assert rounds(workspace) == 0


def test_the_start_form_is_checked_again_when_submitted(workspace: LocalWorkspace) -> None:
    assert workspace.sim.slash_command(CHAIR.id, CHANNEL, text="start").ok
    workspace.settle()
    workspace.emulator.leave_channel(CHANNEL, workspace.emulator.bot_user_id)
    result = workspace.sim.submit_view(CHAIR.id, inputs={TITLE: "Share the on-call rota"})
    assert result.ok, result.ui_error
    assert result.errors is not None and INVITE in result.errors[ids.TITLE_BLOCK]
    workspace.settle()
    assert rounds(workspace) == 0 and tasks(workspace) == 0


# ----------------------------------------------------------------------- acknowledged, nothing else
def slack_calls(ws: LocalWorkspace) -> list[str]:
    """What the bot asked of Slack, besides Bolt's own auth.test on its first request."""
    return [c.method for c in ws.emulator.calls if c.method != "auth.test"]


def quiet_records(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_click_on_a_button_no_listener_knows_is_acknowledged_silently(
    workspace: LocalWorkspace, caplog: pytest.LogCaptureFixture
) -> None:
    # A message from an older version, with a button this version no longer has.
    web = WebClient(token=BOT_TOKEN, base_url=workspace.emulator.api_url)
    button = {"type": "button", "text": {"type": "plain_text", "text": "Old"}, "value": "1"}
    posted = web.chat_postMessage(
        channel=CHANNEL,
        text="An old message",
        blocks=[{"type": "actions", "elements": [{**button, "action_id": "retired_button"}]}],
    )
    workspace.emulator.clear_calls()
    caplog.set_level(logging.INFO)
    answer = workspace.sim.click(ANA.id, CHANNEL, str(posted["ts"]), "retired_button")
    workspace.settle()
    assert answer.ok and answer.body == ""
    assert slack_calls(workspace) == []  # nothing posted, no modal, no answer
    assert quiet_records(caplog) == []


def test_a_closed_modal_that_notifies_is_acknowledged_silently(
    workspace: LocalWorkspace, caplog: pytest.LogCaptureFixture
) -> None:
    web = WebClient(token=BOT_TOKEN, base_url=workspace.emulator.api_url)
    modal = {
        "type": "modal",
        "callback_id": "some_form",
        "notify_on_close": True,
        "title": {"type": "plain_text", "text": "A form"},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}],
    }
    web.views_open(trigger_id=workspace.emulator.issue_trigger_id(ANA.id), view=modal)
    workspace.emulator.clear_calls()
    caplog.set_level(logging.INFO)
    answer = workspace.sim.close_view(ANA.id)
    workspace.settle()
    assert answer is not None and answer.sent["type"] == "view_closed"
    assert answer.ok and answer.body == ""
    assert slack_calls(workspace) == []
    assert quiet_records(caplog) == []
