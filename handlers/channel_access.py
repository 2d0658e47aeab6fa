"""Can the bot post in a channel? Asked before a start is acknowledged, so the answer is honest.

Slack's ``conversations.info`` answers for the bot's own token: ``is_member`` for a public
channel, and ``channel_not_found`` for a private channel the bot is not in. The look-up is
bounded well inside Slack's 3-second ack; a "yes" is kept briefly (a start is often
followed by another), a "no" is not kept, so inviting the bot helps at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from enum import Enum

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.round import Round
from handlers import block_kit
from handlers.messages import label, say
from handlers.messages import round_message as words

log = logging.getLogger(__name__)

# The bot user's name, as the manifest sets it (tests/test_manifest.py checks they agree).
BOT_NAME = "consensus"
# The look-up must leave the ack most of Slack's 3 seconds.
CHECK_TIMEOUT_SECONDS = 1.5
# How long a channel the bot was found in counts as one it can post in without asking again.
MEMBER_CACHE_SECONDS = 60.0
# What Slack answers for a private channel (or a DM) the bot cannot see.
NOT_VISIBLE = "channel_not_found"


class Access(Enum):
    MEMBER = "member"
    NOT_MEMBER = "not_member"
    UNKNOWN = "unknown"  # Slack did not answer in time, or with an error: carry on as before


class ChannelAccess:
    """Whether the bot can post in a channel, with members remembered for a short while."""

    def __init__(
        self,
        ttl: float = MEMBER_CACHE_SECONDS,
        timeout: float = CHECK_TIMEOUT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl
        self._timeout = timeout
        self._clock = clock
        self._members: dict[str, float] = {}  # channel -> when the bot was last seen in it

    async def check(self, client: AsyncWebClient, channel: str, *, fresh: bool = False) -> Access:
        """``fresh`` asks Slack even when the bot was seen in the channel moments ago."""
        seen = self._members.get(channel)
        if not fresh and seen is not None and self._clock() - seen < self._ttl:
            return Access.MEMBER
        try:
            answer = await asyncio.wait_for(
                client.conversations_info(channel=channel), self._timeout
            )
        except SlackApiError as error:
            code = error.response.get("error") if error.response is not None else None
            if code == NOT_VISIBLE:
                return Access.NOT_MEMBER
            log.warning("could not check channel membership: %s", code or "error")
            return Access.UNKNOWN
        except Exception as error:  # a timeout, a dropped connection: do not block the start
            log.warning("could not check channel membership: %s", type(error).__name__)
            return Access.UNKNOWN
        info = answer.get("channel") or {}
        if info.get("is_member") or info.get("is_im"):
            self._members[channel] = self._clock()
            return Access.MEMBER
        return Access.NOT_MEMBER


def not_in_channel(channel: str | None, language: str | None = None) -> str:
    """Why no round opened, and how to fix it, in the reader's ``language``; plain text (a
    form's field error) without a channel, since Slack shows field errors unformatted."""
    invite = f"/invite @{BOT_NAME}"
    if channel:
        return say(words.NOT_IN_CHANNEL, language, channel=f"<#{channel}>", invite=invite)
    return say(words.NOT_IN_THIS_CHANNEL, language, invite=invite)


def already_open(round_: Round, link: str | None = None, language: str | None = None) -> str:
    """The answer to a start that an earlier delivery (or a repeat) already carried out."""
    where = (
        f"<{link}|{label(words.THE_ROUND_MESSAGE, language)}>" if link else f"<#{round_.channel}>"
    )
    return say(
        words.ALREADY_OPEN if round_.is_open else words.ALREADY_STARTED,
        language,
        round=block_kit.round_name(round_, language),
        started=block_kit.when(round_.opened_at, "{ago}"),
        where=where,
    )


async def round_link(client: AsyncWebClient, round_: Round) -> str | None:
    """A link to the round's message once it is posted (None before, or if Slack fails)."""
    if not round_.message_ref:
        return None
    try:
        answer = await asyncio.wait_for(
            client.chat_getPermalink(channel=round_.channel, message_ts=round_.message_ref),
            CHECK_TIMEOUT_SECONDS,
        )
    except Exception as error:
        log.warning("could not link to round %s: %s", round_.id, type(error).__name__)
        return None
    permalink = answer.get("permalink")
    return str(permalink) if permalink else None
