"""Crashes: ``kill -9`` in the middle of a burst of 200 clicks loses no acknowledged vote.

The bot runs as its own OS process (``python -m bootstrap.cli run --http``) against an emulator
started here, on a temporary SQLite file. It is killed with SIGKILL while clicks are in
flight, restarted on the same database, and the round is closed: every click that got an
HTTP 200 must be in the outcome, and the database must pass ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from slack_emulator import SlackEmulator, SlackUserSimulator
from tests.reliability.conftest import wait_until

SECRET = "crash-test-signing-secret"
TOKEN = "xoxb-crash-test-token"
CHANNEL = "C0BURST"
CHAIR = "U0CHAIR"
VOTERS = [f"U0V{i:03d}" for i in range(200)]
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BotProcess:
    def __init__(self, emulator: SlackEmulator, database: Path, workdir: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE"))},
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": emulator.api_url,
            "DATABASE_URL": f"sqlite:///{database}",
            "SCHEDULER_INTERVAL_SECONDS": "0.2",
            "LOG_LEVEL": "WARNING",
            "CONSENSUS_ENV_FILE": str(workdir / "no.env"),
            "PYTHONPATH": str(ROOT),
        }
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None
        self.log = workdir / "bot.log"

    def start(self) -> BotProcess:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bootstrap.cli", "run", "--http", "--port", str(self.port)],
                env=self.env,
                cwd=self.workdir,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(self._healthy, timeout=30, what="the bot process to serve /healthz")
        return self

    def _healthy(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"the bot exited: {self.log.read_text()[-2000:]}")
        try:
            return httpx.get(self.url + "/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def kill9(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


@pytest.fixture
def emulator() -> Iterator[SlackEmulator]:
    slack = SlackEmulator(seed=3)
    slack.add_user(CHAIR, "chair", "The Chair")
    for i, voter in enumerate(VOTERS):
        slack.add_user(voter, f"v{i}", f"Voter {i}")
    slack.add_channel(CHANNEL, "burst", [CHAIR, *VOTERS])
    with slack:
        yield slack


def _integrity(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def _stored(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT voter, level FROM stance").fetchall())


def test_kill_9_during_a_burst_loses_no_acknowledged_click(
    emulator: SlackEmulator, tmp_path: Path
) -> None:
    database = tmp_path / "consensus.db"
    bot = BotProcess(emulator, database, tmp_path).start()
    try:
        sim = SlackUserSimulator(emulator, bot.url + "/slack/events", SECRET, timeout=10)
        mentions = " ".join(f"<@{v}>" for v in VOTERS)
        opened = sim.slash_command(
            CHAIR, CHANNEL, text=f"start Burst proposal --deadline 3d --voters {mentions}"
        )
        assert opened.status == 200, opened.body
        ts = wait_until(
            lambda: [m.ts for m in emulator.messages(CHANNEL) if not m.thread_ts],
            timeout=15,
            what="the round message",
        )[0]

        acked: dict[str, int] = {}
        failed: list[str] = []
        lock = threading.Lock()
        enough = threading.Event()

        def click(i: int) -> None:
            voter, level = VOTERS[i], 1 + i % 4
            try:
                status = sim.click(voter, CHANNEL, ts, f"vote_{level}").status
            except httpx.HTTPError as error:  # the process died under this request
                with lock:
                    failed.append(type(error).__name__)
                return
            with lock:
                if status == 200:
                    acked[voter] = level
                else:
                    failed.append(str(status))
                if len(acked) >= 60:
                    enough.set()

        with ThreadPoolExecutor(max_workers=32) as pool:
            for i in range(len(VOTERS)):
                pool.submit(click, i)
            assert enough.wait(30), "no clicks were acknowledged"
            bot.kill9()
        sim.close()

        assert len(acked) < len(VOTERS), "the kill came too late to test anything"
        assert failed, "the kill interrupted no request"
        assert _integrity(database) == "ok"
        stored = _stored(database)
        lost = {v: lvl for v, lvl in acked.items() if stored.get(v) != lvl}
        assert not lost, f"{len(lost)} acknowledged clicks are missing after kill -9"

        # Restart on the same database, close the round, read the outcome.
        bot = BotProcess(emulator, database, tmp_path).start()
        sim = SlackUserSimulator(emulator, bot.url + "/slack/events", SECRET, timeout=10)
        assert sim.slash_command(CHAIR, CHANNEL, text="close").status == 200
        outcome = wait_until(
            lambda: [
                m.text
                for m in emulator.messages(CHANNEL)
                if m.text.startswith(("Consensus reached", "No consensus", "No quorum"))
            ],
            timeout=15,
            what="the outcome",
        )
        sim.close()
        assert len(outcome) == 1
        responded = int(re.search(r"\((\d+) of 200 responded\)", outcome[0]).group(1))  # type: ignore[union-attr]
        stored = _stored(database)
        assert responded == len(stored) >= len(acked)
        assert all(stored[v] == level for v, level in acked.items())
        assert _integrity(database) == "ok"
    finally:
        bot.stop()
