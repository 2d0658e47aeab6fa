"""The Socket Mode front door: Bolt's aiohttp Socket Mode handler, with two additions.

* **Every envelope Slack sends is acknowledged.** Bolt hands each payload to its listeners
  and acknowledges only what one of them answers; an envelope of a type it does not know
  (one Slack adds later) would get no ack, and Slack would count it as a failure and send
  it again. Those are acknowledged at once, with an empty payload, and go no further.
* **A clean stop.** ``stop()`` takes no new envelopes (they stay unacknowledged, so Slack
  delivers them again, to another connection or later), lets those in flight be
  acknowledged, closes the WebSocket, then lets listener work that runs after the ack
  finish, each within a bounded time.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from handlers.request_work import RequestWork

log = logging.getLogger(__name__)

# The envelope types Slack documents for Socket Mode apps.
KNOWN_ENVELOPES = frozenset({"events_api", "interactive", "slash_commands"})
# On stop: how long envelopes already taken may take to be acknowledged (Slack's own ack
# deadline), then how long listener work after the ack may take, before it is cancelled.
ACK_GRACE_SECONDS = 3.0
WORK_GRACE_SECONDS = 3.0
CLOSE_SECONDS = 2.0  # the WebSocket closing handshake


class SocketModeFrontDoor(AsyncSocketModeHandler):
    def __init__(
        self, app: AsyncApp, app_token: str, work: RequestWork | None = None, **options: Any
    ) -> None:
        super().__init__(app, app_token, **options)
        self._work = work or RequestWork()  # the envelopes' work, as over HTTP
        self._taking = True
        self._in_flight: set[asyncio.Task[Any]] = set()

    async def handle(self, client: AsyncBaseSocketModeClient, req: SocketModeRequest) -> None:
        if not self._taking:
            log.debug("stopping: left envelope %s unacknowledged", req.envelope_id)
            return  # Slack delivers it again, to another connection or later
        if req.type not in KNOWN_ENVELOPES:
            log.info("acknowledged a Socket Mode envelope of unknown type %r", req.type)
            await client.send_socket_mode_response(SocketModeResponse(req.envelope_id))
            return
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            with self._work.dispatching():
                await super().handle(client, req)  # type: ignore[arg-type]
        finally:
            if task is not None:
                self._in_flight.discard(task)

    async def stop(self) -> None:
        """Stop taking envelopes, close the connection, let work in progress finish."""
        self._taking = False
        if self._in_flight:
            await asyncio.wait(set(self._in_flight), timeout=ACK_GRACE_SECONDS)
        try:
            await asyncio.wait_for(self.close_async(), CLOSE_SECONDS)  # type: ignore[no-untyped-call]
        except TimeoutError:
            log.warning("the Socket Mode connection did not close in %.0f s", CLOSE_SECONDS)
            await self.client.aiohttp_client_session.close()
        current = asyncio.current_task()
        remaining = {t for t in asyncio.all_tasks() if t is not current and not t.done()}
        if remaining:
            _, late = await asyncio.wait(remaining, timeout=WORK_GRACE_SECONDS)
            for task in late:
                task.cancel()
            if late:
                log.warning("stopped %d unfinished task(s) on shutdown", len(late))
                await asyncio.wait(late, timeout=1.0)
