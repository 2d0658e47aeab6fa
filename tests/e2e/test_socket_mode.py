"""The bot in Socket Mode (what `consensus-bot run --socket` runs) against the emulator's
Socket Mode server: envelopes in, acks out, Web API calls as in HTTP mode."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.local import LocalWorkspace
from slack_emulator import SlackEmulator, SlackUserSimulator
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


@pytest.mark.parametrize("reason", ["refresh_requested", "warning"])
def test_after_a_disconnect_message_the_bot_reconnects_and_the_next_click_counts(
    socket_workspace: LocalWorkspace, reason: str
) -> None:
    ws = socket_workspace
    ts = start(ws)
    assert ws.sim.click(ANA.id, CHANNEL, ts, "vote_1").ok
    opens_before = len(ws.emulator.calls_to("apps.connections.open"))
    old = ws.emulator.socket_mode.disconnect(reason)
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


def test_after_the_connection_drops_the_bot_reconnects_and_the_next_click_counts(
    socket_workspace: LocalWorkspace,
) -> None:
    ws = socket_workspace
    ts = start(ws)
    ws.emulator.socket_mode.drop()  # no disconnect message: the network failed
    fresh = ws.emulator.socket_mode.wait_for_connection(2)
    assert ws.sim.click(DEE.id, CHANNEL, ts, "vote_4").ok
    assert ws.emulator.socket_mode.deliveries[-1].connection == fresh.id
    ws.settle()
    assert "1 of 5 have responded" in round_text(ws)


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


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    with SlackEmulator() as emulator:
        for person in VOTERS:
            emulator.add_user(person.id, person.name, real_name=person.real_name)
        emulator.add_channel(CHANNEL, "partners", [p.id for p in VOTERS])
        yield emulator


def run_socket_mode_process(slack: SlackEmulator, tmp_path: Path) -> subprocess.Popen[str]:
    """`consensus-bot run --socket` as its own process, connected to the emulator."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CONSENSUS_ENV_FILE": os.devnull,  # never read a developer's .env
        "SLACK_API_URL": slack.api_url,
        "SLACK_BOT_TOKEN": slack.bot_token,
        "SLACK_APP_TOKEN": slack.app_token,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'consensus.db'}",
        "SCHEDULER_INTERVAL_SECONDS": "0.2",
        "LOG_LEVEL": "INFO",
    }
    env.pop("SLACK_SIGNING_SECRET", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bootstrap.cli", "run", "--socket"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        slack.socket_mode.wait_for_connection(1, timeout=30)
    except TimeoutError:
        process.kill()
        raise AssertionError(f"the bot did not connect:\n{process.communicate()[1]}") from None
    return process


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_on_a_signal_the_socket_mode_process_finishes_its_work_closes_and_exits_0(
    slack: SlackEmulator, tmp_path: Path, signum: signal.Signals
) -> None:
    process = run_socket_mode_process(slack, tmp_path)
    try:
        sim = SlackUserSimulator(slack)
        # The start's private confirmation goes out after the ack, and Slack holds it for
        # a second: the signal comes while that work is in progress.
        held = slack.faults.add(method="response_url", kind="slow", delay=1.0, count=1)
        assert sim.slash_command(CHAIR.id, CHANNEL, text="start Share one intake form").ok
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=10)  # raises if it takes longer
        exited_at = time.time()
        assert process.returncode == 0, stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert "Traceback" not in stderr
    assert held.fired == 1
    # The work in progress was finished before the process ended, not cut off.
    confirmations = [c for c in slack.calls_to("response_url") if c.at <= exited_at]
    assert confirmations and "Proposal #1 is open" in json.dumps(confirmations[0].params)
    assert [c.open for c in slack.socket_mode.connections] == [False]  # the bot closed it
    assert "stopped: the scheduler and the redraws are done" in stderr  # Worker.stop returned


def test_a_form_submission_retried_after_a_lost_ack_counts_and_explains_once(
    socket_workspace: LocalWorkspace,
) -> None:
    ws = socket_workspace
    ts = start(ws)
    assert ws.sim.click(BEN.id, CHANNEL, ts, "explain_6").ok
    ws.finish_requests()  # the form opens after the acknowledgement
    ws.emulator.socket_mode.lose_acks(1)
    first = ws.sim.submit_view(BEN.id, inputs={"reason_input": "Pilot it in one clinic"})
    assert first.ui_error == "operation_timeout"
    retry = ws.sim.redeliver(first)
    assert retry.ok and retry.envelope is not None and retry.envelope["retry_attempt"] == 1
    ws.settle()
    assert "1 of 5 have responded" in round_text(ws)
    thread = ws.emulator.replies(CHANNEL, ts)
    assert len(thread) == 1 and "Pilot it in one clinic" in thread[0].text
