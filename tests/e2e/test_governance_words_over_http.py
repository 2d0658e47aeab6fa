"""The governance front end words what the core reports as data (issue 12), end to end:
problem codes rendered from the catalog, a setting's confirmation, and a revision's headings
rendered from the marks the core stores."""

from __future__ import annotations

import json

from harness.local import LocalWorkspace
from slack_emulator import markup
from slack_emulator.transcript import render_mrkdwn
from tests.e2e.conftest import BEN, CHAIR, CHANNEL, GUEST, answer_to, start_round


def test_removing_someone_not_on_the_roster_names_them_and_says_where_to_look(
    workspace: LocalWorkspace,
) -> None:
    answer = answer_to(workspace, CHAIR.id, CHANNEL, f"roster remove <@{GUEST.id}>")
    assert f"<@{GUEST.id}> is not on the roster. `/consensus roster` shows it." in answer


def test_a_changed_setting_is_confirmed_in_words(workspace: LocalWorkspace) -> None:
    answer = answer_to(workspace, CHAIR.id, CHANNEL, "config vote threshold 3/4")
    assert "Recorded votes now: passes with 3/4 of votes cast" in answer
    answer = answer_to(workspace, CHAIR.id, CHANNEL, "config representation organisation")
    assert (
        "A speaker now speaks for their organisation. Rounds opened from now on use this." in answer
    )


def test_revising_a_round_that_is_still_open_says_how_to_close_it(
    workspace: LocalWorkspace,
) -> None:
    start_round(workspace)
    round_id = workspace.round_message(CHANNEL).text.split("#")[1].split(":")[0]
    assert workspace.sim.slash_command(CHAIR.id, CHANNEL, text=f"revise #{round_id}").ok
    workspace.settle()
    notice = workspace.emulator.open_view(CHAIR.id)
    assert notice is not None
    answer = json.dumps(notice.blocks, ensure_ascii=False)
    assert (
        f"Round #{round_id} is still open. Let it close (or `/consensus close #{round_id}`); "
        "a revision follows a round without consensus."
    ) in answer


def _close(ws: LocalWorkspace) -> str:
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="close")
    ws.settle()
    return str(ws.emulator.messages(CHANNEL)[-1].ts)


def _revise(ws: LocalWorkspace, outcome_ts: str, **inputs: str) -> None:
    ws.sim.click(CHAIR.id, CHANNEL, outcome_ts, "round_revise")
    ws.settle()
    result = ws.sim.submit_view(CHAIR.id, inputs=inputs)
    assert result.status == 200 and not result.errors, result.errors
    ws.settle()


def test_a_revision_of_a_revision_keeps_the_adopted_alternatives_heading_and_mention(
    workspace: LocalWorkspace,
) -> None:
    ts = start_round(workspace)
    workspace.sim.click(BEN.id, CHANNEL, ts, "explain_6")
    workspace.settle()
    workspace.sim.submit_view(BEN.id, inputs={"reason_input": "Pilot first"})
    _revise(workspace, _close(workspace), details_input="Beds < 10", adopt_input=BEN.id)
    # Nobody responds to the revision: it ends without quorum and may be revised again, with
    # its details (heading and all) prefilled and submitted as they are.
    _revise(workspace, _close(workspace))
    (third,) = [m for m in workspace.emulator.messages(CHANNEL) if "revision 3" in m.text]
    details = third.blocks[1]["text"]["text"]
    assert (
        details == f"Beds &lt; 10\n\n*Adopts the alternative offered by <@{BEN.id}>:* Pilot first"
    )
    mentioned = {t.target for t in markup.markup(details) if t.kind == markup.USER}
    assert mentioned == {BEN.id}
    assert render_mrkdwn(details).startswith("Beds < 10\n\n")
