"""The decision log: `/consensus log` (recent decisions) and `log <round>` (one record)."""

from __future__ import annotations

from bot.requests import ShowLog
from handlers.listeners.command_table import CommandTable, Invocation, Reply, in_worker_thread
from handlers.messages import decision_log as words
from handlers.messages import label
from handlers.views import decision_log as log_view


def add_commands(commands: CommandTable) -> None:
    commands.add(ShowLog, in_worker_thread(_show_log))


def _show_log(invocation: Invocation, command: ShowLog, language: str | None) -> Reply:
    governance = invocation.deps.governance_service()
    team, channel, user = invocation.team, invocation.channel, invocation.user
    if command.round_id is None:
        rounds = governance.recent_decisions(team, channel, user)
        return {
            "text": label(words.RECENT_FALLBACK, language),
            "blocks": log_view.recent_message(rounds, language),
        }
    round_ = invocation.deps.service.find_round(team, channel, command.round_id, reader=user)
    decision = governance.decision(round_.id)
    return {
        "text": label(words.DECISION_RECORD_FALLBACK, language),
        "blocks": log_view.decision_message(decision, language),
    }
