"""Block Kit builders: pure functions whose output Slack accepts even at the extremes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest

from bot.domain.roster import ResponseStanding, Standing
from bot.domain.round import Round, RoundStatus, Stance
from bot.domain.tally import Outcome, tally
from bot.ports import Escalation, EscalationView, RoundView
from handlers import block_kit, ids
from handlers.messages.outcome import outcome_name
from handlers.views import common
from handlers.views import escalation as escalation_view
from handlers.views import help as help_view
from handlers.views import outcome as outcome_view
from handlers.views import round as round_view
from handlers.views import stance as stance_view
from slack_emulator.blockkit import validate_message_blocks, validate_view

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
COUNTS = ResponseStanding(Standing.OWN_SEAT)


def make_view(
    voters: int = 6,
    levels: tuple[int, ...] = (),
    reason: str = "",
    title: str = "Adopt the form",
    details: str = "",
    status: RoundStatus = RoundStatus.OPEN,
    profile: str = "1-4",
) -> RoundView:
    people = tuple(f"U{i:06d}" for i in range(voters))
    round_ = Round(
        id=12,
        workspace="T",
        channel="C",
        chair=people[0],
        title=title,
        details=details,
        voters=people,
        profile_key=profile,
        quorum=Fraction(2, 3),
        opened_at=NOW,
        closes_at=NOW + timedelta(days=3),
        status=status,
        closed_at=NOW + timedelta(days=1) if status is not RoundStatus.OPEN else None,
        message_ref="1.0",
    )
    stances = [
        Stance(person, level, reason, NOW)
        for person, level in zip(people, levels or (), strict=False)
    ]
    result = tally(round_, stances)
    if status is RoundStatus.CLOSED:
        from dataclasses import replace

        round_ = replace(round_, outcome=result.outcome.value)
    return RoundView.of(round_, result, NOW, NOW + timedelta(days=1, hours=12))


def assert_slack_accepts(message_blocks: list[dict[str, object]]) -> None:
    assert validate_message_blocks(message_blocks) == []


def test_open_round_message_has_numbered_buttons_and_chair_controls() -> None:
    text, body = round_view.round_message(make_view())
    assert_slack_accepts(body)
    actions = [b for b in body if b["type"] == "actions"]
    assert [e["action_id"] for e in actions[0]["elements"]] == [
        "vote_1",
        "vote_2",
        "vote_3",
        "vote_4",
        "explain_5",
        "explain_6",
    ]
    assert {e["value"] for e in actions[0]["elements"]} == {"12|1-4"}
    assert [e["action_id"] for e in actions[1]["elements"]] == list(ids.CHAIR_ACTIONS)
    assert "0 of 6 have responded" in text


def test_under_the_1_to_5_profile_level_5_is_a_plain_vote() -> None:
    _, body = round_view.round_message(make_view(profile="1-5"))
    first = next(b for b in body if b["type"] == "actions")
    assert [e["action_id"] for e in first["elements"]][4:] == ["vote_5", "explain_6"]
    assert "5 Disagree, will not block" in json.dumps(first)


def test_closed_round_message_has_no_buttons() -> None:
    _, body = round_view.round_message(make_view(levels=(1, 1, 1, 1), status=RoundStatus.CLOSED))
    assert_slack_accepts(body)
    assert all(b["type"] != "actions" for b in body)
    assert "Consensus reached" in json.dumps(body)


@pytest.mark.parametrize("voters", [1, 50, 500])
def test_round_and_outcome_fit_slack_limits_with_many_voters(voters: int) -> None:
    levels = tuple((i % 6) + 1 for i in range(voters))
    open_view = make_view(voters=voters, levels=levels, reason="x" * 1999)
    closed_view = make_view(
        voters=voters, levels=levels, reason="x" * 1999, status=RoundStatus.CLOSED
    )
    # The outcome is posted once a round has closed (its view holds the levels only then).
    for builder, view in (
        (round_view.round_message, open_view),
        (round_view.round_message, closed_view),
        (outcome_view.outcome_message, closed_view),
    ):
        text, body = builder(view)
        assert_slack_accepts(body)
        assert len(body) <= 50 and len(text) <= 3000


def test_long_proposal_and_details_are_cut_with_an_ellipsis() -> None:
    view = make_view(title="T" * 200, details="D" * 2500)
    _, body = round_view.round_message(view)
    assert_slack_accepts(body)
    header = body[0]["text"]["text"]
    assert len(header) == 150 and header.endswith("…")


def test_outcome_headline_carries_exactly_one_verdict() -> None:
    for levels, verdict in (
        ((1, 1, 1, 1), Outcome.CONSENSUS),
        ((1, 1, 1, 6), Outcome.NO_CONSENSUS),
        ((1,), Outcome.NO_QUORUM),
    ):
        _, body = outcome_view.outcome_message(make_view(levels=levels, status=RoundStatus.CLOSED))
        headline = body[0]["text"]["text"]
        found = [v for v in Outcome if outcome_name(v) in headline]
        assert found == [verdict]


def test_outcome_shows_acknowledged_disagreement_requests_and_alternatives() -> None:
    view = make_view(levels=(1, 4, 5, 6), reason="because", status=RoundStatus.CLOSED)
    _, body = outcome_view.outcome_message(view)
    text = json.dumps(body)
    assert "Disagreement acknowledged" in text and "<@U000001>: because" in text
    assert "Need more information" in text and "Alternatives offered" in text
    assert "Did not respond: <@U000004>, <@U000005>" in text
    assert "Escalate to steering" in text
    assert "4 of 6 responded" in text


def test_distribution_is_text_with_each_level_and_its_count_not_drawn_bars() -> None:
    view = make_view(levels=(1, 1, 2, 6), status=RoundStatus.CLOSED)
    _, body = outcome_view.outcome_message(view)
    text = json.dumps(body, ensure_ascii=False)
    assert "Level 1 Full support: 2 \u00b7 Level 2 Acceptable: 1 \u00b7 Level 3" in text
    assert "Level 6 Cannot support: 1" in text
    assert "\u2588" not in text and "```" not in text


def test_deadline_is_rendered_in_each_readers_time_zone() -> None:
    assert block_kit.when(NOW) == (
        f"<!date^{int(NOW.timestamp())}^{{date_short_pretty}} at {{time}}|2026-11-23 14:00 UTC>"
    )


def test_confirmation_says_until_when_and_offers_a_reservation_for_2_to_4() -> None:
    view = make_view()
    text, body = stance_view.confirmation(view.round, Stance("U1", 3, "", NOW), 1, COUNTS)
    assert "3 Support with reservations" in text and "(was 1)" in text
    assert "change it any time before" in text
    assert body[-1]["elements"][0]["action_id"] == ids.ADD_RESERVATION_ACTION
    _, no_button = stance_view.confirmation(view.round, Stance("U1", 1, "", NOW), None, COUNTS)
    assert len(no_button) == 1


@pytest.mark.parametrize(
    "modal",
    [
        round_view.start_modal("C1", "x" * 300),
        stance_view.explain_modal(12, "1-4", 5, "C1"),
        stance_view.explain_modal(12, "1-4", 6, "C1"),
        stance_view.reservation_modal(12, 3, "C1"),
        round_view.extend_modal(12, "C1"),
        common.notice_modal("A title longer than twenty-four characters", "x" * 4000),
    ],
)
def test_every_modal_is_valid(modal: dict[str, object]) -> None:
    assert validate_view(modal) == []


def test_reminder_dm_carries_the_six_buttons() -> None:
    _, body = round_view.reminder_message(make_view(), "U000003")
    assert_slack_accepts(body)
    actions = next(b for b in body if b["type"] == "actions")
    assert len(actions["elements"]) == 6


def test_escalation_message_and_reminders_fit() -> None:
    view = make_view(levels=(1, 5, 6), reason="r" * 1500, status=RoundStatus.CLOSED)
    escalation = Escalation(1, "T", 12, "CSTEER", "U000000", NOW, NOW + timedelta(days=45))
    _, body = escalation_view.escalation_message(EscalationView(escalation, view))
    assert_slack_accepts(body)
    reminder = escalation_view.escalation_reminder(EscalationView(escalation, view, "due_tomorrow"))
    assert reminder.startswith(":bell: *Due tomorrow*")


def test_help_lists_every_subcommand_from_the_one_table() -> None:
    from handlers.grammar.subcommands import SUBCOMMANDS

    text = json.dumps(help_view.help_message())
    assert all(f"/consensus {s.name}" in text for s in SUBCOMMANDS)
    assert "`bogus` is not a command" in json.dumps(help_view.help_message("bogus"))


def test_the_chairs_confirmation_counts_seats_as_the_round_message_does() -> None:
    from bot.domain.roster import Role
    from tests.domain.support import entry, make_round

    plain = make_round(voters=("A", "B", "C"))
    assert "is open for 3 voters until" in round_view.round_opened(plain)
    # A hospital sector with a speaker holds one seat, however many of its people are asked.
    members = (
        entry("A", role=Role.SPEAKER),
        entry("B"),
        entry("C"),
        entry("D", sector="primary-care"),
    )
    rostered = make_round(voters=("A", "B", "C", "D"), members=members)
    text = round_view.round_opened(rostered)
    assert "is open for 2 seats (4 people asked) until" in text, text
