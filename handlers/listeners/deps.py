"""What listeners need, handed to them by the composition root."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from slack_bolt.async_app import AsyncBoltContext

from bot.domain.errors import InvalidInput
from bot.ports import Directory
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.governance_service import GovernanceService
from bot.usecases.stances import CastResult
from handlers.channel_access import ChannelAccess

P = ParamSpec("P")
# How long an answer waits for the person's language before it is given in the default.
LANGUAGE_WAIT = 1.0
T = TypeVar("T")
log = logging.getLogger("handlers")
UNAVAILABLE = "Partnership governance is not set up in this deployment."


@dataclass(frozen=True)
class Deps:
    service: ConsensusService
    directory: Directory
    governance: GovernanceService | None = None  # roster, revisions, recorded votes, log
    channels: ChannelAccess = field(default_factory=ChannelAccess)  # can the bot post there?
    # The language a person chose in Slack (e.g. "fr-CA"), for what only they read; None:
    # the catalog's English. Channel posts stay in the partnership's language.
    languages: Callable[[str], str | None] = field(default=lambda _user: None)

    def governance_service(self) -> GovernanceService:
        """The roster, revisions, recorded votes and log; refused as a person's error in a
        deployment without them."""
        if self.governance is None:
            raise InvalidInput(UNAVAILABLE)
        return self.governance

    async def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run blocking core work (database, directory look-ups) off the event loop."""
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def language_of(self, user: str) -> str | None:
        """The person's language, looked up off the event loop (cached by the directory).
        Some answers go in the acknowledgement, which Slack waits 3 seconds for: a look-up
        that takes longer, or fails, answers in the default language instead."""
        try:
            return await asyncio.wait_for(self.call(self.languages, user), LANGUAGE_WAIT)
        except Exception as error:
            log.warning("could not read %s's language: %s", user, type(error).__name__)
            return None

    async def cast(
        self, round_id: int, voter: str, level: int, reason: str | None = None
    ) -> CastResult:
        """Record a level; returns once it is committed (no thread waits for the batch).
        ``reason`` None keeps the text of the earlier level where it applies."""
        return await asyncio.wrap_future(
            self.service.cast_stance_future(round_id, voter, level, reason)
        )


def user_id(body: dict[str, Any]) -> str:
    user = body.get("user")
    if isinstance(user, dict):
        return str(user.get("id", ""))
    return str(body.get("user_id", ""))


def workspace_of(context: AsyncBoltContext) -> str:
    """The installation that owns the rounds, roster and settings of its channels.

    Bolt's authorization names it (with one bot token, from `auth.test`, asked once): the
    bot's own workspace, or its Enterprise Grid org when installed org-wide. In a Slack
    Connect channel or a Grid org, the acting person's team (`team.id`, `user.team_id`, a
    command's `team_id`) can be another workspace: it says where the person
    comes from, never which partnership they act in.
    """
    result = context.authorize_result
    if result is None:  # Bolt authorizes every request that reaches a listener
        raise LookupError("this request carries no authorization")
    if context.is_enterprise_install and result.enterprise_id:
        return str(result.enterprise_id)
    return str(result.team_id or result.enterprise_id or "")


def channel_id(body: dict[str, Any]) -> str:
    channel = body.get("channel")
    if isinstance(channel, dict) and channel.get("id"):
        return str(channel["id"])
    container = body.get("container") or {}
    return str(container.get("channel_id") or body.get("channel_id") or "")


async def after_ack(what: str, call: Awaitable[object]) -> None:
    """Await a Slack call made after ``ack()``; log its failure instead of raising it.

    Bolt's asyncio runner replaces the acknowledgement with nothing when a listener raises
    right after ``ack()``, and Slack then gets a 404 three seconds later: the person would
    see an error for a request that was carried out (a stored vote, an opened round).
    """
    try:
        await call
    except Exception as error:
        log.warning("%s failed after the request was acknowledged: %s", what, type(error).__name__)
