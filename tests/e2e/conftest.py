"""The bot as deployed (uvicorn, Bolt, SQL, scheduler) against the Slack emulator."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from harness.local import LocalWorkspace, Person

CHANNEL = "C0PARTNERS"
CHAIR = Person("U0CHAIR", "amira", "Amira Haddad", is_admin=True)
ANA = Person("U0ANA", "ana", "Ana Silva")
BEN = Person("U0BEN", "ben", "Ben Roy", "America/Vancouver")
CY = Person("U0CY", "cy", "Cy Park")
DEE = Person("U0DEE", "dee", "Dee Lam")
GUEST = Person("U0GUEST", "guest", "A Guest")
VOTERS = (CHAIR, ANA, BEN, CY, DEE)


@pytest.fixture
def workspace(database_url: str) -> Iterator[LocalWorkspace]:
    """On SQLite and on PostgreSQL (the `database_url` fixture in tests/conftest.py)."""
    people = [*VOTERS, GUEST]
    channels = {
        CHANNEL: ("partners", [p.id for p in VOTERS]),
        "C0STEER": ("steering", [CHAIR.id, ANA.id]),
        "C0OPEN": ("open", [p.id for p in people]),
    }
    with LocalWorkspace(people, channels, database_url=database_url) as ws:
        yield ws


def start_round(ws: LocalWorkspace, text: str = "Adopt the shared referral form") -> str:
    """Start a round as the chair in #partners; return the round message's ts."""
    response = ws.sim.slash_command(CHAIR.id, CHANNEL, text=f"start {text}")
    assert response.status == 200
    ws.settle()  # the command's work is finished and its due work delivered
    return str(ws.round_message(CHANNEL).ts)


def last_ephemeral_text(ws: LocalWorkspace, user: str) -> str:
    ephemerals = ws.emulator.ephemerals(user=user)
    assert ephemerals, f"no ephemeral message for {user}"
    return str(ephemerals[-1].text)


def answer_to(ws: LocalWorkspace, user: str, channel: str, text: str) -> str:
    """``/consensus <text>`` typed by ``user`` in ``channel``: the private answer they see
    (its text and blocks), once the bot has finished the command."""
    before = len(ws.emulator.ephemerals(user=user))
    response = ws.sim.slash_command(user, channel, text=text)
    assert response.status == 200, response.body
    if response.body.strip():  # answered in the acknowledgement itself
        return response.body
    ws.finish_requests()  # the answer is sent after the ack
    shown = ws.emulator.ephemerals(user=user)
    assert len(shown) > before, f"no answer to {text!r}"
    return str(shown[-1].text) + json.dumps(shown[-1].blocks or [])


def home_of(ws: LocalWorkspace, user: str) -> str:
    """What ``user``'s App Home tab shows after they open it (published afresh)."""
    earlier = ws.emulator.home_view(user)
    assert ws.sim.open_app_home(user).status == 200
    ws.finish_requests()  # the tab is published after the event's ack
    home = ws.emulator.home_view(user)
    assert home is not None and (earlier is None or home.hash != earlier.hash), (
        f"{user}'s Home tab was not published afresh"
    )
    return json.dumps(home.blocks)
