"""Duplicates: a click or a submission delivered twice leaves one current level per person.

Slack may deliver the same request again (a retry after a slow answer), people double-click,
and two clicks from one person can arrive at the same instant. The unique key
(round, voter) and the upsert keep one row; the later choice wins.
"""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from urllib.parse import urlencode

from sqlalchemy import select

from bot.clock import ManualClock
from harness.local import LocalWorkspace
from slack_emulator import SimResponse
from storage.tables import HistoryRow, StanceRow
from tests.reliability.conftest import (
    CHANNEL,
    PARTNERS,
    drain,
    stances,
    start_round,
)


def _redeliver(ws: LocalWorkspace, first: SimResponse) -> SimResponse:
    """Send the same payload again, freshly signed, as Slack's retry would."""
    body = urlencode({"payload": json.dumps(first.sent)}).encode()
    return ws.sim.send_raw(body, ws.sim.signed_headers(body))


def _rows(ws: LocalWorkspace, voter: str) -> list[tuple[int, str]]:
    assert ws.bot is not None
    with ws.bot.engine.connect() as connection:
        query = select(StanceRow.level, StanceRow.reason).where(StanceRow.voter == voter)
        return [(level, reason) for level, reason in connection.execute(query).all()]


def _history(ws: LocalWorkspace, voter: str) -> list[int]:
    """The levels a person chose, in the order the record holds them."""
    assert ws.bot is not None
    with ws.bot.engine.connect() as connection:
        query = (
            select(HistoryRow.level)
            .where(HistoryRow.actor == voter, HistoryRow.kind == "stance")
            .order_by(HistoryRow.at, HistoryRow.id)  # type: ignore[arg-type]
        )
        return [level for (level,) in connection.execute(query).all()]


def test_the_same_click_delivered_twice_counts_once(ws: LocalWorkspace, clock: ManualClock) -> None:
    ts = start_round(ws)
    ana = PARTNERS[0].id
    first = ws.sim.click(ana, CHANNEL, ts, "vote_2")
    clock.advance(timedelta(seconds=3))
    again = _redeliver(ws, first)
    assert (first.status, again.status) == (200, 200)
    assert _rows(ws, ana) == [(2, "")]
    drain(ws, clock)
    assert "1 of 9 have responded" in ws.round_message(CHANNEL).text


def test_a_double_click_keeps_the_last_choice(ws: LocalWorkspace, clock: ManualClock) -> None:
    ts = start_round(ws)
    ben = PARTNERS[1].id
    assert ws.sim.click(ben, CHANNEL, ts, "vote_1").status == 200
    assert ws.sim.click(ben, CHANNEL, ts, "vote_1").status == 200
    assert ws.sim.click(ben, CHANNEL, ts, "vote_3").status == 200
    assert _rows(ws, ben) == [(3, "")]
    assert stances(ws) == {ben: 3}


def test_simultaneous_clicks_from_one_person_leave_one_level_matching_the_record(
    ws: LocalWorkspace,
) -> None:
    ts = start_round(ws)
    for person in PARTNERS[:6]:
        barrier = threading.Barrier(2)
        answers: list[int] = []

        def click(
            level: int,
            who: str = person.id,
            gate: threading.Barrier = barrier,
            out: list[int] = answers,
        ) -> None:
            gate.wait()
            out.append(ws.sim.click(who, CHANNEL, ts, f"vote_{level}").status)

        threads = [threading.Thread(target=click, args=(level,)) for level in (1, 4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert answers == [200, 200]
        rows = _rows(ws, person.id)
        assert len(rows) == 1, rows
        # The current level is the person's last choice in the decision record.
        assert rows[0][0] == _history(ws, person.id)[-1]


def test_a_modal_submission_delivered_twice_counts_once_and_explains_once(
    ws: LocalWorkspace, clock: ManualClock
) -> None:
    ts = start_round(ws)
    drain(ws, clock)
    cy = PARTNERS[2].id
    assert ws.sim.click(cy, CHANNEL, ts, "explain_5").status == 200
    ws.finish_requests()  # the modal is opened after the ack
    assert ws.emulator.open_view(cy)
    first = ws.sim.submit_view(cy, inputs={"reason_input": "What does it cost the clinics?"})
    assert first.status == 200 and first.errors is None
    clock.advance(timedelta(seconds=5))
    again = _redeliver(ws, first)
    assert again.status == 200
    assert _rows(ws, cy) == [(5, "What does it cost the clinics?")]
    drain(ws, clock)
    thread = ws.emulator.replies(CHANNEL, ts)
    explained = [m for m in thread if "What does it cost the clinics?" in m.text]
    assert len(explained) == 1, [m.text for m in thread]
