"""Bolt listeners, one module per concept, and one table for `/consensus`'s requests.

Each concept's module registers its buttons, forms and events (`register(app, deps)`) and
adds the requests it answers to the command table (`add_commands(table)`); the slash
command's entry point (`slash_command.py`) looks every parsed request up there.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.listeners import (
    coordinators,
    decision_log,
    delivery,
    escalations,
    fallback,
    home,
    recorded_votes,
    revisions,
    roster,
    rounds,
    slash_command,
    stances,
)
from handlers.listeners.command_table import CommandTable
from handlers.listeners.deps import Deps

# The concepts that answer `/consensus` requests, and those with buttons, forms or events.
ANSWERING = (rounds, roster, revisions, recorded_votes, escalations, decision_log, coordinators)
LISTENING = (rounds, stances, revisions, recorded_votes, home, delivery)


def command_table() -> CommandTable:
    """Every concept's requests, sealed: a request type nothing answers fails here, at once."""
    table = CommandTable()
    for module in ANSWERING:
        module.add_commands(table)
    return table.seal()


def register_all(app: AsyncApp, deps: Deps) -> None:
    slash_command.register(app, deps, command_table())
    for module in LISTENING:
        module.register(app, deps)
    # fallback last: Bolt runs the first listener that matches.
    fallback.register(app, deps)
