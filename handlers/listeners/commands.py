"""`/consensus`: parse, answer mistakes at once, do the work after the ack."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import ConsensusError
from bot.domain.round import RoundDraft
from bot.requests import (
    GOVERNANCE_COMMANDS,
    ConfigCoordinators,
    ConfigSteering,
    ListRounds,
    Request,
    Resolve,
    RoundAction,
    RoundCommand,
    Start,
)
from bot.usecases.rounds import Opening
from handlers import block_kit, channel_access
from handlers.channel_access import Access, round_link
from handlers.grammar.commands import Help, parse
from handlers.grammar.subcommands import COMMAND
from handlers.listeners import chair, governance
from handlers.listeners.deps import Deps, after_ack, log, workspace_of
from handlers.messages import help as help_words
from handlers.messages import label, say
from handlers.messages import round_message as round_words
from handlers.views import common, eligibility
from handlers.views import help as help_view
from handlers.views import round as round_view

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
        user = str(body.get("user_id", ""))
        try:
            command = parse(str(body.get("text") or ""))
        except ConsensusError as error:
            language = await deps.language_of(user)
            await ack(response_type="ephemeral", text=common.error_text(error, language))
            return
        if isinstance(command, Help):
            language = await deps.language_of(user)
            await ack(
                response_type="ephemeral",
                text=say(help_words.HOW_TO_USE, language),
                blocks=help_view.help_message(command.unknown, language),
            )
            return
        channel = str(body.get("channel_id", ""))
        if isinstance(command, Start) and not command.title:
            await ack()
            trigger = str(body.get("trigger_id", ""))
            await _open_start_form(deps, client, trigger, channel, await deps.language_of(user))
            return
        # Before the ack: a round the bot cannot post is refused, not opened.
        if isinstance(command, Start) and (
            await deps.channels.check(client, channel) is Access.NOT_MEMBER
        ):
            refusal = channel_access.not_in_channel(channel, await deps.language_of(user))
            await ack(response_type="ephemeral", text=refusal)
            return
        await ack()
        workspace = workspace_of(context)
        if isinstance(command, GOVERNANCE_COMMANDS):
            await governance.handle_command(deps, command, body, respond, client, workspace)
            return
        language = await deps.language_of(user)
        try:
            reply = await deps.call(run_command, deps, command, body, workspace, language)
        except ConsensusError as error:
            reply = {"text": common.error_text(error, language)}
        if isinstance(reply, Opening):
            reply = await _started_reply(client, reply, language)
        answer = respond(response_type="ephemeral", replace_original=False, **reply)
        await after_ack(f"answering {COMMAND}", answer)


async def _open_start_form(
    deps: Deps, client: AsyncWebClient, trigger_id: str, channel: str, language: str | None
) -> None:
    """Open the form at once (a trigger_id lives 3 seconds), then, if the bot cannot post in
    the channel, replace it with the reason; the submission is checked again."""
    try:
        form = round_view.start_modal(channel, language=language)
        opened = await client.views_open(trigger_id=trigger_id, view=form)
        view_id = str(opened["view"]["id"])
    except Exception as error:  # the command is already acknowledged: log, do not raise
        log.warning("could not open the start form: %s", type(error).__name__)
        return
    if await deps.channels.check(client, channel) is not Access.NOT_MEMBER:
        return
    refusal = common.notice_modal(
        label(round_words.START_NOTICE_TITLE, language),
        channel_access.not_in_channel(channel, language),
        language,
    )
    await after_ack("refusing the start form", client.views_update(view_id=view_id, view=refusal))


async def _started_reply(
    client: AsyncWebClient, opening: Opening, language: str | None = None
) -> Reply:
    round_ = opening.round
    if opening.opened:
        return {
            "text": round_view.opened_message(opening, language)
            + "\n"
            + label(round_words.YOU_CHAIR, language)
            + eligibility.left_out_note(opening.left_out, language)
            + eligibility.outside_warning(opening.outside, language)
        }
    link = await round_link(client, round_)
    return {"text": channel_access.already_open(round_, link, language)}


def run_command(
    deps: Deps, command: Request, body: dict[str, Any], team: str, language: str | None = None
) -> Reply | Opening:
    """Carry out a parsed command (in a worker thread) and say what happened, in the
    person's ``language``.

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
            request=command_request(body),
            include_outside=command.include_outside,
        )
        return service.open_round(draft, command.deadline)
    if isinstance(command, ListRounds):
        return {
            "text": label(round_words.OPEN_ROUNDS_FALLBACK, language),
            "blocks": round_view.list_message(
                service.open_views(team, channel, reader=user), language
            ),
        }
    if isinstance(command, Resolve):
        escalation = service.resolve_escalation(command.escalation_id, user, command.text)
        return {"text": say(round_words.RESOLVED_REPLY, language, escalation=escalation.id)}
    if isinstance(command, ConfigCoordinators):
        service.set_coordinators(team, command.users, user)
        named = ", ".join(f"<@{u}>" for u in command.users)
        return {"text": say(round_words.COORDINATORS_SET, language, people=named)}
    if isinstance(command, ConfigSteering):
        service.set_steering_channel(team, command.channel, user)
        steering = f"<#{command.channel}>"
        return {"text": say(round_words.STEERING_SET, language, channel=steering)}
    if isinstance(command, RoundCommand):
        return _round_command(deps, command, team, channel, user, language)
    log.error("unhandled command %r", command)
    return {"text": f":warning: {say(round_words.DID_NOT_WORK, language)}"}


def command_request(body: dict[str, Any]) -> str:
    """This invocation's id: its trigger_id is unique to it, and a retry of the same HTTP
    request carries the same one. (Typing the command again is a new invocation; the core
    catches that as a repeat of the same proposal.)"""
    trigger = str(body.get("trigger_id") or "")
    return f"command:{trigger}" if trigger else ""


def _round_command(
    deps: Deps,
    command: RoundCommand,
    team: str,
    channel: str,
    user: str,
    language: str | None = None,
) -> Reply:
    service = deps.service
    # Escalation is for a round that has ended; everything else acts on an open one.
    closed = command.action == RoundAction.ESCALATE
    round_ = service.find_round(team, channel, command.round_id, reader=user, closed=closed)
    if command.action == RoundAction.STATUS:
        seen = service.personal_view(round_.id, user)
        return {
            "text": say(round_words.STATUS_FALLBACK, language, round=round_.id),
            "blocks": round_view.status_message(
                seen.view,
                user,
                service.undelivered(round_.id),
                seen.standing,
                seen.mine,
                language,
            ),
        }
    if command.action in chair.OPERATIONS:
        return {"text": chair.OPERATIONS[command.action](service, round_.id, user, language)}
    if command.action == RoundAction.EXTEND:
        assert command.deadline is not None
        extended = service.extend_round(round_.id, user, command.deadline)
        closes = block_kit.when(extended.closes_at, language=language)
        return {"text": say(round_words.EXTENDED_REPLY, language, round=round_.id, closes=closes)}
    raise ValueError(command.action)
