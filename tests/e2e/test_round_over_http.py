"""A whole round as people use it: signed requests into the running server, Slack's replies out."""

from __future__ import annotations

import json

import pytest

from harness.local import LocalWorkspace
from tests.e2e.conftest import (
    ANA,
    BEN,
    CHAIR,
    CHANNEL,
    CY,
    DEE,
    GUEST,
    last_ephemeral_text,
    start_round,
)


def round_text(ws: LocalWorkspace) -> str:
    message = ws.round_message(CHANNEL)
    return json.dumps(message.blocks)


def test_chair_starts_a_round_with_six_numbered_buttons_and_chair_controls(
    workspace: LocalWorkspace,
) -> None:
    start_round(workspace)
    message = workspace.round_message(CHANNEL)
    buttons = [
        e["text"]["text"] for b in message.blocks if b["type"] == "actions" for e in b["elements"]
    ]
    assert buttons[:6] == [
        "1 Full support",
        "2 Acceptable",
        "3 Support with reservations",
        "4 Not thrilled, will not block",
        "5 Need more information",
        "6 Cannot support",
    ]
    assert buttons[6:] == ["Close now", "Extend", "Remind now", "Cancel"]
    assert "0 of 5 have responded" in round_text(workspace)
    assert "<!date^" in round_text(workspace)  # the deadline renders in each reader's zone
    assert "Proposal #1 is open for 5 voters" in last_ephemeral_text(workspace, CHAIR.id)


def test_a_vote_is_confirmed_privately_and_shown_as_progress_without_its_level(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    response = workspace.sim.click(ANA.id, CHANNEL, ts, "vote_3")
    assert response.status == 200
    workspace.settle()
    confirmation = last_ephemeral_text(workspace, ANA.id)
    assert "3 Support with reservations" in confirmation
    assert "change it any time before" in confirmation
    text = round_text(workspace)
    assert "1 of 5 have responded" in text
    assert "<@U0ANA>" in text
    assert "Support with reservations*" not in text


def test_levels_2_to_4_offer_an_optional_reservation(workspace: LocalWorkspace) -> None:
    ts = start_round(workspace)
    workspace.sim.click(CY.id, CHANNEL, ts, "vote_4")
    workspace.settle()
    confirmation = [e for e in workspace.emulator.ephemerals(user=CY.id) if e.blocks][-1]
    workspace.sim.click_ephemeral(CY.id, confirmation, "add_reservation")
    workspace.finish_requests()  # the form opens after the acknowledgement
    result = workspace.sim.submit_view(CY.id, inputs={"reason_input": "Costs fall on home care"})
    assert result.status == 200
    workspace.settle()
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="close")
    workspace.settle()
    outcome = json.dumps(workspace.emulator.messages(CHANNEL)[-1].blocks)
    assert "Disagreement acknowledged" in outcome
    assert "Costs fall on home care" in outcome


@pytest.mark.parametrize(
    ("level", "prompt"),
    [(5, "What information or discussion do you need?"), (6, "What alternative could work")],
)
def test_levels_5_and_6_count_only_once_the_modal_is_answered(
    workspace: LocalWorkspace, level: int, prompt: str
) -> None:
    ts = start_round(workspace)
    workspace.sim.click(BEN.id, CHANNEL, ts, f"explain_{level}")
    workspace.settle()
    modal = workspace.emulator.open_view(BEN.id)
    assert modal is not None and prompt in json.dumps(modal.blocks)
    assert "0 of 5 have responded" in round_text(workspace)  # not counted yet
    refused = workspace.sim.submit_view(BEN.id, inputs={"reason_input": "   "})
    assert refused.json() == {
        "response_action": "errors",
        "errors": {"reason": "Please answer this: your level counts once you do."},
    }
    accepted = workspace.sim.submit_view(BEN.id, inputs={"reason_input": "Budget for year 2?"})
    assert accepted.status == 200 and workspace.emulator.open_view(BEN.id) is None
    workspace.settle()
    assert "1 of 5 have responded" in round_text(workspace)
    thread = workspace.emulator.replies(CHANNEL, ts)
    assert (
        len(thread) == 1 and "Budget for year 2?" in thread[0].text and "<@U0BEN>" in thread[0].text
    )


def test_changing_a_level_replaces_it(workspace: LocalWorkspace) -> None:
    ts = start_round(workspace)
    workspace.sim.click(ANA.id, CHANNEL, ts, "vote_1")
    workspace.sim.click(ANA.id, CHANNEL, ts, "vote_4")
    workspace.settle()
    assert "(was 1)" in last_ephemeral_text(workspace, ANA.id)
    assert "1 of 5 have responded" in round_text(workspace)


def test_someone_who_is_not_a_voter_is_told_why_their_click_does_not_count(
    workspace: LocalWorkspace,
) -> None:
    workspace.sim.slash_command(
        CHAIR.id, "C0OPEN", text=f"start Open question --voters <@{ANA.id}>"
    )
    workspace.settle()
    ts = workspace.round_message("C0OPEN").ts
    workspace.sim.click(GUEST.id, "C0OPEN", ts, "vote_1")
    workspace.settle()
    assert "not one of the voters" in last_ephemeral_text(workspace, GUEST.id)


def test_only_the_chair_may_close_extend_or_cancel(workspace: LocalWorkspace) -> None:
    ts = start_round(workspace)
    for action in ("round_close", "round_extend", "round_cancel", "round_remind"):
        workspace.sim.click(ANA.id, CHANNEL, ts, action)
        workspace.settle()
        assert "Only the chair" in last_ephemeral_text(workspace, ANA.id)
    workspace.sim.slash_command(ANA.id, CHANNEL, text="close")
    workspace.settle()
    assert "Only the chair" in last_ephemeral_text(workspace, ANA.id)
    assert workspace.emulator.open_view(ANA.id) is None


def test_closing_updates_the_round_message_and_posts_one_outcome(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    workspace.sim.click(ANA.id, CHANNEL, ts, "vote_1")
    workspace.sim.click(CY.id, CHANNEL, ts, "vote_2")
    workspace.sim.click(DEE.id, CHANNEL, ts, "vote_4")
    workspace.sim.click(BEN.id, CHANNEL, ts, "explain_5")
    workspace.finish_requests()  # the form opens after the acknowledgement
    workspace.sim.submit_view(BEN.id, inputs={"reason_input": "Who pays for training?"})
    workspace.settle()
    workspace.sim.click(CHAIR.id, CHANNEL, ts, "round_close")
    workspace.settle()
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="close #1")  # closing twice
    workspace.settle()
    assert "already closed" in last_ephemeral_text(workspace, CHAIR.id)
    final = workspace.round_message(CHANNEL)
    assert all(b["type"] != "actions" for b in final.blocks)  # no buttons once closed
    outcomes = [m for m in workspace.emulator.messages(CHANNEL) if "No consensus" in m.text]
    assert len(outcomes) == 1
    outcome = json.dumps(outcomes[0].blocks)
    assert outcome.count("Consensus reached") + outcome.count("No quorum") == 0
    assert "4 of 5 responded" in outcome
    assert "Who pays for training?" in outcome
    assert "Did not respond: <@U0CHAIR>" in outcome


def test_status_list_and_help_answer_privately(workspace: LocalWorkspace) -> None:
    start_round(workspace)
    workspace.sim.slash_command(ANA.id, CHANNEL, text="status")
    workspace.settle()
    assert "Proposal #1" in json.dumps(workspace.emulator.ephemerals(user=ANA.id)[-1].blocks)
    workspace.sim.slash_command(ANA.id, CHANNEL, text="list")
    workspace.settle()
    assert "Open rounds here" in json.dumps(workspace.emulator.ephemerals(user=ANA.id)[-1].blocks)
    response = workspace.sim.slash_command(ANA.id, CHANNEL, text="dance")
    body = response.json()
    assert body["response_type"] == "ephemeral"
    assert "`dance` is not a command I know" in json.dumps(body["blocks"])


def test_start_form_opens_and_reports_field_errors_together(workspace: LocalWorkspace) -> None:
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="start")
    workspace.finish_requests()  # the form opens after the acknowledgement
    modal = workspace.emulator.open_view(CHAIR.id)
    assert modal is not None and modal.callback_id == "start_round"
    result = workspace.sim.submit_view(
        CHAIR.id,
        inputs={
            "title_input": "Share one intake form",
            "deadline_input": "yesterday",
            "quorum_input": "0",
        },
    )
    errors = (result.json() or {}).get("errors", {})
    assert set(errors) == {"deadline", "quorum"}
    result = workspace.sim.submit_view(
        CHAIR.id,
        inputs={
            "title_input": "Share one intake form",
            "deadline_input": "2d",
            "quorum_input": "60%",
        },
    )
    assert result.status == 200
    workspace.settle()
    assert "Share one intake form" in workspace.round_message(CHANNEL).text


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("start " + "x" * 5000, "limit is 4,000"),
        ("start Budget --deadline 2020-01-01T10:00", "in the past"),
        ("start Budget --deadline 1s", "at least 30 seconds"),
        ("start \x00\x01 --quorum 50%", "need a proposal"),
        ("close #999", "no round #999"),
    ],
)
def test_absurd_command_text_gets_a_clear_private_answer(
    workspace: LocalWorkspace, text: str, hint: str
) -> None:
    response = workspace.sim.slash_command(CHAIR.id, CHANNEL, text=text)
    assert response.status == 200
    workspace.settle()
    body = response.json() or {}
    shown = json.dumps(body) + json.dumps(
        [e.text for e in workspace.emulator.ephemerals(user=CHAIR.id)]
    )
    assert hint in shown


def test_a_forged_signature_or_stale_timestamp_is_refused_before_any_work(
    workspace: LocalWorkspace,
) -> None:
    body = b"command=%2Fconsensus&text=start+Forged&user_id=U0CHAIR&channel_id=C0PARTNERS"
    headers = workspace.sim.signed_headers(body)
    headers["X-Slack-Signature"] = "v0=" + "0" * 64
    assert workspace.sim.send_raw(body, headers).status == 401
    stale = workspace.sim.signed_headers(body, timestamp=1_000_000_000)
    assert workspace.sim.send_raw(body, stale).status == 401
    missing = {"Content-Type": "application/x-www-form-urlencoded"}
    assert workspace.sim.send_raw(body, missing).status == 401
    workspace.settle()
    assert workspace.emulator.calls == []  # nothing reached Bolt, nothing was posted


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"payload=%7Bnot+json", "application/x-www-form-urlencoded"),
        (b"payload=%5B1%2C2%5D", "application/x-www-form-urlencoded"),
        (b"\xff\xfe\x00garbage", "application/x-www-form-urlencoded"),
        (b'{"no": "type"}', "application/json"),
        (b"nothing=here", "application/x-www-form-urlencoded"),
        (b"<xml/>", "text/xml"),
    ],
)
def test_malformed_signed_bodies_get_a_4xx_not_a_5xx(
    workspace: LocalWorkspace, body: bytes, content_type: str
) -> None:
    headers = workspace.sim.signed_headers(body, content_type=content_type)
    response = workspace.sim.send_raw(body, headers)
    assert 400 <= response.status < 500


def test_health_check_reports_the_database(workspace: LocalWorkspace) -> None:
    import httpx

    assert workspace.server is not None
    response = httpx.get(workspace.server.url + "/healthz")
    assert response.status_code == 200 and response.json() == {"ok": True}


def test_a_proposal_that_mentions_payload_starts_like_any_other(workspace: LocalWorkspace) -> None:
    # Bolt's own body reader takes any form containing "payload" for an interaction.
    response = workspace.sim.slash_command(
        CHAIR.id, CHANNEL, text="start Review the payload schema"
    )
    assert response.status == 200
    workspace.settle()
    assert "Review the payload schema" in workspace.round_message(CHANNEL).text


def test_escalate_without_a_number_takes_the_round_that_just_ended(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    workspace.sim.click(BEN.id, CHANNEL, ts, "explain_6")
    workspace.finish_requests()  # the form opens after the acknowledgement
    workspace.sim.submit_view(BEN.id, inputs={"reason_input": "Pilot it first"})
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="config steering <#C0STEER|steering>")
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="close")
    workspace.settle()
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="escalate")
    workspace.settle()
    assert "Escalated proposal #1" in last_ephemeral_text(workspace, CHAIR.id)
    posted = workspace.emulator.messages("C0STEER")
    assert len(posted) == 1 and "Escalation 1" in posted[0].text
    workspace.sim.slash_command(ANA.id, "C0STEER", text="resolve 1 Pilot at two sites")
    workspace.settle()
    assert "is resolved" in last_ephemeral_text(workspace, ANA.id)


def test_revise_opens_its_form_at_once_and_explains_a_refusal_inside_it(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    workspace.sim.click(ANA.id, CHANNEL, ts, "vote_1")
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="revise #1")
    workspace.settle()
    modal = workspace.emulator.open_view(CHAIR.id)
    assert modal is not None
    assert "Cannot revise" in json.dumps(modal.title) and "still open" in json.dumps(modal.blocks)
