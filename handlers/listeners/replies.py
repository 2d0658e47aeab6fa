"""Private answers shared by the concepts' listeners: by a click's response_url, by
chat.postEphemeral after a form is submitted, and as a form's field error."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from slack_bolt.async_app import AsyncAck, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import ConsensusError
from handlers import messages
from handlers.listeners.deps import after_ack, log
from handlers.messages import stance as stance_words

T = TypeVar("T")


async def tell(respond: AsyncRespond, text: str, body: list[dict[str, Any]] | None = None) -> None:
    """Answer a click privately, after its ack."""
    answer = respond(
        response_type="ephemeral", replace_original=False, text=text, blocks=body or None
    )
    await after_ack("an ephemeral answer", answer)


async def tell_in_channel(
    client: AsyncWebClient, channel: str, user: str, text: str, body: Any = None
) -> None:
    """Confirm a submitted form privately in the channel it was opened from."""
    if not channel:
        return
    try:
        await client.chat_postEphemeral(channel=channel, user=user, text=text, blocks=body)
    except Exception as error:  # the work is done; a lost confirmation is only logged
        log.warning("could not confirm privately to %s: %s", user, type(error).__name__)


async def or_field_error(
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
