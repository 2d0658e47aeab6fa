"""What a person asks of the bot, as typed requests: the one command type every front end
parses its own syntax into, and the core's use-cases take.

People and channels are the opaque ids the front end resolved; free text is exactly what was
typed; deadlines are values (``bot.deadline.Deadline``). No syntax and no words live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from bot.deadline import Deadline
from bot.domain.round import DEFAULT_QUORUM, DEFAULT_REMINDERS
from bot.domain.scale import DEFAULT_PROFILE


@dataclass(frozen=True)
class Start:
    """Open a round; ``title`` empty means: ask for the proposal (Slack opens its form)."""

    title: str = ""
    deadline: Deadline | None = None
    voters: tuple[str, ...] = ()
    quorum: Fraction = DEFAULT_QUORUM
    profile_key: str = DEFAULT_PROFILE.key
    reminders: tuple[Fraction, ...] = DEFAULT_REMINDERS
    include_outside: bool = False


class RoundAction(StrEnum):
    """What a `RoundCommand` does to its round."""

    STATUS = "status"
    CLOSE = "close"
    REMIND = "remind"
    CANCEL = "cancel"
    ESCALATE = "escalate"
    EXTEND = "extend"


@dataclass(frozen=True)
class RoundCommand:
    """An action on one round (the latest open one in the channel when omitted)."""

    action: RoundAction
    round_id: int | None = None
    deadline: Deadline | None = None


@dataclass(frozen=True)
class ListRounds:
    pass


@dataclass(frozen=True)
class Resolve:
    escalation_id: int
    text: str


@dataclass(frozen=True)
class ConfigSteering:
    channel: str


@dataclass(frozen=True)
class ConfigCoordinators:
    users: tuple[str, ...]


@dataclass(frozen=True)
class RosterShow:
    pass


@dataclass(frozen=True)
class RosterSet:
    user: str
    organisation: str
    sector: str
    tier: str
    role: str = "member"
    new_sector: bool = False  # the sector is added on purpose


@dataclass(frozen=True)
class RosterRemove:
    user: str


@dataclass(frozen=True)
class Revise:
    round_id: int | None = None


@dataclass(frozen=True)
class CallVote:
    round_id: int | None = None
    deadline: Deadline | None = None
    sector: str = ""


@dataclass(frozen=True)
class CloseVote:
    vote_id: int


@dataclass(frozen=True)
class CancelVote:
    vote_id: int
    reason: str


@dataclass(frozen=True)
class ShowLog:
    round_id: int | None = None


@dataclass(frozen=True)
class ConfigGovernance:
    """A partnership setting: ``key`` one of ``bot.partnership_settings``'s keys."""

    key: str
    value: str


GovernanceCommand = (
    RosterShow
    | RosterSet
    | RosterRemove
    | Revise
    | CallVote
    | CloseVote
    | CancelVote
    | ShowLog
    | ConfigGovernance
)
Request = (
    Start
    | RoundCommand
    | ListRounds
    | Resolve
    | ConfigSteering
    | ConfigCoordinators
    | GovernanceCommand
)
