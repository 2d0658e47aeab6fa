"""Stances: the level buttons (from the channel or a reminder DM), and the forms that ask for
a level's explanation (5-6) or an optional reservation (2-4)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import ConsensusError
from bot.domain.scale import read_level
from handlers import ids, messages
from handlers.listeners.deps import Deps, channel_id, log, user_id
from handlers.listeners.replies import or_field_error, tell, tell_in_channel
from handlers.listeners.view_state import metadata, submitted
from handlers.messages import stance as stance_words
from handlers.views import common
from handlers.views import stance as stance_view

T = TypeVar("T")
# Slack wants the click acknowledged within 3 seconds, and the form is opened first.
OPEN_FORM_TIMEOUT = 1.5


async def _open_then_ack(
    ack: AsyncAck, client: AsyncWebClient, body: dict[str, Any], view: dict[str, Any]
) -> None:
    """Open a form, then acknowledge the click: its answer comes once the form is open (the
    trigger_id lives 3 seconds, so the open is bounded well inside them)."""
    try:
        opening = client.views_open(trigger_id=str(body.get("trigger_id", "")), view=view)
        await asyncio.wait_for(opening, OPEN_FORM_TIMEOUT)
    except Exception as error:  # the person can click again; the click is still answered
        log.warning("opening a form failed: %s", type(error).__name__)
    await ack()


async def _or_empty(read: Awaitable[T]) -> T | None:
    """What a form opens with; a round that is gone opens it empty, and its submission then
    says why (the refusal belongs there, with what to do instead)."""
    try:
        return await read
    except ConsensusError:
        return None


def register(app: AsyncApp, deps: Deps) -> None:
    @app.action(ids.LEVEL_ACTION)
    async def on_level(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: AsyncRespond,
        client: AsyncWebClient,
    ) -> None:
        """A level button: record it, or open the modal that asks why first."""
        match = ids.LEVEL_ACTION.match(str(action.get("action_id", "")))
        try:
            assert match is not None
            round_text, profile_key = ids.unpack(action.get("value"), 2)
            round_id = int(round_text)
        except (AssertionError, ValueError):
            await ack()
            log.warning("ignored a level click with a malformed value")
            return
        try:
            level = read_level(match.group(2))  # only a forged click sends one off the scale
        except ConsensusError as error:
            await ack()
            await tell(respond, common.error_text(error))
            return
        user = user_id(body)
        if match.group(1) == ids.EXPLAIN_PREFIX:
            # The form opens with what the person wrote before (one indexed read).
            saved = await _or_empty(deps.call(deps.service.saved_text, round_id, user, level)) or ""
            language = await deps.language_of(user)
            await _open_then_ack(
                ack,
                client,
                body,
                stance_view.explain_modal(
                    round_id, profile_key, level, channel_id(body), saved, language
                ),
            )
            return
        try:
            result = await deps.cast(round_id, user, level)
        except ConsensusError as error:
            await ack()
            await tell(respond, common.error_text(error, await deps.language_of(user)))
            return
        # Acknowledge only once the vote is committed.
        await ack()
        text, body_blocks = stance_view.confirmation(
            result.round,
            result.stance,
            result.previous_level,
            result.standing,
            await deps.language_of(user),
        )
        await tell(respond, text, body_blocks)

    @app.action(ids.ADD_RESERVATION_ACTION)
    async def on_add_reservation(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """Open the optional reservation modal for levels 2-4, with the saved reservation in
        it, so that saving it unchanged keeps it."""
        try:
            round_text, level_text = ids.unpack(action.get("value"), 2)
            round_id, level = int(round_text), int(level_text)
        except ValueError:
            await ack()
            return
        user = user_id(body)
        current = await _or_empty(deps.call(deps.service.stance_of, round_id, user))
        saved = current.reason if current else ""
        language = await deps.language_of(user)
        await _open_then_ack(
            ack,
            client,
            body,
            stance_view.reservation_modal(round_id, level, channel_id(body), saved, language),
        )

    @app.view(ids.EXPLAIN_VIEW)
    async def on_explain(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """Level 5/6: the explanation is required; the level counts once it is given."""
        meta = metadata(view)
        reason = str(submitted(view, ids.REASON_BLOCK)).strip()
        language = await deps.language_of(user_id(body))
        if not reason:
            await ack(
                response_action="errors",
                errors={ids.REASON_BLOCK: messages.label(stance_words.ANSWER_REQUIRED, language)},
            )
            return
        result = await or_field_error(
            ack,
            ids.REASON_BLOCK,
            lambda: deps.cast(int(meta["round"]), user_id(body), int(meta["level"]), reason),
            stance_words.CLICK_AGAIN,
            language,
        )
        if result is None:
            return
        await ack()
        text, body_blocks = stance_view.confirmation(
            result.round, result.stance, result.previous_level, result.standing, language
        )
        await tell_in_channel(
            client, str(meta.get("channel", "")), user_id(body), text, body_blocks
        )

    @app.view(ids.RESERVATION_VIEW)
    async def on_reservation(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """Levels 2-4: an optional reservation attached to the current level."""
        meta = metadata(view)
        reason = str(submitted(view, ids.REASON_BLOCK)).strip()
        language = await deps.language_of(user_id(body))
        result = await or_field_error(
            ack,
            ids.REASON_BLOCK,
            lambda: deps.call(deps.service.add_reason, int(meta["round"]), user_id(body), reason),
            language=language,
        )
        if result is None:
            return
        await ack()
        saved = stance_words.RESERVATION_SAVED if reason else stance_words.RESERVATION_REMOVED
        await tell_in_channel(
            client,
            str(meta.get("channel", "")),
            user_id(body),
            messages.say(saved, language, level=result.stance.level),
        )
