"""The bot as deployed (uvicorn, Bolt, SQL, scheduler) against the Slack emulator."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

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
T = TypeVar("T")


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
    # Settling waits for a quiet spell; on a busy machine the post may still be on its way.
    posted = _wait_for(
        lambda: next((m for m in ws.emulator.messages(CHANNEL) if not m.thread_ts), None),
        "the round message",
    )
    return str(posted.ts)


def last_ephemeral_text(ws: LocalWorkspace, user: str) -> str:
    ephemerals = ws.emulator.ephemerals(user=user)
    assert ephemerals, f"no ephemeral message for {user}"
    return str(ephemerals[-1].text)


def _wait_for(predicate: Callable[[], T | None], what: str, timeout: float = 60.0) -> T:
    """Poll (10 ms) until ``predicate`` gives a value; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value is not None:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def answer_to(ws: LocalWorkspace, user: str, channel: str, text: str) -> str:
    """``/consensus <text>`` typed by ``user`` in ``channel``: the private answer they see
    (its text and blocks), once it has arrived."""
    before = len(ws.emulator.ephemerals(user=user))
    response = ws.sim.slash_command(user, channel, text=text)
    assert response.status == 200, response.body
    if response.body.strip():  # answered in the acknowledgement itself
        return response.body

    def arrived() -> str | None:
        shown = ws.emulator.ephemerals(user=user)
        if len(shown) <= before:
            return None
        return str(shown[-1].text) + json.dumps(shown[-1].blocks or [])

    return _wait_for(arrived, f"the answer to {text!r}")


def home_of(ws: LocalWorkspace, user: str) -> str:
    """What ``user``'s App Home tab shows after they open it (published afresh)."""
    earlier = ws.emulator.home_view(user)
    assert ws.sim.open_app_home(user).status == 200

    def published() -> str | None:
        home = ws.emulator.home_view(user)
        if home is None or (earlier is not None and home.hash == earlier.hash):
            return None
        return json.dumps(home.blocks)

    return _wait_for(published, f"{user}'s Home tab")
