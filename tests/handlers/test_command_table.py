"""The one table for `/consensus`: every request the grammar parses into has exactly one
entry, added by its concept's module; and a request with none gets the generic answer."""

from __future__ import annotations

import asyncio
from typing import Any, cast, get_args

import pytest

from bot.requests import RosterShow, Start
from handlers.grammar.commands import Command, Help
from handlers.listeners import command_table, rounds
from handlers.listeners import slash_command as slash
from handlers.listeners.command_table import REQUEST_TYPES, CommandTable, Invocation
from handlers.listeners.deps import Deps
from handlers.messages import round_message as round_words
from handlers.messages import say
from tests.fakes import FixedDirectory


async def _nothing(invocation: Invocation, command: object, language: str | None) -> None:
    return None


def test_the_request_types_are_every_type_the_grammar_parses_into_but_help() -> None:
    parsed = {kind for kind in get_args(Command) if kind is not Help}
    assert parsed == set(REQUEST_TYPES)


def test_the_built_table_has_an_entry_for_every_request_type() -> None:
    table = command_table()
    assert table.unanswered() == []


def test_a_request_type_added_twice_is_refused() -> None:
    table = CommandTable()
    table.add(Start, _nothing)
    with pytest.raises(ValueError, match="Start already has an entry"):
        table.add(Start, _nothing)


def test_sealing_names_every_request_type_nothing_answers() -> None:
    table = CommandTable()
    rounds.add_commands(table)
    with pytest.raises(ValueError, match="no entry in the command table for") as refused:
        table.seal()
    assert "RosterShow" in str(refused.value)
    assert "ListRounds" not in str(refused.value)


def test_a_sealed_table_takes_no_more_entries() -> None:
    table = command_table()
    with pytest.raises(ValueError, match="sealed"):
        table.add(RosterShow, _nothing)


class _App:
    """Keeps the one slash command listener registered, as Bolt would."""

    def __init__(self) -> None:
        self.listener: Any = None

    def command(self, name: str) -> Any:
        def keep(listener: Any) -> Any:
            self.listener = listener
            return listener

        return keep


def test_a_request_without_an_entry_gets_the_generic_answer_after_the_ack() -> None:
    app = _App()
    slash.register(cast(Any, app), Deps(cast(Any, None), FixedDirectory()), CommandTable())
    acks: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []

    async def ack(**answer: Any) -> None:
        acks.append(answer)

    async def respond(**answer: Any) -> None:
        answers.append(answer)

    body = {"text": "list", "user_id": "U1", "channel_id": "C1"}
    asyncio.run(app.listener(ack=ack, body=body, respond=respond, client=None, context=None))

    assert acks == [{}]
    assert answers == [
        {
            "response_type": "ephemeral",
            "replace_original": False,
            "text": f":warning: {say(round_words.DID_NOT_WORK)}",
        }
    ]
