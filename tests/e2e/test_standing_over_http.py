"""Through the emulator: every person told the truth about their own response (counted,
advisory and why, observer) where they act, in `/consensus status` and on the Home tab; and
reservations that survive level changes, with a level change noted once in the thread."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from harness.local import LocalWorkspace, Person
from tests.e2e.conftest import answer_to, home_of, last_ephemeral_text

CHANNEL = "C0PARTNERS"
CHAIR = Person("U0CHAIR", "amira", "Amira Haddad", is_admin=True)  # primary care, own seat
SPEAKER = Person("U0SPEAK", "hal", "Hal Stone")  # hospital speaker
ALTERNATE = Person("U0ALT", "ali", "Ali Khan")  # hospital alternate
NURSE = Person("U0NURSE", "nia", "Nia Grant")  # hospital member, behind the speaker
ASSOC = Person("U0ASSOC", "cam", "Cam Doe")  # advisory partner
WATCHER = Person("U0WATCH", "jo", "Jo Bright")  # observer
PEOPLE = (CHAIR, SPEAKER, ALTERNATE, NURSE, ASSOC, WATCHER)
SHOWN_NOT_COUNTED = "advisory: shown with the outcome, not counted"


@pytest.fixture
def ws(database_url: str) -> Iterator[LocalWorkspace]:
    channels = {CHANNEL: ("partners", [p.id for p in PEOPLE])}
    with LocalWorkspace(PEOPLE, channels, database_url=database_url) as workspace:
        for text in (
            f"roster set <@{CHAIR.id}> Riverside FHT primary-care voting",
            f"roster set <@{SPEAKER.id}> Lakeridge Health hospital voting speaker",
            f"roster set <@{ALTERNATE.id}> Lakeridge Health hospital voting alternate",
            f"roster set <@{NURSE.id}> Lakeridge Health hospital voting",
            f"roster set <@{ASSOC.id}> Community Care Durham community-support advisory",
            f"roster set <@{WATCHER.id}> Durham Region public-health observer",
        ):
            assert workspace.sim.slash_command(CHAIR.id, CHANNEL, text=text).status == 200
            workspace.settle()
        yield workspace


def _start(ws: LocalWorkspace) -> str:
    assert (
        ws.sim.slash_command(CHAIR.id, CHANNEL, text="start Adopt the referral form").status == 200
    )
    ws.settle()
    return str(ws.round_message(CHANNEL).ts)


def _click(ws: LocalWorkspace, person: Person, ts: str, action: str) -> str:
    assert ws.sim.click(person.id, CHANNEL, ts, action).status == 200
    ws.settle()
    return last_ephemeral_text(ws, person.id)


def _explain(ws: LocalWorkspace, person: Person, ts: str, level: int, text: str) -> None:
    ws.sim.click(person.id, CHANNEL, ts, f"explain_{level}")
    ws.settle()
    assert ws.sim.submit_view(person.id, inputs={"reason_input": text}).status == 200
    ws.settle()


def _status(ws: LocalWorkspace, person: Person) -> str:
    return answer_to(ws, person.id, CHANNEL, "status")


# ------------------------------------------------------------------ at the moment they act
def test_a_voter_with_a_seat_of_their_own_is_told_their_level_counts(ws: LocalWorkspace) -> None:
    ts = _start(ws)
    assert "Your level counts toward the outcome." in _click(ws, CHAIR, ts, "vote_1")


def test_a_member_behind_the_speaker_is_told_their_level_is_shown_not_counted(
    ws: LocalWorkspace,
) -> None:
    ts = _start(ws)
    _click(ws, SPEAKER, ts, "vote_2")
    told = _click(ws, NURSE, ts, "vote_3")
    assert SHOWN_NOT_COUNTED in told
    assert "speaker and alternates of the Hospital sector speak for it" in told
    assert f"<@{SPEAKER.id}>'s level counts for it" in told


def test_an_alternate_counts_until_the_speaker_answers_and_is_then_told_why_not(
    ws: LocalWorkspace,
) -> None:
    ts = _start(ws)
    first = _click(ws, ALTERNATE, ts, "vote_2")
    assert "Your level counts for the Hospital sector while its speaker has not responded" in first
    _click(ws, SPEAKER, ts, "vote_1")
    again = _click(ws, ALTERNATE, ts, "vote_3")
    assert SHOWN_NOT_COUNTED in again
    assert f"<@{SPEAKER.id}> ranks before you for the Hospital sector" in again


def test_an_advisory_partner_is_told_their_level_is_advisory_and_why(ws: LocalWorkspace) -> None:
    ts = _start(ws)
    told = _click(ws, ASSOC, ts, "vote_4")
    assert SHOWN_NOT_COUNTED in told and "advisory (associate) partner" in told


def test_an_observer_is_told_they_observe_when_they_click_and_in_status(
    ws: LocalWorkspace,
) -> None:
    ts = _start(ws)
    assert "You observe round" in _click(ws, WATCHER, ts, "vote_1")
    assert "You observe this round" in _status(ws, WATCHER)


def test_a_reminder_dm_click_is_answered_with_whether_the_level_counts(
    ws: LocalWorkspace,
) -> None:
    ts = _start(ws)
    ws.sim.click(CHAIR.id, CHANNEL, ts, "round_remind")
    ws.settle()
    _click(ws, SPEAKER, ts, "vote_1")  # after the reminder went out
    dm = ws.emulator.dm_channel(ALTERNATE.id)
    reminders = ws.emulator.messages(dm)
    assert len(reminders) == 1
    assert ws.sim.click(ALTERNATE.id, dm, reminders[0].ts, "vote_2").status == 200
    ws.settle()
    told = last_ephemeral_text(ws, ALTERNATE.id)
    assert SHOWN_NOT_COUNTED in told and f"<@{SPEAKER.id}> ranks before you" in told


# ------------------------------------------------------------------ status and Home
def test_status_tells_a_member_who_chose_6_their_level_and_that_it_is_not_counted(
    ws: LocalWorkspace,
) -> None:
    ts = _start(ws)
    _explain(ws, NURSE, ts, 6, "Pilot it in one clinic first")
    status = _status(ws, NURSE)
    assert "You have not responded yet" not in status
    assert "Your level: *6 Cannot support*" in status and SHOWN_NOT_COUNTED in status


def test_status_tells_a_speaker_who_has_not_responded_that_their_level_would_count(
    ws: LocalWorkspace,
) -> None:
    ts = _start(ws)
    _click(ws, ALTERNATE, ts, "vote_2")
    status = _status(ws, SPEAKER)
    assert "You have not responded yet. Your level would count for the Hospital sector" in status


def test_counts_agree_as_seats_and_people_on_the_message_status_and_home(
    ws: LocalWorkspace,
) -> None:
    ts = _start(ws)
    _click(ws, ALTERNATE, ts, "vote_2")
    _click(ws, NURSE, ts, "vote_3")
    _click(ws, ASSOC, ts, "vote_1")
    # Seats: primary care (the chair) and the hospital; people asked: five (not the observer).
    count = "1 of 2 seats have responded (3 of 5 people)"
    assert count in json.dumps(ws.round_message(CHANNEL).blocks)
    assert count in _status(ws, CHAIR)
    assert count in home_of(ws, CHAIR.id)


def test_home_does_not_call_a_speaker_advisory_after_their_alternate_answered(
    ws: LocalWorkspace,
) -> None:
    ts = _start(ws)
    _click(ws, ALTERNATE, ts, "vote_2")
    speaker_home = home_of(ws, SPEAKER.id)
    assert "Adopt the referral form" in speaker_home and "advisory" not in speaker_home
    nurse_home = home_of(ws, NURSE.id)
    assert "your level would be advisory: the speaker of the Hospital sector" in nurse_home
    assert "you are an advisory partner" in home_of(ws, ASSOC.id)


# ------------------------------------------------------------------ reservations
def test_the_level_6_form_opens_with_the_saved_alternative(ws: LocalWorkspace) -> None:
    ts = _start(ws)
    _explain(ws, CHAIR, ts, 6, "Pilot it in one clinic first")
    _click(ws, CHAIR, ts, "vote_3")
    ws.sim.click(CHAIR.id, CHANNEL, ts, "explain_6")
    ws.settle()
    modal = ws.emulator.open_view(CHAIR.id)
    assert modal is not None
    assert '"initial_value": "Pilot it in one clinic first"' in json.dumps(modal.blocks)


def test_a_reservation_is_kept_from_3_to_2_and_saving_its_form_unchanged_keeps_it(
    ws: LocalWorkspace,
) -> None:
    ts = _start(ws)
    _click(ws, CHAIR, ts, "vote_3")
    confirmation = [e for e in ws.emulator.ephemerals(user=CHAIR.id) if e.blocks][-1]
    ws.sim.click_ephemeral(CHAIR.id, confirmation, "add_reservation")
    ws.settle()
    ws.sim.submit_view(CHAIR.id, inputs={"reason_input": "Costs fall on home care"})
    ws.settle()
    moved = _click(ws, CHAIR, ts, "vote_2")
    assert "Your reservation: Costs fall on home care" in moved
    confirmation = [e for e in ws.emulator.ephemerals(user=CHAIR.id) if e.blocks][-1]
    ws.sim.click_ephemeral(CHAIR.id, confirmation, "add_reservation")
    ws.settle()
    modal = ws.emulator.open_view(CHAIR.id)
    assert modal is not None and "Costs fall on home care" in json.dumps(modal.blocks)
    assert ws.sim.submit_view(CHAIR.id).status == 200  # saved unchanged
    ws.settle()
    assert "Saved your reservation" in last_ephemeral_text(ws, CHAIR.id)
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="close")
    ws.settle()
    assert "Costs fall on home care" in json.dumps(ws.emulator.messages(CHANNEL)[-1].blocks)


def test_a_level_change_after_a_6_is_noted_once_and_the_old_line_no_longer_misleads(
    ws: LocalWorkspace,
) -> None:
    ts = _start(ws)
    _explain(ws, CHAIR, ts, 6, "Pilot it in one clinic first")
    _click(ws, CHAIR, ts, "vote_3")
    _click(ws, CHAIR, ts, "vote_3")  # the same level again: nothing more to note
    ws.settle()
    thread = ws.emulator.replies(CHANNEL, ts)
    notes = [m for m in thread if "has changed their level from 6" in m.text]
    assert len(notes) == 1
    assert "their earlier alternative is kept in the record" in notes[0].text
    assert "3" not in notes[0].text.replace(CHAIR.id, ""), "the new level stays private"
    explanation = next(m for m in thread if "Pilot it in one clinic first" in m.text)
    assert "has since changed their level" in explanation.text
