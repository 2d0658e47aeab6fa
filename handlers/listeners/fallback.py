"""Registered last: requests no other listener takes are acknowledged, and nothing else.

A button this version no longer knows (on an old message), a link button, or a modal
closed with ``notify_on_close`` would otherwise reach no listener: Bolt answers 404 and
logs a warning, and Slack shows the person an error. Neither is a failure.
"""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp

from handlers.listeners.deps import Deps

ANY = re.compile(".*")


def register(app: AsyncApp, deps: Deps) -> None:
    async def acknowledge(ack: AsyncAck) -> None:
        await ack()

    app.action(ANY)(acknowledge)
    app.view_closed(ANY)(acknowledge)
