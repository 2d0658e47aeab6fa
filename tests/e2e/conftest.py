"""The bot as deployed (uvicorn, Bolt, SQL, scheduler) against the Slack emulator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.local import LocalWorkspace, Person

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
    ws.settle()
    return str(ws.round_message(CHANNEL).ts)


def last_ephemeral_text(ws: LocalWorkspace, user: str) -> str:
    ephemerals = ws.emulator.ephemerals(user=user)
    assert ephemerals, f"no ephemeral message for {user}"
    return str(ephemerals[-1].text)
