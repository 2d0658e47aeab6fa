"""Recorded votes: `/consensus vote call`, `vote close` and `vote cancel`, the ballot
buttons and the chair's close button."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.domain.errors import ConsensusError
from bot.domain.recorded_vote import Choice
from bot.requests import CallVote, CancelVote, CloseVote
from handlers import block_kit, ids, messages
from handlers.listeners.command_table import CommandTable, Invocation, Reply, in_worker_thread
from handlers.listeners.deps import Deps, user_id
from handlers.listeners.replies import tell
from handlers.messages import recorded_vote as vote_words
from handlers.messages.outcome import result_name
from handlers.views import common
from handlers.views import recorded_vote as vote_view


def add_commands(commands: CommandTable) -> None:
    commands.add(CallVote, in_worker_thread(_call))
    commands.add(CloseVote, in_worker_thread(_close))
    commands.add(CancelVote, in_worker_thread(_cancel))


def _call(invocation: Invocation, command: CallVote, language: str | None) -> Reply:
    governance = invocation.deps.governance_service()
    vote = governance.call_vote(
        invocation.team,
        invocation.channel,
        command.round_id,
        invocation.user,
        command.deadline,
        command.sector,
    )
    closes = block_kit.when(vote.closes_at, language=language)
    called = messages.say(
        vote_words.VOTE_CALLED, language, vote=vote.id, round=vote.round_id, closes=closes
    )
    return {"text": called}


def _close(invocation: Invocation, command: CloseVote, language: str | None) -> Reply:
    governance = invocation.deps.governance_service()
    vote, closed_now = governance.close_vote(command.vote_id, invocation.user)
    closed = vote_words.VOTE_CLOSED_NOW if closed_now else vote_words.VOTE_WAS_CLOSED
    result = messages.label(result_name(vote.result), language)
    return {"text": messages.say(closed, language, vote=vote.id, result=result)}


def _cancel(invocation: Invocation, command: CancelVote, language: str | None) -> Reply:
    governance = invocation.deps.governance_service()
    vote = governance.cancel_vote(command.vote_id, invocation.user, command.reason)
    cancelled = messages.say(vote_words.VOTE_CANCELLED, language, vote=vote.id, round=vote.round_id)
    return {"text": cancelled}


def register(app: AsyncApp, deps: Deps) -> None:
    @app.action(ids.BALLOT_ACTION)
    async def on_ballot(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        """For / Against / Abstain in a recorded vote; acknowledged once stored."""
        match = ids.BALLOT_ACTION.match(str(action.get("action_id", "")))
        try:
            assert match is not None
            vote_id, choice = int(str(action.get("value"))), Choice(match.group(1))
        except (AssertionError, ValueError):
            await ack()
            return
        try:
            result = await deps.call(
                deps.governance_service().cast_ballot, vote_id, user_id(body), choice
            )
        except ConsensusError as error:
            await ack()
            await tell(respond, common.error_text(error, await deps.language_of(user_id(body))))
            return
        await ack()
        language = await deps.language_of(user_id(body))
        await tell(
            respond,
            vote_view.ballot_confirmation(vote_id, choice, result.previous, language),
        )

    @app.action(ids.CLOSE_VOTE_ACTION)
    async def on_close_vote(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        """Chair: close the recorded vote now."""
        await ack()
        try:
            vote_text, _chair = ids.unpack(action.get("value"), 2)
            vote_id = int(vote_text)
        except ValueError:
            return
        language = await deps.language_of(user_id(body))
        try:
            vote, closed_now = await deps.call(
                deps.governance_service().close_vote, vote_id, user_id(body)
            )
        except ConsensusError as error:
            await tell(respond, common.error_text(error, language))
            return
        closed = vote_words.VOTE_CLOSED if closed_now else vote_words.VOTE_ALREADY_CLOSED
        result = messages.label(result_name(vote.result), language)
        await tell(respond, messages.say(closed, language, vote=vote.id, result=result))
