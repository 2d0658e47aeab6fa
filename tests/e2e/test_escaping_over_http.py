"""Typed markup is shown as typed, end to end: signed requests in, what Slack would render out.

Each hole closed by handlers/mrkdwn.py, through the running server and the emulator. The
oracle is slack_emulator.markup: the mentions, broadcasts and links Slack would make of a
posted message.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from harness.local import LocalWorkspace
from slack_emulator import markup
from slack_emulator.transcript import render_mrkdwn
from tests.e2e.conftest import ANA, BEN, CHAIR, CHANNEL, CY, last_ephemeral_text, start_round


def kinds(text: str | None, blocks: Any = None) -> set[str]:
    return {token.kind for token in markup.message_markup(text, blocks)}


def close_and_get_outcome(ws: LocalWorkspace) -> Any:
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="close")
    ws.settle()
    return ws.emulator.messages(CHANNEL)[-1]


def section_texts(blocks: list[dict[str, Any]]) -> str:
    """What a reader sees of the message's sections, markup resolved."""
    return "\n".join(
        render_mrkdwn(b["text"]["text"]) for b in blocks if b["type"] == "section" and "text" in b
    )


def test_a_level_6_alternative_with_a_channel_broadcast_notifies_nobody(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    alternative = "Run it in one hospital first <!channel>"
    workspace.sim.click(BEN.id, CHANNEL, ts, "explain_6")
    workspace.settle()  # the form opens after the acknowledgement
    workspace.sim.submit_view(BEN.id, inputs={"reason_input": alternative})
    workspace.settle()
    (thread,) = workspace.emulator.replies(CHANNEL, ts)
    assert "&lt;!channel&gt;" in thread.text and "<!channel>" not in thread.text
    assert kinds(thread.text) == {markup.USER}  # only the bot's mention of Ben
    assert render_mrkdwn(thread.text).endswith(alternative)

    outcome = close_and_get_outcome(workspace)
    raw = outcome.text + json.dumps(outcome.blocks)
    assert "<!channel>" not in raw and "&lt;!channel&gt;" in raw
    assert markup.BROADCAST not in kinds(outcome.text, outcome.blocks)
    assert alternative in section_texts(outcome.blocks)


def test_a_hidden_link_in_a_reason_is_shown_as_text_with_its_address(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    reason = "Read <https://evil.example|Ontario Health guidance> first"
    workspace.sim.click(CY.id, CHANNEL, ts, "explain_5")
    workspace.settle()  # the form opens after the acknowledgement
    workspace.sim.submit_view(CY.id, inputs={"reason_input": reason})
    workspace.settle()
    (thread,) = workspace.emulator.replies(CHANNEL, ts)
    assert markup.LINK not in kinds(thread.text)
    assert render_mrkdwn(thread.text).endswith(reason)
    outcome = close_and_get_outcome(workspace)
    assert markup.LINK not in kinds(outcome.text, outcome.blocks)
    assert reason in section_texts(outcome.blocks)


def test_a_reservation_with_less_and_greater_than_signs_is_shown_intact(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    workspace.sim.click(ANA.id, CHANNEL, ts, "vote_3")
    workspace.settle()
    confirmation = [e for e in workspace.emulator.ephemerals(user=ANA.id) if e.blocks][-1]
    workspace.sim.click_ephemeral(ANA.id, confirmation, "add_reservation")
    workspace.settle()
    workspace.sim.submit_view(ANA.id, inputs={"reason_input": "beds < 10 and staff > 5"})
    workspace.settle()
    outcome = close_and_get_outcome(workspace)
    assert "beds &lt; 10 and staff &gt; 5" in json.dumps(outcome.blocks)
    assert "beds < 10 and staff > 5" in section_texts(outcome.blocks)


TITLE = "Budget <!here> & beds"


@pytest.mark.parametrize(
    ("how", "shown"),
    [
        ("typed in the slash command", TITLE),  # Slack escapes what was typed
        ("@here picked in the slash command", "Budget @here & beds"),  # Slack sends <!here>
        ("typed in the start form", TITLE),  # a form's text arrives raw
    ],
)
def test_a_broadcast_in_a_title_stays_out_of_the_notification_and_every_surface(
    workspace: LocalWorkspace, how: str, shown: str
) -> None:
    if how == "typed in the start form":
        workspace.sim.slash_command(CHAIR.id, CHANNEL, text="start")
        workspace.settle()  # the form opens after the acknowledgement
        result = workspace.sim.submit_view(CHAIR.id, inputs={"title_input": TITLE})
        assert result.status == 200
        workspace.settle()
    elif how == "typed in the slash command":
        start_round(workspace, markup.slash_command_text(TITLE))
    else:
        start_round(workspace, "Budget <!here> &amp; beds")
    message = workspace.round_message(CHANNEL)
    assert "<!here>" not in message.text
    assert kinds(message.text, message.blocks) <= {markup.USER, markup.DATE}
    assert message.blocks[0]["text"] == {
        "type": "plain_text",
        "text": f"Proposal #1: {shown}",
        "emoji": True,
    }
    assert render_mrkdwn(message.text).startswith(f"Proposal #1: {shown} — ")

    # The reminder DM, the status reply and the Home tab show it the same way.
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="remind")
    workspace.settle()  # each command is carried out after its ack: one at a time
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="status")
    workspace.sim.open_app_home(ANA.id)
    workspace.settle()
    reminder = workspace.emulator.messages(ANA.id)[-1]
    # The status reply is the chair's private answer with blocks (the remind answer has none).
    status = [e for e in workspace.emulator.ephemerals(user=CHAIR.id) if e.blocks][-1]
    home = workspace.emulator.home_view(ANA.id)
    assert home is not None
    for text, blocks in (
        (reminder.text, reminder.blocks),
        (status.text, status.blocks),
        (None, home.blocks),
    ):
        assert markup.BROADCAST not in kinds(text, blocks)
        assert shown in section_texts(blocks)


@pytest.mark.parametrize(
    ("sent", "quoted"),
    [
        ("&lt;!channel&gt;", "`&lt;!channel&gt;` is not a deadline"),  # typed "<!channel>"
        ("<!channel>", "`@channel` is not a deadline"),  # typed "@channel"
        ("a&amp;b", "`a&amp;b` is not a deadline"),  # escaped once, not twice
    ],
)
def test_an_error_quotes_the_typed_words_escaped_once(
    workspace: LocalWorkspace, sent: str, quoted: str
) -> None:
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text=f"start Budget --deadline {sent}")
    text = last_ephemeral_text(workspace, CHAIR.id)
    assert quoted in text
    assert kinds(text) == set()


def test_an_organisation_name_with_markup_is_shown_as_typed_in_the_roster(
    workspace: LocalWorkspace,
) -> None:
    organisation = "Lakeridge <!everyone> & Co"
    workspace.sim.slash_command(
        CHAIR.id,
        CHANNEL,
        text=f'roster set <@{ANA.id}|ana> "{markup.slash_command_text(organisation)}" '
        "hospital voting",
    )
    workspace.settle()
    confirmation = last_ephemeral_text(workspace, CHAIR.id)
    assert organisation in render_mrkdwn(confirmation)
    assert kinds(confirmation) == {markup.USER}
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="roster")
    workspace.settle()
    shown = workspace.emulator.ephemerals(user=CHAIR.id)[-1]
    assert markup.BROADCAST not in kinds(shown.text, shown.blocks)
    assert organisation in section_texts(shown.blocks)


def test_a_revision_adopting_an_alternative_mentions_its_author_but_broadcasts_nothing(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    alternative = "Pilot <!channel> first & <https://evil.example|see this>"
    workspace.sim.click(BEN.id, CHANNEL, ts, "explain_6")
    workspace.settle()  # the form opens after the acknowledgement
    workspace.sim.submit_view(BEN.id, inputs={"reason_input": alternative})
    outcome = close_and_get_outcome(workspace)
    workspace.sim.click(CHAIR.id, CHANNEL, outcome.ts, "round_revise")
    workspace.settle()
    modal = workspace.emulator.open_view(CHAIR.id)
    assert modal is not None
    assert markup.BROADCAST not in kinds(None, modal.blocks)
    result = workspace.sim.submit_view(
        CHAIR.id, inputs={"details_input": "Beds < 10", "adopt_input": BEN.id}
    )
    assert result.status == 200 and not result.errors
    workspace.settle()
    (revision,) = [m for m in workspace.emulator.messages(CHANNEL) if "revision 2" in m.text]
    tokens = markup.message_markup(revision.text, revision.blocks)
    assert {(t.kind, t.target) for t in tokens if t.kind != markup.DATE} == {
        (markup.USER, CHAIR.id),
        (markup.USER, BEN.id),  # the bot's "Adopts the alternative offered by @ben"
    }
    details = render_mrkdwn(revision.blocks[1]["text"]["text"])
    assert details.startswith("Beds < 10\n\n")
    assert f"Adopts the alternative offered by @{BEN.id}:* {alternative}" in details


def test_an_escalation_and_its_resolution_show_typed_text_literally(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace, markup.slash_command_text("Share beds <!everyone>"))
    workspace.sim.click(BEN.id, CHANNEL, ts, "explain_6")
    workspace.settle()  # the form opens after the acknowledgement
    workspace.sim.submit_view(BEN.id, inputs={"reason_input": "Ask <!subteam^S0NURSES|@nurses>"})
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="config steering <#C0STEER|steering>")
    close_and_get_outcome(workspace)
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="escalate")
    workspace.settle()
    (posted,) = workspace.emulator.messages("C0STEER")
    assert kinds(posted.text, posted.blocks) <= {markup.USER, markup.CHANNEL, markup.DATE}
    assert "Ask <!subteam^S0NURSES|@nurses>" in section_texts(posted.blocks)
    resolution = "Pilot at <b>two</b> sites & review"
    workspace.sim.slash_command(
        ANA.id, "C0STEER", text=f"resolve 1 {markup.slash_command_text(resolution)}"
    )
    workspace.settle()
    # Resolving again quotes the stored resolution in the refusal, escaped once.
    workspace.sim.slash_command(ANA.id, "C0STEER", text="resolve 1 again")
    workspace.settle()
    refusal = last_ephemeral_text(workspace, ANA.id)
    assert resolution in render_mrkdwn(refusal)
    assert kinds(refusal) == {markup.USER}
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="log #1")
    workspace.settle()
    log = workspace.emulator.ephemerals(user=CHAIR.id)[-1]
    assert resolution in section_texts(log.blocks)
    assert markup.BROADCAST not in kinds(log.text, log.blocks)
