"""The export's CSV for an English reader, pinned word for word.

The CSV is for people, and files written by earlier versions must still pass `verify
--export`: its words cannot drift when they move (issue 12 moved them from the core to the
Slack front end's catalog). One scenario reaches every kind of row and every "why": a roster
round (speaker, alternate, member, advisory partner, seats of their own, a late change), an
open round, a round grouped by organisation that is escalated, resolved and put to recorded
votes (one cancelled, one closed), and a cancelled round.
"""

from __future__ import annotations

import argparse
import io
import re
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from bootstrap.governance_cli import run_verify
from bot.clock import ManualClock
from bot.domain.recorded_vote import Choice
from bot.domain.round import RoundDraft
from bot.partnership_settings import REPRESENTATION
from bot.ports import HistoryEntry
from storage.store import SqlStore
from tests.export_support import HAL, MEM, NIA, PEOPLE, SAM, audit, export, roster_round
from tests.governance_support import CHAIR, CHANNEL, WORKSPACE, services


def _scenario(engine: Engine, clock: ManualClock) -> None:
    # A closed roster round, with a change after its close.
    first = roster_round(engine, clock)
    rounds, gov, _, _ = services(engine, clock, PEOPLE, {"C0STEER": [CHAIR]})
    clock.advance(timedelta(minutes=1))
    with SqlStore(engine) as store:  # the bot refuses this; a late write must still not count
        store.record(HistoryEntry(clock.now(), first, "stance", SAM, level=6), WORKSPACE)
    # An open round where the alternate answers for a silent speaker.
    still_open = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Share the rota"))
    rounds.cast_stance(still_open.id, NIA, 2)
    # Speakers for organisations: a round without consensus, escalated, resolved, voted on.
    rounds.set_steering_channel(WORKSPACE, "C0STEER", CHAIR)
    gov.configure(WORKSPACE, CHAIR, REPRESENTATION, "organisation")
    grouped = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Merge the intake"))
    rounds.cast_stance(grouped.id, HAL, 6, "Not this year")
    rounds.cast_stance(grouped.id, MEM, 1)
    rounds.cast_stance(grouped.id, SAM, 1)
    rounds.close_round(grouped.id, CHAIR)
    escalation = rounds.escalate(grouped.id, CHAIR)
    clock.advance(timedelta(days=2))
    rounds.resolve_escalation(escalation.id, CHAIR, "Put it to a vote")
    mistaken = gov.call_vote(WORKSPACE, CHANNEL, grouped.id, CHAIR)
    gov.cast_ballot(mistaken.id, SAM, Choice.FOR)
    gov.cancel_vote(mistaken.id, CHAIR, "wrong proposal")
    vote = gov.call_vote(WORKSPACE, CHANNEL, grouped.id, CHAIR)
    gov.cast_ballot(vote.id, HAL, Choice.AGAINST)
    clock.advance(timedelta(minutes=1))
    gov.cast_ballot(vote.id, SAM, Choice.AGAINST)
    gov.cast_ballot(vote.id, SAM, Choice.FOR)
    gov.close_vote(vote.id, CHAIR)
    # A cancelled round.
    cancelled = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Buy a van"))
    rounds.cast_stance(cancelled.id, SAM, 1)
    rounds.cancel_round(cancelled.id, CHAIR)
    rounds.run_due_work()


def _export(engine: Engine, clock: ManualClock) -> str:
    return export(engine, clock, "csv")


# The file as exported (ManualClock's times) before the words left the core, every hash
# written as <hash>: hashes are the database's, the words are what is pinned.
EXPORTED_BEFORE = """\
record,workspace,round,proposal,revision,revision_of,chair,chair_name,channel,message_ts,permalink,opened_at,closes_at,closed_at,status,outcome,rule_profile,quorum,seats,quorum_needed,counted_seats,escalation,escalated_by,escalated_at,escalation_due,resolved_by,resolved_at,resolution,vote,result,person,name,organisation,sector,tier,role,level,choice,reason,at,counted,why,entry,entry_hash
export,,,"consensus-bot-export/2, exported 2026-11-25 14:12:00 UTC",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,2026-11-25 14:12:00 UTC,,,37,<hash>
round,T0001,1,Adopt the form,1,,U0CHAIR,Chair,C0ROUND,ts1,,2026-11-23 14:00:00 UTC,2026-11-26 14:00:00 UTC,2026-11-23 14:10:00 UTC,closed,Consensus reached,levels 1-4,2/3,3,2,2,,,,,,,,,,,,,,,,,,,,,recount from the responses: Consensus reached (matches the outcome),,
response,T0001,1,Adopt the form,,,,,,,,,,,,,,,,,,,,,,,,,,,U0HAL,Hal,Lakeridge Health,hospital,voting,speaker,3,,Training first,2026-11-23 14:00:00 UTC,no,superseded by a later change,8,<hash>
response,T0001,1,Adopt the form,,,,,,,,,,,,,,,,,,,,,,,,,,,U0MEM,Mem,Lakeridge Health,hospital,voting,member,6,,Not without funding,2026-11-23 14:05:00 UTC,no,not counted: behind the Hospital sector's speaker; Hal (U0HAL) counted for it,9,<hash>
response,T0001,1,Adopt the form,,,,,,,,,,,,,,,,,,,,,,,,,,,U0NIA,Nia,Lakeridge Health,hospital,voting,alternate,1,,,2026-11-23 14:05:00 UTC,no,not counted: behind the Hospital sector's speaker; Hal (U0HAL) counted for it,10,<hash>
response,T0001,1,Adopt the form,,,,,,,,,,,,,,,,,,,,,,,,,,,U0MEALS,Meals,Meals on Wheels Durham,community-support,advisory,member,5,,Who pays?,2026-11-23 14:05:00 UTC,no,"not counted: advisory partner (shown, never counted)",11,<hash>
response,T0001,1,Adopt the form,,,,,,,,,,,,,,,,,,,,,,,,,,,U0SAM,Sam,Patient and Family Council,patient-family-caregiver,voting,member,1,,,2026-11-23 14:05:00 UTC,yes,counted: holds a seat of their own,12,<hash>
response,T0001,1,Adopt the form,,,,,,,,,,,,,,,,,,,,,,,,,,,U0HAL,Hal,Lakeridge Health,hospital,voting,speaker,2,,Training first,2026-11-23 14:10:00 UTC,yes,counted: speaks for the Hospital sector,13,<hash>
response,T0001,1,Adopt the form,,,,,,,,,,,,,,,,,,,,,,,,,,,U0SAM,Sam,Patient and Family Council,patient-family-caregiver,voting,member,6,,,2026-11-23 14:11:00 UTC,no,not counted: after the close,15,<hash>
no_response,T0001,1,Adopt the form,,,,,,,,,,,,,,,,,,,,,,,,,,,U0QUIET,,Patient and Family Council,patient-family-caregiver,voting,member,,,,,no,no response: the seat was not answered,,
round,T0001,2,Share the rota,1,,U0CHAIR,Chair,C0ROUND,ts6,,2026-11-23 14:11:00 UTC,2026-11-26 14:11:00 UTC,,open,,levels 1-4,2/3,3,2,1,,,,,,,,,,,,,,,,,,,,,recount: No quorum as things stand (still open),,
response,T0001,2,Share the rota,,,,,,,,,,,,,,,,,,,,,,,,,,,U0NIA,Nia,Lakeridge Health,hospital,voting,alternate,2,,,2026-11-23 14:11:00 UTC,yes,counted: alternate standing in for the Hospital sector's speaker,17,<hash>
no_response,T0001,2,Share the rota,,,,,,,,,,,,,,,,,,,,,,,,,,,U0HAL,Hal,Lakeridge Health,hospital,voting,speaker,,,,,no,no response: Nia (U0NIA) answered for the Hospital sector,,
no_response,T0001,2,Share the rota,,,,,,,,,,,,,,,,,,,,,,,,,,,U0MEM,Mem,Lakeridge Health,hospital,voting,member,,,,,no,no response: Nia (U0NIA) answered for the Hospital sector,,
no_response,T0001,2,Share the rota,,,,,,,,,,,,,,,,,,,,,,,,,,,U0SAM,Sam,Patient and Family Council,patient-family-caregiver,voting,member,,,,,no,no response: the seat was not answered,,
no_response,T0001,2,Share the rota,,,,,,,,,,,,,,,,,,,,,,,,,,,U0MEALS,Meals,Meals on Wheels Durham,community-support,advisory,member,,,,,no,"not counted: advisory partner (shown, never counted)",,
no_response,T0001,2,Share the rota,,,,,,,,,,,,,,,,,,,,,,,,,,,U0QUIET,,Patient and Family Council,patient-family-caregiver,voting,member,,,,,no,no response: the seat was not answered,,
round,T0001,3,Merge the intake,1,,U0CHAIR,Chair,C0ROUND,ts7,,2026-11-23 14:11:00 UTC,2026-11-26 14:11:00 UTC,2026-11-23 14:11:00 UTC,closed,No consensus,levels 1-4,2/3,3,2,2,1,U0CHAIR,2026-11-23 14:11:00 UTC,2027-01-07 14:11:00 UTC,U0CHAIR,2026-11-25 14:11:00 UTC,Put it to a vote,,,,,,,,,,,,,,recount from the responses: No consensus (matches the outcome),,
response,T0001,3,Merge the intake,,,,,,,,,,,,,,,,,,,,,,,,,,,U0HAL,Hal,Lakeridge Health,hospital,voting,speaker,6,,Not this year,2026-11-23 14:11:00 UTC,yes,counted: speaks for the organisation lakeridge health,21,<hash>
response,T0001,3,Merge the intake,,,,,,,,,,,,,,,,,,,,,,,,,,,U0MEM,Mem,Lakeridge Health,hospital,voting,member,1,,,2026-11-23 14:11:00 UTC,no,not counted: behind the organisation lakeridge health's speaker; Hal (U0HAL) counted for it,22,<hash>
response,T0001,3,Merge the intake,,,,,,,,,,,,,,,,,,,,,,,,,,,U0SAM,Sam,Patient and Family Council,patient-family-caregiver,voting,member,1,,,2026-11-23 14:11:00 UTC,yes,counted: holds a seat of their own,23,<hash>
no_response,T0001,3,Merge the intake,,,,,,,,,,,,,,,,,,,,,,,,,,,U0NIA,Nia,Lakeridge Health,hospital,voting,alternate,,,,,no,no response: Hal (U0HAL) answered for the organisation lakeridge health,,
no_response,T0001,3,Merge the intake,,,,,,,,,,,,,,,,,,,,,,,,,,,U0MEALS,Meals,Meals on Wheels Durham,community-support,advisory,member,,,,,no,"not counted: advisory partner (shown, never counted)",,
no_response,T0001,3,Merge the intake,,,,,,,,,,,,,,,,,,,,,,,,,,,U0QUIET,,Patient and Family Council,patient-family-caregiver,voting,member,,,,,no,no response: the seat was not answered,,
recorded_vote,T0001,3,Merge the intake,,,U0CHAIR,Chair,C0ROUND,vts1,,2026-11-25 14:11:00 UTC,2026-11-28 14:11:00 UTC,2026-11-25 14:11:00 UTC,cancelled,,,2/3,3,2,1,,,,,,,,1,,,,,,,,,,wrong proposal,,,cancelled by U0CHAIR,,
ballot,T0001,3,Merge the intake,,,,,,,,,,,,,,,,,,,,,,,,,1,,U0SAM,Sam,Patient and Family Council,patient-family-caregiver,voting,member,,for,,2026-11-25 14:11:00 UTC,no,not counted: the round (or recorded vote) was cancelled,28,<hash>
recorded_vote,T0001,3,Merge the intake,,,U0CHAIR,Chair,C0ROUND,vts5,,2026-11-25 14:11:00 UTC,2026-11-28 14:11:00 UTC,2026-11-25 14:12:00 UTC,closed,,,2/3,3,2,2,,,,,,,,2,Not carried,,,,,,,,,,,,"threshold 2/3 of votes cast; for 1, against 1",,
ballot,T0001,3,Merge the intake,,,,,,,,,,,,,,,,,,,,,,,,,2,,U0HAL,Hal,Lakeridge Health,hospital,voting,speaker,,against,,2026-11-25 14:11:00 UTC,yes,counted: speaks for the organisation lakeridge health,31,<hash>
ballot,T0001,3,Merge the intake,,,,,,,,,,,,,,,,,,,,,,,,,2,,U0SAM,Sam,Patient and Family Council,patient-family-caregiver,voting,member,,against,,2026-11-25 14:12:00 UTC,no,superseded by a later change,32,<hash>
ballot,T0001,3,Merge the intake,,,,,,,,,,,,,,,,,,,,,,,,,2,,U0SAM,Sam,Patient and Family Council,patient-family-caregiver,voting,member,,for,,2026-11-25 14:12:00 UTC,yes,counted: holds a seat of their own,33,<hash>
round,T0001,4,Buy a van,1,,U0CHAIR,Chair,C0ROUND,ts13,,2026-11-25 14:12:00 UTC,2026-11-28 14:12:00 UTC,2026-11-25 14:12:00 UTC,cancelled,,levels 1-4,2/3,3,2,1,,,,,,,,,,,,,,,,,,,,,,,
response,T0001,4,Buy a van,,,,,,,,,,,,,,,,,,,,,,,,,,,U0SAM,Sam,Patient and Family Council,patient-family-caregiver,voting,member,1,,,2026-11-25 14:12:00 UTC,no,not counted: the round (or recorded vote) was cancelled,36,<hash>
no_response,T0001,4,Buy a van,,,,,,,,,,,,,,,,,,,,,,,,,,,U0HAL,Hal,Lakeridge Health,hospital,voting,speaker,,,,,no,no response: the seat was not answered,,
no_response,T0001,4,Buy a van,,,,,,,,,,,,,,,,,,,,,,,,,,,U0NIA,Nia,Lakeridge Health,hospital,voting,alternate,,,,,no,no response: the seat was not answered,,
no_response,T0001,4,Buy a van,,,,,,,,,,,,,,,,,,,,,,,,,,,U0MEM,Mem,Lakeridge Health,hospital,voting,member,,,,,no,no response: the seat was not answered,,
no_response,T0001,4,Buy a van,,,,,,,,,,,,,,,,,,,,,,,,,,,U0MEALS,Meals,Meals on Wheels Durham,community-support,advisory,member,,,,,no,"not counted: advisory partner (shown, never counted)",,
no_response,T0001,4,Buy a van,,,,,,,,,,,,,,,,,,,,,,,,,,,U0QUIET,,Patient and Family Council,patient-family-caregiver,voting,member,,,,,no,no response: the seat was not answered,,
"""
HASH = re.compile(r"\b[0-9a-f]{64}\b")


def test_the_csv_for_an_english_reader_is_what_it_was_word_for_word(engine: Engine) -> None:
    clock = ManualClock()
    _scenario(engine, clock)
    assert HASH.sub("<hash>", _export(engine, clock)) == EXPORTED_BEFORE


def test_a_csv_exported_before_the_words_moved_still_checks_against_the_database(
    engine: Engine, tmp_path: Path
) -> None:
    clock = ManualClock()
    _scenario(engine, clock)
    hashes = iter(HASH.findall(_export(engine, clock)))
    earlier = tmp_path / "record.csv"
    earlier.write_text(re.sub("<hash>", lambda _: next(hashes), EXPORTED_BEFORE))
    out = io.StringIO()
    args = argparse.Namespace(export=str(earlier), current=True)
    assert run_verify(audit(engine, clock), args, out) == 0, out.getvalue()
