"""The partnership's settings, which coordinators change: `/consensus config coordinators`,
`config steering`, and the recorded votes' and representation's settings."""

from __future__ import annotations

from bot.requests import ConfigCoordinators, ConfigGovernance, ConfigSteering
from handlers.listeners.command_table import CommandTable, Invocation, Reply, in_worker_thread
from handlers.messages import round_message as round_words
from handlers.messages import say
from handlers.views import roster as roster_view


def add_commands(commands: CommandTable) -> None:
    commands.add(ConfigCoordinators, in_worker_thread(_set_coordinators))
    commands.add(ConfigSteering, in_worker_thread(_set_steering))
    commands.add(ConfigGovernance, in_worker_thread(_configure))


def _set_coordinators(
    invocation: Invocation, command: ConfigCoordinators, language: str | None
) -> Reply:
    invocation.deps.service.set_coordinators(invocation.team, command.users, invocation.user)
    named = ", ".join(f"<@{u}>" for u in command.users)
    return {"text": say(round_words.COORDINATORS_SET, language, people=named)}


def _set_steering(invocation: Invocation, command: ConfigSteering, language: str | None) -> Reply:
    service = invocation.deps.service
    service.set_steering_channel(invocation.team, command.channel, invocation.user)
    steering = f"<#{command.channel}>"
    return {"text": say(round_words.STEERING_SET, language, channel=steering)}


def _configure(invocation: Invocation, command: ConfigGovernance, language: str | None) -> Reply:
    governance = invocation.deps.governance_service()
    change = governance.configure(invocation.team, invocation.user, command.key, command.value)
    return {"text": roster_view.configured_text(change, language)}
