"""Through the emulator: the App Home tab, and the governance commands as people use them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command

from harness.local import LocalWorkspace, Person
from storage.engine import create_schema, make_engine
from storage.migrate import alembic_config

CHANNEL = "C0PARTNERS"
CHAIR = Person("U0CHAIR", "amira", "Amira Haddad", is_admin=True)
SPEAKER = Person("U0SPEAK", "hal", "Hal Stone (hospital speaker)")
NURSE = Person("U0NURSE", "nia", "Nia Grant (hospital)")
PRIMARY = Person("U0PRIMARY", "raj", "Raj Patel (primary care)")
WATCHER = Person("U0WATCH", "jo", "Jo Bright (observer)")
PEOPLE = (CHAIR, SPEAKER, NURSE, PRIMARY, WATCHER)


def _database(tmp_path: Path) -> str:
    """Every table (governance included) made up front and stamped, so start-up leaves it."""
    url = f"sqlite:///{tmp_path / 'home.db'}"
    engine = make_engine(url)
    create_schema(engine)
    with engine.begin() as connection:
        command.stamp(alembic_config(connection), "head")
    engine.dispose()
    return url


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[LocalWorkspace]:
    channels = {CHANNEL: ("partners", [p.id for p in PEOPLE])}
    with LocalWorkspace(PEOPLE, channels, database_url=_database(tmp_path)) as workspace:
        yield workspace


def _home_text(ws: LocalWorkspace, user: str) -> str:
    response = ws.sim.open_app_home(user)
    assert response.status == 200
    ws.settle()
    home = ws.emulator.home_view(user)
    assert home is not None, "the Home tab was not published"
    return json.dumps(home.blocks)


def _ephemeral(ws: LocalWorkspace, user: str) -> str:
    ephemerals = ws.emulator.ephemerals(user=user)
    assert ephemerals
    return str(ephemerals[-1].text) + json.dumps(ephemerals[-1].blocks or [])


def _roster(ws: LocalWorkspace) -> None:
    for text in (
        f"roster set <@{CHAIR.id}> Riverside FHT primary-care voting",
        f"roster set <@{SPEAKER.id}> Lakeridge Health hospital voting speaker",
        f"roster set <@{NURSE.id}> Lakeridge Health hospital voting",
        f"roster set <@{PRIMARY.id}> Lakeshore CHC primary-care voting",
        f"roster set <@{WATCHER.id}> Durham Region public-health observer",
    ):
        assert ws.sim.slash_command(CHAIR.id, CHANNEL, text=text).status == 200
    ws.settle()


def test_home_shows_a_voter_the_round_waiting_for_their_level_then_nothing(
    ws: LocalWorkspace,
) -> None:
    assert "Nothing is waiting for you" in _home_text(ws, PRIMARY.id)
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="start Adopt the shared referral form")
    ws.settle()
    waiting = _home_text(ws, PRIMARY.id)
    assert "Adopt the shared referral form" in waiting
    assert "Nothing is waiting for you" not in waiting
    ts = ws.round_message(CHANNEL).ts
    ws.sim.click(PRIMARY.id, CHANNEL, ts, "vote_2")
    ws.settle()
    assert "Nothing is waiting for you" in _home_text(ws, PRIMARY.id)
    ws.sim.click(CHAIR.id, CHANNEL, ts, "round_close")
    ws.settle()
    recent = _home_text(ws, PRIMARY.id)
    assert "Recent decisions" in recent and "No quorum" in recent


def test_roster_speaker_observer_and_sector_counts_through_slack(ws: LocalWorkspace) -> None:
    _roster(ws)
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="roster")
    ws.settle()
    shown = _ephemeral(ws, CHAIR.id)
    assert "Lakeridge Health" in shown and "speaker" in shown
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="start Adopt the shared referral form")
    ws.settle()
    ts = ws.round_message(CHANNEL).ts
    ws.sim.click(WATCHER.id, CHANNEL, ts, "vote_1")
    ws.settle()
    assert "You observe round" in _ephemeral(ws, WATCHER.id)
    ws.sim.click(SPEAKER.id, CHANNEL, ts, "vote_1")
    ws.sim.click(NURSE.id, CHANNEL, ts, "explain_6")
    ws.finish_requests()  # the form opens after the acknowledgement
    ws.sim.submit_view(NURSE.id, inputs={"reason_input": "Pilot it on one ward first."})
    ws.sim.click(PRIMARY.id, CHANNEL, ts, "vote_2")
    ws.sim.click(CHAIR.id, CHANNEL, ts, "vote_1")
    ws.settle()
    ws.sim.click(CHAIR.id, CHANNEL, ts, "round_close")
    ws.settle()
    outcome = json.dumps(ws.emulator.messages(CHANNEL)[-1].blocks)
    assert "Consensus reached" in outcome  # the hospital's other person is advisory
    assert "By sector" in outcome and "Advisory input" in outcome


def test_a_vote_without_a_failed_round_is_refused_and_a_revision_opens_a_prefilled_form(
    ws: LocalWorkspace,
) -> None:
    ws.sim.slash_command(
        CHAIR.id,
        CHANNEL,
        text=f"start Adopt the shared referral form --voters <@{CHAIR.id}> <@{PRIMARY.id}>",
    )
    ws.settle()
    ts = ws.round_message(CHANNEL).ts
    ws.sim.click(CHAIR.id, CHANNEL, ts, "vote_1")
    ws.sim.click(PRIMARY.id, CHANNEL, ts, "explain_5")
    ws.finish_requests()  # the form opens after the acknowledgement
    ws.sim.submit_view(PRIMARY.id, inputs={"reason_input": "Who pays for the training?"})
    ws.settle()
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="vote")
    ws.settle()
    assert "No round here has ended without consensus" in _ephemeral(ws, CHAIR.id)
    ws.sim.click(CHAIR.id, CHANNEL, ts, "round_close")
    ws.settle()
    outcome = ws.emulator.messages(CHANNEL)[-1]
    ws.sim.click(PRIMARY.id, CHANNEL, outcome.ts, "round_revise")
    ws.settle()
    assert "Only the chair" in _ephemeral(ws, PRIMARY.id)
    ws.sim.click(CHAIR.id, CHANNEL, outcome.ts, "round_revise")
    ws.settle()
    modal = ws.emulator.open_view(CHAIR.id)
    assert modal is not None and "Who pays for the training?" in json.dumps(modal.blocks)
    result = ws.sim.submit_view(
        CHAIR.id, inputs={"answers_input": "The hospital funds the training."}
    )
    assert result.ui_error is None and not result.errors
    ws.settle()
    revision = [m for m in ws.emulator.messages(CHANNEL) if "revision 2" in m.text]
    assert revision, "the revision round was not posted"
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="log #1")
    ws.settle()
    assert "Round 2" in _ephemeral(ws, CHAIR.id)
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="vote #1")
    ws.settle()
    vote_message = ws.emulator.messages(CHANNEL)[-1]
    assert "Recorded vote" in vote_message.text
    ws.sim.click(PRIMARY.id, CHANNEL, vote_message.ts, "ballot_for")
    ws.settle()
    assert "Recorded your vote" in _ephemeral(ws, PRIMARY.id)


def test_home_explains_a_recent_decision_with_its_outcome_sentence(ws: LocalWorkspace) -> None:
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="start Adopt the shared referral form")
    ws.settle()
    ts = ws.round_message(CHANNEL).ts
    ws.sim.click(PRIMARY.id, CHANNEL, ts, "vote_1")
    ws.settle()
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="close")
    ws.settle()
    home = json.loads(_home_text(ws, PRIMARY.id))
    text = " ".join(b["text"]["text"] for b in home if b["type"] == "section")
    assert "*No quorum*: only 1 of 5 responded and 4 were needed" in text
    assert "/consensus revise #1" in text
