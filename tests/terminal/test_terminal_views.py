"""The terminal's pictures of a round, built from the core's views alone."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.round import RoundStatus, Stance
from bot.domain.tally import tally
from bot.ports import RoundView
from terminal import views, words
from tests.domain.support import CLOSES, NOW, make_round


def _view(stances: list[Stance], **changes: object) -> RoundView:
    round_ = make_round(voters=("A", "B", "C"), **changes)
    return RoundView.of(round_, tally(round_, stances), NOW, None)


def test_a_level_4_is_acknowledged_by_name_in_an_outcome_with_consensus() -> None:
    view = _view(
        [Stance("A", 1), Stance("B", 4, "Costly for small partners"), Stance("C", 3, "Train us")],
        status=RoundStatus.CLOSED,
        closed_at=CLOSES,
    )
    lines = views.outcome(view, "UTC")
    assert lines[0] == 'OUTCOME of Round #7: "Shared referral form": CONSENSUS REACHED'
    assert lines[lines.index("  Disagreement acknowledged (level 4, will not block):") + 1] == (
        '    B: "Costly for small partners"'
    )
    assert lines[lines.index("  Reservations:") + 1] == '    C: "Train us"'
    assert not any(line.startswith("  Did not respond") for line in lines)


def test_below_the_quorum_the_outcome_says_no_quorum_and_who_did_not_respond() -> None:
    view = _view([Stance("A", 1)], status=RoundStatus.CLOSED, closed_at=CLOSES)
    lines = views.outcome(view, "UTC")
    assert lines[0].endswith(": NO QUORUM")
    assert lines[1].startswith("  1 of 3 responded (quorum 2)")
    assert lines[-1] == "  Did not respond: B, C"


def test_the_open_round_shows_who_responded_never_the_level() -> None:
    view = _view([Stance("B", 6, "No", NOW), Stance("A", 2, "", NOW)])
    assert views.round_redrawn(view, "UTC") == ["Round #7: 2 of 3 have responded: A, B"]


def test_times_are_shown_in_the_readers_zone_with_the_zone_named() -> None:
    moment = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    assert words.when(moment) == "2026-11-26 14:00 UTC"
    assert words.when(moment, "America/Vancouver") == "2026-11-26 06:00 PST"


def test_typed_text_is_quoted_on_one_line() -> None:
    assert words.one_line("First\n\n  second  \r\nthird") == '"First / second / third"'
