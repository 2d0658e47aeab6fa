"""Events: the App Home tab."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.listeners.deps import Deps


def register(app: AsyncApp, deps: Deps) -> None:
    @app.event("app_home_opened")
    async def on_home_opened() -> None:
        """The Home tab is not built yet; acknowledge so Slack does not retry."""
        return None
