"""`/consensus`: parse, answer mistakes at once, do the work after the ack."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands import (
    COMMAND,
    Command,
    ConfigCoordinators,
    ConfigSteering,
    Help,
    ListRounds,
    Resolve,
    RoundCommand,
    Start,
    parse,
)
from bot.domain.errors import ConsensusError
from bot.domain.round import RoundDraft
from bot.governance_commands import GOVERNANCE_COMMANDS
from handlers import blocks
from handlers.listeners import chair, governance
from handlers.listeners.deps import Deps, after_ack, log, workspace_of

Reply = dict[str, Any]


def register(app: AsyncApp, deps: Deps) -> None:
    @app.command(COMMAND)
    async def on_consensus(
        ack: AsyncAck,
        body: dict[str, Any],
        respond: AsyncRespond,
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        """Answer `/consensus …`."""
        try:
            command = parse(str(body.get("text") or ""))
        except ConsensusError as error:
            await ack(response_type="ephemeral", text=blocks.error_text(error))
            return
        if isinstance(command, Help):
            await ack(
                response_type="ephemeral",
                text="How to use /consensus",
                blocks=blocks.help_message(command.unknown),
            )
            return
        if isinstance(command, Start) and not command.title:
            await ack()
            opening = client.views_open(
                trigger_id=str(body.get("trigger_id", "")),
                view=blocks.start_modal(str(body.get("channel_id", ""))),
            )
            await after_ack("opening the start form", opening)
            return
        await ack()
        workspace = workspace_of(context)
        if isinstance(command, GOVERNANCE_COMMANDS):
            await governance.handle_command(deps, command, body, respond, client, workspace)
            return
        try:
            reply = await deps.call(run_command, deps, command, body, workspace)
        except ConsensusError as error:
            reply = {"text": blocks.error_text(error)}
        answer = respond(response_type="ephemeral", replace_original=False, **reply)
        await after_ack("answering /consensus", answer)


def run_command(deps: Deps, command: Command, body: dict[str, Any], team: str) -> Reply:
    """Carry out a parsed command (in a worker thread) and say what happened.

    ``team`` is the installation's workspace (`deps.workspace_of`), not the person's.
    """
    service = deps.service
    user = str(body.get("user_id", ""))
    channel = str(body.get("channel_id", ""))
    if isinstance(command, Start):
        draft = RoundDraft(
            workspace=team,
            channel=channel,
            chair=user,
            title=command.title,
            voters=command.voters,
            quorum=command.quorum,
            profile_key=command.profile_key,
            reminders=command.reminders,
        )
        round_ = service.start_round(draft, command.deadline)
        return {
            "text": blocks.round_opened(round_) + " "
            "You chair it: close, extend, remind or cancel from the round message."
        }
    if isinstance(command, ListRounds):
        return {
            "text": "Open rounds",
            "blocks": blocks.list_message(service.open_views(team, channel, reader=user)),
        }
    if isinstance(command, Resolve):
        escalation = service.resolve_escalation(command.escalation_id, user, command.text)
        return {
            "text": f":white_check_mark: Escalation {escalation.id} is resolved; reminders stop."
        }
    if isinstance(command, ConfigCoordinators):
        service.set_coordinators(team, command.users, user)
        named = ", ".join(f"<@{u}>" for u in command.users)
        return {
            "text": f"Coordinators: workspace admins and {named}. They manage the roster, the "
            "steering channel and the recorded-vote rules."
        }
    if isinstance(command, ConfigSteering):
        service.set_steering_channel(team, command.channel, user)
        return {"text": f"Escalations will be posted in <#{command.channel}>. Invite me there."}
    if isinstance(command, RoundCommand):
        return _round_command(deps, command, team, channel, user)
    log.error("unhandled command %r", command)
    return {"text": blocks.error_text(f"Sorry, that did not work. Try `{COMMAND} help`.")}


def _round_command(deps: Deps, command: RoundCommand, team: str, channel: str, user: str) -> Reply:
    service = deps.service
    # Escalation is for a round that has ended; everything else acts on an open one.
    closed = command.action == "escalate"
    round_ = service.find_round(team, channel, command.round_id, reader=user, closed=closed)
    if command.action == "status":
        return {
            "text": f"Proposal #{round_.id}",
            "blocks": blocks.status_message(
                service.view(round_.id), user, service.undelivered(round_.id)
            ),
        }
    if command.action in chair.OPERATIONS:
        return {"text": chair.OPERATIONS[command.action](service, round_.id, user)}
    if command.action == "extend":
        assert command.deadline is not None
        extended = service.extend_round(round_.id, user, command.deadline)
        return {"text": f"Proposal #{round_.id} now closes {blocks.when(extended.closes_at)}."}
    raise ValueError(command.action)
