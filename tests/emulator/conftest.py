"""Fixtures: a seeded emulator, a WebClient pointed at it, and a recording fake app."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from slack_sdk import WebClient

from slack_emulator import SlackEmulator, SlackUserSimulator

SECRET = "test-signing-secret"


class FakeClock:
    """A hand-driven clock, so expiry tests never sleep."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def payload(self) -> dict[str, Any]:
        """The JSON payload, whether sent as ``payload=`` form field or as a JSON body."""
        text = self.body.decode()
        if self.headers.get("content-type", "").startswith("application/json"):
            return dict(json.loads(text))
        fields = parse_qs(text, keep_blank_values=True)
        if "payload" in fields:
            return dict(json.loads(fields["payload"][0]))
        return {k: v[0] for k, v in fields.items()}


@dataclass
class RecordingApp:
    """A stand-in for the bot's HTTP endpoint: records requests, answers as told."""

    url: str = ""
    received: list[Received] = field(default_factory=list)
    # (status, body, content_type) returned for each request; replace to change behaviour.
    reply: Callable[[Received], tuple[int, str, str]] = lambda r: (200, "", "text/plain")

    @property
    def last(self) -> Received:
        return self.received[-1]


def _serve(app: RecordingApp) -> tuple[ThreadingHTTPServer, threading.Thread]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return None

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            got = Received({k.lower(): v for k, v in self.headers.items()}, body)
            app.received.append(got)
            status, text, content_type = app.reply(got)
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    app.url = f"http://127.0.0.1:{server.server_address[1]}/slack/events"
    return server, thread


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def slack(clock: FakeClock) -> Iterator[SlackEmulator]:
    emulator = SlackEmulator(clock=clock, seed=7)
    emulator.add_user("UANA", "ana", "Ana Silva", tz="Europe/Lisbon")
    emulator.add_user("UBEN", "ben", "Ben Okafor", tz="America/Vancouver")
    emulator.add_user("UCAL", "cal", "Cal Ng", tz="Asia/Tokyo")
    emulator.add_channel("CPART", "partnership", ["UANA", "UBEN"])
    emulator.add_channel("COTHER", "other", ["UCAL"], include_bot=False)
    with emulator:
        yield emulator


@pytest.fixture
def client(slack: SlackEmulator) -> WebClient:
    return WebClient(token="xoxb-test-token", base_url=slack.api_url, timeout=5)


@pytest.fixture
def app() -> Iterator[RecordingApp]:
    recording = RecordingApp()
    server, thread = _serve(recording)
    yield recording
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def sim(slack: SlackEmulator, app: RecordingApp) -> Iterator[SlackUserSimulator]:
    with SlackUserSimulator(slack, app.url, SECRET) as simulator:
        yield simulator


def json_reply(body: dict[str, Any]) -> Callable[[Received], tuple[int, str, str]]:
    return lambda _r: (200, json.dumps(body), "application/json")


def slow_reply(seconds: float) -> Callable[[Received], tuple[int, str, str]]:
    def reply(_r: Received) -> tuple[int, str, str]:
        time.sleep(seconds)
        return 200, "", "text/plain"

    return reply
