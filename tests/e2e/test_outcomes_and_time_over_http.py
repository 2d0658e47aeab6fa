"""Issue 11, items 7 and 8, as people see them: the outcome in one plain sentence with its
reason and next step, the distribution as text, an escalation's resolution told to both
channels once, and deadlines and reminders in each person's own time zone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.clock import ManualClock
from harness.local import LocalWorkspace, Person
from tests.e2e.conftest import (
    ANA,
    BEN,
    CHAIR,
    CHANNEL,
    CY,
    DEE,
    VOTERS,
    answer_to,
    last_ephemeral_text,
    start_round,
)


def _outcome_after(ws: LocalWorkspace, votes: dict[str, str]) -> dict[str, Any]:
    """Each person clicks their level (a 5 or 6 explains), the chair closes; the outcome."""
    ts = start_round(ws)
    for person, action in votes.items():
        ws.sim.click(person, CHANNEL, ts, action)
        if action.startswith("explain_"):
            ws.settle()  # the form opens after the acknowledgement
            ws.sim.submit_view(person, inputs={"reason_input": "Pilot it in one clinic first"})
    ws.settle()
    ws.sim.slash_command(CHAIR.id, CHANNEL, text="close")
    ws.settle()
    (outcome,) = [
        m
        for m in ws.emulator.messages(CHANNEL)
        if not m.thread_ts and m.ts != ts and "responded)" in m.text
    ]
    return {"text": json.dumps(outcome.blocks, ensure_ascii=False), "blocks": outcome.blocks}


def _first_section(outcome: dict[str, Any]) -> str:
    return str(next(b for b in outcome["blocks"] if b["type"] == "section")["text"]["text"])


def test_the_outcome_begins_with_the_blocking_level_the_rule_and_the_next_steps(
    workspace: LocalWorkspace,
) -> None:
    outcome = _outcome_after(
        workspace, {ANA.id: "explain_6", BEN.id: "vote_1", CY.id: "vote_2", DEE.id: "vote_1"}
    )
    sentence = _first_section(outcome)
    assert "*No consensus*: 1 response is at level 6 (Cannot support)" in sentence
    assert "under this partnership's rule, levels 1–4 are consensus" in sentence
    assert "/consensus revise #1" in sentence and "/consensus vote #1" in sentence
    assert "/consensus escalate #1" in sentence


def test_the_outcome_of_a_round_without_quorum_gives_the_counts_and_next_steps(
    workspace: LocalWorkspace,
) -> None:
    sentence = _first_section(_outcome_after(workspace, {ANA.id: "vote_1"}))
    assert "*No quorum*: only 1 of 5 responded and 4 were needed" in sentence
    assert "/consensus revise #1" in sentence and "/consensus vote" not in sentence


def test_the_outcome_of_consensus_gives_the_counts_and_the_commitment(
    workspace: LocalWorkspace,
) -> None:
    outcome = _outcome_after(
        workspace, {ANA.id: "vote_1", BEN.id: "vote_4", CY.id: "vote_2", DEE.id: "vote_1"}
    )
    sentence = _first_section(outcome)
    assert sentence.endswith(
        "*Consensus reached*: 4 of 5 responded (quorum 4) and every counted response is at "
        "levels 1–4, which are consensus under this partnership's rule. Next step: the "
        "partners commit to implementing it."
    )


def test_the_distribution_is_read_as_levels_and_counts_not_as_bars(
    workspace: LocalWorkspace,
) -> None:
    outcome = _outcome_after(
        workspace, {ANA.id: "vote_1", BEN.id: "vote_1", CY.id: "vote_2", DEE.id: "vote_3"}
    )
    assert (
        "Level 1 Full support: 2 · Level 2 Acceptable: 1 · Level 3 Support with reservations: 1"
        " · Level 4 Not thrilled, will not block: 0" in outcome["text"]
    )
    assert "█" not in outcome["text"] and "```" not in outcome["text"]


def test_a_closed_rounds_status_gives_the_outcome_sentence(workspace: LocalWorkspace) -> None:
    _outcome_after(workspace, {ANA.id: "vote_1"})
    shown = answer_to(workspace, ANA.id, CHANNEL, "status #1")
    assert "*No quorum*: only 1 of 5 responded" in shown
    assert "Level 1 Full support: 1" in shown


def test_an_escalation_gives_its_reason_and_its_resolution_is_told_once_in_each_channel(
    workspace: LocalWorkspace,
) -> None:
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="config steering <#C0STEER|steering>")
    _outcome_after(workspace, {ANA.id: "explain_6", BEN.id: "vote_1"})
    workspace.sim.slash_command(CHAIR.id, CHANNEL, text="escalate")
    workspace.settle()
    workspace.sim.slash_command(ANA.id, "C0STEER", text="resolve 1 Pilot at two sites")
    workspace.settle()
    workspace.settle()  # a second sweep posts nothing more
    assert "is resolved" in last_ephemeral_text(workspace, ANA.id)
    round_ts = workspace.round_message(CHANNEL).ts
    escalation = workspace.round_message("C0STEER")
    escalation_ts = escalation.ts
    # The committee reads why the round failed, without the chair's next steps.
    reason = json.dumps(escalation.blocks, ensure_ascii=False)
    assert "*No quorum*: only 2 of 5 responded and 4 were needed" in reason
    assert "/consensus revise" not in reason
    partners = [
        m for m in workspace.emulator.replies(CHANNEL, round_ts) if "Pilot at two sites" in m.text
    ]
    steering = [
        m
        for m in workspace.emulator.replies("C0STEER", escalation_ts)
        if "Pilot at two sites" in m.text
    ]
    assert len(partners) == 1 and "steering committee has resolved escalation 1" in (
        partners[0].text
    )
    assert len(steering) == 1 and "Escalation 1 is resolved" in steering[0].text


def test_a_deadline_skipped_by_daylight_saving_is_refused_with_the_nearest_valid_time(
    workspace: LocalWorkspace,
) -> None:
    shown = answer_to(
        workspace, CHAIR.id, CHANNEL, "start Adopt the form --deadline 2027-03-14T02:30"
    )
    assert "2027-03-14 02:30 does not exist in America/Toronto" in shown
    assert "nearest valid time is 03:00" in shown
    assert workspace.emulator.messages(CHANNEL) == []  # no round was opened


NO_ZONE = Person("U0NOZONE", "nat", "Nat Ray", tz=None)


def test_a_chair_without_a_time_zone_is_told_which_zone_was_assumed() -> None:
    channels = {CHANNEL: ("partners", [NO_ZONE.id, ANA.id])}
    with LocalWorkspace([NO_ZONE, ANA], channels) as ws:
        shown = answer_to(ws, NO_ZONE.id, CHANNEL, "start Adopt the form --deadline 2d")
    assert "I found no time zone in your Slack profile" in shown and "*UTC*" in shown
    assert "set your time zone in your slack profile" in shown.lower()


def test_a_chair_with_a_time_zone_gets_no_zone_note(workspace: LocalWorkspace) -> None:
    start_round(workspace)
    assert "no time zone" not in last_ephemeral_text(workspace, CHAIR.id)


START = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # 09:00 in Toronto, 06:00 in Vancouver


@pytest.fixture
def clocked() -> Iterator[tuple[LocalWorkspace, ManualClock]]:
    clock = ManualClock(START)
    channels = {CHANNEL: ("partners", [p.id for p in VOTERS])}
    with LocalWorkspace(list(VOTERS), channels, clock=clock, background=False) as ws:
        yield ws, clock


def _dms(ws: LocalWorkspace, person: Person) -> int:
    return len(ws.emulator.messages(ws.emulator.dm_channel(person.id)))


def test_a_reminder_due_at_night_goes_out_at_8_in_the_readers_zone(
    clocked: tuple[LocalWorkspace, ManualClock],
) -> None:
    ws, clock = clocked
    answer_to(ws, CHAIR.id, CHANNEL, "start Adopt the form --deadline 3d --remind 50%")
    ws.settle()
    # Half-way is 02:00 UTC: 21:00 in Toronto (night), 18:00 in Vancouver (day).
    clock.set(START + timedelta(hours=36))
    ws.settle()
    assert _dms(ws, BEN) == 1
    assert [_dms(ws, p) for p in (CHAIR, ANA, CY, DEE)] == [0, 0, 0, 0]
    clock.set(datetime(2026, 11, 25, 12, 59, tzinfo=UTC))  # 07:59 in Toronto
    ws.settle()
    assert _dms(ws, ANA) == 0
    clock.set(datetime(2026, 11, 25, 13, 0, tzinfo=UTC))  # 08:00 in Toronto
    ws.settle()
    assert [_dms(ws, p) for p in (CHAIR, ANA, BEN, CY, DEE)] == [1, 1, 1, 1, 1]


def test_a_deadline_that_happens_twice_is_refused_with_both_offsets_and_one_is_accepted(
    clocked: tuple[LocalWorkspace, ManualClock],
) -> None:
    ws, _ = clocked  # on the injected clock, the date below is within a year
    shown = answer_to(ws, CHAIR.id, CHANNEL, "start Adopt the form --deadline 2027-11-07T01:30")
    assert "happens twice in America/Toronto" in shown
    assert "2027-11-07T01:30-04:00" in shown and "2027-11-07T01:30-05:00" in shown
    accepted = answer_to(
        ws, CHAIR.id, CHANNEL, "start Adopt the form --deadline 2027-11-07T01:30-05:00"
    )
    assert "Proposal #1 is open" in accepted
