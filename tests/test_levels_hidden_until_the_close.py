"""Levels stay hidden until the close, by the core's rule: the view any front end gets of an
open round holds nobody's level but, in a personal view, the viewer's own.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass

import pytest

from bot.domain.progress import progress
from bot.domain.round import RoundStatus, Stance
from bot.domain.tally import SectorCount, Tally, tally
from bot.ports import RoundView
from bot.usecases.consensus_service import ConsensusService
from tests.conftest import CHAIR, CHANNEL, VOTERS, draft
from tests.domain.support import NOW, make_round
from tests.fakes import RecordingNotifier

ANA, BEN, CY = VOTERS[1:4]


def levels_in(value: object) -> list[object]:
    """Everything reachable from ``value`` that holds a level (a stance, a tally, a sector's
    count of levels)."""
    if isinstance(value, Stance | Tally | SectorCount):
        return [value]
    if is_dataclass(value) and not isinstance(value, type):
        return [found for f in fields(value) for found in levels_in(getattr(value, f.name))]
    if isinstance(value, tuple | list | set | frozenset):
        return [found for item in value for found in levels_in(item)]
    if isinstance(value, dict):
        return [found for item in value.items() for found in levels_in(item)]
    return []


def _open_round_with_levels(service: ConsensusService) -> int:
    round_ = service.start_round(draft())
    service.run_due_work()
    service.cast_stance(round_.id, ANA, 3, "Train us first")
    service.cast_stance(round_.id, BEN, 6, "Pilot it in one clinic")
    service.cast_stance(round_.id, CY, 1)
    service.run_due_work()
    return round_.id


def test_an_open_rounds_view_holds_no_level_only_who_responded(
    service: ConsensusService,
) -> None:
    round_id = _open_round_with_levels(service)
    views = [service.view(round_id), *service.open_views("T0001", CHANNEL, reader=CHAIR)]
    for view in views:
        assert levels_in(view) == []
        assert view.tally is None
        assert set(view.progress.responded) == {ANA, BEN, CY}
        assert view.progress.seats_responded == 3


def test_a_personal_view_of_an_open_round_holds_the_viewers_own_level_only(
    service: ConsensusService,
) -> None:
    round_id = _open_round_with_levels(service)
    seen = service.personal_view(round_id, ANA)
    assert levels_in(seen) == [seen.mine]
    assert seen.mine is not None and (seen.mine.voter, seen.mine.level) == (ANA, 3)
    assert levels_in(service.personal_view(round_id, CHAIR)) == []  # no level of their own yet


def test_what_the_notifier_is_handed_of_an_open_round_holds_no_level(
    service: ConsensusService, notifier: RecordingNotifier
) -> None:
    round_id = _open_round_with_levels(service)
    service.remind_now(round_id, CHAIR)
    service.run_due_work()
    handed = [
        sent.detail
        for sent in notifier.sent
        if isinstance(sent.detail, RoundView) and sent.detail.round.is_open
    ]
    assert {type(view) for view in handed} == {RoundView}  # the redraws and reminders
    assert levels_in(handed) == []


def test_the_levels_are_in_the_view_once_the_round_has_closed(service: ConsensusService) -> None:
    round_id = _open_round_with_levels(service)
    service.close_round(round_id, CHAIR)
    view = service.view(round_id)
    assert view.round.status is RoundStatus.CLOSED
    assert {(s.voter, s.level) for s in view.final_tally.stances} == {(ANA, 3), (BEN, 6), (CY, 1)}
    assert view.final_tally.distribution[6] == 1


def test_a_view_of_an_open_round_cannot_be_made_with_its_levels() -> None:
    round_ = make_round()
    counted = tally(round_, [Stance("B", 6, "No")])
    with pytest.raises(ValueError, match="levels_hidden_until_the_close"):
        RoundView(round_, progress(counted), counted, NOW, None)
    assert RoundView.of(round_, counted, NOW, None).tally is None
