"""Who can be a voter: people in the channel, not bots, apps or deactivated accounts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.local import LocalWorkspace
from tests.e2e.conftest import ANA, BEN, CHAIR, CHANNEL, GUEST, VOTERS, last_ephemeral_text

GONE = "U0GONE"
HELPER_BOT = "U0HELPER"


@pytest.fixture
def ws() -> Iterator[LocalWorkspace]:
    workspace = LocalWorkspace([*VOTERS, GUEST], {})
    workspace.emulator.add_user(GONE, "gone", deleted=True)
    workspace.emulator.add_user(HELPER_BOT, "helper", is_bot=True)
    members = [p.id for p in VOTERS] + [GONE, HELPER_BOT]
    workspace.emulator.add_channel(CHANNEL, "partners", members)
    with workspace:
        yield workspace


def _start(ws: LocalWorkspace, text: str) -> str:
    assert ws.sim.slash_command(CHAIR.id, CHANNEL, text=f"start {text}").status == 200
    ws.settle()
    return last_ephemeral_text(ws, CHAIR.id)


def test_naming_the_bot_itself_as_a_voter_is_refused_and_opens_nothing(
    ws: LocalWorkspace,
) -> None:
    bot = ws.emulator.bot_user_id
    reply = _start(ws, f"Adopt the form --voters <@{ANA.id}> <@{bot}>")
    assert "No round was opened" in reply
    assert f"<@{bot}> is a bot or an app, not a person" in reply
    assert "Leave them out of `--voters`" in reply
    assert not ws.emulator.messages(CHANNEL)


def test_naming_a_deactivated_or_unknown_account_is_refused_with_who_and_why(
    ws: LocalWorkspace,
) -> None:
    reply = _start(ws, f"Adopt the form --voters <@{ANA.id}> <@{GONE}> <@U0NOBODY>")
    assert f"<@{GONE}> has a deactivated Slack account" in reply
    assert "`U0NOBODY` is not an account of this workspace" in reply
    assert not ws.emulator.messages(CHANNEL)


def test_a_voter_outside_the_channel_is_refused_unless_the_chair_includes_them(
    ws: LocalWorkspace,
) -> None:
    reply = _start(ws, f"Adopt the form --voters <@{ANA.id}> <@{GUEST.id}>")
    assert f"<@{GUEST.id}> is not in this channel" in reply
    assert "--include-outside" in reply
    assert not ws.emulator.messages(CHANNEL)

    reply = _start(ws, f"Adopt the form --voters <@{ANA.id}> <@{GUEST.id}> --include-outside")
    assert "Proposal #1 is open for 2 voters" in reply
    assert f"<@{GUEST.id}> is not in this channel" in reply
    assert "cannot see the round's thread or its outcome" in reply
    # The warning is the chair's alone.
    assert not [e for e in ws.emulator.ephemerals(user=ANA.id) if "not in this channel" in e.text]


def test_deactivated_members_and_bots_of_the_channel_are_not_asked_and_the_chair_is_told(
    ws: LocalWorkspace,
) -> None:
    reply = _start(ws, "Adopt the form")
    assert f"Proposal #1 is open for {len(VOTERS)} voters" in reply
    assert f"Not asked: <@{GONE}> has a deactivated Slack account" in reply
    assert HELPER_BOT not in reply  # bots in a channel are expected; not news to the chair
    assert f"0 of {len(VOTERS)} have responded" in ws.round_message(CHANNEL).text
    assert BEN.id  # the conftest's people are the channel's voters
