"""The Socket Mode front door acknowledges what Bolt would not, and stops taking envelopes
once it is stopping."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from handlers.socket_mode import SocketModeFrontDoor


class RecordingClient:
    def __init__(self) -> None:
        self.acks: list[dict[str, Any]] = []

    async def send_socket_mode_response(self, response: SocketModeResponse) -> None:
        self.acks.append(response.to_dict())


def bolt_app(seen: list[str]) -> AsyncApp:
    app = AsyncApp(token="xoxb-test", signing_secret="unused", request_verification_enabled=False)

    @app.middleware
    async def record(body: dict[str, Any], next: Any) -> Any:
        seen.append(str(body.get("type")))
        return await next()

    return app


def request(kind: str, payload: dict[str, Any]) -> SocketModeRequest:
    return SocketModeRequest(type=kind, envelope_id=f"env-{kind}", payload=payload)


def test_an_envelope_of_unknown_type_is_acknowledged_without_reaching_bolt() -> None:
    seen: list[str] = []

    async def scenario() -> list[dict[str, Any]]:
        door = SocketModeFrontDoor(bolt_app(seen), "xapp-test")
        client = RecordingClient()
        await door.handle(client, request("something_new", {"type": "whatever"}))
        await door.close_async()
        return client.acks

    assert asyncio.run(scenario()) == [{"envelope_id": "env-something_new"}]
    assert seen == []


def test_once_stopping_no_envelope_is_taken_or_acknowledged() -> None:
    seen: list[str] = []

    async def scenario() -> list[dict[str, Any]]:
        door = SocketModeFrontDoor(bolt_app(seen), "xapp-test")
        client = RecordingClient()
        await door.stop()
        for kind in ("interactive", "something_new"):
            await door.handle(client, request(kind, {"type": "block_actions"}))
        return client.acks

    assert asyncio.run(scenario()) == []
    assert seen == []  # Slack delivers them again, to another connection or later
