"""Parked delivery: a channel that takes posts again (unarchived, or the bot invited back)
gets the work parked on it."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext

from handlers.listeners.deps import Deps, log


def register(app: AsyncApp, deps: Deps) -> None:
    @app.event("channel_unarchive")
    async def on_unarchived(event: dict[str, Any]) -> None:
        """A channel the bot is still in was unarchived: deliver the work parked on it."""
        channel = str(event.get("channel", ""))
        resumed = await deps.call(deps.service.resume_channel, channel)
        if resumed:
            log.info("%s unarchived: %d parked deliveries resumed", channel, resumed)

    @app.event("member_joined_channel")
    async def on_member_joined(event: dict[str, Any], context: AsyncBoltContext) -> None:
        """The bot was invited (back) into a channel: deliver the work parked on it."""
        if event.get("user") != context.bot_user_id:
            return  # someone else joined; the directory's next look-up sees them
        channel = str(event.get("channel", ""))
        try:
            resumed = await deps.call(deps.service.resume_channel, channel)
        except Exception:  # Slack retries a failed event delivery; parked work stays parked
            log.exception("could not resume the work parked on %s", channel)
            raise
        if resumed:
            log.info("invited back into %s: %d parked deliveries resumed", channel, resumed)
