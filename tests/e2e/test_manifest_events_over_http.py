"""Every event manifest.yml subscribes to reaches a listener (Bolt answers 404 otherwise)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from harness.local import LocalWorkspace
from slack_emulator import SimResponse
from tests.e2e.conftest import ANA, CHANNEL
from tests.test_manifest import bot_events

EXAMPLES: dict[str, Callable[[LocalWorkspace], SimResponse]] = {
    "app_home_opened": lambda ws: ws.sim.open_app_home(ANA.id),
    "member_joined_channel": lambda ws: ws.sim.invite(ANA.id, CHANNEL, ws.emulator.bot_user_id),
    "channel_unarchive": lambda ws: ws.sim.unarchive(ANA.id, CHANNEL),
}


@pytest.mark.parametrize("event", bot_events())
def test_every_subscribed_event_reaches_a_listener_over_signed_http(
    workspace: LocalWorkspace, event: str
) -> None:
    assert event in EXAMPLES, f"add an example delivery of {event}"
    answer = EXAMPLES[event](workspace)
    assert answer.status == 200, f"{event}: no listener took it ({answer.status})"
    workspace.settle()
    assert all(call.status == 200 for call in workspace.emulator.calls)
