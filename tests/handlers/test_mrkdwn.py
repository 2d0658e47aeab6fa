"""Typed text is shown as typed: escaping at the Slack boundary (handlers.mrkdwn).

The oracle is slack_emulator.markup, an independent reading of Slack's rules: it lists the
mentions, broadcasts, links and dates a message would produce when Slack renders it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.errors import InvalidInput, typed
from bot.domain.recorded_vote import VoteRules
from bot.domain.roster import Representation, make_entry
from bot.domain.round import Round, RoundStatus, Stance
from bot.domain.tally import Outcome, tally
from bot.ports import Escalation, EscalationView, HistoryEntry, RoundView
from bot.record_entries import EntryKind, entry_text
from bot.usecases.decision_log import Decision, HomeView
from bot.usecases.revisions import ADOPTED_HEADING, ANSWERS_HEADING, RevisionForm
from bot.usecases.roster import RosterView
from handlers import mrkdwn as md
from handlers.grammar.command_text import as_typed
from handlers.views import common
from handlers.views import decision_log as log_view
from handlers.views import escalation as escalation_view
from handlers.views import help as help_view
from handlers.views import home as home_view
from handlers.views import outcome as outcome_view
from handlers.views import revision as revision_view
from handlers.views import roster as roster_view
from handlers.views import round as round_view
from handlers.views import stance as stance_view
from slack_emulator import markup
from slack_emulator.transcript import render_mrkdwn

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
CHAIR, ANA, BEN = "U0CHAIR", "U0ANA", "U0BEN"
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))

# Text as people type it, weighted towards Slack's markup characters and tokens.
MARKUP_PIECES = st.sampled_from(
    [
        "<",
        ">",
        "&",
        "|",
        "<!channel>",
        "<!here>",
        "<!everyone>",
        "<!subteam^S0TEAM|@nurses>",
        "<!date^1700000000^{date}|today>",
        "<@U0ANA>",
        "<#C0STEER>",
        "<https://evil.example|Ontario Health guidance>",
        "&amp;",
        "&lt;",
        "&gt;",
        "&#60;",
        "*bold*",
        "`",
    ]
)
TYPED = st.lists(st.one_of(MARKUP_PIECES, st.text(max_size=8)), max_size=12).map("".join)


# ----------------------------------------------------------------------------- the function
@PROPERTY
@given(TYPED)
def test_typed_text_renders_literally_without_any_slack_token(text: str) -> None:
    shown = md.literal(text)
    assert markup.markup(shown) == []
    assert md.unescape(shown) == text
    assert render_mrkdwn(shown) == text  # what a reader sees


@PROPERTY
@given(st.text())
def test_unescape_inverts_escape_for_any_text(text: str) -> None:
    assert md.unescape(md.escape(text)) == text


def test_the_three_characters_slack_reads_as_markup_are_escaped() -> None:
    assert md.escape("beds < 10 & staff > 5") == "beds &lt; 10 &amp; staff &gt; 5"
    assert md.escape("&lt;") == "&amp;lt;"  # typed text that looks escaped stays as typed


@PROPERTY
@given(TYPED, st.integers(min_value=2, max_value=60))
def test_cutting_escaped_text_never_splits_an_escape_and_keeps_the_limit(
    text: str, limit: int
) -> None:
    shown = md.literal(text, limit)
    assert len(shown) <= limit
    assert markup.markup(shown) == []
    kept = md.unescape(shown.removesuffix(md.ELLIPSIS))
    assert text.startswith(kept)
    # No half escape is left at the end ("&am…").
    assert "&" not in shown.rpartition(";")[2]


def test_a_cut_moves_back_before_a_mention_the_bot_wrote() -> None:
    text = "Waiting for <@U0ANA>"
    assert md.cut(text, 17) == "Waiting for…"
    assert md.cut(text, 40) == text


def test_raw_angle_brackets_in_command_text_are_kept_not_a_crash() -> None:
    # Slack escapes them, but a hostile or buggy client may not: "<>" was an IndexError.
    assert as_typed("<>") == ""
    assert as_typed("a <> b") == "a  b"


def test_slash_command_text_is_read_back_as_typed() -> None:
    assert as_typed("beds &lt; 10 &amp;&amp; staff &gt; 5") == "beds < 10 && staff > 5"
    assert as_typed("&lt;!channel&gt;") == "<!channel>"
    assert as_typed("ask <@U0ANA|ana> in <#C0STEER|steering>") == ("ask @ana in #steering")
    assert as_typed("<!here> see <https://ohio.example>") == ("@here see https://ohio.example")
    assert as_typed("<https://evil.example|Ontario Health guidance>") == (
        "Ontario Health guidance (https://evil.example)"
    )


@PROPERTY
@given(TYPED)
def test_what_slack_delivers_after_a_slash_command_is_read_back_as_typed(text: str) -> None:
    assert as_typed(markup.slash_command_text(text)) == text


def test_an_error_quoting_typed_text_escapes_it_and_keeps_the_bots_mention() -> None:
    error = InvalidInput(f"`{typed('<!channel>')}` is not a deadline. Ask <@{CHAIR}>.")
    shown = common.error_text(error)
    assert "&lt;!channel&gt;" in shown
    assert [(t.kind, t.target) for t in markup.markup(shown)] == [(markup.USER, CHAIR)]
    assert error.message == f"`<!channel>` is not a deadline. Ask <@{CHAIR}>."
    assert str(error) == error.message


# ----------------------------------------------------------------------------- every builder
def _round(text: str, **changes: Any) -> Round:
    round_ = Round(
        id=7,
        workspace="T0",
        channel="C0PART",
        chair=CHAIR,
        title=text[:200] or "x",
        details=text,
        voters=(CHAIR, ANA, BEN),
        profile_key="1-4",
        quorum=Fraction(2, 3),
        opened_at=NOW,
        closes_at=NOW + timedelta(days=3),
        message_ref="1.0",
    )
    return replace(round_, **changes)


def _view(round_: Round, text: str) -> RoundView:
    stances = [
        Stance(CHAIR, 3, text, NOW),
        Stance(ANA, 5, text or "?", NOW),
        Stance(BEN, 6, text or "?", NOW),
    ]
    return RoundView.of(round_, tally(round_, stances), NOW, NOW + timedelta(days=1))


def _everything_rendered(text: str) -> list[tuple[str | None, Any]]:
    """(top-level text, blocks) of every surface that shows typed ``text``."""
    open_round = _round(text)
    closed = _round(
        text, status=RoundStatus.CLOSED, closed_at=NOW, outcome=Outcome.NO_CONSENSUS.value
    )
    view, closed_view = _view(open_round, text), _view(closed, text)
    escalation = Escalation(1, "T0", 7, "C0STEER", CHAIR, NOW, NOW + timedelta(days=45))
    esc_view = EscalationView(escalation, closed_view, "weekly")
    # An organisation must have a name: blank typed text stands for one ("x").
    entry = make_entry(ANA, text[:80] if text[:80].strip() else "x", "hospital", "voting")
    typed_entries = (
        HistoryEntry(NOW, 7, kind, ANA, level=5 if kind == "stance" else None, text=text)
        for kind in ("round_opened", "stance", "escalation_resolved", "alternative_adopted")
    )
    cancelled = entry_text(EntryKind.VOTE_CANCELLED, vote=1, reason=text)
    history = (
        *typed_entries,
        HistoryEntry(NOW, 7, EntryKind.VOTE_CANCELLED, CHAIR, text=cancelled),
    )
    surfaces: list[tuple[str | None, Any]] = [
        round_view.round_message(view),
        round_view.round_message(closed_view),
        outcome_view.outcome_message(closed_view),
        (stance_view.explanation_message(view, Stance(ANA, 5, text or "?", NOW)), None),
        round_view.reminder_message(view, ANA),
        (None, round_view.status_message(view, ANA)),
        (None, round_view.list_message([view])),
        escalation_view.escalation_message(esc_view),
        (escalation_view.escalation_reminder(esc_view), None),
        (None, help_view.help_message(text[:40])),
        (common.error_text(InvalidInput(f"`{typed(text)}` is not a deadline.")), None),
        (
            None,
            roster_view.roster_message(
                RosterView((entry,), Representation.SECTOR, VoteRules()), "T0"
            ),
        ),
        (roster_view.roster_set_text(entry), None),
        (None, log_view.decision_message(Decision((closed,), (), history))),
        (None, log_view.recent_message([closed])),
        (None, home_view.home_view(HomeView((view,), {}, (), (closed,)))),
    ]
    return surfaces


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(TYPED)
def test_no_typed_text_makes_any_surface_mention_broadcast_or_link(text: str) -> None:
    bot_tokens = {(markup.USER, u) for u in (CHAIR, ANA, BEN)} | {
        (markup.CHANNEL, "C0PART"),
        (markup.CHANNEL, "C0STEER"),
    }
    for top, body in _everything_rendered(text):
        for token in markup.message_markup(top, body):
            if token.kind == markup.DATE:
                continue  # the bot's deadlines
            assert (token.kind, token.target) in bot_tokens, (token, text)


def test_typed_text_reads_back_exactly_in_the_round_message_and_thread() -> None:
    text = "beds < 10 and staff > 5 & <!channel> <https://evil.example|guidance>"
    round_ = _round(text)
    view = _view(round_, text)
    top, body = round_view.round_message(view)
    assert md.unescape(top).startswith(f"Proposal #7: {text} — ")
    assert render_mrkdwn(body[1]["text"]["text"]) == text  # the details
    assert body[0]["text"]["text"] == f"Proposal #7: {text}"  # plain_text header: unescaped
    thread = stance_view.explanation_message(view, Stance(BEN, 6, text, NOW))
    assert render_mrkdwn(thread).endswith("\n" + text)


def test_a_revision_keeps_the_bots_heading_and_mention_but_escapes_the_alternative() -> None:
    alternative = "Pilot first <!channel>"
    details = "\n\n".join(
        [
            "Revised <b>",
            ADOPTED_HEADING.format(voter=BEN) + alternative,
            ANSWERS_HEADING + "budget < 5%",
        ]
    )
    shown = revision_view.proposal_details(_round(details, parent_id=3, revision=2))
    assert f"*Adopts the alternative offered by <@{BEN}>:* Pilot first &lt;!channel&gt;" in shown
    assert "*Answers to the information requests:* budget &lt; 5%" in shown
    assert [(t.kind, t.target) for t in markup.markup(shown)] == [(markup.USER, BEN)]


def test_a_heading_typed_into_details_cannot_mention_someone_outside_the_round() -> None:
    details = ADOPTED_HEADING.format(voter="U0OUTSIDER") + "hello"
    for parent in (None, 3):
        shown = revision_view.proposal_details(_round(details, parent_id=parent))
        assert markup.markup(shown) == []


def test_a_long_escaped_reason_is_cut_to_the_section_limit_without_a_broken_escape() -> None:
    text = "<" * 2000  # 8,000 characters once escaped
    _, body = outcome_view.outcome_message(
        _view(
            _round(
                "t", status=RoundStatus.CLOSED, closed_at=NOW, outcome=Outcome.NO_CONSENSUS.value
            ),
            text,
        )
    )
    texts = [b["text"]["text"] for b in body if b["type"] == "section"]
    assert all(len(t) <= 3000 for t in texts)
    assert all("&" not in t.rpartition(";")[2] for t in texts)
    assert {t.kind for t in markup.message_markup(None, body)} <= {markup.USER, markup.DATE}


def test_plain_text_surfaces_take_typed_text_unescaped() -> None:
    text = "A & B <team>"
    round_ = _round(text)
    modal = revision_view.revise_modal(RevisionForm(round_, (), ()), "C0PART")
    values = [
        b["element"].get("initial_value")
        for b in modal["blocks"]
        if b["type"] == "input" and "initial_value" in b["element"]
    ]
    assert text in values
    assert "&amp;" not in json.dumps(values)
