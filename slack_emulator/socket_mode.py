"""Socket Mode: Slack's WebSocket transport for events and interactions, on 127.0.0.1.

The protocol, as Slack documents it (docs.slack.dev, "Using Socket Mode") and as slack_sdk's
clients expect it:

* The app calls ``apps.connections.open`` with its app-level token (``xapp-``) and gets a
  single-use ``url``; it opens a WebSocket there.
* Slack greets each connection with ``{"type": "hello", "num_connections", "debug_info",
  "connection_info": {"app_id"}}``.
* Payloads arrive in envelopes ``{"envelope_id", "type": "slash_commands" | "interactive" |
  "events_api", "payload", "accepts_response_payload", "retry_attempt", "retry_reason"}``,
  each on one open connection. The app acknowledges with ``{"envelope_id", "payload"?}``
  within 3 s; the payload plays the part of an HTTP answer's body (a modal's
  ``response_action``, a command's message).
* ``{"type": "disconnect", "reason": ...}`` asks the app to open a new connection (calling
  ``apps.connections.open`` again); Slack closes the old one a little later.

The server runs its own asyncio loop (aiohttp) in a thread; every public method is
thread-safe and may be called from tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

from slack_emulator import limits as L

# Envelope types Slack sends, and whether each lets the ack carry a payload.
SLASH_COMMANDS = "slash_commands"
INTERACTIVE = "interactive"
EVENTS_API = "events_api"
# Interaction payload types whose ack payload Slack uses (a modal's response_action, options).
_RESPONDING_INTERACTIONS = frozenset({"view_submission", "block_suggestion"})

LINK_PATH = "/link/"
# Slack's `debug_info.approximate_connection_time`: seconds before it refreshes a connection.
APPROXIMATE_CONNECTION_SECONDS = 18_060
# What the emulator puts in `retry_reason` when it redelivers an envelope nobody acknowledged.
RETRY_REASON_TIMEOUT = "timeout"


def accepts_response_payload(kind: str, payload: dict[str, Any]) -> bool:
    """Whether Slack would use a payload in the ack of this envelope."""
    if kind == SLASH_COMMANDS:
        return True
    return kind == INTERACTIVE and payload.get("type") in _RESPONDING_INTERACTIONS


@dataclass
class Connection:
    """One WebSocket the app opened; ``disconnect_reason`` once Slack asked it to go."""

    id: int
    opened_at: float
    closed_at: float | None = None
    disconnect_reason: str | None = None

    @property
    def open(self) -> bool:
        return self.closed_at is None


@dataclass
class Delivery:
    """One envelope sent to the app, and what came of it."""

    envelope: dict[str, Any]
    connection: int | None = None  # the connection it went out on (None: none was open)
    acked: bool = False
    ack: dict[str, Any] | None = None  # the whole ack message
    ack_lost: bool = False  # the ack arrived but was dropped on purpose (``lose_acks``)
    elapsed: float = 0.0  # seconds from sending to the ack (or to giving up)

    @property
    def envelope_id(self) -> str:
        return str(self.envelope["envelope_id"])

    @property
    def payload(self) -> dict[str, Any] | None:
        """The ack's payload (None for a bare ack or no ack)."""
        if self.ack is None:
            return None
        found = self.ack.get("payload")
        return found if isinstance(found, dict) else None


@dataclass
class _Live:
    connection: Connection
    socket: web.WebSocketResponse


class SocketModeServer:
    """The Socket Mode side of the emulator: ``apps.connections.open`` hands out its URLs."""

    def __init__(
        self,
        app_id: str,
        *,
        seed: int = 0,
        ack_deadline: float = L.ACK_DEADLINE_SECONDS,
        disconnect_grace: float = L.SOCKET_MODE_DISCONNECT_GRACE_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app_id = app_id
        self.ack_deadline = ack_deadline
        self.disconnect_grace = disconnect_grace
        self._monotonic = monotonic
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._tickets: set[str] = set()
        self._ids = itertools.count(1)
        self._live: dict[int, _Live] = {}
        self._connections: list[Connection] = []
        self._deliveries: list[Delivery] = []
        self._stray_acks: list[dict[str, Any]] = []
        # Envelopes waiting for their ack, on whichever connection it comes.
        self._waiting: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._acks_to_lose = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._available: asyncio.Condition | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> SocketModeServer:
        with self._lock:
            if self._loop is not None:
                return self
            loop = asyncio.new_event_loop()
            self._loop = loop
        self._thread = threading.Thread(target=loop.run_forever, name="socket-mode", daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), loop).result(10)
        return self

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_get(LINK_PATH, self._accept)
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        self._available = asyncio.Condition()
        self._port = int(runner.addresses[0][1])

    def stop(self) -> None:
        loop = self._loop
        if loop is None:
            return
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(5)
        loop.close()
        with self._lock:
            self._loop = None
            self._thread = None

    async def _shutdown(self) -> None:
        for live in list(self._live.values()):
            await live.socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def started(self) -> bool:
        return self._loop is not None

    # -- apps.connections.open ---------------------------------------------------------------
    def connection_url(self) -> str:
        """A new single-use WebSocket URL (what ``apps.connections.open`` answers)."""
        self.start()
        ticket = str(uuid.UUID(int=self._rng.getrandbits(128), version=4))
        with self._lock:
            self._tickets.add(ticket)
        return f"ws://127.0.0.1:{self._port}{LINK_PATH}?ticket={ticket}&app_id={self.app_id}"

    # -- readers -----------------------------------------------------------------------------
    @property
    def connections(self) -> list[Connection]:
        """Every connection the app opened, oldest first (copies)."""
        with self._lock:
            return [Connection(**vars(c)) for c in self._connections]

    @property
    def open_connections(self) -> list[Connection]:
        return [c for c in self.connections if c.open]

    @property
    def deliveries(self) -> list[Delivery]:
        with self._lock:
            return list(self._deliveries)

    @property
    def stray_acks(self) -> list[dict[str, Any]]:
        """Acks naming no envelope that was waiting for one (late ones among them)."""
        with self._lock:
            return list(self._stray_acks)

    def wait_for_connection(self, count: int = 1, timeout: float = 60.0) -> Connection:
        """Wait until the app has opened ``count`` connections in all (and greeted the last);
        return the newest open one that Slack has not asked to disconnect."""
        deadline = self._monotonic() + timeout
        with self._changed:
            while True:
                usable = [c for c in self._connections if c.open and not c.disconnect_reason]
                if len(self._connections) >= count and usable:
                    return Connection(**vars(usable[-1]))
                left = deadline - self._monotonic()
                if left <= 0:
                    raise TimeoutError(
                        f"the app opened {len(self._connections)} Socket Mode connection(s), "
                        f"not {count}"
                    )
                self._changed.wait(left)

    def wait_for_close(self, connection_id: int, timeout: float = 60.0) -> None:
        deadline = self._monotonic() + timeout
        with self._changed:
            while self._connections[connection_id - 1].open:
                left = deadline - self._monotonic()
                if left <= 0:
                    raise TimeoutError(f"connection {connection_id} is still open")
                self._changed.wait(left)

    # -- what Slack does -----------------------------------------------------------------------
    def envelope(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        envelope_id: str | None = None,
        retry_attempt: int = 0,
        retry_reason: str = "",
    ) -> dict[str, Any]:
        """An envelope as Slack shapes it (``kind`` may be any string, for tests)."""
        return {
            "envelope_id": envelope_id or str(uuid.UUID(int=self._rng.getrandbits(128), version=4)),
            "type": kind,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload(kind, payload),
            "retry_attempt": retry_attempt,
            "retry_reason": retry_reason,
        }

    def deliver(self, envelope: dict[str, Any], *, timeout: float | None = None) -> Delivery:
        """Send ``envelope`` on one open connection and wait for its ack.

        Waits up to the ack deadline (3 s) for a connection to be open (Slack holds envelopes
        while an app reconnects), then up to the deadline for the ack. Without an ack in time
        the delivery is not ``acked``, as Slack would see it.
        """
        loop = self._loop
        if loop is None:
            raise RuntimeError("no app has opened a Socket Mode connection")
        deadline = self.ack_deadline if timeout is None else timeout
        future = asyncio.run_coroutine_threadsafe(self._deliver(envelope, deadline), loop)
        return future.result(2 * deadline + 5)

    def disconnect(
        self, reason: str = "refresh_requested", connection_id: int | None = None
    ) -> int:
        """Send ``{"type": "disconnect", "reason"}`` on a connection (default: the newest one
        not already asked to go); Slack closes it ``disconnect_grace`` seconds later unless the
        app has closed it. Returns the connection's id."""
        loop = self._loop
        if loop is None:
            raise RuntimeError("no Socket Mode connection")
        future = asyncio.run_coroutine_threadsafe(self._disconnect(reason, connection_id), loop)
        return future.result(10)

    def drop(self, connection_id: int | None = None) -> int:
        """Close a connection abruptly, without a ``disconnect`` first (a network failure)."""
        loop = self._loop
        if loop is None:
            raise RuntimeError("no Socket Mode connection")
        future = asyncio.run_coroutine_threadsafe(self._drop(connection_id), loop)
        return future.result(10)

    def lose_acks(self, count: int = 1) -> None:
        """Drop the next ``count`` acks on arrival, as if the network lost them: Slack never
        learns the envelope was handled. The delivery ends at once as not acknowledged
        (Slack would reach the same verdict at its 3 s deadline)."""
        with self._lock:
            self._acks_to_lose += count

    # -- on the server loop --------------------------------------------------------------------
    async def _accept(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        with self._lock:
            valid = ticket in self._tickets
            self._tickets.discard(ticket)
        if not valid:
            return web.Response(status=401, text="invalid or used ticket")
        socket = web.WebSocketResponse(autoping=True, timeout=2.0)
        await socket.prepare(request)
        with self._changed:
            connection = Connection(next(self._ids), time.time())
            self._connections.append(connection)
            live = _Live(connection, socket)
            self._live[connection.id] = live
            count = sum(1 for c in self._connections if c.open)
        await socket.send_str(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": count,
                    "debug_info": {
                        "host": f"applink-emulator-{connection.id}",
                        "build_number": 1,
                        "approximate_connection_time": APPROXIMATE_CONNECTION_SECONDS,
                    },
                    "connection_info": {"app_id": self.app_id},
                }
            )
        )
        with self._changed:
            self._changed.notify_all()
        assert self._available is not None
        async with self._available:
            self._available.notify_all()
        try:
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    self._on_text(live, message.data)
        finally:
            with self._changed:
                connection.closed_at = time.time()
                self._live.pop(connection.id, None)
                self._changed.notify_all()
        return socket

    def _on_text(self, live: _Live, data: str) -> None:
        try:
            message = json.loads(data)
        except ValueError:
            return
        if not isinstance(message, dict) or "envelope_id" not in message:
            return
        waiting = self._waiting.get(str(message["envelope_id"]))
        if waiting is None or waiting.done():
            with self._lock:
                self._stray_acks.append(message)
            return
        with self._lock:
            lose = self._acks_to_lose > 0
            if lose:
                self._acks_to_lose -= 1
        if lose:
            waiting.set_exception(_AckLost())
        else:
            waiting.set_result(message)

    def _usable(self) -> _Live | None:
        fresh = [live for live in self._live.values() if not live.connection.disconnect_reason]
        return fresh[-1] if fresh else None

    async def _deliver(self, envelope: dict[str, Any], deadline: float) -> Delivery:
        delivery = Delivery(envelope)
        with self._lock:
            self._deliveries.append(delivery)
        started = self._monotonic()
        assert self._available is not None
        async with self._available:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._available.wait_for(lambda: self._usable() is not None), deadline
                )
        live = self._usable()
        if live is None:
            delivery.elapsed = self._monotonic() - started
            return delivery
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[delivery.envelope_id] = future
        delivery.connection = live.connection.id
        sent_at = self._monotonic()
        try:
            await live.socket.send_str(json.dumps(envelope))
            ack = await asyncio.wait_for(asyncio.shield(future), deadline)
            delivery.acked, delivery.ack = True, ack
        except _AckLost:
            delivery.ack_lost = True
        except (TimeoutError, ConnectionError):
            pass  # no ack in time, or the connection went away while sending
        finally:
            delivery.elapsed = self._monotonic() - sent_at
            if self._waiting.get(delivery.envelope_id) is future:
                del self._waiting[delivery.envelope_id]
        return delivery

    async def _disconnect(self, reason: str, connection_id: int | None) -> int:
        live = self._pick(connection_id)
        live.connection.disconnect_reason = reason
        await live.socket.send_str(
            json.dumps(
                {
                    "type": "disconnect",
                    "reason": reason,
                    "debug_info": {"host": f"applink-emulator-{live.connection.id}"},
                }
            )
        )
        loop = asyncio.get_running_loop()
        loop.call_later(self.disconnect_grace, lambda: loop.create_task(live.socket.close()))
        return live.connection.id

    async def _drop(self, connection_id: int | None) -> int:
        live = self._pick(connection_id)
        await live.socket.close()
        return live.connection.id

    def _pick(self, connection_id: int | None) -> _Live:
        if connection_id is not None:
            found = self._live.get(connection_id)
            if found is None:
                raise ValueError(f"connection {connection_id} is not open")
            return found
        live = self._usable()
        if live is None:
            raise ValueError("no open Socket Mode connection")
        return live


class _AckLost(Exception):
    """The ack reached the emulator and was dropped on purpose."""
