"""Hostile and broken input: a clear answer or a 4xx, never a 5xx, a trace or a hang-up.

Property-based (hypothesis) over the command grammar and over signed requests of any shape
sent to the real HTTP front door; and over-long text is cut to fit Block Kit, never
rejected by Slack (the emulator rejects what Slack rejects).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.clock import ManualClock
from bot.domain.errors import ConsensusError
from bot.domain.round import MAX_DETAILS, MAX_TITLE
from handlers import ids
from handlers.grammar.commands import Command, parse
from handlers.grammar.values import parse_deadline, parse_quorum, parse_reminders
from harness.local import LocalWorkspace
from slack_emulator import validate_message_blocks
from tests.reliability.conftest import (
    CHAIR,
    CHANNEL,
    PARTNERS,
    PEOPLE,
    drain,
    stances,
    start_round,
)

QUICK = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text that looks like what people type: words, options, mentions, numbers, and junk.
WORDS = st.sampled_from(
    [
        "start",
        "close",
        "extend",
        "remind",
        "cancel",
        "escalate",
        "resolve",
        "status",
        "list",
        "config",
        "steering",
        "help",
        "revise",
        "vote",
        "roster",
        "--deadline",
        "--voters",
        "--quorum",
        "--rule",
        "--remind",
        "3d",
        "0m",
        "99999999999d",
        "2026-02-30",
        "2026-12-01T17:00",
        "1-5",
        "75%",
        "0/0",
        "1e400",
        "nan",
        "#12",
        "#0",
        "#99999999999",
        "<@U123|ana>",
        "<@W1>",
        "<#C1|x>",
        "<!channel>",
        "none",
        "\u202e",
        "\x00",
        "",
        "' OR 1=1 --",
    ]
)
COMMAND_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=12).map(" ".join),
    st.integers(4000, 4100).map(lambda n: "start " + "x" * n),
)


@QUICK
@given(COMMAND_TEXT)
def test_any_command_text_parses_or_gets_a_helpful_message(text: str) -> None:
    try:
        command: Command = parse(text)
    except ConsensusError as error:
        assert 0 < len(error.message) < 1000
        assert "Traceback" not in error.message
    else:
        assert command is not None


@QUICK
@given(st.text(max_size=60))
def test_option_parsers_raise_only_helpful_errors(text: str) -> None:
    for parser in (parse_deadline, parse_quorum, parse_reminders):
        try:
            parser(text)
        except ConsensusError as error:
            assert error.message


# ----------------------------------------------------------------------------- over HTTP
@pytest.fixture
def live(ws: LocalWorkspace, clock: ManualClock) -> Iterator[tuple[LocalWorkspace, str]]:
    ts = start_round(ws)
    drain(ws, clock)
    yield ws, ts


def _no_trace_shown(ws: LocalWorkspace) -> None:
    shown = [str(c.params) for c in ws.emulator.calls if c.method != "auth.test"]
    assert not [s for s in shown if "Traceback" in s or 'File "' in s]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
ACTION_IDS = st.sampled_from(
    [
        "vote_1",
        "vote_6",
        "explain_5",
        "explain_6",
        ids.CLOSE_ACTION,
        ids.EXTEND_ACTION,
        ids.REMIND_ACTION,
        ids.CANCEL_ACTION,
        ids.ESCALATE_ACTION,
        ids.ADD_RESERVATION_ACTION,
        "vote_9",
        "nope",
    ]
)
VALUES = st.one_of(
    st.sampled_from(["1|1-4", "1|U0CHAIR", "1|3", "999|1-4", "1|9-9", "x|y", "1", "", "|||"]),
    st.text(max_size=30),
    JSON,
)
USERS = st.one_of(
    st.sampled_from([{"id": p.id} for p in PEOPLE]),
    st.fixed_dictionaries({"id": st.text(max_size=10)}),
    JSON,
)
BLOCK_ACTIONS = st.fixed_dictionaries(
    {
        "type": st.just("block_actions"),
        "user": USERS,
        "team": st.one_of(st.just({"id": "T0001"}), JSON),
        "trigger_id": st.one_of(st.just("1.2.x"), JSON),
        "response_url": st.one_of(st.just("http://127.0.0.1:9/nowhere"), JSON),
        "actions": st.lists(
            st.fixed_dictionaries(
                {"action_id": ACTION_IDS, "block_id": st.text(max_size=10), "value": VALUES}
            ),
            min_size=1,
            max_size=2,
        ),
    },
    optional={"channel": JSON, "container": JSON, "message": JSON, "state": JSON},
)
VIEW_SUBMISSIONS = st.fixed_dictionaries(
    {
        "type": st.just("view_submission"),
        "user": USERS,
        "team": st.one_of(st.just({"id": "T0001"}), JSON),
        "view": st.fixed_dictionaries(
            {
                "type": st.one_of(st.just("modal"), JSON),
                "id": st.just("V0FORGED"),
                "callback_id": st.sampled_from(
                    [ids.START_VIEW, ids.EXPLAIN_VIEW, ids.RESERVATION_VIEW, ids.EXTEND_VIEW, "x"]
                ),
                "private_metadata": st.one_of(
                    st.sampled_from(
                        ['{"round":1,"level":5,"channel":"C0PARTNERS"}', '{"round":"x"}', "[]"]
                    ),
                    st.text(max_size=40),
                ),
                "state": st.one_of(
                    st.just({"values": {"reason": {"reason_input": {"value": "why"}}}}),
                    st.fixed_dictionaries(
                        {"values": st.dictionaries(st.text(max_size=8), JSON, max_size=3)}
                    ),
                    JSON,
                ),
            }
        ),
    }
)


def _form(payload: Any) -> bytes:
    return urlencode({"payload": json.dumps(payload)}).encode()


def _check(ws: LocalWorkspace, body: bytes, content_type: str) -> None:
    answer = ws.sim.send_raw(body, ws.sim.signed_headers(body, content_type=content_type))
    assert answer.status < 500, (answer.status, answer.body, body[:300])
    # Slack's own rule, as the emulator applies it: no ack within 3 s is a failure shown to
    # the person. (A tighter wall-clock bound here would fail on a busy machine, not on a bug.)
    assert answer.ui_error != "operation_timeout", "the bot left Slack waiting for its ack"
    assert "Traceback" not in answer.body


@QUICK
@given(payload=st.one_of(BLOCK_ACTIONS, VIEW_SUBMISSIONS))
def test_signed_payloads_of_any_shape_get_an_answer_never_a_5xx(
    live: tuple[LocalWorkspace, str], payload: dict[str, Any]
) -> None:
    ws, _ = live
    _check(ws, _form(payload), "application/x-www-form-urlencoded")


@QUICK
@given(
    body=st.one_of(
        st.binary(max_size=300),
        JSON.map(lambda v: json.dumps(v).encode()),
        st.dictionaries(st.sampled_from(["payload", "command", "text", "ssl_check", "x"]), JSON)
        .map(lambda d: {k: json.dumps(v) for k, v in d.items()})
        .map(lambda d: urlencode(d).encode()),
        JSON.map(lambda v: _form(v)),
    ),
    content_type=st.sampled_from(
        ["application/x-www-form-urlencoded", "application/json", "text/plain", ""]
    ),
)
def test_signed_bodies_of_any_kind_get_a_4xx_or_an_answer_never_a_5xx(
    live: tuple[LocalWorkspace, str], body: bytes, content_type: str
) -> None:
    ws, _ = live
    _check(ws, body, content_type)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=COMMAND_TEXT, who=st.sampled_from([CHAIR.id, PARTNERS[0].id, PEOPLE[-1].id]))
def test_any_slash_command_gets_a_private_answer(
    live: tuple[LocalWorkspace, str], text: str, who: str
) -> None:
    ws, _ = live
    answer = ws.sim.slash_command(who, CHANNEL, text=text)
    assert answer.status == 200 and answer.ui_error is None, (answer.status, answer.body)
    if answer.body.strip():
        assert json.loads(answer.body).get("response_type", "ephemeral") == "ephemeral"
    _no_trace_shown(ws)


# ----------------------------------------------------------------------------- Block Kit
def test_the_emulator_really_rejects_what_slack_rejects() -> None:
    """So the tests below would fail if the bot sent an over-long text."""
    assert validate_message_blocks(
        [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]
    )
    assert validate_message_blocks(
        [{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}]
    )


def test_longest_title_details_and_reasons_are_cut_to_fit_never_rejected(
    ws: LocalWorkspace, clock: ManualClock
) -> None:
    """A 200-character proposal, 2,500 characters of details and reasons adding up to well
    over 3,000 characters all reach Slack, shortened with an ellipsis where a block is full."""
    title = "Adopt " + "the shared referral form for every partner and sector " * 4
    title = title[:MAX_TITLE]
    assert len(title) == 200
    sim = ws.sim
    assert sim.slash_command(CHAIR.id, CHANNEL, text="start").status == 200
    ws.finish_requests()  # forms open, answers arrive and rounds close after the ack
    assert ws.emulator.open_view(CHAIR.id)
    details = ("Background and options; " * 200)[:MAX_DETAILS]
    submitted = sim.submit_view(
        CHAIR.id,
        inputs={
            "title_input": title,
            "details_input": details,
            "voters_input": [p.id for p in (CHAIR, *PARTNERS)],
        },
    )
    assert submitted.status == 200 and submitted.errors is None, submitted.body
    drain(ws, clock)
    message = ws.round_message(CHANNEL)
    header = message.blocks[0]["text"]["text"]
    assert len(header) == 150 and header.endswith("…")
    ts = message.ts

    reason = ("We need the costing for clinics, the consent model, and training time. " * 40)[:2000]
    for person, level in zip(PARTNERS[:6], (4, 5, 6, 5, 6, 3), strict=True):
        if level in (5, 6):
            assert sim.click(person.id, CHANNEL, ts, f"explain_{level}").status == 200
            ws.finish_requests()
            assert ws.emulator.open_view(person.id)
            answer = sim.submit_view(person.id, inputs={"reason_input": reason})
            assert answer.status == 200 and answer.errors is None
        else:
            assert sim.click(person.id, CHANNEL, ts, f"vote_{level}").status == 200
            ws.finish_requests()
            confirmation = [e for e in ws.emulator.ephemerals(user=person.id) if e.blocks][-1]
            assert sim.click_ephemeral(person.id, confirmation, "add_reservation").status == 200
            ws.finish_requests()
            assert ws.emulator.open_view(person.id)
            assert sim.submit_view(person.id, inputs={"reason_input": reason}).status == 200
    drain(ws, clock)
    assert len(stances(ws)) == 6
    assert sim.click(CHAIR.id, CHANNEL, ts, "round_close").status == 200
    drain(ws, clock)

    rejected = [c for c in ws.emulator.calls if not c.ok and c.method.startswith("chat.")]
    assert not rejected, [(c.method, c.response) for c in rejected]
    outcome = [
        m
        for m in ws.emulator.messages(CHANNEL)
        if m.text.startswith(("Consensus reached", "No consensus", "No quorum"))
    ]
    assert len(outcome) == 1
    text = json.dumps(outcome[0].blocks, ensure_ascii=False)
    assert re.search(r"We need the costing", text)
    assert "…" in text, "long reasons were shortened with an ellipsis"
    explanations = ws.emulator.replies(CHANNEL, ts)
    assert len(explanations) == 4


def test_a_reason_longer_than_the_form_allows_gets_a_field_error_not_a_failure(
    live: tuple[LocalWorkspace, str],
) -> None:
    """Slack's form stops at 2,000 characters; a forged 3,500-character submission is
    answered with a field error in the form, never passed on to Slack."""
    ws, _ = live
    payload = {
        "type": "view_submission",
        "user": {"id": PARTNERS[0].id},
        "team": {"id": "T0001"},
        "view": {
            "type": "modal",
            "id": "V0FORGED",
            "callback_id": ids.EXPLAIN_VIEW,
            "private_metadata": json.dumps({"round": 1, "level": 6, "channel": CHANNEL}),
            "state": {"values": {"reason": {"reason_input": {"value": "x" * 3500}}}},
        },
    }
    body = _form(payload)
    answer = ws.sim.send_raw(body, ws.sim.signed_headers(body))
    assert answer.status == 200
    assert json.loads(answer.body)["response_action"] == "errors"
    assert PARTNERS[0].id not in stances(ws)
