"""The composition root: the one place that wires storage, Slack, the core and the scheduler."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import socket
import threading
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from types import FrameType
from typing import Any, TextIO

import uvicorn
from slack_bolt.async_app import AsyncApp
from sqlalchemy import Engine, text
from starlette.applications import Starlette

from bootstrap import governance_cli
from bootstrap.config import DEFAULT_API_URL, DEFAULT_DATABASE_URL, Settings
from bootstrap.worker import Worker
from bot.audit import Audit
from bot.clock import SystemClock
from bot.due_work import DueWorkTable
from bot.ports import Clock, Directory
from bot.refresh import CoalescingRefresher
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.decision_log import neutralise_cell
from bot.usecases.governance_service import GovernanceService
from handlers.governance_notifier import SlackGovernanceNotifier
from handlers.http import build_asgi
from handlers.listeners.deps import Deps
from handlers.messages.export import CatalogExportWords
from handlers.names import installation, slack_lookups
from handlers.notifier import SlackDirectory, SlackNotifier, make_web_client
from handlers.rate_tiers import Budget, TierBudget, Unlimited
from handlers.request_work import RequestWork, track_request_tasks
from handlers.shared_session import SharedSession
from handlers.slack_app import build_bolt_app
from handlers.socket_mode import SocketModeFrontDoor
from storage import migrate
from storage.engine import make_engine
from storage.migrate import require_head, upgrade
from storage.rate_budget import SqlRateBudget
from storage.store import SqlStore

log = logging.getLogger(__name__)
# Requests in flight at SIGTERM get this long to finish (the process must be gone in 10 s).
GRACEFUL_SHUTDOWN_SECONDS = 5
# asyncio.to_thread's pool: enough threads that 32 concurrent clicks never queue behind it.
REQUEST_THREADS = 32

log = logging.getLogger(__name__)


@dataclass
class Bot:
    settings: Settings
    engine: Engine
    service: ConsensusService
    worker: Worker
    refresher: CoalescingRefresher
    bolt: AsyncApp
    asgi: Starlette
    # Slack requests being dispatched or still working after their ack (HTTP mode).
    requests: RequestWork
    # Closes the connection pool the Slack calls share (HTTP mode: at uvicorn's shutdown).
    close_connections: Callable[[], Awaitable[None]] | None = None

    def start_background(self) -> None:
        self.worker.start()
        self.refresher.start()
        # A redraw owed when the last process died (kill -9 right after a vote) is made now.
        self.service.redraw_stale_rounds()

    def stop_background(self) -> None:
        self.worker.stop()
        self.refresher.stop()


def build(
    settings: Settings,
    *,
    clock: Clock | None = None,
    refresh_interval: float = 1.0,
    worker_id: str | None = None,
) -> Bot:
    engine = make_engine(settings.database_url)
    if settings.auto_migrate:
        upgrade(engine)  # several replicas may do this at once: it is serialised and idempotent
    else:
        require_head(engine)
    web = make_web_client(settings.bot_token, settings.api_url)
    directory = SlackDirectory(web)
    budget: Budget = (
        TierBudget(
            SqlRateBudget(engine),
            share=settings.tier_share,
            bulk_per_minute=settings.reminders_per_minute,
        )
        if settings.tier_share > 0
        else Unlimited()
    )
    # Every concept registers its kinds of due work and its sweeps in this one table while
    # it is built; sealed below, before anything runs (bot.due_work).
    due_work = DueWorkTable()
    refresher = CoalescingRefresher(
        # One redraw per interval per round across all replicas, claimed in the database.
        lambda round_id: service.refresh_message(round_id, refresh_interval, datetime.now(UTC)),
        refresh_interval,
    )
    service = ConsensusService(
        lambda: SqlStore(engine),
        clock or SystemClock(),
        SlackNotifier(web, budget, languages=directory.language),
        directory,
        # Host and pid name the process in the task table; the random part keeps two
        # replicas apart when both are pid 1 on one host (containers with host networking).
        worker_id=worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}",
        # The worker is built from the finished services below; nothing kicks before then.
        kick=lambda: worker.kick(),
        on_round_changed=refresher.touch,
        lease_seconds=settings.task_lease,
        due_work=due_work,
    )
    governance = GovernanceService(
        lambda: SqlStore(engine),
        service,  # its clock: the round service's `now()`
        service,
        SlackGovernanceNotifier(web, budget),
        due_work=due_work,
        kick=lambda: worker.kick(),
    )
    due_work.seal()
    worker = Worker(service, interval=settings.scheduler_interval)
    shared_session = SharedSession()
    requests = RequestWork()
    bolt = build_bolt_app(
        settings.bot_token,
        settings.signing_secret,
        settings.api_url,
        Deps(service, directory, governance, languages=directory.language),
        shared_session,
    )
    asgi = build_asgi(
        bolt,
        settings.signing_secret,
        healthy=lambda: database_ok(engine),
        on_shutdown=shared_session.close,
        work=requests,
    )
    return Bot(
        settings, engine, service, worker, refresher, bolt, asgi, requests, shared_session.close
    )


def database_ok(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


async def _serve(server: uvicorn.Server) -> None:
    loop = asyncio.get_running_loop()
    loop.set_default_executor(
        ThreadPoolExecutor(max_workers=REQUEST_THREADS, thread_name_prefix="request")
    )
    track_request_tasks(loop)  # so `Bot.requests` sees the work listeners do after the ack
    await server.serve()


def _uvicorn_config(bot: Bot, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        bot.asgi,
        host=host,
        port=port,
        log_level=bot.settings.log_level.lower(),
        access_log=False,
        lifespan="on",  # shutdown closes the shared connection pool
        backlog=2048,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )


class _GracefulServer(uvicorn.Server):
    """uvicorn's server, except that SIGTERM or SIGINT ends ``serve()`` and returns.

    uvicorn (since 0.29) raises the caught signal again once it has shut down, so the
    process dies of it (exit 143) before the bot can hand back its claimed work and flush
    its redraws. The signal still stops the server gracefully: no new connections, requests
    in flight finished, then the lifespan shutdown.
    """

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        self._captured_signals.clear()


def serve_http(bot: Bot, host: str = "0.0.0.0", port: int | None = None) -> None:
    """Serve until SIGTERM or SIGINT, then stop cleanly: exit 0, nothing owed left claimed."""
    bot.start_background()
    try:
        config = _uvicorn_config(bot, host, port or bot.settings.port)
        asyncio.run(_serve(_GracefulServer(config)))
    finally:
        bot.stop_background()
    log.info("stopped")


async def run_socket_mode(bot: Bot, stop: asyncio.Event) -> None:
    """Take Slack's envelopes over Socket Mode until ``stop`` is set, then close cleanly."""
    loop = asyncio.get_running_loop()
    loop.set_default_executor(
        ThreadPoolExecutor(max_workers=REQUEST_THREADS, thread_name_prefix="request")
    )
    track_request_tasks(loop)
    door = SocketModeFrontDoor(bot.bolt, bot.settings.app_token, bot.requests)
    connecting = asyncio.ensure_future(door.connect_async())  # type: ignore[no-untyped-call]
    stopping = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({connecting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if not stopping.done():
            connecting.result()  # slack_sdk retries failed connections itself; raise the rest
            log.info("connected to Slack in Socket Mode")
            await stopping
    finally:
        connecting.cancel()
        stopping.cancel()
        log.info("stopping: closing the Socket Mode connection")
        await door.stop()
        if bot.close_connections is not None:
            await bot.close_connections()


def serve_socket_mode(bot: Bot) -> None:
    """Serve until SIGTERM or SIGINT, then stop taking envelopes, close the socket, stop
    the scheduler and the redraws, and return (the process exits 0)."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        await run_socket_mode(bot, stop)

    bot.start_background()
    try:
        asyncio.run(main())
    finally:
        bot.stop_background()
        log.info("stopped: the scheduler and the redraws are done")


class ServerThread:
    """The real HTTP stack on 127.0.0.1 in a background thread, for the demo and tests."""

    def __init__(self, bot: Bot, port: int = 0) -> None:
        self.bot = bot
        self._server = uvicorn.Server(_uvicorn_config(bot, "127.0.0.1", port))
        self._thread = threading.Thread(
            target=lambda: asyncio.run(_serve(self._server)), name="http", daemon=True
        )

    @property
    def url(self) -> str:
        sockets = self._server.servers[0].sockets
        return f"http://127.0.0.1:{sockets[0].getsockname()[1]}"

    def start(self, timeout: float = 10.0) -> ServerThread:
        self._thread.start()
        deadline = threading.Event()
        for _ in range(int(timeout / 0.01)):
            if self._server.started:
                return self
            deadline.wait(0.01)
        raise RuntimeError("the HTTP server did not start")

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)


class SocketModeThread:
    """The real Socket Mode stack in a background thread (its own event loop), for tests."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="socket-mode-app", daemon=True)

    def _run(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            self._ready.set()
            await run_socket_mode(self.bot, self._stop)

        asyncio.run(main())

    def start(self) -> SocketModeThread:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the Socket Mode loop did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(15)


# ----------------------------------------------------------------------------- offline commands
# `consensus-bot db|export|verify|roster` run against DATABASE_URL without Slack; their
# wiring lives here, with the bot's, so that bootstrap/cli.py only parses and dispatches.
def _offline_engine() -> Engine:
    return make_engine(os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL)


def database_command(action: str, out: TextIO) -> int:
    """`consensus-bot db upgrade|current|check`."""
    engine = _offline_engine()
    try:
        if action == "upgrade":
            upgrade(engine)
            print(f"database is at revision {migrate.current(engine)}", file=out)
        elif action == "current":
            found = migrate.current(engine) or "not migrated"
            print(f"database: {found}; code: {migrate.head()}", file=out)
        else:
            diffs = migrate.schema_diffs(engine)
            for diff in diffs:
                print(diff, file=out)
            print(
                "schema matches the code" if not diffs else f"{len(diffs)} difference(s)", file=out
            )
            return 1 if diffs else 0
    finally:
        engine.dispose()
    return 0


def governance_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Export, verify or roster import against DATABASE_URL (migrated first, as the bot
    would: an older database gets its chain computed by the migration)."""
    engine = _offline_engine()
    try:
        upgrade(engine)
        if args.command == "export":
            return governance_cli.run_export(offline_audit(engine, args.names, err), args, out)
        if args.command == "verify":
            return governance_cli.run_verify(offline_audit(engine, False, err), args, out)
        token = os.environ.get("SLACK_BOT_TOKEN", "").strip()
        if not token:
            print(
                "roster import checks every member id against Slack and defaults to the "
                "bot's own workspace: set SLACK_BOT_TOKEN (and SLACK_API_URL, if not Slack's "
                "own)",
                file=err,
            )
            return 2
        api_url = os.environ.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL
        web = make_web_client(token, api_url)
        return governance_cli.run_roster_import(
            offline_governance(engine, SlackDirectory(web)), args, out, installation(web)
        )
    finally:
        engine.dispose()


def offline_audit(engine: Engine, names: bool, err: TextIO) -> Audit:
    """The export and checks over a database; with ``names``, people's names and message
    links come from Slack (SLACK_BOT_TOKEN, SLACK_API_URL)."""
    # The CSV is worded by the Slack front end's catalog, in English: the words of every file
    # exported so far, which `verify --export` compares with.
    audit = Audit(
        lambda: SqlStore(engine), SystemClock(), neutralise_cell, words=CatalogExportWords()
    )
    token = os.environ.get("SLACK_BOT_TOKEN", "").strip()
    if names:
        if not token:
            print("--names needs SLACK_BOT_TOKEN; exporting Slack ids only", file=err)
        else:
            api_url = os.environ.get("SLACK_API_URL", "").strip() or None
            audit.names, audit.permalink = slack_lookups(token, api_url)
    return audit


def offline_governance(engine: Engine, directory: Directory | None = None) -> GovernanceService:
    """The governance service over a database, with no chat platform behind it (but for
    ``directory``, to check who may be on the roster)."""

    class _Offline:
        def __getattr__(self, name: str) -> Any:
            raise RuntimeError("the command line does not talk to Slack")

    due_work = DueWorkTable()
    rounds = ConsensusService(
        lambda: SqlStore(engine),
        SystemClock(),
        _Offline(),
        directory or _Offline(),
        due_work=due_work,
    )
    governance = GovernanceService(
        lambda: SqlStore(engine), SystemClock(), rounds, _Offline(), due_work=due_work
    )
    due_work.seal()
    return governance
