"""`/consensus log #N` through the real bot and the Slack emulator: while a round is open the
record says who responded, never their level or what they wrote; once it closes, both."""

from __future__ import annotations

from harness.local import LocalWorkspace
from tests.e2e.conftest import ANA, BEN, CHAIR, CHANNEL, answer_to, start_round

REASON = "Pilot it in one clinic first"


def _log(ws: LocalWorkspace) -> str:
    """The text of the chair's private answer to `/consensus log #1`, as they read it."""
    answer_to(ws, CHAIR.id, CHANNEL, "log #1")
    answer = ws.emulator.ephemerals(user=CHAIR.id)[-1]
    texts = [b["text"]["text"] for b in answer.blocks or [] if "text" in b]
    texts += [e["text"] for b in answer.blocks or [] for e in b.get("elements", [])]
    return "\n".join(texts)


def test_the_log_of_an_open_round_shows_who_responded_and_the_levels_only_after_the_close(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    workspace.sim.click(ANA.id, CHANNEL, ts, "vote_2")
    workspace.sim.click(BEN.id, CHANNEL, ts, "explain_6")
    workspace.settle()
    workspace.sim.submit_view(BEN.id, inputs={"reason_input": REASON})
    workspace.settle()

    during = _log(workspace)
    assert f"<@{ANA.id}> responded" in during
    assert f"<@{BEN.id}> responded" in during
    assert "stated level" not in during
    assert REASON not in during

    answer_to(workspace, CHAIR.id, CHANNEL, "close #1")
    workspace.settle()
    after = _log(workspace)
    assert f"<@{ANA.id}> stated level 2" in after
    assert f"<@{BEN.id}> stated level 6 — {REASON}" in after
    assert f"<@{ANA.id}> responded" not in after
