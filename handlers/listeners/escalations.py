"""Escalations: `/consensus resolve` records the steering committee's resolution. (A chair
escalates a round with the round's controls, `rounds.py`.)"""

from __future__ import annotations

from bot.requests import Resolve
from handlers.listeners.command_table import CommandTable, Invocation, Reply, in_worker_thread
from handlers.messages import round_message as round_words
from handlers.messages import say


def add_commands(commands: CommandTable) -> None:
    commands.add(Resolve, in_worker_thread(_resolve))


def _resolve(invocation: Invocation, command: Resolve, language: str | None) -> Reply:
    service = invocation.deps.service
    escalation = service.resolve_escalation(command.escalation_id, invocation.user, command.text)
    return {"text": say(round_words.RESOLVED_REPLY, language, escalation=escalation.id)}
