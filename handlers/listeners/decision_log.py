"""The decision log: `/consensus log` (recent decisions) and `log <round>` (one record)."""

from __future__ import annotations

from bot.requests import ShowLog
from handlers import governance_blocks
from handlers.listeners.command_table import CommandTable, Invocation, Reply, in_worker_thread


def add_commands(commands: CommandTable) -> None:
    commands.add(ShowLog, in_worker_thread(_show_log))


def _show_log(invocation: Invocation, command: ShowLog, language: str | None) -> Reply:
    # The log's words are not in the catalog yet (ARCHITECTURE's "Left", reader's language).
    governance = invocation.deps.governance_service()
    team, channel, user = invocation.team, invocation.channel, invocation.user
    if command.round_id is None:
        rounds = governance.recent_decisions(team, channel, user)
        return {"text": "Recent decisions", "blocks": governance_blocks.recent_message(rounds)}
    round_ = invocation.deps.service.find_round(team, channel, command.round_id, reader=user)
    decision = governance.decision(round_.id)
    return {"text": "Decision record", "blocks": governance_blocks.decision_message(decision)}
