"""A level off the scale, as only a forged click can send one (the buttons go from 1 to 6):
signed and well-formed in every other way, it gets a clear private answer and records nothing.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest

from harness.local import LocalWorkspace
from tests.e2e.conftest import ANA, CHANNEL, last_ephemeral_text, start_round

REFUSAL = "That is not a level of the scale: levels go from 1 to 6."


def _forged_click(ws: LocalWorkspace, user: str, ts: str, action_id: str) -> int:
    """A block action for a button the round message does not have, as a tampering client
    would send it; returns the HTTP status of the answer."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "team_id": ws.emulator.team_id},
        "team": {"id": ws.emulator.team_id},
        "channel": {"id": CHANNEL},
        "container": {"type": "message", "message_ts": ts, "channel_id": CHANNEL},
        "trigger_id": ws.emulator.issue_trigger_id(user),
        "response_url": ws.emulator.issue_response_url(CHANNEL, user, message_ts=ts),
        "actions": [
            {"type": "button", "action_id": action_id, "block_id": "vote:1", "value": "1|1-4"}
        ],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    return ws.sim.send_raw(body, ws.sim.signed_headers(body)).status


@pytest.mark.parametrize("level", ["7", "0", "x", ""])
@pytest.mark.parametrize("kind", ["vote", "explain"])
def test_a_forged_level_gets_a_private_refusal_and_changes_nothing(
    workspace: LocalWorkspace, kind: str, level: str
) -> None:
    ts = start_round(workspace)
    before = workspace.round_message(CHANNEL).blocks
    assert _forged_click(workspace, ANA.id, ts, f"{kind}_{level}") == 200
    workspace.settle()
    assert REFUSAL in last_ephemeral_text(workspace, ANA.id)
    assert workspace.round_message(CHANNEL).blocks == before  # "0 of 5 have responded"
    assert workspace.bot is not None
    assert workspace.bot.service.stance_of(1, ANA.id) is None
    assert workspace.emulator.open_view(ANA.id) is None  # no form for a level that is none
