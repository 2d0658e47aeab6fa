"""The chair's round controls, one definition each, shared by buttons and `/consensus`.

Each runs in a worker thread (it touches the database) and returns the private reply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.usecases.consensus_service import ConsensusService
from handlers import blocks, ids

log = logging.getLogger(__name__)

ChairOperation = Callable[[ConsensusService, int, str], str]


def close(service: ConsensusService, round_id: int, user: str) -> str:
    _, closed_now = service.close_round(round_id, user)
    if not closed_now:
        return f"Proposal #{round_id} was already closed; its outcome is posted."
    return f"Closed proposal #{round_id}. The outcome is being posted in the channel."


def remind(service: ConsensusService, round_id: int, user: str) -> str:
    waiting = service.remind_now(round_id, user)
    if not waiting:
        return f"Everyone has responded to proposal #{round_id}; nobody to remind."
    return f"Reminding {waiting} people who have not responded to #{round_id}."


def cancel(service: ConsensusService, round_id: int, user: str) -> str:
    service.cancel_round(round_id, user)
    return f"Cancelled proposal #{round_id}. No outcome will be posted."


def escalate(service: ConsensusService, round_id: int, user: str) -> str:
    escalation = service.escalate(round_id, user)
    return (
        f"Escalated proposal #{round_id} to <#{escalation.channel}> as escalation "
        f"{escalation.id}, due {blocks.when(escalation.due_at, '{date_long}')}."
    )


def button_value(action: dict[str, Any]) -> tuple[int, str] | None:
    """A chair control's value: (round id, chair); None (logged) when malformed."""
    try:
        round_text, chair = ids.unpack(action.get("value"), 2)
        return int(round_text), chair
    except ValueError:
        log.warning("ignored a chair control with a malformed value")
        return None


def only_the_chair(chair: str, verb: str, round_id: int) -> str:
    """The refusal shown to anyone else who presses a chair's button."""
    return blocks.error_text(f"Only the chair (<@{chair}>) can {verb} round #{round_id}.")


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
