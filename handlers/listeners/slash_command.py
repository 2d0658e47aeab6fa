"""`/consensus`: parse, answer mistakes and help at once, look the request up in the command
table, acknowledge, and answer privately with what its entry returns."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import ConsensusError
from handlers.grammar.commands import Help, parse
from handlers.grammar.subcommands import COMMAND
from handlers.listeners.command_table import CommandTable, Invocation, Reply
from handlers.listeners.deps import Deps, after_ack, log
from handlers.messages import help as help_words
from handlers.messages import round_message as round_words
from handlers.messages import say
from handlers.views import common
from handlers.views import help as help_view


def register(app: AsyncApp, deps: Deps, commands: CommandTable) -> None:
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
        invocation = Invocation(deps, body, client, context)
        entry = commands.entry(command)
        before_ack = entry.before_ack if entry is not None else None
        if before_ack is not None and await before_ack(invocation, command, ack):
            return  # answered in the acknowledgement (a refusal) or by a form
        await ack()
        language = await deps.language_of(user)
        reply: Reply | None
        if entry is None:  # the sealed table answers every request the grammar parses
            log.error("unhandled command %r", command)
            reply = {"text": f":warning: {say(round_words.DID_NOT_WORK, language)}"}
        else:
            try:
                reply = await entry.carry_out(invocation, command, language)
            except ConsensusError as error:
                reply = {"text": common.error_text(error, language)}
        if reply is None:  # answered otherwise (a form)
            return
        answer = respond(response_type="ephemeral", replace_original=False, **reply)
        await after_ack(f"answering {COMMAND}", answer)
