"""Authorization matrix: every action, every role, allowed or refused as documented.

Table-driven over the core services (the listeners pass the Slack user id straight through;
tests/reliability/test_authenticity.py shows a forged user id cannot get in). Each case
builds its state from scratch so one refusal cannot hide another.

Documented rules (README / `/consensus help` / docs/GOVERNANCE.md):
- levels: the round's voters (the chair is one when listed); outsiders and roster
  observers are refused; advisory partners may state a level (shown, not counted);
- close, extend, cancel, remind, escalate, revise, recorded vote: the chair only;
- recorded-vote ballots: seat holders (speaker, alternate, voting member); not advisory,
  not observers, not outsiders;
- roster changes and partnership settings (steering channel, coordinators, vote rules):
  coordinators only — workspace admins (here, the chair) and the people they name;
- resolve an escalation: members of the steering channel it went to, and coordinators;
- reading: a round is shown only to the people in its channel, its voters and its chair; to
  anyone else a round named by number is "hidden": refused exactly as if it did not exist
  (NotFound), before any other check can tell them it does (tests/reliability/
  test_read_authorization.py checks every read path over HTTP).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.commands import Deadline
from bot.domain.errors import NotAllowed, NotFound
from bot.domain.recorded_vote import Choice
from bot.domain.round import RoundDraft
from bot.governance import GovernanceService
from bot.governance_commands import RosterSet
from bot.services import ConsensusService
from tests.governance_support import CHAIR, CHANNEL, WORKSPACE, governance_engine, services

PARTNER, OUTSIDER = "U0PARTNER", "U0OUT"
SPEAKER, ALTERNATE, ADVISORY, OBSERVER = "U0SPK", "U0ALT", "U0ADV", "U0OBS"
OTHER = "U0OTHER"
COORDINATOR, STEERING_MEMBER = "U0COORD", "U0STEERER"
VOTERS = (CHAIR, PARTNER, OTHER)
STEERING = "C0STEER"

Setup = tuple[ConsensusService, GovernanceService, int]
Action = Callable[[ConsensusService, GovernanceService, int, str], object]


@pytest.fixture
def world(tmp_path: Path) -> Setup:  # type: ignore[misc]
    clock = ManualClock()
    with governance_engine(tmp_path) as engine:
        rounds, gov, _, _ = services(
            engine, clock, [*VOTERS, OUTSIDER], {STEERING: [CHAIR, STEERING_MEMBER]}
        )
        rounds.set_coordinators(WORKSPACE, [COORDINATOR], CHAIR)
        round_ = rounds.start_round(
            RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form", voters=VOTERS)
        )
        rounds.run_due_work()
        yield rounds, gov, round_.id


def _failed(rounds: ConsensusService, round_id: int) -> None:
    """End the round without consensus (a 6), with a steering channel set."""
    rounds.cast_stance(round_id, OTHER, 6, "Pilot it in one clinic first")
    rounds.cast_stance(round_id, CHAIR, 1)
    rounds.close_round(round_id, CHAIR)
    rounds.set_steering_channel(WORKSPACE, STEERING, CHAIR)
    rounds.run_due_work()


def vote(rounds: ConsensusService, _g: GovernanceService, rid: int, who: str) -> object:
    return rounds.cast_stance(rid, who, 2)


def change_vote(rounds: ConsensusService, _g: GovernanceService, rid: int, who: str) -> object:
    with contextlib.suppress(NotAllowed):  # the change below is what is checked
        rounds.cast_stance(rid, who, 1)
    result = rounds.cast_stance(rid, who, 3)
    assert rounds.stance_of(rid, who).level == 3  # type: ignore[union-attr]
    return result


def close(rounds: ConsensusService, _g: GovernanceService, rid: int, who: str) -> object:
    return rounds.close_round(rid, who)


def extend(rounds: ConsensusService, _g: GovernanceService, rid: int, who: str) -> object:
    return rounds.extend_round(rid, who, Deadline(duration=timedelta(days=1)))


def cancel(rounds: ConsensusService, _g: GovernanceService, rid: int, who: str) -> object:
    return rounds.cancel_round(rid, who)


def remind(rounds: ConsensusService, _g: GovernanceService, rid: int, who: str) -> object:
    return rounds.remind_now(rid, who)


def escalate(rounds: ConsensusService, _g: GovernanceService, rid: int, who: str) -> object:
    _failed(rounds, rid)
    return rounds.escalate(rid, who)


def resolve(rounds: ConsensusService, _g: GovernanceService, rid: int, who: str) -> object:
    _failed(rounds, rid)
    escalation = rounds.escalate(rid, CHAIR)
    return rounds.resolve_escalation(escalation.id, who, "Agreed to pilot for six months")


def config_steering(rounds: ConsensusService, _g: GovernanceService, rid: int, who: str) -> object:
    rounds.set_steering_channel(WORKSPACE, "C0ELSEWHERE", who)
    return None


def revise(rounds: ConsensusService, gov: GovernanceService, rid: int, who: str) -> object:
    _failed(rounds, rid)
    return gov.revision_form(WORKSPACE, CHANNEL, rid, who)


def recorded_vote(rounds: ConsensusService, gov: GovernanceService, rid: int, who: str) -> object:
    _failed(rounds, rid)
    return gov.call_vote(WORKSPACE, CHANNEL, rid, who, "3d")


def ballot(rounds: ConsensusService, gov: GovernanceService, rid: int, who: str) -> object:
    _failed(rounds, rid)
    vote_ = gov.call_vote(WORKSPACE, CHANNEL, rid, CHAIR, "3d")
    return gov.cast_ballot(vote_.id, who, Choice.FOR)


def roster_set(rounds: ConsensusService, gov: GovernanceService, rid: int, who: str) -> object:
    return gov.set_roster_entry(
        WORKSPACE, who, RosterSet(OUTSIDER, "Meals on Wheels", "community", "voting")
    )


def config_coordinators(
    rounds: ConsensusService, _g: GovernanceService, rid: int, who: str
) -> object:
    rounds.set_coordinators(WORKSPACE, [COORDINATOR, OUTSIDER], who)
    return None


def config_vote(rounds: ConsensusService, gov: GovernanceService, rid: int, who: str) -> object:
    return gov.configure(WORKSPACE, who, "vote_threshold", "3/4")


ALLOWED, REFUSED, HIDDEN = "allowed", "refused", "hidden"
ROLES = {
    "chair": CHAIR,  # also a workspace admin in these tests
    "voting partner": PARTNER,
    "outsider": OUTSIDER,
    "coordinator": COORDINATOR,  # named by an admin; not a voter
    "steering member": STEERING_MEMBER,  # in the steering channel; not a voter
}
CHAIR_ONLY = {"chair"}
VOTERS_ONLY = {"chair", "voting partner"}
COORDINATORS = {"chair", "coordinator"}
# Each action, and the roles allowed it; every other role is refused.
MATRIX: dict[str, tuple[Action, set[str]]] = {
    "vote": (vote, VOTERS_ONLY),
    "change vote": (change_vote, VOTERS_ONLY),
    "close": (close, CHAIR_ONLY),
    "extend": (extend, CHAIR_ONLY),
    "cancel": (cancel, CHAIR_ONLY),
    "remind": (remind, CHAIR_ONLY),
    "escalate": (escalate, CHAIR_ONLY),
    "revise": (revise, CHAIR_ONLY),
    "recorded vote": (recorded_vote, CHAIR_ONLY),
    "resolve": (resolve, {*COORDINATORS, "steering member"}),
    "config steering": (config_steering, COORDINATORS),
    "config coordinators": (config_coordinators, COORDINATORS),
    "config vote rules": (config_vote, COORDINATORS),
    "roster set": (roster_set, COORDINATORS),
}
# Actions that find a round by number for the person (revise, recorded vote) hide it from
# those who may not read it: not in its channel, not a voter, not its chair.
NOT_IN_CHANNEL = {"coordinator", "steering member"}
HIDING = {"revise", "recorded vote"}


def _expected(action: str, role: str, allowed: set[str]) -> str:
    if role in allowed:
        return ALLOWED
    return HIDDEN if action in HIDING and role in NOT_IN_CHANNEL else REFUSED


CASES = [
    pytest.param(action, role, _expected(action, role, allowed), id=f"{action}-{role}")
    for action, (_, allowed) in MATRIX.items()
    for role in ROLES
]


def _outcome(fn: Action, setup: Setup, who: str) -> str:
    rounds, gov, rid = setup
    try:
        fn(rounds, gov, rid, who)
    except NotAllowed:
        return REFUSED
    except NotFound:
        return HIDDEN
    return ALLOWED


@pytest.mark.parametrize(("action", "role", "expected"), CASES)
def test_action_by_role(world: Setup, action: str, role: str, expected: str) -> None:
    fn, _ = MATRIX[action]
    assert _outcome(fn, world, ROLES[role]) == expected


# ----------------------------------------------------------------------------- roster roles
@pytest.fixture
def roster_world(tmp_path: Path) -> Setup:  # type: ignore[misc]
    """A partnership roster: a sector with a speaker and an alternate, an advisory partner,
    an observer; the chair and one more sector each vote for themselves."""
    clock = ManualClock()
    people = [CHAIR, SPEAKER, ALTERNATE, ADVISORY, OBSERVER, OTHER]
    with governance_engine(tmp_path) as engine:
        rounds, gov, _, _ = services(engine, clock, people)
        for user, org, sector, tier, role in (
            (CHAIR, "Lakeridge Health", "hospital", "voting", "speaker"),
            (SPEAKER, "Home Care East", "home-care", "voting", "speaker"),
            (ALTERNATE, "Home Care East", "home-care", "voting", "alternate"),
            (OTHER, "Clinic North", "primary-care", "voting", "speaker"),
            (ADVISORY, "Meals on Wheels", "community", "advisory", "member"),
            (OBSERVER, "Friends of the OHT", "supporters", "observer", "member"),
        ):
            gov.set_roster_entry(WORKSPACE, CHAIR, RosterSet(user, org, sector, tier, role))
        round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
        rounds.run_due_work()
        yield rounds, gov, round_.id


ROSTER_ROLES = {
    "speaker": SPEAKER,
    "alternate": ALTERNATE,
    "advisory": ADVISORY,
    "observer": OBSERVER,
}
ROSTER_MATRIX: dict[str, tuple[Action, dict[str, str]]] = {
    "vote": (
        vote,
        {"speaker": ALLOWED, "alternate": ALLOWED, "advisory": ALLOWED, "observer": REFUSED},
    ),
    "close": (
        close,
        {"speaker": REFUSED, "alternate": REFUSED, "advisory": REFUSED, "observer": REFUSED},
    ),
    "revise": (
        revise,
        {"speaker": REFUSED, "alternate": REFUSED, "advisory": REFUSED, "observer": REFUSED},
    ),
    "recorded vote": (
        recorded_vote,
        {"speaker": REFUSED, "alternate": REFUSED, "advisory": REFUSED, "observer": REFUSED},
    ),
    "ballot": (
        ballot,
        {"speaker": ALLOWED, "alternate": ALLOWED, "advisory": REFUSED, "observer": REFUSED},
    ),
}
ROSTER_CASES = [
    pytest.param(action, role, expected, id=f"{action}-{role}")
    for action, (_, by_role) in ROSTER_MATRIX.items()
    for role, expected in by_role.items()
]


@pytest.mark.parametrize(("action", "role", "expected"), ROSTER_CASES)
def test_action_by_roster_role(roster_world: Setup, action: str, role: str, expected: str) -> None:
    fn, _ = ROSTER_MATRIX[action]
    assert _outcome(fn, roster_world, ROSTER_ROLES[role]) == expected


def test_the_chair_is_allowed_every_chair_action_under_a_roster(roster_world: Setup) -> None:
    assert _outcome(ballot, roster_world, CHAIR) == ALLOWED
