"""Revisions: `/consensus revise` and the chair's revise button open the revise form; its
submission opens the revised round."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import ConsensusError
from bot.requests import Revise
from handlers import block_kit, ids, messages
from handlers.grammar.values import parse_deadline
from handlers.listeners import chair as chair_controls
from handlers.listeners.command_table import CommandTable, Invocation
from handlers.listeners.deps import Deps, after_ack, channel_id, log, user_id, workspace_of
from handlers.listeners.replies import tell
from handlers.listeners.view_state import metadata, submitted_text
from handlers.messages import revision as revision_words
from handlers.views import common
from handlers.views import revision as revision_view


def add_commands(commands: CommandTable) -> None:
    commands.add(Revise, _revise)


async def _revise(invocation: Invocation, command: Revise, language: str | None) -> None:
    """The form answers the command: nothing to say in the conversation."""
    await _open_revise_form(
        invocation.deps,
        invocation.client,
        invocation.trigger_id,
        invocation.team,
        invocation.channel,
        command.round_id,
        invocation.user,
        language,
    )


async def _open_revise_form(
    deps: Deps,
    client: AsyncWebClient,
    trigger_id: str,
    team: str,
    channel: str,
    round_id: int | None,
    user: str,
    language: str | None = None,
) -> None:
    """Open a modal at once (a trigger_id lives 3 seconds), then fill it from the database."""
    label = messages.label
    try:
        opened = await client.views_open(
            trigger_id=trigger_id,
            view=common.notice_modal(
                label(revision_words.REVISE_TITLE, language),
                label(revision_words.LOADING, language),
                language,
            ),
        )
        view_id = str(opened["view"]["id"])
    except Exception as error:  # the click is already acknowledged: log, do not raise
        log.warning("could not open the revise form: %s", type(error).__name__)
        return
    try:
        form = await deps.call(
            deps.governance_service().revision_form, team, channel, round_id, user
        )
        view = revision_view.revise_modal(form, channel, language)
    except ConsensusError as error:
        view = common.notice_modal(
            label(revision_words.CANNOT_REVISE, language),
            common.error_text(error, language),
            language,
        )
    await after_ack("filling the revise form", client.views_update(view_id=view_id, view=view))


def register(app: AsyncApp, deps: Deps) -> None:
    @app.action(ids.REVISE_ACTION)
    async def on_revise(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: AsyncRespond,
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        """Chair: open the revise modal from the outcome message."""
        await ack()
        parsed = chair_controls.button_value(action)
        if parsed is None:
            return
        round_id, chair = parsed
        user = user_id(body)
        if user != chair:
            language = await deps.language_of(user_id(body))
            await tell(respond, chair_controls.only_the_chair(chair, "revise", round_id, language))
            return
        await _open_revise_form(
            deps,
            client,
            str(body.get("trigger_id", "")),
            workspace_of(context),
            channel_id(body),
            round_id,
            user,
            await deps.language_of(user),
        )

    @app.view(ids.REVISE_VIEW)
    async def on_revise_submit(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """The revise form: the revision opens once every field checks out."""
        meta = metadata(view)
        user = user_id(body)
        language = await deps.language_of(user)
        errors: dict[str, str] = {}
        title = submitted_text(view, ids.TITLE_BLOCK).strip()
        if not title:
            errors[ids.TITLE_BLOCK] = messages.label(revision_words.NO_TITLE, language)
        deadline = None
        try:
            deadline = parse_deadline(submitted_text(view, ids.DEADLINE_BLOCK) or "3d")
        except ConsensusError as error:
            errors[ids.DEADLINE_BLOCK] = messages.render_plain(error, language)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        adopted = submitted_text(view, ids.ADOPT_BLOCK)
        try:
            round_ = await deps.call(
                deps.governance_service().revise_round,
                int(meta["round"]),
                user,
                title,
                revision_view.details_as_marked(submitted_text(view, ids.DETAILS_BLOCK)),
                submitted_text(view, ids.ANSWERS_BLOCK),
                "" if adopted in ("", ids.KEEP_PROPOSAL) else adopted,
                deadline,
            )
        except ConsensusError as error:
            refusal = messages.render_plain(error, language)
            await ack(response_action="errors", errors={ids.TITLE_BLOCK: refusal})
            return
        except (KeyError, ValueError, TypeError):
            out_of_date = messages.label(revision_words.OUT_OF_DATE, language)
            await ack(response_action="errors", errors={ids.TITLE_BLOCK: out_of_date})
            return
        await ack()
        channel = str(meta.get("channel", ""))
        if channel:
            try:
                await client.chat_postEphemeral(
                    channel=channel,
                    user=user,
                    text=messages.say(
                        revision_words.REVISION_OPEN,
                        language,
                        round=block_kit.round_name(round_, language),
                        closes=block_kit.when(round_.closes_at, language=language),
                        parent=round_.parent_id,
                    ),
                )
            except Exception as error:  # the revision is open; a lost confirmation is only logged
                log.warning("could not confirm the revision: %s", type(error).__name__)
