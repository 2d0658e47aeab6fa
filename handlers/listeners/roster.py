"""The roster: `/consensus roster` shows it, `roster set` and `roster remove` change it."""

from __future__ import annotations

from bot.requests import RosterRemove, RosterSet, RosterShow
from handlers import messages
from handlers.listeners.command_table import CommandTable, Invocation, Reply, in_worker_thread
from handlers.messages import roster as roster_words
from handlers.views import roster as roster_view


def add_commands(commands: CommandTable) -> None:
    commands.add(RosterShow, in_worker_thread(_show))
    commands.add(RosterSet, in_worker_thread(_set))
    commands.add(RosterRemove, in_worker_thread(_remove))


def _show(invocation: Invocation, command: RosterShow, language: str | None) -> Reply:
    team = invocation.team
    roster = invocation.deps.governance_service().roster(team)
    return {
        "text": messages.label(roster_words.ROSTER_TITLE, language),
        "blocks": roster_view.roster_message(roster, team, language),
    }


def _set(invocation: Invocation, command: RosterSet, language: str | None) -> Reply:
    governance = invocation.deps.governance_service()
    entry = governance.set_roster_entry(invocation.team, invocation.user, command)
    return {"text": roster_view.roster_set_text(entry, language)}


def _remove(invocation: Invocation, command: RosterRemove, language: str | None) -> Reply:
    governance = invocation.deps.governance_service()
    governance.remove_roster_entry(invocation.team, invocation.user, command.user)
    removed = f"<@{command.user}>"
    return {"text": messages.say(roster_words.ROSTER_REMOVED, language, person=removed)}
