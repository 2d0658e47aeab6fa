"""The Bolt app: an AsyncApp with a retrying client and every listener registered."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from handlers.listeners import register_all
from handlers.listeners.deps import Deps
from handlers.shared_session import SessionRespond, SharedSession

log = logging.getLogger(__name__)


def build_bolt_app(
    token: str, signing_secret: str, api_url: str, deps: Deps, shared: SharedSession
) -> AsyncApp:
    client = AsyncWebClient(
        token=token,
        base_url=api_url,
        timeout=10,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=1),
            AsyncRateLimitErrorRetryHandler(max_retry_count=2),
            AsyncServerErrorRetryHandler(max_retry_count=1),
        ],
    )
    app = AsyncApp(
        client=client,
        signing_secret=signing_secret,
        # Listeners ack early themselves; the rest of their work runs after the response.
        process_before_response=False,
        # handlers/http.py checks every signature over the raw bytes before Bolt sees the
        # request (Socket Mode needs none), so Bolt need not compute it again.
        request_verification_enabled=False,
        logger=logging.getLogger("slack_bolt"),
    )

    @app.middleware
    async def share_connections(
        context: AsyncBoltContext, next: Callable[[], Awaitable[Any]]
    ) -> Any:
        # One connection pool for Web API calls and response_url answers alike.
        session = shared.get()
        if context.client is not None and context.client.session is not session:
            context.client.session = session
        if context.response_url:
            context["respond"] = SessionRespond(response_url=context.response_url, session=session)
        return await next()

    register_all(app, deps)

    @app.error
    async def on_error(error: Exception, body: dict[str, Any]) -> None:
        # One place that logs what a listener did not handle, with its kind but no secrets.
        kind = body.get("type") or body.get("command") or "request"
        log.error("unhandled error in a %s listener", kind, exc_info=error)

    return app
