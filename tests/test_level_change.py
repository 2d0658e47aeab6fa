"""Reservations survive level changes: what a level keeps, what a form opens with, and the
thread note when someone who explained a 5 or 6 moves (queued once, delivered once)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.domain.round import Stance
from bot.domain.scale import TextKind
from bot.ports import LevelChange
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.stances import kept_text
from tests.conftest import draft
from tests.domain.support import make_round
from tests.fakes import RecordingNotifier


@pytest.mark.parametrize(
    ("profile", "earlier", "level", "kept"),
    [
        ("1-4", Stance("A", 3, "Costs"), 2, "Costs"),  # a reservation stays a reservation
        ("1-4", Stance("A", 3, "Costs"), 1, ""),  # level 1 takes no text
        ("1-4", Stance("A", 6, "Pilot first"), 3, ""),  # an alternative is no reservation
        ("1-4", Stance("A", 4, "Costs"), 5, ""),  # nor a request for information
        ("1-5", Stance("A", 4, "Costs"), 5, "Costs"),  # under 1-5, level 5 takes a reservation
        ("1-4", None, 2, ""),
    ],
)
def test_a_level_picked_without_a_form_keeps_only_text_of_its_own_kind(
    profile: str, earlier: Stance | None, level: int, kept: str
) -> None:
    assert kept_text(make_round(profile=profile), earlier, level, list) == kept


def test_a_level_click_keeps_the_reservation_and_an_emptied_form_removes_it(
    service: ConsensusService,
) -> None:
    round_ = service.start_round(draft())
    service.cast_stance(round_.id, "U0ANA", 3, "Costs")
    assert service.cast_stance(round_.id, "U0ANA", 2).stance.reason == "Costs"
    assert service.add_reason(round_.id, "U0ANA", "").stance.reason == ""


def test_a_detour_through_a_5_or_6_does_not_lose_the_reservation(
    service: ConsensusService,
) -> None:
    round_ = service.start_round(draft())
    service.cast_stance(round_.id, "U0ANA", 3, "Costs fall on home care")
    service.cast_stance(round_.id, "U0ANA", 5, "Who pays?")
    back = service.cast_stance(round_.id, "U0ANA", 3)  # a button: no form
    assert back.stance.reason == "Costs fall on home care"
    assert service.saved_text(round_.id, "U0ANA", 3) == "Costs fall on home care"
    service.cast_stance(round_.id, "U0ANA", 6, "Pilot first")
    assert service.cast_stance(round_.id, "U0ANA", 2).stance.reason == "Costs fall on home care"


def test_a_reservation_removed_on_purpose_stays_removed_after_a_detour(
    service: ConsensusService,
) -> None:
    round_ = service.start_round(draft())
    service.cast_stance(round_.id, "U0ANA", 3, "Costs")
    service.add_reason(round_.id, "U0ANA", "")
    service.cast_stance(round_.id, "U0ANA", 5, "Who pays?")
    assert service.cast_stance(round_.id, "U0ANA", 3).stance.reason == ""


def test_the_form_of_a_level_opens_with_the_text_last_given_for_its_kind(
    service: ConsensusService,
) -> None:
    round_ = service.start_round(draft())
    service.cast_stance(round_.id, "U0ANA", 3, "Costs")
    service.cast_stance(round_.id, "U0ANA", 6, "Pilot first")
    service.cast_stance(round_.id, "U0ANA", 1)
    assert service.saved_text(round_.id, "U0ANA", 6) == "Pilot first"
    assert service.saved_text(round_.id, "U0ANA", 4) == "Costs"
    assert service.saved_text(round_.id, "U0ANA", 5) == ""
    assert service.saved_text(round_.id, "U0ANA", 1) == ""


def test_moving_from_an_explained_6_is_noted_once_and_the_explanation_redrawn(
    service: ConsensusService, notifier: RecordingNotifier
) -> None:
    round_ = service.start_round(draft())
    service.run_due_work()
    service.cast_stance(round_.id, "U0ANA", 6, "Pilot first")
    service.run_due_work()
    service.cast_stance(round_.id, "U0ANA", 3)
    service.cast_stance(round_.id, "U0ANA", 3)  # the same level again changes nothing
    service.run_due_work()
    service.run_due_work()
    notes = [s.detail for s in notifier.of("post_level_change")]
    assert notes == [LevelChange("U0ANA", 6, TextKind.ALTERNATIVE)]
    (redrawn,) = notifier.of("mark_explanation_changed")
    ref, earlier = redrawn.detail
    assert ref == "ts2"  # what posting the explanation returned (after the round message)
    assert (earlier.level, earlier.reason) == (6, "Pilot first")


def test_moving_between_levels_without_an_explanation_posts_nothing(
    service: ConsensusService, notifier: RecordingNotifier
) -> None:
    round_ = service.start_round(draft())
    service.run_due_work()
    service.cast_stance(round_.id, "U0ANA", 3, "Costs")
    service.cast_stance(round_.id, "U0ANA", 1)
    service.run_due_work()
    assert notifier.of("post_level_change") == []


def test_leaving_a_6_whose_explanation_was_never_shown_tells_nobody_of_the_6(
    service: ConsensusService, notifier: RecordingNotifier
) -> None:
    # The 6 and its alternative are withdrawn before the worker posts them (the round's
    # message was still going out, or Slack was pacing us): the level stays as hidden as any
    # other until the close, so no note says "changed their level from 6".
    round_ = service.start_round(draft())
    service.run_due_work()
    service.cast_stance(round_.id, "U0ANA", 6, "Pilot first")
    service.cast_stance(round_.id, "U0ANA", 3)
    service.run_due_work()
    assert notifier.of("post_explanation") == []
    assert notifier.of("post_level_change") == []
    assert notifier.of("mark_explanation_changed") == []


def test_returning_to_a_6_and_leaving_it_before_its_post_tells_only_the_first_6(
    service: ConsensusService, notifier: RecordingNotifier
) -> None:
    round_ = service.start_round(draft())
    service.run_due_work()
    service.cast_stance(round_.id, "U0ANA", 6, "Pilot first")
    service.run_due_work()  # this 6 is shown
    service.cast_stance(round_.id, "U0ANA", 3)
    service.run_due_work()  # and leaving it is told
    service.cast_stance(round_.id, "U0ANA", 6, "Pilot in two clinics")
    service.cast_stance(round_.id, "U0ANA", 2)  # gone before the new 6 was posted
    service.run_due_work()
    assert [s.detail.reason for s in notifier.of("post_explanation")] == ["Pilot first"]
    assert [s.detail for s in notifier.of("post_level_change")] == [
        LevelChange("U0ANA", 6, TextKind.ALTERNATIVE)
    ]


def test_an_explanation_whose_answer_was_lost_is_found_redrawn_and_its_leaving_told(
    service: ConsensusService, notifier: RecordingNotifier, clock: ManualClock
) -> None:
    # The post reached the thread but its answer was lost; the person moved on before the
    # retry. The note waits for the retry, which finds the post instead of posting again.
    round_ = service.start_round(draft())
    service.run_due_work()
    notifier.fail["post_explanation"] = 1
    service.cast_stance(round_.id, "U0ANA", 6, "Pilot first")
    service.run_due_work()
    service.cast_stance(round_.id, "U0ANA", 3)
    service.run_due_work()
    assert notifier.of("post_level_change") == []  # waiting for the explanation's retry
    notifier.earlier_explanations = _FoundWhateverTheKey("ts-lost")
    notifier.sent.clear()
    clock.advance(timedelta(minutes=20))  # past the lease and the early backoff
    service.run_due_work()
    service.run_due_work()
    assert notifier.of("post_explanation") == []
    (redrawn,) = notifier.of("mark_explanation_changed")
    assert redrawn.detail[0] == "ts-lost"
    assert [s.detail for s in notifier.of("post_level_change")] == [
        LevelChange("U0ANA", 6, TextKind.ALTERNATIVE)
    ]


class _FoundWhateverTheKey(dict[str, str]):
    """The platform holds the lost post, whichever delivery key it was sent with."""

    def __init__(self, ref: str) -> None:
        super().__init__()
        self._ref = ref

    def get(self, key: str, default: str | None = None) -> str:  # type: ignore[override]
        return self._ref
