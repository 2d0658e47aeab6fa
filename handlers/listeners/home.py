"""The App Home tab: what waits for the person, and recent decisions."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from handlers.listeners.deps import Deps, log, workspace_of
from handlers.views import home as home_view


def register(app: AsyncApp, deps: Deps) -> None:
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
