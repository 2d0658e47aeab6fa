"""A real bot process on a SQLite file, against the emulator: for kill, restart and signal
tests."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from slack_emulator.server import SlackEmulator
from tests.replicas.processes import BotProcess

SECRET = "restart-secret"
TOKEN = "xoxb-restart"
CHANNEL = "C0PARTNERS"


@contextmanager
def partners_channel(voters: Sequence[str]) -> Iterator[SlackEmulator]:
    with SlackEmulator() as emulator:
        for user in voters:
            emulator.add_user(user, user[2:].lower())
        emulator.add_channel(CHANNEL, "partners", list(voters))
        yield emulator


def start_bot(emulator: SlackEmulator, path: Path, **env: str) -> BotProcess:
    return BotProcess(
        api_url=emulator.api_url,
        database_url=f"sqlite:///{path}",
        signing_secret=SECRET,
        bot_token=TOKEN,
        scheduler_interval=0.2,
        extra_env=env,
    ).wait_healthy()


def tasks_in(path: Path, *statuses: str) -> int:
    """How many due-work rows are in these states."""
    marks = ", ".join("?" for _ in statuses)
    with sqlite3.connect(path) as connection:
        query = f"SELECT count(*) FROM task WHERE status IN ({marks})"
        (count,) = connection.execute(query, statuses).fetchone()
    return int(count)


def wait_for(condition: Callable[[], object], timeout: float = 20.0) -> None:
    """Poll a condition (a real process runs beside the test; there is no event to wait on)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")
