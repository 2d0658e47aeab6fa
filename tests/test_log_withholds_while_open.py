"""The decision log says who gave a level or a ballot, never what, while its round or vote
is open: the same rule as an open round's view, kept by the core for every front end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.domain.recorded_vote import Choice
from bot.domain.round import RoundDraft
from bot.record_entries import EntryKind
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.decision_log import Decision
from bot.usecases.governance_service import GovernanceService
from tests.governance_support import CHAIR, CHANNEL, WORKSPACE, governance_engine, services

ANA, BEN, CY = "U0ANA", "U0BEN", "U0CY"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[ConsensusService, GovernanceService]]:
    with governance_engine(tmp_path) as engine:
        yield _services(engine)


def _services(engine: Engine) -> tuple[ConsensusService, GovernanceService]:
    rounds, gov, _, _ = services(engine, ManualClock(), [CHAIR, ANA, BEN, CY])
    return rounds, gov


def _of(decision: Decision, kind: EntryKind) -> list[tuple[int, str, int | None, str]]:
    return [(i, e.actor, e.level, e.text) for i, e in enumerate(decision.entries) if e.kind == kind]


def test_levels_in_an_open_round_are_withheld_and_shown_once_it_closes(
    world: tuple[ConsensusService, GovernanceService],
) -> None:
    rounds, gov = world
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Share one intake form"))
    rounds.cast_stance(round_.id, ANA, 3, "Train us first")
    rounds.cast_stance(round_.id, BEN, 6, "Pilot it in one clinic")

    open_log = gov.decision(round_.id)
    stances = _of(open_log, EntryKind.STANCE)
    assert [(actor, level, text) for _, actor, level, text in stances] == [
        (ANA, None, ""),
        (BEN, None, ""),
    ]
    assert {i for i, *_ in stances} == open_log.withheld

    rounds.close_round(round_.id, CHAIR)
    closed_log = gov.decision(round_.id)
    assert [(a, level, text) for _, a, level, text in _of(closed_log, EntryKind.STANCE)] == [
        (ANA, 3, "Train us first"),
        (BEN, 6, "Pilot it in one clinic"),
    ]
    assert closed_log.withheld == frozenset()


def test_ballots_in_an_open_recorded_vote_are_withheld_until_it_closes(
    world: tuple[ConsensusService, GovernanceService],
) -> None:
    rounds, gov = world
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Share one intake form"))
    for voter, level in ((CHAIR, 1), (ANA, 2), (BEN, 5), (CY, 6)):
        rounds.cast_stance(round_.id, voter, level, "because" if level >= 5 else "")
    rounds.close_round(round_.id, CHAIR)
    vote = gov.call_vote(WORKSPACE, CHANNEL, round_.id, CHAIR)
    gov.cast_ballot(vote.id, CY, Choice.AGAINST)

    during = gov.decision(round_.id)
    ballots = _of(during, EntryKind.BALLOT)
    assert [(actor, text) for _, actor, _, text in ballots] == [(CY, "")]
    assert {i for i, *_ in ballots} == during.withheld
    # The round itself has closed: its levels are part of the record now.
    assert [level for _, _, level, _ in _of(during, EntryKind.STANCE)] == [1, 2, 5, 6]

    gov.close_vote(vote.id, CHAIR)
    after = gov.decision(round_.id)
    assert [(a, t) for _, a, _, t in _of(after, EntryKind.BALLOT)] == [
        (CY, '{"choice":"against","vote":1}')
    ]
    assert after.withheld == frozenset()
