"""What the tests of the auditor's export and of `verify` share: a database with a roster
round or an impasse in it, and the command line's export and check run over it."""

from __future__ import annotations

import argparse
import io
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from bootstrap.governance_cli import run_export, run_verify
from bot.audit import Audit
from bot.clock import ManualClock
from bot.domain.recorded_vote import Choice
from bot.domain.round import RoundDraft
from bot.requests import RosterSet
from bot.usecases.decision_log import neutralise_cell
from handlers.messages.export import CatalogExportWords
from storage.store import SqlStore
from tests.governance_support import CHAIR, CHANNEL, WORKSPACE, services

HAL, NIA, MEM, SAM, MEALS, QUIET = "U0HAL", "U0NIA", "U0MEM", "U0SAM", "U0MEALS", "U0QUIET"
PEOPLE = [CHAIR, HAL, NIA, MEM, SAM, MEALS, QUIET]
NAMES = {HAL: "Hal", NIA: "Nia", MEM: "Mem", SAM: "Sam", MEALS: "Meals", CHAIR: "Chair"}


def audit(engine: Engine, clock: ManualClock) -> Audit:
    return Audit(
        lambda: SqlStore(engine),
        clock,
        neutralise_cell,
        names=lambda user: NAMES.get(user, ""),
        words=CatalogExportWords(),
    )


def export(engine: Engine, clock: ManualClock, fmt: str, since: str | None = None) -> str:
    out = io.StringIO()
    args = argparse.Namespace(format=fmt, since=since, workspace=None, output=None)
    assert run_export(audit(engine, clock), args, out) == 0
    return out.getvalue()


def roster_round(engine: Engine, clock: ManualClock) -> int:
    """A roster round: a sector with a speaker, an alternate and a member behind them, a
    patient advisor with a seat of their own, an advisory partner, one who never answers."""
    rounds, gov, _, _ = services(engine, clock, PEOPLE)
    for user, org, sector, tier, role in (
        (HAL, "Lakeridge Health", "hospital", "voting", "speaker"),
        (NIA, "Lakeridge Health", "hospital", "voting", "alternate"),
        (MEM, "Lakeridge Health", "hospital", "voting", "member"),
        (SAM, "Patient and Family Council", "patient-family-caregiver", "voting", "member"),
        (QUIET, "Patient and Family Council", "patient-family-caregiver", "voting", "member"),
        (MEALS, "Meals on Wheels Durham", "community-support", "advisory", "member"),
    ):
        gov.set_roster_entry(WORKSPACE, CHAIR, RosterSet(user, org, sector, tier, role))
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
    rounds.cast_stance(round_.id, HAL, 3, "Training first")
    clock.advance(timedelta(minutes=5))
    rounds.cast_stance(round_.id, MEM, 6, "Not without funding")
    rounds.cast_stance(round_.id, NIA, 1)
    rounds.cast_stance(round_.id, MEALS, 5, "Who pays?")
    rounds.cast_stance(round_.id, SAM, 1)
    clock.advance(timedelta(minutes=5))
    rounds.cast_stance(round_.id, HAL, 2)  # changes their level: the 3 is superseded
    rounds.close_round(round_.id, CHAIR)
    return round_.id


def impasse(engine: Engine, clock: ManualClock) -> tuple[int, int, int]:
    """A round without consensus, escalated and resolved, revised, then a recorded vote."""
    rounds, gov, _, _ = services(engine, clock, [CHAIR, "U0ANA", "U0BEN"], {"C0STEER": [CHAIR]})
    first = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
    rounds.cast_stance(first.id, CHAIR, 1)
    rounds.cast_stance(first.id, "U0ANA", 6, "Use the old form")
    rounds.cast_stance(first.id, "U0BEN", 2)
    rounds.close_round(first.id, CHAIR)
    rounds.set_steering_channel(WORKSPACE, "C0STEER", CHAIR)
    escalation = rounds.escalate(first.id, CHAIR)
    clock.advance(timedelta(days=2))
    rounds.resolve_escalation(escalation.id, CHAIR, "Run it again with funding")
    second = gov.revise_round(first.id, CHAIR, "Adopt the form, funded", "Now with money")
    rounds.cast_stance(second.id, "U0ANA", 6, "Still no")
    rounds.cast_stance(second.id, CHAIR, 1)
    rounds.close_round(second.id, CHAIR)
    vote = gov.call_vote(WORKSPACE, CHANNEL, second.id, CHAIR)
    gov.cast_ballot(vote.id, "U0ANA", Choice.AGAINST)
    gov.cast_ballot(vote.id, "U0BEN", Choice.AGAINST)
    clock.advance(timedelta(minutes=1))
    gov.cast_ballot(vote.id, "U0BEN", Choice.FOR)
    gov.cast_ballot(vote.id, CHAIR, Choice.FOR)
    gov.close_vote(vote.id, CHAIR)
    rounds.run_due_work()
    return first.id, second.id, vote.id


def verify(
    engine: Engine, clock: ManualClock, path: Path, current: bool = False
) -> tuple[int, str]:
    out = io.StringIO()
    args = argparse.Namespace(export=str(path), current=current)
    code = run_verify(audit(engine, clock), args, out)
    return code, out.getvalue()
