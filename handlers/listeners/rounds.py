"""Rounds: `/consensus start`, `list`, `status`, the chair's controls (close, remind, cancel,
escalate, as buttons and subcommands) and `extend`, with the start and extend forms."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.deadline import resolve_deadline
from bot.domain.errors import ConsensusError
from bot.domain.round import DEFAULT_QUORUM, DEFAULT_REMINDERS, RoundDraft, validate_window
from bot.domain.scale import PROFILES
from bot.requests import ListRounds, RoundAction, RoundCommand, Start
from bot.usecases.rounds import Opening
from handlers import block_kit, channel_access, ids, messages
from handlers.channel_access import Access, round_link
from handlers.grammar.values import parse_deadline, parse_quorum, parse_reminders
from handlers.listeners import chair
from handlers.listeners.command_table import CommandTable, Invocation, Reply, in_worker_thread
from handlers.listeners.deps import Deps, after_ack, channel_id, log, user_id, workspace_of
from handlers.listeners.replies import or_field_error, tell, tell_in_channel
from handlers.listeners.view_state import metadata, submitted
from handlers.messages import label, say
from handlers.messages import round_message as round_words
from handlers.views import common, eligibility
from handlers.views import round as round_view


def add_commands(commands: CommandTable) -> None:
    commands.add(Start, _start, before_ack=_start_first)
    commands.add(ListRounds, in_worker_thread(_list))
    commands.add(RoundCommand, in_worker_thread(_round_command))


# ------------------------------------------------------------------------------ /consensus
async def _start_first(invocation: Invocation, command: Start, ack: AsyncAck) -> bool:
    """Without a title, open the start form; a round the bot cannot post is refused in the
    acknowledgement, not opened."""
    deps, client, channel = invocation.deps, invocation.client, invocation.channel
    if not command.title:
        await ack()
        language = await deps.language_of(invocation.user)
        await _open_start_form(deps, client, invocation.trigger_id, channel, language)
        return True
    if await deps.channels.check(client, channel) is Access.NOT_MEMBER:
        refusal = channel_access.not_in_channel(channel, await deps.language_of(invocation.user))
        await ack(response_type="ephemeral", text=refusal)
        return True
    return False


async def _start(invocation: Invocation, command: Start, language: str | None) -> Reply:
    opening = await invocation.deps.call(_open_round, invocation, command)
    return await _started_reply(invocation.client, opening, language)


def _open_round(invocation: Invocation, command: Start) -> Opening:
    draft = RoundDraft(
        workspace=invocation.team,
        channel=invocation.channel,
        chair=invocation.user,
        title=command.title,
        voters=command.voters,
        quorum=command.quorum,
        profile_key=command.profile_key,
        reminders=command.reminders,
        request=command_request(invocation.body),
        include_outside=command.include_outside,
    )
    return invocation.deps.service.open_round(draft, command.deadline)


def command_request(body: dict[str, Any]) -> str:
    """This invocation's id: its trigger_id is unique to it, and a retry of the same HTTP
    request carries the same one. (Typing the command again is a new invocation; the core
    catches that as a repeat of the same proposal.)"""
    trigger = str(body.get("trigger_id") or "")
    return f"command:{trigger}" if trigger else ""


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


def _list(invocation: Invocation, command: ListRounds, language: str | None) -> Reply:
    views = invocation.deps.service.open_views(
        invocation.team, invocation.channel, reader=invocation.user
    )
    return {
        "text": label(round_words.OPEN_ROUNDS_FALLBACK, language),
        "blocks": round_view.list_message(views, language),
    }


def _round_command(invocation: Invocation, command: RoundCommand, language: str | None) -> Reply:
    service, user = invocation.deps.service, invocation.user
    # Escalation is for a round that has ended; everything else acts on an open one.
    closed = command.action == RoundAction.ESCALATE
    round_ = service.find_round(
        invocation.team, invocation.channel, command.round_id, reader=user, closed=closed
    )
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


# ---------------------------------------------------------------------- buttons and forms
def register(app: AsyncApp, deps: Deps) -> None:
    @app.action(ids.EXTEND_ACTION)
    async def on_extend(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: AsyncRespond,
        client: AsyncWebClient,
    ) -> None:
        """Chair: open the extend modal (the button carries the chair, so no lookup first)."""
        await ack()
        parsed = chair.button_value(action)
        if parsed is None:
            return
        round_id, chair_id = parsed
        if user_id(body) != chair_id:
            language = await deps.language_of(user_id(body))
            await tell(respond, chair.only_the_chair(chair_id, "extend", round_id, language))
            return
        opening = client.views_open(
            trigger_id=str(body.get("trigger_id", "")),
            view=round_view.extend_modal(
                round_id, channel_id(body), await deps.language_of(user_id(body))
            ),
        )
        await after_ack(f"opening the extend form for round {round_id}", opening)

    for action_id, operation in chair.BUTTONS.items():
        app.action(action_id)(_chair_button(deps, operation))

    @app.view(ids.EXTEND_VIEW)
    async def on_extend_submit(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """Chair: a duration added to the deadline, or a new date."""
        meta = metadata(view)
        language = await deps.language_of(user_id(body))
        round_ = await or_field_error(
            ack,
            ids.DEADLINE_BLOCK,
            lambda: deps.call(
                deps.service.extend_round,
                int(meta["round"]),
                user_id(body),
                parse_deadline(str(submitted(view, ids.DEADLINE_BLOCK))),
            ),
            language=language,
        )
        if round_ is None:
            return
        await ack()
        closes = block_kit.when(round_.closes_at, language=language)
        await tell_in_channel(
            client,
            str(meta.get("channel", "")),
            user_id(body),
            messages.say(round_words.EXTENDED_REPLY, language, round=round_.id, closes=closes),
        )

    @app.view(ids.START_VIEW)
    async def on_start_submit(
        ack: AsyncAck,
        body: dict[str, Any],
        view: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        """The start form: check every field, answer all field errors at once."""
        meta = metadata(view)
        channel = str(meta.get("channel", ""))
        user = user_id(body)
        language = await deps.language_of(user)
        errors: dict[str, str] = {}
        title = str(submitted(view, ids.TITLE_BLOCK)).strip()
        if not title:
            errors[ids.TITLE_BLOCK] = messages.label(round_words.NO_TITLE, language)
        quorum, reminders = DEFAULT_QUORUM, DEFAULT_REMINDERS
        try:
            quorum = parse_quorum(str(submitted(view, ids.QUORUM_BLOCK)).strip())
        except ConsensusError as error:
            errors[ids.QUORUM_BLOCK] = messages.render_plain(error, language)
        try:
            # An emptied reminders field means no reminders.
            reminders = parse_reminders(str(submitted(view, ids.REMIND_BLOCK)).strip() or "none")
        except ConsensusError as error:
            errors[ids.REMIND_BLOCK] = messages.render_plain(error, language)
        closes_at = None
        try:
            deadline = parse_deadline(str(submitted(view, ids.DEADLINE_BLOCK)))
            now = deps.service.now()
            timezone = await deps.call(deps.directory.timezone, user) if deadline.at else "UTC"
            closes_at = resolve_deadline(deadline, now, timezone)
            validate_window(now, closes_at)
        except ConsensusError as error:
            errors[ids.DEADLINE_BLOCK] = messages.render_plain(error, language)
        profile_key = str(submitted(view, ids.RULE_BLOCK) or "1-4")
        if profile_key not in PROFILES:
            errors[ids.RULE_BLOCK] = messages.label(round_words.PICK_A_RULE, language)
        if (
            not errors
            and await deps.channels.check(client, channel, fresh=True) is Access.NOT_MEMBER
        ):
            # Checked again on submission: the bot may have been removed since the form opened.
            errors[ids.TITLE_BLOCK] = channel_access.not_in_channel(None, language)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        await ack()
        draft = RoundDraft(
            workspace=workspace_of(context),
            channel=channel,
            chair=user,
            title=title,
            details=str(submitted(view, ids.DETAILS_BLOCK)),
            voters=tuple(submitted(view, ids.VOTERS_BLOCK) or ()),
            closes_at=closes_at,
            quorum=quorum,
            profile_key=profile_key,
            reminders=reminders,
            # The view id is unique to this form: a second submission of it is the same start.
            request=f"view:{view.get('id', '')}" if view.get("id") else "",
        )
        try:
            opening = await deps.call(deps.service.open_round, draft)
        except ConsensusError as error:
            await tell_in_channel(client, channel, user, common.error_text(error, language))
            return
        if opening.opened:
            opened = round_view.opened_message(opening, language)
            left_out = eligibility.left_out_note(opening.left_out, language)
            await tell_in_channel(client, channel, user, opened + left_out)
            return
        link = await round_link(client, opening.round)
        await tell_in_channel(
            client, channel, user, channel_access.already_open(opening.round, link, language)
        )


def _chair_button(deps: Deps, operation: chair.ChairOperation) -> Callable[..., Awaitable[None]]:
    async def on_chair_button(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        """Chair: close, remind, cancel or escalate from a button."""
        await ack()
        parsed = chair.button_value(action)
        if parsed is None:
            return
        language = await deps.language_of(user_id(body))
        try:
            reply = await deps.call(operation, deps.service, parsed[0], user_id(body), language)
        except ConsensusError as error:
            reply = common.error_text(error, language)
        await tell(respond, reply)

    return on_chair_button
