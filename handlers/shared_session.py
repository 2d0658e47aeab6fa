"""One HTTP connection pool for every call the async Slack side makes.

slack_sdk's AsyncWebClient and Bolt's `respond()` open a new aiohttp session — a new TCP
connection — for every call unless handed one. On the vote path (ack, then a private
confirmation through `response_url`) that cost more CPU than the vote itself.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.webhook import WebhookResponse
from slack_sdk.webhook.async_client import AsyncWebhookClient

TIMEOUT_SECONDS = 10


class SharedSession:
    """A lazily created aiohttp session, recreated if its event loop has changed."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def get(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)
            )
            self._loop = loop
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None


class SessionRespond(AsyncRespond):
    """Bolt's `respond()`, sending through the shared session."""

    def __init__(self, *, response_url: str, session: aiohttp.ClientSession) -> None:
        super().__init__(response_url=response_url)
        self._session = session

    async def __call__(  # type: ignore[override]
        self,
        text: str = "",
        blocks: Any = None,
        response_type: str | None = None,
        replace_original: bool | None = None,
        delete_original: bool | None = None,
        **extra: Any,
    ) -> WebhookResponse:
        message: dict[str, Any] = {
            "text": text,
            "blocks": blocks,
            "response_type": response_type,
            "replace_original": replace_original,
            "delete_original": delete_original,
            **extra,
        }
        client = AsyncWebhookClient(url=str(self.response_url), session=self._session)
        return await client.send_dict({k: v for k, v in message.items() if v is not None})
