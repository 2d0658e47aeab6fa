"""One table for `/consensus`: the type of a parsed request → the function that carries it out.

Each concept's listener module adds the requests it answers (`add_commands(table)`) when the
app is built; a type added twice is refused, and sealing the table names every request type
the grammar can produce that nothing answers, so a new request cannot ship unanswered. The
slash command's entry point (`slash_command.py`) parses, looks the request up here, and
answers with what the entry returns.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, get_args

from slack_bolt.async_app import AsyncAck, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.requests import Request
from handlers.listeners.deps import Deps, workspace_of

# The keyword arguments of the private answer (``text``, and ``blocks`` when it has any).
Reply = dict[str, Any]
# Every request type the grammar parses `/consensus` text into (its ``Help`` is answered by
# the entry point itself: it needs no work).
REQUEST_TYPES: tuple[type, ...] = get_args(Request)

R = TypeVar("R")


@dataclass(frozen=True)
class Invocation:
    """One `/consensus` command as Slack sent it, and what carrying it out needs."""

    deps: Deps
    body: dict[str, Any]
    client: AsyncWebClient
    context: AsyncBoltContext

    @property
    def user(self) -> str:
        return str(self.body.get("user_id", ""))

    @property
    def channel(self) -> str:
        return str(self.body.get("channel_id", ""))

    @property
    def trigger_id(self) -> str:
        return str(self.body.get("trigger_id", ""))

    @property
    def team(self) -> str:
        """The installation's workspace (`deps.workspace_of`), not the person's."""
        return workspace_of(self.context)


# Carries out a request once it is acknowledged, answering in the person's language: the
# private answer, or None when it answered otherwise (a form it opened). A refusal is raised
# (`ConsensusError`) and worded by the entry point.
CarryOut = Callable[[Invocation, R, str | None], Awaitable[Reply | None]]
# Runs before the acknowledgement, for an answer that must be in it (a refusal) or come
# first (a form, while the trigger_id lives): True when it answered the command entirely.
BeforeAck = Callable[[Invocation, R, AsyncAck], Awaitable[bool]]


@dataclass(frozen=True)
class Entry(Generic[R]):
    carry_out: CarryOut[R]
    before_ack: BeforeAck[R] | None = None


def in_worker_thread(work: Callable[[Invocation, R, str | None], Reply]) -> CarryOut[R]:
    """A carry-out from blocking work (the database): run off the event loop."""

    async def carry_out(invocation: Invocation, command: R, language: str | None) -> Reply:
        return await invocation.deps.call(work, invocation, command, language)

    return carry_out


class CommandTable:
    """Request types → the entry that carries each out; sealed once every module added its."""

    def __init__(self) -> None:
        self._entries: dict[type, Entry[Any]] = {}
        self._sealed = False

    def add(
        self,
        kind: type[R],
        carry_out: CarryOut[R],
        before_ack: BeforeAck[R] | None = None,
    ) -> None:
        """Make ``carry_out`` (and ``before_ack``) the one answer to requests of ``kind``.

        Raises:
            ValueError: ``kind`` already has an entry, or the table is sealed.
        """
        if self._sealed:
            raise ValueError(f"the command table is sealed; {kind.__name__} came too late")
        if kind in self._entries:
            raise ValueError(f"{kind.__name__} already has an entry in the command table")
        self._entries[kind] = Entry(carry_out, before_ack)

    def unanswered(self) -> list[type]:
        return [kind for kind in REQUEST_TYPES if kind not in self._entries]

    def seal(self) -> CommandTable:
        """Close the table once every module has added its entries.

        Raises:
            ValueError: naming every request type the grammar can produce and nothing answers.
        """
        missing = self.unanswered()
        if missing:
            names = ", ".join(kind.__name__ for kind in missing)
            raise ValueError(f"no entry in the command table for {names}")
        self._sealed = True
        return self

    def entry(self, command: object) -> Entry[Any] | None:
        """The entry for ``command``'s type; None when nothing answers it."""
        return self._entries.get(type(command))
