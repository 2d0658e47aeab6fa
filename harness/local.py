"""An offline workspace: the Slack emulator, the real bot over HTTP, and simulated people.

Used by the demo (`harness.demo`) and by the end-to-end tests, so both exercise exactly what a
deployment runs: uvicorn, signed requests, Bolt, SQL, the scheduler. With
``socket_mode=True`` the bot connects over Socket Mode instead (``run_socket_mode``, the
code `consensus-bot run --socket` runs), and the people's actions arrive as envelopes.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bootstrap.app import Bot, ServerThread, SocketModeThread, build
from bootstrap.config import Settings
from bot.ports import Clock
from slack_emulator.client import SlackUserSimulator
from slack_emulator.server import SlackEmulator
from slack_emulator.workspace import Team

SIGNING_SECRET = "local-signing-secret"
BOT_TOKEN = "xoxb-local-demo-token"
APP_TOKEN = "xapp-1-local-demo-token"
# How long the bot may take to finish what its acknowledged requests set going before a
# test calls it stuck. Only work that hangs reaches it: waiting ends as soon as the work does.
REQUEST_WORK_LIMIT_SECONDS = 60.0


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    real_name: str
    tz: str | None = "America/Toronto"  # None: no time zone in the profile
    is_admin: bool = False  # an admin of their workspace: of the installing one, a coordinator
    team: str | None = None  # their workspace, if not the installing one (see `teams`)
    is_org_admin: bool = False  # an admin of their Enterprise Grid org
    locale: str = "en-US"  # the language the person chose in Slack


class LocalWorkspace:
    """Start with ``with LocalWorkspace(people, channels) as ws:``; drive with ``ws.sim``."""

    def __init__(
        self,
        people: Iterable[Person],
        channels: dict[str, tuple[str, list[str]]],
        *,
        database_url: str | None = None,
        clock: Clock | None = None,
        emulator_clock: Callable[[], float] = time.time,
        scheduler_interval: float = 0.2,
        refresh_interval: float = 0.2,
        background: bool = True,
        env: dict[str, str] | None = None,
        teams: Iterable[Team] = (),
        installation: dict[str, Any] | None = None,
        socket_mode: bool = False,
    ) -> None:
        """``teams``: other workspaces whose people share channels (Grid or Slack Connect);
        ``installation``: options of the installing workspace for `SlackEmulator`, e.g.
        ``{"enterprise_id": "E1", "is_enterprise_install": True}`` for a Grid org-wide install.
        """
        self._tmp = tempfile.TemporaryDirectory(prefix="consensus-")
        self.emulator = SlackEmulator(clock=emulator_clock, **(installation or {}))
        for team in teams:
            self.emulator.add_team(
                team.id,
                team.domain,
                enterprise_id=team.enterprise_id,
                enterprise_name=team.enterprise_name,
            )
        self.people = list(people)
        for person in self.people:
            self.emulator.add_user(
                person.id,
                person.name,
                real_name=person.real_name,
                tz=person.tz,
                is_admin=person.is_admin,
                team_id=person.team,
                is_org_admin=person.is_org_admin,
                locale=person.locale,
            )
        for channel_id, (name, members) in channels.items():
            self.emulator.add_channel(channel_id, name, members)
        self.database_url = database_url or f"sqlite:///{Path(self._tmp.name) / 'consensus.db'}"
        self._clock = clock
        self._scheduler_interval = scheduler_interval
        self._refresh_interval = refresh_interval
        self._background = background
        self._env = env or {}
        self.socket_mode = socket_mode
        self.bot: Bot | None = None
        self.server: ServerThread | None = None
        self.socket: SocketModeThread | None = None
        self.sim: SlackUserSimulator

    def settings(self) -> Settings:
        env = {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": self.emulator.api_url,
            "DATABASE_URL": self.database_url,
            "SCHEDULER_INTERVAL_SECONDS": str(self._scheduler_interval),
            "LOG_LEVEL": "WARNING",
            # The emulator enforces no limits unless a test turns them on, and settle()
            # waits for a quiet moment that a budget's pauses would cut short.
            "SLACK_TIER_SHARE": "0",
            **({"SLACK_APP_TOKEN": APP_TOKEN} if self.socket_mode else {}),
            **self._env,
        }
        return Settings.from_env(env, mode="socket" if self.socket_mode else "http")

    def start(self) -> LocalWorkspace:
        self.emulator.start()
        self.start_bot()
        return self

    def start_bot(self) -> Bot:
        """Start (or restart) the bot process on the same database and emulator."""
        bot = build(self.settings(), clock=self._clock, refresh_interval=self._refresh_interval)
        if self._background:
            bot.start_background()
        self.bot = bot
        if self.socket_mode:
            opened = len(self.emulator.socket_mode.connections)
            self.socket = SocketModeThread(bot).start()
            self.emulator.socket_mode.wait_for_connection(opened + 1)
            self.sim = SlackUserSimulator(self.emulator)
            return bot
        self.server = ServerThread(bot).start()
        self.sim = SlackUserSimulator(
            self.emulator, self.server.url + "/slack/events", SIGNING_SECRET
        )
        return bot

    def stop_bot(self) -> None:
        if self.socket is not None:
            self.socket.stop()
            self.socket = None
        if self.server is not None:
            self.server.stop()
            self.server = None
        if self.bot is not None:
            self.bot.stop_background()
            self.bot.engine.dispose()
            self.bot = None

    def stop(self) -> None:
        self.stop_bot()
        self.emulator.stop()
        self._tmp.cleanup()

    def __enter__(self) -> LocalWorkspace:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def finish_requests(self, limit: float = REQUEST_WORK_LIMIT_SECONDS) -> None:
        """Wait until the bot has done everything the requests it answered set going.

        A listener acknowledges first and works on after the 200 (a command's close, vote
        or reply), so an answered request is not yet a finished one. This waits for the
        work itself (`Bot.requests`), however slow a busy machine makes it.
        """
        assert self.bot is not None
        if not self.bot.requests.wait_until_idle(limit):
            raise AssertionError(
                f"the bot was still working on answered requests after {limit:.0f} s"
            )

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Finish answered requests and run due work now, then wait until the bot has made
        no Slack call for ``quiet`` s."""
        assert self.bot is not None
        self.finish_requests()
        self.bot.worker.sweep()
        self.bot.refresher.flush()
        deadline = time.monotonic() + timeout
        seen, since = len(self.emulator.calls), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.02)
            count = len(self.emulator.calls)
            if count != seen:
                seen, since = count, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    def round_message(self, channel: str) -> Any:
        """The first bot message in a channel (the round message)."""
        messages = [m for m in self.emulator.messages(channel) if not m.thread_ts]
        return messages[0]
