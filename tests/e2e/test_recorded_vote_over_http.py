"""A recorded vote's sector is checked against the roster, and a vote called by mistake is
cancelled visibly, through the real bot and the Slack emulator."""

from __future__ import annotations

from harness.local import LocalWorkspace
from tests.e2e.conftest import ANA, BEN, CHAIR, CHANNEL, answer_to


def _impasse(ws: LocalWorkspace) -> None:
    """A roster, sector protection on, and round #1 closed with No consensus."""
    for person, sector in ((CHAIR, "hospital"), (ANA, "hospital"), (BEN, "long-term-care")):
        answer_to(ws, CHAIR.id, CHANNEL, f"roster set <@{person.id}> Org {sector} voting")
    answer_to(ws, CHAIR.id, CHANNEL, "config vote protect on")
    voters = " ".join(f"<@{p.id}>" for p in (CHAIR, ANA, BEN))
    answer_to(ws, CHAIR.id, CHANNEL, f"start Close the Elm St site --voters {voters}")
    ws.settle()
    ts = ws.round_message(CHANNEL).ts
    ws.sim.click(CHAIR.id, CHANNEL, ts, "vote_1")
    ws.sim.click(BEN.id, CHANNEL, ts, "explain_6")
    ws.settle()
    ws.sim.submit_view(BEN.id, inputs={"reason_input": "Keep it open two days a week"})
    ws.settle()
    answer_to(ws, CHAIR.id, CHANNEL, "close #1")
    ws.settle()


def test_a_vote_sector_typo_is_refused_with_the_nearest_and_uses_up_nothing(
    workspace: LocalWorkspace,
) -> None:
    _impasse(workspace)
    reply = answer_to(workspace, CHAIR.id, CHANNEL, "vote #1 --sector long-term-cares")
    assert "is not a sector on this decision's roster" in reply
    assert "Did you mean `long-term-care`?" in reply
    reply = answer_to(workspace, CHAIR.id, CHANNEL, "vote #1 --sector long-term-care")
    assert "Recorded vote 1 on proposal #1 is open" in reply


def test_the_chair_cancels_a_vote_called_by_mistake_visibly_and_may_call_one_again(
    workspace: LocalWorkspace,
) -> None:
    _impasse(workspace)
    answer_to(workspace, CHAIR.id, CHANNEL, "vote #1")
    workspace.settle()
    refused = answer_to(workspace, ANA.id, CHANNEL, 'vote cancel 1 --reason "mine"')
    assert "Only the chair who called recorded vote 1 can cancel it" in refused
    reply = answer_to(
        workspace, CHAIR.id, CHANNEL, "vote cancel 1 --reason “called before the revision”"
    )
    assert "Cancelled recorded vote 1" in reply
    workspace.settle()
    posted = [m.text for m in workspace.emulator.messages(CHANNEL)]
    assert any(
        "Recorded vote 1 on proposal #1 was cancelled by" in t and "called before the revision" in t
        for t in posted
    ), posted
    log = answer_to(workspace, CHAIR.id, CHANNEL, "log #1")
    shown = str(workspace.emulator.ephemerals(user=CHAIR.id)[-1].blocks) + log
    assert "Recorded vote 1 on #1: cancelled" in shown
    assert "cancelled recorded vote 1: called before the revision" in shown
    again = answer_to(workspace, CHAIR.id, CHANNEL, "vote #1")
    assert "Recorded vote 2 on proposal #1 is open" in again


def test_a_vote_deadline_that_is_not_one_is_refused_at_once_and_calls_no_vote(
    workspace: LocalWorkspace,
) -> None:
    _impasse(workspace)
    reply = answer_to(workspace, CHAIR.id, CHANNEL, "vote #1 --deadline soon")
    assert "`soon` is not a deadline. Use a duration such as `3d`" in reply
    reply = answer_to(workspace, CHAIR.id, CHANNEL, "vote #1 --deadline 2d")
    assert "Recorded vote 1 on proposal #1 is open" in reply
