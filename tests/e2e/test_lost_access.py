"""The bot removed from a channel mid-round: it stops retrying, tells the chair, and catches up
when it is invited back."""

from __future__ import annotations

from harness.local import LocalWorkspace
from tests.e2e.conftest import ANA, CHAIR, CHANNEL, start_round


def outcome_posts(ws: LocalWorkspace) -> list[str]:
    return [
        m.text
        for m in ws.emulator.messages(CHANNEL)
        if not m.thread_ts and not m.text.startswith("Proposal")
    ]


def chair_dms(ws: LocalWorkspace) -> list[str]:
    return [m.text for m in ws.emulator.messages(ws.emulator.dm_channel(CHAIR.id))]


def test_an_outcome_the_bot_cannot_post_is_parked_the_chair_told_and_posted_after_invite(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    workspace.sim.click(ANA.id, CHANNEL, ts, "vote_1")
    workspace.settle()
    workspace.emulator.leave_channel(CHANNEL, workspace.emulator.bot_user_id)

    assert workspace.sim.slash_command(CHAIR.id, CHANNEL, text="close").status == 200
    workspace.settle()
    assert outcome_posts(workspace) == []
    refused = [c for c in workspace.emulator.calls_to("chat.postMessage") if not c.ok]
    assert len(refused) == 1, "a refusal for lack of access is not retried"
    told = chair_dms(workspace)
    assert len(told) == 1 and "could not post the outcome" in told[0]
    assert "/invite @consensus" in told[0]

    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="status #1")
    workspace.settle()
    status = workspace.emulator.ephemerals(user=CHAIR.id)[-1]
    assert "Not delivered: the outcome" in str(status.blocks)

    answer = workspace.sim.invite(CHAIR.id, CHANNEL, workspace.emulator.bot_user_id)
    assert answer.status == 200
    workspace.settle()
    outcomes = outcome_posts(workspace)
    assert len(outcomes) == 1, outcomes
    assert len(chair_dms(workspace)) == 1, "the chair is told once"

    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="status #1")
    workspace.settle()
    status = workspace.emulator.ephemerals(user=CHAIR.id)[-1]
    assert "Not delivered" not in str(status.blocks)


def test_someone_else_joining_the_channel_resumes_nothing(workspace: LocalWorkspace) -> None:
    start_round(workspace)
    workspace.emulator.leave_channel(CHANNEL, workspace.emulator.bot_user_id)
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="close")
    workspace.settle()
    workspace.sim.invite(CHAIR.id, "C0OPEN", ANA.id)
    workspace.settle()
    assert outcome_posts(workspace) == []


def test_an_outcome_refused_in_an_archived_channel_is_posted_once_it_is_unarchived(
    workspace: LocalWorkspace,
) -> None:
    start_round(workspace)
    workspace.emulator.faults.add(
        method="chat.postMessage", kind="error", error="is_archived", count=1
    )
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="close")
    workspace.settle()
    assert outcome_posts(workspace) == []
    assert "could not post the outcome" in chair_dms(workspace)[-1]
    workspace.emulator.faults.clear()
    assert workspace.sim.unarchive(CHAIR.id, CHANNEL).status == 200
    workspace.settle()
    assert len(outcome_posts(workspace)) == 1
