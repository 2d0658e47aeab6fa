"""The bot in Socket Mode (what `consensus-bot run --socket` runs) against the emulator's
Socket Mode server: envelopes in, acks out, Web API calls as in HTTP mode."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from bot.local import LocalWorkspace
from tests.e2e.conftest import ANA, BEN, CHAIR, CHANNEL, CY, DEE, VOTERS, last_ephemeral_text


@pytest.fixture
def socket_workspace() -> Iterator[LocalWorkspace]:
    channels = {CHANNEL: ("partners", [p.id for p in VOTERS])}
    with LocalWorkspace(VOTERS, channels, socket_mode=True) as ws:
        yield ws


def round_text(ws: LocalWorkspace) -> str:
    return json.dumps(ws.round_message(CHANNEL).blocks)


def start(ws: LocalWorkspace) -> str:
    response = ws.sim.slash_command(CHAIR.id, CHANNEL, text="start Adopt the shared referral form")
    assert response.ok, response
    ws.settle()
    return str(ws.round_message(CHANNEL).ts)


def test_a_whole_round_runs_over_socket_mode_and_posts_one_outcome(
    socket_workspace: LocalWorkspace,
) -> None:
    ws = socket_workspace
    ts = start(ws)
    assert "Proposal #1 is open for 5 voters" in last_ephemeral_text(ws, CHAIR.id)
    for person, level in ((ANA, 1), (CY, 2), (DEE, 4)):
        click = ws.sim.click(person.id, CHANNEL, ts, f"vote_{level}")
        assert click.ok and click.envelope is not None
        assert click.envelope["type"] == "interactive"
    opened = ws.sim.click(BEN.id, CHANNEL, ts, "explain_6")
    assert opened.ok
    ws.settle()
    modal = ws.emulator.open_view(BEN.id)
    assert modal is not None and "What alternative could work" in json.dumps(modal.blocks)
    refused = ws.sim.submit_view(BEN.id, inputs={"reason_input": "   "})
    assert refused.ok and refused.errors == {
        "reason": "Please answer this: your level counts once you do."
    }
    assert ws.emulator.open_view(BEN.id) is not None  # the modal stays open
    accepted = ws.sim.submit_view(BEN.id, inputs={"reason_input": "Pilot it in one clinic"})
    assert accepted.ok and ws.emulator.open_view(BEN.id) is None
    ws.settle()
    assert "4 of 5 have responded" in round_text(ws)
    close = ws.sim.click(CHAIR.id, CHANNEL, ts, "round_close")
    assert close.ok
    ws.settle()
    outcomes = [m for m in ws.emulator.messages(CHANNEL) if "No consensus" in m.text]
    assert len(outcomes) == 1
    outcome = json.dumps(outcomes[0].blocks)
    assert "4 of 5 responded" in outcome and "Pilot it in one clinic" in outcome
    kinds = {d.envelope["type"] for d in ws.emulator.socket_mode.deliveries}
    assert kinds == {"slash_commands", "interactive"}
    assert all(d.acked for d in ws.emulator.socket_mode.deliveries)


def test_after_a_refresh_requested_disconnect_the_bot_reconnects_and_the_next_click_counts(
    socket_workspace: LocalWorkspace,
) -> None:
    ws = socket_workspace
    ts = start(ws)
    assert ws.sim.click(ANA.id, CHANNEL, ts, "vote_1").ok
    opens_before = len(ws.emulator.calls_to("apps.connections.open"))
    old = ws.emulator.socket_mode.disconnect("refresh_requested")
    fresh = ws.emulator.socket_mode.wait_for_connection(2)
    assert fresh.id != old
    ws.emulator.socket_mode.wait_for_close(old)  # the bot closed the old one itself
    assert len(ws.emulator.calls_to("apps.connections.open")) == opens_before + 1
    click = ws.sim.click(CY.id, CHANNEL, ts, "vote_2")
    assert click.ok
    assert ws.emulator.socket_mode.deliveries[-1].connection == fresh.id
    ws.settle()
    assert "2 of 5 have responded" in round_text(ws)
    assert "2 Acceptable" in last_ephemeral_text(ws, CY.id)


def test_an_envelope_of_an_unknown_type_is_still_acknowledged(
    socket_workspace: LocalWorkspace,
) -> None:
    ws = socket_workspace
    calls = len(ws.emulator.calls)
    result = ws.sim.send_envelope("a_type_slack_adds_later", {"type": "something_new"})
    assert result.ok and result.body == ""
    assert ws.emulator.socket_mode.deliveries[-1].acked
    ws.settle()
    assert len(ws.emulator.calls) == calls  # nothing else happened


def test_a_click_retried_after_a_lost_ack_counts_once(socket_workspace: LocalWorkspace) -> None:
    ws = socket_workspace
    ts = start(ws)
    ws.emulator.socket_mode.lose_acks(1)
    first = ws.sim.click(ANA.id, CHANNEL, ts, "vote_3")
    assert first.ui_error == "operation_timeout"  # Slack never saw the ack
    retry = ws.sim.redeliver(first)
    assert retry.ok
    assert retry.envelope is not None and first.envelope is not None
    assert retry.envelope["retry_attempt"] == 1 and retry.envelope["retry_reason"] == "timeout"
    assert retry.envelope["envelope_id"] == first.envelope["envelope_id"]
    ws.settle()
    assert "1 of 5 have responded" in round_text(ws)
    ws.sim.click(CHAIR.id, CHANNEL, ts, "round_close")
    ws.settle()
    outcomes = [m for m in ws.emulator.messages(CHANNEL) if "No quorum" in m.text]
    assert len(outcomes) == 1 and "1 of 5 responded" in json.dumps(outcomes[0].blocks)
