"""Events: the App Home tab (what waits for the person, and recent decisions)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from handlers.listeners.deps import Deps, log, workspace_of
from handlers.views import home as home_view


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

    @app.event("app_home_opened")
    async def on_home_opened(
        event: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        """Publish the person's Home tab: rounds waiting for their level, recent decisions."""
        if event.get("tab", "home") != "home" or deps.governance is None:
            return
        user = str(event.get("user", ""))
        try:
            home = await deps.call(deps.governance.home, workspace_of(context), user)
            language = await deps.language_of(user)
            view = home_view.home_view(home, language)
            await client.views_publish(user_id=user, view=view)
        except Exception:  # Slack does not retry this event; the next open draws it again
            log.exception("could not publish the Home tab")
