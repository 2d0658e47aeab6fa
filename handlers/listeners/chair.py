"""The chair's round controls, one definition each, shared by buttons and `/consensus`.

Each runs in a worker thread (it touches the database) and returns the private reply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.usecases.consensus_service import ConsensusService
from handlers import block_kit, ids
from handlers.messages import round_message as words
from handlers.messages import say, say_n

log = logging.getLogger(__name__)

# (service, round id, the person acting, their language) → the private reply.
ChairOperation = Callable[[ConsensusService, int, str, str | None], str]


def close(service: ConsensusService, round_id: int, user: str, language: str | None = None) -> str:
    _, closed_now = service.close_round(round_id, user)
    return say(words.CLOSED if closed_now else words.ALREADY_CLOSED, language, round=round_id)


def remind(service: ConsensusService, round_id: int, user: str, language: str | None = None) -> str:
    waiting = service.remind_now(round_id, user)
    if not waiting:
        return say(words.NOBODY_TO_REMIND, language, round=round_id)
    return say_n(words.REMINDING, waiting, language, round=round_id)


def cancel(service: ConsensusService, round_id: int, user: str, language: str | None = None) -> str:
    service.cancel_round(round_id, user)
    return say(words.CANCELLED_REPLY, language, round=round_id)


def escalate(
    service: ConsensusService, round_id: int, user: str, language: str | None = None
) -> str:
    escalation = service.escalate(round_id, user)
    return say(
        words.ESCALATED_REPLY,
        language,
        round=round_id,
        channel=f"<#{escalation.channel}>",
        escalation=escalation.id,
        due=block_kit.when(escalation.due_at, "{date_long}", language),
    )


def button_value(action: dict[str, Any]) -> tuple[int, str] | None:
    """A chair control's value: (round id, chair); None (logged) when malformed."""
    try:
        round_text, chair = ids.unpack(action.get("value"), 2)
        return int(round_text), chair
    except ValueError:
        log.warning("ignored a chair control with a malformed value")
        return None


def only_the_chair(chair: str, verb: str, round_id: int, language: str | None = None) -> str:
    """The refusal shown to anyone else who presses a chair's button."""
    refusal = say(words.ONLY_THE_CHAIR[verb], language, chair=f"<@{chair}>", round=round_id)
    return f":warning: {refusal}"


# By subcommand name, and by the button that does the same.
OPERATIONS: dict[str, ChairOperation] = {
    "close": close,
    "remind": remind,
    "cancel": cancel,
    "escalate": escalate,
}
BUTTONS: dict[str, ChairOperation] = {
    ids.CLOSE_ACTION: close,
    ids.REMIND_ACTION: remind,
    ids.CANCEL_ACTION: cancel,
    ids.ESCALATE_ACTION: escalate,
}
