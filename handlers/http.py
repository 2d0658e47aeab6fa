"""The HTTP front door: `POST /slack/events` and `GET /healthz` on Starlette (uvicorn).

Checks run in this order, each before any further work: body size, Slack's signature over
the raw bytes (401), then the body's shape (400). Only well-formed, signed requests reach
Bolt, so hostile input gets a 4xx and never a 5xx or a dropped connection.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from slack_bolt.adapter.starlette.async_handler import to_starlette_response
from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_sdk.signature import Clock as SignatureClock
from slack_sdk.signature import SignatureVerifier
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from handlers.form import read_form
from handlers.request_work import RequestWork

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1 << 20


class _WallClock(SignatureClock):
    """The verifier's clock, injected (the tests move it; Slack allows 5 minutes of skew)."""

    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now

    def now(self) -> float:
        return self._now()


def signature_checker(
    secret: str, wall_clock: Callable[[], float] = time.time
) -> Callable[[bytes, str | None, str | None], bool]:
    """Slack's v0 signature check, by slack_sdk's SignatureVerifier (HMAC-SHA256 of
    "v0:{timestamp}:{body}", fresh within 5 minutes), refusing what it would raise on."""
    # Without a secret (Socket Mode needs none) nothing can be signed: every request is refused.
    verifier = SignatureVerifier(secret, clock=_WallClock(wall_clock)) if secret.strip() else None

    def ok(body: bytes, timestamp: str | None, signature: str | None) -> bool:
        if verifier is None or not timestamp or not signature or not timestamp.isdigit():
            return False
        try:
            return verifier.is_valid(body, timestamp, signature)
        except UnicodeDecodeError:  # the verifier reads the body as UTF-8; Slack sends UTF-8
            return False

    return ok


def read_signed_body(body: bytes, content_type: str) -> dict[str, Any] | str:
    """The body as Slack meant it, or why it is not something Slack sends.

    Read here, once, rather than by Bolt: Bolt's reader takes any form body containing the
    word "payload" for an interaction, so `/consensus start Review the payload schema`
    would reach no listener.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "body is not UTF-8"
    if content_type.startswith("application/json"):
        try:
            data = json.loads(text)
        except ValueError:
            return "body is not JSON"
        if not isinstance(data, dict) or not isinstance(data.get("type"), str):
            return "JSON body has no type"
        return data
    if not content_type.startswith("application/x-www-form-urlencoded"):
        return "unsupported content type"
    form = read_form(text)
    if "payload" in form:
        try:
            payload = json.loads(form["payload"])
        except ValueError:
            return "payload is not JSON"
        if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
            return "payload has no type"
        return _payload_problem(payload) or payload
    if "command" in form or "ssl_check" in form:
        return form
    return "neither a command nor a payload"


# Payload fields Bolt and the listeners read as objects; Slack always sends them as such.
_OBJECT_FIELDS = ("user", "team", "channel", "container", "message", "view", "state")


def _payload_problem(payload: dict[str, Any]) -> str | None:
    """Why an interaction payload is not shaped as Slack sends it, or None."""
    for key in _OBJECT_FIELDS:
        if payload.get(key) is not None and not isinstance(payload[key], dict):
            return f"payload {key} is malformed"
    actions = payload.get("actions")
    if actions is not None and not (
        isinstance(actions, list) and all(isinstance(a, dict) for a in actions)
    ):
        return "payload actions are malformed"
    view = payload.get("view") or {}
    if not isinstance(view.get("type", ""), str) or not isinstance(view.get("state", {}), dict):
        return "payload view is malformed"
    return None


def build_asgi(
    bolt: AsyncApp,
    signing_secret: str,
    healthy: Callable[[], bool],
    wall_clock: Callable[[], float] = time.time,
    on_shutdown: Callable[[], Awaitable[None]] | None = None,
    work: RequestWork | None = None,
) -> Starlette:
    """``work`` counts each dispatch and what its listeners go on doing after the ack."""
    signature_ok = signature_checker(signing_secret, wall_clock)
    work = work or RequestWork()

    async def events(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return JSONResponse({"error": "body too large"}, status_code=413)
        headers = request.headers
        if not signature_ok(
            body, headers.get("x-slack-request-timestamp"), headers.get("x-slack-signature")
        ):
            return JSONResponse({"error": "invalid request"}, status_code=401)
        parsed = read_signed_body(body, headers.get("content-type", ""))
        if isinstance(parsed, str):
            return JSONResponse({"error": parsed}, status_code=400)
        try:
            # Built from the body as read above ("socket_mode" is the constructor that
            # takes a parsed body), then marked as the HTTP request it is.
            bolt_request = AsyncBoltRequest(
                body=parsed,
                query=dict(request.query_params),
                headers=dict(headers),
                mode="socket_mode",
            )
            bolt_request.mode = "http"
            bolt_request.raw_body = body.decode("utf-8")
            with work.dispatching():
                answer = await bolt.async_dispatch(bolt_request)
            return to_starlette_response(answer)
        except Exception:
            log.exception("request could not be handled")
            return JSONResponse({"error": "bad request"}, status_code=400)

    async def health(_: Request) -> Response:
        ok = healthy()
        return JSONResponse({"ok": ok}, status_code=200 if ok else 503)

    async def not_allowed(_: Request) -> Response:
        return JSONResponse({"error": "use POST"}, status_code=405)

    routes: list[Any] = [
        Route(EVENTS_PATH, events, methods=["POST"]),
        Route(EVENTS_PATH, not_allowed, methods=["GET", "PUT", "DELETE"]),
        Route(HEALTH_PATH, health, methods=["GET"]),
    ]

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        if on_shutdown is not None:
            await on_shutdown()

    return Starlette(routes=routes, lifespan=lifespan)
