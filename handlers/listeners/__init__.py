"""Bolt listeners, one `register(app, deps)` per kind (commands, actions, views, events)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.listeners import actions, commands, events, fallback, governance, views
from handlers.listeners.deps import Deps


def register_all(app: AsyncApp, deps: Deps) -> None:
    # fallback last: Bolt runs the first listener that matches.
    for module in (commands, actions, views, events, governance, fallback):
        module.register(app, deps)
