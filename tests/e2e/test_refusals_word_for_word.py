"""Refusals the core reports as codes read, word for word, as they did when the core wrote them:
the chair and the coordinators as mentions, the command's name, and what a person typed shown
exactly as typed (issue 12: the front end's catalog renders them)."""

from __future__ import annotations

import re

from harness.local import LocalWorkspace
from tests.e2e.conftest import ANA, BEN, CHAIR, CHANNEL, CY, last_ephemeral_text, start_round


def _answer(ws: LocalWorkspace, user: str, text: str) -> str:
    ws.sim.slash_command(user, CHANNEL, text=text)
    ws.settle()
    return last_ephemeral_text(ws, user)


def test_a_chair_only_command_names_the_chair_and_the_round_word_for_word(
    workspace: LocalWorkspace,
) -> None:
    start_round(workspace)
    text = _answer(workspace, ANA.id, "close")
    assert re.fullmatch(
        rf":warning: Only the chair \(<@{CHAIR.id}>\) can close round #\d+\. Ask them, or start "
        r"your own round with `/consensus start`\.",
        text,
    ), text


def test_a_refused_roster_change_names_the_admins_and_each_coordinator(
    workspace: LocalWorkspace,
) -> None:
    _answer(workspace, CHAIR.id, f"config coordinators {workspace.sim.mention(ANA.id)}")
    text = _answer(
        workspace, BEN.id, f"roster set {workspace.sim.mention(CY.id)} Riverside hospital voting"
    )
    assert text == (
        f":warning: Only the partnership's coordinators (workspace admins and <@{ANA.id}>) can "
        "change the roster. Ask one of them; a workspace admin can add coordinators with "
        "`/consensus config coordinators @name`."
    )


def test_a_tier_typed_with_markup_is_refused_and_shown_exactly_as_typed(
    workspace: LocalWorkspace,
) -> None:
    mention = workspace.sim.mention(CY.id)
    text = _answer(workspace, CHAIR.id, f"roster set {mention} Riverside hospital boss>&co")
    assert text == (
        ":warning: `boss&gt;&amp;co` is not a tier. Use `voting` (anchor/lead partners), "
        "`advisory` (associate partners: shown, not counted) or `observer` (no level)."
    )
