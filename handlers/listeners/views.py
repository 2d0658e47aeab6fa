"""Modal submissions. Field mistakes come back as field errors; the modal stays open."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.deadline import resolve_deadline
from bot.domain.errors import ConsensusError
from bot.domain.round import DEFAULT_QUORUM, DEFAULT_REMINDERS, RoundDraft, validate_window
from bot.domain.scale import PROFILES
from handlers import block_kit, channel_access, ids, messages
from handlers.channel_access import Access, round_link
from handlers.grammar.values import parse_deadline, parse_quorum, parse_reminders
from handlers.listeners.deps import Deps, log, user_id, workspace_of
from handlers.listeners.view_state import metadata, submitted
from handlers.messages import round_message as round_words
from handlers.messages import stance as stance_words
from handlers.views import common
from handlers.views import round as round_view
from handlers.views import stance as stance_view
from handlers.views.eligibility import left_out_note


async def _tell(
    client: AsyncWebClient, channel: str, user: str, text: str, body: Any = None
) -> None:
    if not channel:
        return
    try:
        await client.chat_postEphemeral(channel=channel, user=user, text=text, blocks=body)
    except Exception as error:  # the work is done; a lost confirmation is only logged
        log.warning("could not confirm privately to %s: %s", user, type(error).__name__)


T = TypeVar("T")


async def _or_field_error(
    ack: AsyncAck,
    block_id: str,
    work: Callable[[], Awaitable[T]],
    out_of_date: str = stance_words.OUT_OF_DATE,
    language: str | None = None,
) -> T | None:
    """Run a submission's work; a refusal or a malformed form becomes a field error (None),
    in the reader's ``language``."""
    try:
        return await work()
    except ConsensusError as error:
        await ack(
            response_action="errors", errors={block_id: messages.render_plain(error, language)}
        )
    except (KeyError, ValueError, TypeError):  # metadata not as this bot wrote it
        await ack(
            response_action="errors",
            errors={block_id: messages.label(out_of_date, language)},
        )
    return None


def register(app: AsyncApp, deps: Deps) -> None:
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
        result = await _or_field_error(
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
        await _tell(client, str(meta.get("channel", "")), user_id(body), text, body_blocks)

    @app.view(ids.RESERVATION_VIEW)
    async def on_reservation(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """Levels 2-4: an optional reservation attached to the current level."""
        meta = metadata(view)
        reason = str(submitted(view, ids.REASON_BLOCK)).strip()
        language = await deps.language_of(user_id(body))
        result = await _or_field_error(
            ack,
            ids.REASON_BLOCK,
            lambda: deps.call(deps.service.add_reason, int(meta["round"]), user_id(body), reason),
            language=language,
        )
        if result is None:
            return
        await ack()
        saved = stance_words.RESERVATION_SAVED if reason else stance_words.RESERVATION_REMOVED
        await _tell(
            client,
            str(meta.get("channel", "")),
            user_id(body),
            messages.say(saved, language, level=result.stance.level),
        )

    @app.view(ids.EXTEND_VIEW)
    async def on_extend(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """Chair: a duration added to the deadline, or a new date."""
        meta = metadata(view)
        language = await deps.language_of(user_id(body))
        round_ = await _or_field_error(
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
        await _tell(
            client,
            str(meta.get("channel", "")),
            user_id(body),
            messages.say(round_words.EXTENDED_REPLY, language, round=round_.id, closes=closes),
        )

    @app.view(ids.START_VIEW)
    async def on_start(
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
            await _tell(client, channel, user, common.error_text(error, language))
            return
        if opening.opened:
            opened = round_view.opened_message(opening, language)
            left_out = left_out_note(opening.left_out, language)
            await _tell(client, channel, user, opened + left_out)
            return
        link = await round_link(client, opening.round)
        await _tell(
            client, channel, user, channel_access.already_open(opening.round, link, language)
        )
