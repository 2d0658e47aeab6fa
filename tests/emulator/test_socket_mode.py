"""The emulator's Socket Mode server speaks Slack's protocol: apps.connections.open with an
app-level token, hello, envelopes acknowledged within the deadline, disconnect."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

import aiohttp
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slack_emulator import SlackEmulator, SlackUserSimulator
from slack_emulator.socket_mode import accepts_response_payload

Answer = Callable[[dict[str, Any]], dict[str, Any] | None]


def bare_ack(envelope: dict[str, Any]) -> dict[str, Any] | None:
    return {"envelope_id": envelope["envelope_id"]}


class RawApp:
    """A minimal Socket Mode app on a bare WebSocket: records every message, answers
    envelopes with ``answer(envelope)`` (None: no ack)."""

    def __init__(self, url: str, answer: Answer = bare_ack) -> None:
        self.url, self.answer = url, answer
        self.messages: list[dict[str, Any]] = []
        self.refused: int | None = None
        self.ended = threading.Event()
        self._arrived = threading.Condition()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)
        self._thread.start()

    async def _run(self) -> None:
        try:
            async with aiohttp.ClientSession() as session:
                try:
                    socket = await session.ws_connect(self.url)
                except aiohttp.WSServerHandshakeError as refused:
                    self.refused = refused.status
                    return
                async for message in socket:
                    data = json.loads(message.data)
                    with self._arrived:
                        self.messages.append(data)
                        self._arrived.notify_all()
                    if "envelope_id" in data:
                        ack = self.answer(data)
                        if ack is not None:
                            await socket.send_str(json.dumps(ack))
        finally:
            self.ended.set()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[dict[str, Any]]:
        with self._arrived:
            assert self._arrived.wait_for(lambda: len(self.messages) >= count, timeout)
            return list(self.messages)

    def join(self) -> None:
        self._thread.join(5)


@pytest.fixture
def socket_slack() -> Iterator[SlackEmulator]:
    with SlackEmulator(seed=3) as emulator:
        emulator.add_user("UANA", "ana")
        emulator.add_channel("CPART", "partnership", ["UANA"])
        yield emulator


def connections_open(slack: SlackEmulator, token: str) -> Any:
    return WebClient(base_url=slack.api_url).apps_connections_open(app_token=token)


def open_url(slack: SlackEmulator) -> str:
    return str(connections_open(slack, slack.app_token)["url"])


def error_of(call: Callable[[], object]) -> str:
    with pytest.raises(SlackApiError) as caught:
        call()
    return str(caught.value.response["error"])


def test_apps_connections_open_takes_only_an_app_level_token(socket_slack: SlackEmulator) -> None:
    url = open_url(socket_slack)
    assert url.startswith("ws://127.0.0.1:") and "/link/?ticket=" in url
    slack = socket_slack
    assert error_of(lambda: connections_open(slack, slack.bot_token)) == "not_allowed_token_type"
    assert error_of(lambda: connections_open(slack, "nonsense")) == "invalid_auth"
    assert error_of(lambda: connections_open(slack, "")) == "not_authed"
    app = WebClient(token=slack.app_token, base_url=slack.api_url)
    assert error_of(app.auth_test) == "not_allowed_token_type"


def test_a_connection_is_greeted_with_hello_and_each_url_works_once(
    socket_slack: SlackEmulator,
) -> None:
    url = open_url(socket_slack)
    first = RawApp(url)
    (hello,) = first.wait_for(1)
    assert hello["type"] == "hello"
    assert hello["num_connections"] == 1
    assert hello["connection_info"] == {"app_id": socket_slack.app_id}
    assert {"host", "approximate_connection_time"} <= set(hello["debug_info"])
    again = RawApp(url)
    assert again.ended.wait(5) and again.refused == 401
    second = RawApp(open_url(socket_slack))
    assert second.wait_for(1)[0]["num_connections"] == 2
    socket_slack.stop()
    first.join()
    second.join()


@pytest.mark.parametrize(
    ("kind", "payload", "accepts"),
    [
        ("slash_commands", {"command": "/consensus"}, True),
        ("interactive", {"type": "view_submission"}, True),
        ("interactive", {"type": "block_actions"}, False),
        ("events_api", {"type": "event_callback"}, False),
    ],
)
def test_envelopes_carry_slacks_fields(kind: str, payload: dict[str, Any], accepts: bool) -> None:
    assert accepts_response_payload(kind, payload) is accepts


def test_the_ack_payload_is_the_answer_and_arrives_with_the_envelope_id(
    socket_slack: SlackEmulator,
) -> None:
    def errors(envelope: dict[str, Any]) -> dict[str, Any]:
        answer = {"response_action": "errors", "errors": {"reason": "Say why"}}
        return {"envelope_id": envelope["envelope_id"], "payload": answer}

    app = RawApp(open_url(socket_slack), errors)
    socket_slack.socket_mode.wait_for_connection(1)
    server = socket_slack.socket_mode
    envelope = server.envelope("interactive", {"type": "view_submission"})
    delivery = server.deliver(envelope)
    assert delivery.acked and delivery.payload == {
        "response_action": "errors",
        "errors": {"reason": "Say why"},
    }
    sent = app.wait_for(2)[1]
    assert sent == envelope
    assert set(sent) == {
        "envelope_id",
        "type",
        "payload",
        "accepts_response_payload",
        "retry_attempt",
        "retry_reason",
    }
    assert sent["accepts_response_payload"] is True and sent["retry_attempt"] == 0
    socket_slack.stop()
    app.join()


def test_an_envelope_not_acknowledged_before_the_deadline_fails(
    socket_slack: SlackEmulator,
) -> None:
    app = RawApp(open_url(socket_slack), answer=lambda _envelope: None)
    server = socket_slack.socket_mode
    server.wait_for_connection(1)
    server.ack_deadline = 0.2  # Slack's is 3 s (limits.ACK_DEADLINE_SECONDS); kept short here
    delivery = server.deliver(server.envelope("events_api", {"type": "event_callback"}))
    assert not delivery.acked and delivery.elapsed >= 0.2
    sim = SlackUserSimulator(socket_slack)
    result = sim.send_envelope("events_api", {"type": "event_callback"})
    assert result.ui_error == "operation_timeout" and result.status == 0
    socket_slack.stop()
    app.join()


def test_a_lost_ack_fails_the_delivery_at_once(socket_slack: SlackEmulator) -> None:
    app = RawApp(open_url(socket_slack))
    server = socket_slack.socket_mode
    server.wait_for_connection(1)
    server.lose_acks(1)
    lost = server.deliver(server.envelope("events_api", {"type": "event_callback"}))
    assert not lost.acked and lost.ack_lost
    kept = server.deliver(server.envelope("events_api", {"type": "event_callback"}))
    assert kept.acked
    socket_slack.stop()
    app.join()


def test_disconnect_names_its_reason_and_slack_closes_the_connection_after_a_grace(
    socket_slack: SlackEmulator,
) -> None:
    app = RawApp(open_url(socket_slack))
    server = socket_slack.socket_mode
    server.wait_for_connection(1)
    server.disconnect_grace = 0.1  # Slack's is about 10 s (limits.py)
    connection = server.disconnect("warning")
    message = app.wait_for(2)[1]
    assert message["type"] == "disconnect" and message["reason"] == "warning"
    server.wait_for_close(connection)
    assert app.ended.wait(5)
    assert server.connections[0].disconnect_reason == "warning"
    app.join()


def test_the_simulator_sends_http_or_envelopes_never_both(socket_slack: SlackEmulator) -> None:
    over_http = SlackUserSimulator(socket_slack, "http://127.0.0.1:9/slack/events", "secret")
    with pytest.raises(Exception, match="HTTP requests"):
        over_http.send_envelope("events_api", {"type": "event_callback"})
    with pytest.raises(Exception, match="no Request URL"):
        SlackUserSimulator(socket_slack).url_verification()
