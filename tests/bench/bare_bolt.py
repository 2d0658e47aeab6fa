"""The baseline: a bare Bolt AsyncApp whose listener only acks, served like the bot.

uvicorn + Starlette + AsyncSlackRequestHandler with the bot's uvicorn settings; Bolt checks
the signature itself. Run as `python -m tests.bench.bare_bolt` with PORT, SLACK_* set.
"""

from __future__ import annotations

import asyncio
import os
import re
from concurrent.futures import ThreadPoolExecutor

import uvicorn
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bootstrap.app import REQUEST_THREADS


def build() -> Starlette:
    client = AsyncWebClient(
        token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"]
    )
    app = AsyncApp(client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"])

    @app.action(re.compile(r"^(vote|explain)_\d$"))
    async def on_level(ack: AsyncAck) -> None:
        await ack()

    handler = AsyncSlackRequestHandler(app)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    async def health(_: Request) -> Response:
        return JSONResponse({"ok": True})

    return Starlette(
        routes=[
            Route("/slack/events", events, methods=["POST"]),
            Route("/healthz", health, methods=["GET"]),
        ]
    )


async def _serve(server: uvicorn.Server) -> None:
    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(max_workers=REQUEST_THREADS, thread_name_prefix="request")
    )
    await server.serve()


def main() -> None:
    config = uvicorn.Config(
        build(),
        host="127.0.0.1",
        port=int(os.environ["PORT"]),
        log_level="warning",
        access_log=False,
        lifespan="off",
        backlog=2048,
    )
    asyncio.run(_serve(uvicorn.Server(config)))


if __name__ == "__main__":
    main()
