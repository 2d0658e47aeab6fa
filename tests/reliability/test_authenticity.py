"""Authenticity: only requests signed by Slack, within 5 minutes, reach parsing or the database.

And the signing secret and tokens never appear in logs, answers or error messages.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import event

import handlers.http
from bootstrap.config import ConfigError, Settings
from bot.clock import ManualClock
from harness.local import BOT_TOKEN, SIGNING_SECRET, LocalWorkspace
from tests.reliability.conftest import (
    CHAIR,
    CHANNEL,
    OUTSIDER,
    PARTNERS,
    drain,
    stances,
    start_round,
)

ROOT = Path(__file__).resolve().parents[2]


class Spy:
    """Counts SQL statements on the bot's engine and calls of the body parser."""

    def __init__(self, ws: LocalWorkspace, monkeypatch: pytest.MonkeyPatch) -> None:
        assert ws.bot is not None
        self.sql: list[str] = []
        self.parsed = 0
        event.listen(ws.bot.engine, "before_cursor_execute", self._on_sql)
        real = handlers.http.read_signed_body

        def counting(body: bytes, content_type: str) -> dict[str, Any] | str:
            self.parsed += 1
            return real(body, content_type)

        monkeypatch.setattr(handlers.http, "read_signed_body", counting)

    def _on_sql(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        self.sql.append(statement)

    def reset(self) -> None:
        self.sql.clear()
        self.parsed = 0


@pytest.fixture
def vote(ws: LocalWorkspace) -> Iterator[tuple[bytes, str]]:
    """A genuine vote payload for partner 1 (as Slack would send it), not yet delivered."""
    ts = start_round(ws)
    message = ws.emulator.message(CHANNEL, ts)
    assert message is not None
    sent = ws.sim.click(PARTNERS[1].id, CHANNEL, ts, "vote_2").sent  # a real click, to copy
    payload = {**sent, "user": {**sent["user"], "id": PARTNERS[0].id}}
    # Both private answers (to the start command and to the click) have arrived.
    ws.finish_requests()
    assert len(ws.emulator.calls_to("response_url")) == 2
    yield urlencode({"payload": json.dumps(payload)}).encode(), PARTNERS[0].id


def _headers(ws: LocalWorkspace, body: bytes, **changes: str | None) -> dict[str, str]:
    headers = ws.sim.signed_headers(body)
    for name, value in changes.items():
        key = {"ts": "X-Slack-Request-Timestamp", "sig": "X-Slack-Signature"}[name]
        if value is None:
            headers.pop(key)
        else:
            headers[key] = value
    return headers


FORGERIES = {
    "wrong signature": lambda ws, body: _headers(ws, body, sig="v0=" + "0" * 64),
    "signed with another secret": lambda ws, body: {
        **_headers(ws, body),
        "X-Slack-Signature": _sign("not-the-secret", body, int(time.time())),
    },
    "timestamp 6 minutes old": lambda ws, body: _signed_at(body, int(time.time()) - 360),
    "timestamp 6 minutes ahead": lambda ws, body: _signed_at(body, int(time.time()) + 360),
    "no signature header": lambda ws, body: _headers(ws, body, sig=None),
    "no timestamp header": lambda ws, body: _headers(ws, body, ts=None),
    "no headers at all": lambda ws, body: {"Content-Type": "application/x-www-form-urlencoded"},
    "signature of another body": lambda ws, body: _headers(ws, body + b"&x=1"),
    "timestamp not a number": lambda ws, body: _headers(ws, body, ts="17e8"),
}


def _sign(secret: str, body: bytes, ts: int) -> str:
    import hashlib
    import hmac

    base = b"v0:" + str(ts).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def _signed_at(body: bytes, ts: int) -> dict[str, str]:
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": _sign(SIGNING_SECRET, body, ts),
    }


@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_forged_or_stale_requests_are_refused_before_parsing_or_database_work(
    ws: LocalWorkspace,
    vote: tuple[bytes, str],
    forgery: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body, voter = vote
    spy = Spy(ws, monkeypatch)
    calls_before = len(ws.emulator.calls)
    headers = FORGERIES[forgery](ws, body)
    answer = ws.sim.send_raw(body, headers)
    assert answer.status == 401
    assert json.loads(answer.body) == {"error": "invalid request"}
    assert spy.sql == [], "the database was touched for a refused request"
    assert spy.parsed == 0, "the body was parsed before the signature was checked"
    assert voter not in stances(ws)
    time.sleep(0.05)  # a listener that ran would have answered through Slack by now
    assert len(ws.emulator.calls) == calls_before, "a listener ran"

    # The same body, correctly signed, does get through: the spies can see work.
    good = ws.sim.send_raw(body, ws.sim.signed_headers(body))
    assert good.status == 200
    assert spy.parsed == 1 and spy.sql
    assert stances(ws)[voter] == 2


def test_garbage_without_a_signature_is_a_401_not_a_400(
    ws: LocalWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = Spy(ws, monkeypatch)
    for body in (b"\xff\xfe not utf-8", b"payload={oops", b"", b"x" * 5000):
        answer = ws.sim.send_raw(body, {"Content-Type": "application/x-www-form-urlencoded"})
        assert answer.status == 401
    assert spy.parsed == 0 and spy.sql == []


# ----------------------------------------------------------------------------- secrets
@pytest.fixture
def noisy_ws(clock: ManualClock) -> Iterator[LocalWorkspace]:
    """A workspace whose bot logs at DEBUG."""
    from tests.reliability.conftest import PEOPLE

    channels = {CHANNEL: ("oht-partners", [p.id for p in PEOPLE])}
    with LocalWorkspace(
        PEOPLE, channels, clock=clock, background=False, env={"LOG_LEVEL": "DEBUG"}
    ) as workspace:
        yield workspace


def test_secrets_never_reach_logs_or_answers_even_with_faults_and_errors(
    noisy_ws: LocalWorkspace, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    ws = noisy_ws
    caplog.set_level(logging.DEBUG)
    emulator = ws.emulator
    answers: list[str] = []
    ts = start_round(ws)
    for kind in ("ratelimit", "server_error", "error", "timeout"):
        emulator.faults.add(method="chat.update", kind=kind, rate=0.5)
        emulator.faults.add(method="chat.postMessage", kind=kind, rate=0.3)
        emulator.faults.add(method="response_url", kind=kind, rate=0.3)
    emulator.faults.add(method="chat.postEphemeral", kind="error", error="invalid_auth")
    emulator.faults.add(method="views.open", kind="error", error="not_authed")
    for person in PARTNERS[:4]:
        answers.append(ws.sim.click(person.id, CHANNEL, ts, "vote_3").body)
    answers.append(ws.sim.click(PARTNERS[4].id, CHANNEL, ts, "explain_6").body)
    answers.append(ws.sim.click(OUTSIDER.id, CHANNEL, ts, "vote_1").body)  # refused
    answers.append(ws.sim.click(OUTSIDER.id, CHANNEL, ts, "round_close").body)  # refused
    answers.append(ws.sim.slash_command(OUTSIDER.id, CHANNEL, text="close #999").body)
    answers.append(ws.sim.slash_command(CHAIR.id, CHANNEL, text="start").body)
    body = b"payload=%7B%22type%22%3A1%7D"
    answers.append(ws.sim.send_raw(body, ws.sim.signed_headers(body)).body)
    answers.append(ws.sim.send_raw(body, {"X-Slack-Signature": "v0=1"}).body)
    time.sleep(0.2)  # let the listeners' after-ack work finish
    drain(ws, clock)
    ws.sim.click(CHAIR.id, CHANNEL, ts, "round_close")
    time.sleep(0.1)
    drain(ws, clock)

    assert any(r.levelno >= logging.WARNING for r in caplog.records), "no errors were provoked"
    assert any(r.levelno == logging.DEBUG for r in caplog.records), "DEBUG logging was off"
    text = "\n".join(
        f"{r.name} {r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in caplog.records
    )
    text += caplog.text + "\n".join(answers)
    text += "\n".join(str(c.params) + str(c.response) for c in emulator.calls)
    for secret in (SIGNING_SECRET, BOT_TOKEN, BOT_TOKEN.removeprefix("xoxb-")):
        assert secret not in text


def test_settings_repr_hides_secrets() -> None:
    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-1234-supersecret",
            "SLACK_SIGNING_SECRET": "signing-supersecret",
            "SLACK_APP_TOKEN": "xapp-1-appsecret",
            "DATABASE_URL": "postgresql+psycopg://bot:dbpassword@db/consensus",
        }
    )
    for shown in (repr(settings), str(settings), f"{settings}", f"{settings!r}"):
        for secret in ("supersecret", "appsecret", "dbpassword"):
            assert secret not in shown, shown


BAD_ENV = {
    "SLACK_BOT_TOKEN": "xoxp-user-token-supersecret",  # wrong kind of token
    "SLACK_SIGNING_SECRET": "signing-supersecret",
    "SLACK_APP_TOKEN": "xoxb-appsecret",  # not an xapp- token
    "SLACK_API_URL": "ftp://apisecret",
    "DATABASE_URL": "mysql://bot:dbpassword@db/x",
    "PORT": "port-supersecret",
    "LOG_LEVEL": "loud-supersecret",
}


def test_config_errors_name_the_problem_but_never_echo_a_value() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(BAD_ENV)
    message = str(caught.value)
    assert "SLACK_BOT_TOKEN must start with xoxb-" in message
    for secret in ("supersecret", "appsecret", "dbpassword", "apisecret"):
        assert secret not in message, message


def test_start_up_with_bad_settings_prints_no_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE"))}
    env.update(BAD_ENV, CONSENSUS_ENV_FILE=str(tmp_path / "none.env"), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "bootstrap.cli", "run", "--http"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "cannot start" in done.stderr
    output = done.stdout + done.stderr
    for secret in ("supersecret", "appsecret", "dbpassword", "apisecret"):
        assert secret not in output, output
