"""What a record entry says, as data: the kinds whose text is their parameters, and the one
reader of any entry's parameters.

An entry's ``text`` holds either what a person typed (a title, a reason, an alternative,
a resolution) or, for the kinds below, the canonical JSON of its parameters: sorted keys,
no spaces, UTF-8 (``{"choice":"for","vote":3}``), the same whoever writes it, so the hash
of an entry never depends on a front end. Front ends word the parameters; the export reads
them. Entries written before this held short English instead: ``entry_params`` reads those
too, through the legacy reading (bot/record_legacy.py), so every caller sees one shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum, StrEnum
from typing import Any

from bot.domain.recorded_vote import Choice, VoteResult
from bot.domain.tally import Outcome
from bot.record_legacy import read_legacy


class EntryKind(StrEnum):
    """What an entry of the record tells; the values are stored, and hashed into the chain.

    The kinds in ``FIELDS`` hold the JSON of their parameters; every other kind's text is
    what a person typed, or empty."""

    # A round
    ROUND_OPENED = "round_opened"  # text: the proposal's title
    STANCE = "stance"  # level; text: the reason given with it
    ROUND_EXTENDED = "round_extended"  # text: the new deadline (ISO 8601)
    REMIND_NOW = "remind_now"
    ROUND_CANCELLED = "round_cancelled"
    ROUND_CLOSED = "round_closed"
    # What follows an impasse
    ESCALATED = "escalated"
    ESCALATION_RESOLVED = "escalation_resolved"  # text: the resolution
    REVISED = "revised"  # text: the revision's round ("#12")
    INFORMATION_ANSWERED = "information_answered"  # text: the answers
    ALTERNATIVE_ADOPTED = "alternative_adopted"  # level 6; text: the alternative
    VOTE_CALLED = "vote_called"
    BALLOT = "ballot"
    VOTE_CLOSED = "vote_closed"
    VOTE_CANCELLED = "vote_cancelled"
    # The partnership's roster and settings
    ROSTER_SET = "roster_set"
    ROSTER_REMOVED = "roster_removed"
    ROSTER_IMPORTED = "roster_imported"
    CONFIG = "config"  # text: key=value
    CONFIG_COORDINATORS = "config_coordinators"  # text: the coordinators' ids
    CONFIG_STEERING = "config_steering"  # text: the steering channel's id


# Each kind's parameters, each with how it is read back from its JSON value.
FIELDS: Mapping[EntryKind, Mapping[str, Callable[[Any], Any]]] = {
    EntryKind.ROUND_CLOSED: {"outcome": Outcome},
    EntryKind.ESCALATED: {"due": date.fromisoformat},
    EntryKind.VOTE_CALLED: {"vote": int},
    EntryKind.BALLOT: {"vote": int, "choice": Choice},
    EntryKind.VOTE_CLOSED: {
        "vote": int,
        "result": VoteResult,
        "for_weight": int,  # the weighted For and Against of the votes cast, at the close
        "against_weight": int,
    },
    EntryKind.VOTE_CANCELLED: {"vote": int, "reason": str},
    EntryKind.ROSTER_IMPORTED: {"people": int},
}
# The one parameter of every other kind: its text as written.
TEXT = "text"


def entry_text(kind: EntryKind, **params: Any) -> str:
    """The text a new entry of ``kind`` stores: the canonical JSON of its parameters."""
    if set(params) != set(FIELDS[kind]):
        raise ValueError(f"{kind} takes {sorted(FIELDS[kind])}, not {sorted(params)}")
    return json.dumps(
        {name: _plain(value) for name, value in params.items()},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def entry_params(kind: str, text: str) -> dict[str, Any] | None:
    """The parameters of any entry, new or old: for the kinds above their values (enums,
    numbers, dates), for every other kind ``{"text": text}``. None when an entry of a kind
    above holds a form this cannot read; show it as written."""
    if kind not in FIELDS:
        return {TEXT: text}
    fields = FIELDS[EntryKind(kind)]
    stored = _json(text) if text.startswith("{") else read_legacy(kind, text)
    if stored is None or set(stored) != set(fields):
        return None
    try:
        return {name: fields[name](value) for name, value in stored.items()}
    except (ValueError, TypeError):
        return None


def _json(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value
