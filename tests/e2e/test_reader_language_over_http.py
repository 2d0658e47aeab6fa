"""Through the emulator: what only one person reads comes in the language they chose in
Slack (their locale, read with users.info / users.list ``include_locale``); what the channel
reads stays in the partnership's language (English)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from harness.local import LocalWorkspace, Person
from tests.e2e.conftest import last_ephemeral_text

CHANNEL = "C0PARTNERS"
CHAIR = Person("U0CHAIR", "amira", "Amira Haddad", is_admin=True)
ELODIE = Person("U0ELO", "elodie", "Élodie Roy", locale="fr-CA")
BEN = Person("U0BEN", "ben", "Ben Roy", locale="en-US")


@pytest.fixture
def ws(database_url: str) -> Iterator[LocalWorkspace]:
    people = (CHAIR, ELODIE, BEN)
    channels = {CHANNEL: ("partners", [p.id for p in people])}
    with LocalWorkspace(people, channels, database_url=database_url) as workspace:
        assert workspace.sim.slash_command(CHAIR.id, CHANNEL, text="start Adopt the form").status
        workspace.settle()
        yield workspace


def _vote(ws: LocalWorkspace, person: Person, level: int) -> str:
    ts = str(ws.round_message(CHANNEL).ts)
    assert ws.sim.click(person.id, CHANNEL, ts, f"vote_{level}").status == 200
    ws.settle()
    return last_ephemeral_text(ws, person.id)


def _typed(ws: LocalWorkspace, person: Person, text: str) -> str:
    """The private answer to ``/consensus <text>``, in the acknowledgement or after it."""
    before = len(ws.emulator.ephemerals(user=person.id))
    response = ws.sim.slash_command(person.id, CHANNEL, text=text)
    assert response.status == 200
    if response.body.strip():
        return str(json.loads(response.body)["text"])
    ws.finish_requests()
    shown = ws.emulator.ephemerals(user=person.id)
    assert len(shown) > before
    return str(shown[-1].text)


def test_a_french_speaker_is_told_in_french_that_their_level_is_recorded(
    ws: LocalWorkspace,
) -> None:
    told = _vote(ws, ELODIE, 1)
    assert "Enregistré pour la proposition #1 : *1 Appui total*" in told
    assert "J'appuierai activement sa mise en œuvre." in told
    assert "Votre niveau compte pour le résultat." in told
    assert "Vous pouvez le changer en tout temps avant le" in told


def test_an_english_speaker_in_the_same_round_is_told_in_english(ws: LocalWorkspace) -> None:
    _vote(ws, ELODIE, 1)
    told = _vote(ws, BEN, 2)
    assert "Recorded for proposal #1: *2 Acceptable*" in told
    assert "Your level counts toward the outcome." in told


def test_a_refusal_reads_in_the_language_of_the_person_refused(ws: LocalWorkspace) -> None:
    french = _typed(ws, ELODIE, "extend #1 1d")
    english = _typed(ws, BEN, "extend #1 1d")
    assert f"Seule la présidence (<@{CHAIR.id}>) peut prolonger le tour n° 1." in french
    assert f"Only the chair (<@{CHAIR.id}>) can extend round #1." in english


def test_a_mistyped_command_is_refused_in_the_typists_language(ws: LocalWorkspace) -> None:
    assert "n'est pas une échéance" in _typed(ws, ELODIE, "start Adopt --deadline soon")
    assert "is not a deadline" in _typed(ws, BEN, "start Adopt --deadline soon")


def test_the_round_message_in_the_channel_stays_in_the_partnerships_language(
    ws: LocalWorkspace,
) -> None:
    _vote(ws, ELODIE, 1)
    message = ws.round_message(CHANNEL)
    assert "1 of 3 have responded" in str(message.text)


def test_status_and_help_read_in_the_askers_language(ws: LocalWorkspace) -> None:
    _vote(ws, ELODIE, 1)
    ws.sim.slash_command(ELODIE.id, CHANNEL, text="status")
    ws.finish_requests()
    status = json.dumps(ws.emulator.ephemerals(user=ELODIE.id)[-1].blocks, ensure_ascii=False)
    assert "*Proposition #1 : Adopt the form* (ouvert)" in status
    assert "Votre niveau : *1 Appui total*. Votre niveau compte pour le résultat." in status
    response = ws.sim.slash_command(ELODIE.id, CHANNEL, text="help")
    assert "*Tours de consensus*" in json.loads(response.body)["blocks"][0]["text"]["text"]
