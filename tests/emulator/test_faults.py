"""Injected faults look to slack_sdk like the real failures, and never leave side effects."""

from __future__ import annotations

import http.client
import types

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import builtin_handlers
from slack_sdk.http_retry import handler as retry_handler
from slack_sdk.http_retry.builtin_handlers import (
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from slack_emulator import SlackEmulator
from tests.emulator.conftest import FakeClock


@pytest.fixture
def no_retry_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the retry handlers' sleeps instead of sleeping (keeps the suite fast)."""
    slept: list[float] = []
    fake_time = types.SimpleNamespace(sleep=slept.append)
    monkeypatch.setattr(builtin_handlers, "time", fake_time)
    monkeypatch.setattr(retry_handler, "time", fake_time)
    return slept


def test_ratelimit_fault_is_a_429_with_retry_after(client: WebClient, slack: SlackEmulator) -> None:
    slack.faults.add("chat.postMessage", kind="ratelimit", count=1, retry_after=7)
    with pytest.raises(SlackApiError) as caught:
        client.chat_postMessage(channel="CPART", text="x")
    response = caught.value.response
    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"
    assert response["error"] == "ratelimited"
    assert slack.messages("CPART") == []
    assert [(c.fault, c.status) for c in slack.calls] == [("ratelimit", 429)]


def test_rate_limit_retry_handler_succeeds_after_the_fault_count(
    client: WebClient, slack: SlackEmulator, no_retry_sleep: list[float]
) -> None:
    slack.faults.add("chat.postMessage", kind="ratelimit", count=2, retry_after=3)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    answer = client.chat_postMessage(channel="CPART", text="finally")
    assert answer["ok"] is True
    assert [c.fault for c in slack.calls_to("chat.postMessage")] == ["ratelimit", "ratelimit", None]
    assert all(3 <= s < 4 for s in no_retry_sleep), "the handler honoured Retry-After"
    assert [m.text for m in slack.messages("CPART")] == ["finally"], "posted exactly once"


def test_server_error_is_http_500(client: WebClient, slack: SlackEmulator) -> None:
    slack.faults.add("chat.update", kind="server_error")
    ts = client.chat_postMessage(channel="CPART", text="v1")["ts"]
    with pytest.raises(SlackApiError) as caught:
        client.chat_update(channel="CPART", ts=ts, text="v2")
    assert caught.value.response.status_code == 500
    assert slack.message("CPART", ts).text == "v1"  # type: ignore[union-attr]


def test_server_error_retry_handler_recovers(
    client: WebClient, slack: SlackEmulator, no_retry_sleep: list[float]
) -> None:
    slack.faults.add("*", kind="server_error", count=1)
    client.retry_handlers.append(ServerErrorRetryHandler(max_retry_count=1))
    assert client.chat_postMessage(channel="CPART", text="x")["ok"] is True
    assert len(slack.messages("CPART")) == 1


def test_error_fault_answers_ok_false_with_the_given_error(
    client: WebClient, slack: SlackEmulator
) -> None:
    slack.faults.add("chat.postEphemeral", kind="error", error="channel_not_found")
    with pytest.raises(SlackApiError) as caught:
        client.chat_postEphemeral(channel="CPART", user="UANA", text="x")
    assert caught.value.response.status_code == 200
    assert caught.value.response["error"] == "channel_not_found"
    assert slack.ephemerals() == []
    assert slack.calls[-1].fault == "error"


def test_timeout_fault_drops_the_connection_without_an_answer(slack: SlackEmulator) -> None:
    slack.faults.add("chat.postMessage", kind="timeout", delay=0.05)
    client = WebClient(token="xoxb-t", base_url=slack.api_url, retry_handlers=[])
    with pytest.raises(http.client.RemoteDisconnected):
        client.chat_postMessage(channel="CPART", text="x")
    assert slack.messages("CPART") == []
    assert slack.calls[-1].fault == "timeout"


def test_default_connection_retry_rides_over_one_timeout(
    client: WebClient, slack: SlackEmulator, no_retry_sleep: list[float]
) -> None:
    # slack_sdk's default ConnectionErrorRetryHandler retries a dropped connection once.
    slack.faults.add("chat.postMessage", kind="timeout", count=1)
    assert client.chat_postMessage(channel="CPART", text="x")["ok"] is True
    assert len(slack.messages("CPART")) == 1


def test_slow_fault_delays_then_answers(slack: SlackEmulator) -> None:
    slack.faults.add("auth.test", kind="slow", delay=0.2)
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(
            slack.api_url + "auth.test", headers={"Authorization": "Bearer xoxb-1"}, timeout=0.05
        )
    slack.faults.clear()
    slack.faults.add("auth.test", kind="slow", delay=0.01)
    assert WebClient(token="xoxb-t", base_url=slack.api_url).auth_test()["ok"] is True


def test_wildcard_rate_and_seed_make_runs_reproducible(clock: FakeClock) -> None:
    def outcomes() -> list[bool]:
        with SlackEmulator(clock=clock, seed=11) as emulator:
            emulator.faults.add("*", kind="error", rate=0.3)
            web = WebClient(token="xoxb-t", base_url=emulator.api_url)
            results = []
            for _ in range(30):
                try:
                    web.auth_test()
                    results.append(True)
                except SlackApiError:
                    results.append(False)
            return results

    first, second = outcomes(), outcomes()
    assert first == second
    assert 0 < first.count(False) < 30


def test_fault_count_limits_how_often_it_fires(client: WebClient, slack: SlackEmulator) -> None:
    rule = slack.faults.add("auth.test", kind="error", count=2)
    errors = 0
    for _ in range(4):
        try:
            client.auth_test()
        except SlackApiError:
            errors += 1
    assert errors == 2
    assert rule.fired == 2
    assert rule.remaining == 0


def test_unknown_fault_kind_is_refused(slack: SlackEmulator) -> None:
    with pytest.raises(ValueError):
        slack.faults.add(kind="gremlins")


def test_realistic_rate_limit_is_one_post_per_channel_per_second(
    client: WebClient, slack: SlackEmulator, clock: FakeClock
) -> None:
    slack.rate_limits.enable()
    client.chat_postMessage(channel="CPART", text="1")
    client.chat_postMessage(channel="UANA", text="other channel is fine")
    with pytest.raises(SlackApiError) as caught:
        client.chat_postMessage(channel="CPART", text="2")
    assert caught.value.response.status_code == 429
    assert caught.value.response.headers["retry-after"] == "1"
    clock.advance(1.0)
    client.chat_postMessage(channel="CPART", text="2")
    assert [m.text for m in slack.messages("CPART")] == ["1", "2"]


def test_realistic_rate_limit_uses_method_tiers(
    client: WebClient, slack: SlackEmulator, clock: FakeClock
) -> None:
    slack.rate_limits.enable(per_method_per_minute={"users.info": 3})
    for _ in range(3):
        client.users_info(user="UANA")
    with pytest.raises(SlackApiError) as caught:
        client.users_info(user="UANA")
    assert caught.value.response.headers["retry-after"] == "60"
    clock.advance(60)
    client.users_info(user="UANA")
    slack.rate_limits.disable()


def test_response_url_can_be_faulted(slack: SlackEmulator) -> None:
    url = slack.issue_response_url("CPART", "UANA")
    slack.faults.add("response_url", kind="server_error", count=1)
    assert httpx.post(url, json={"text": "x"}).status_code == 500
    assert slack.ephemerals() == []
    assert httpx.post(url, json={"text": "x"}).status_code == 200
    assert len(slack.ephemerals()) == 1
