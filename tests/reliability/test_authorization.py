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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.deadline import Deadline
from bot.domain.errors import NotAllowed, NotFound
from bot.domain.recorded_vote import Choice
from bot.domain.round import RoundDraft
from bot.requests import RosterSet
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.governance_service import GovernanceService
from harness.local import LocalWorkspace, Person
from slack_emulator.client import SlackClientRefused
from slack_emulator.workspace import Team
from tests.databases import ENGINES, fresh_database
from tests.e2e.conftest import answer_to, home_of
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
    return gov.call_vote(WORKSPACE, CHANNEL, rid, who, Deadline(duration=timedelta(days=3)))


def ballot(rounds: ConsensusService, gov: GovernanceService, rid: int, who: str) -> object:
    _failed(rounds, rid)
    vote_ = gov.call_vote(WORKSPACE, CHANNEL, rid, CHAIR, Deadline(duration=timedelta(days=3)))
    return gov.cast_ballot(vote_.id, who, Choice.FOR)


def roster_set(rounds: ConsensusService, gov: GovernanceService, rid: int, who: str) -> object:
    return gov.set_roster_entry(
        WORKSPACE, who, RosterSet(OUTSIDER, "Meals on Wheels", "community-support", "voting")
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
            (SPEAKER, "Home Care East", "home-and-community-care", "voting", "speaker"),
            (ALTERNATE, "Home Care East", "home-and-community-care", "voting", "alternate"),
            (OTHER, "Clinic North", "primary-care", "voting", "speaker"),
            (ADVISORY, "Meals on Wheels", "community-support", "advisory", "member"),
            (OBSERVER, "Friends of the OHT", "other", "observer", "member"),
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


# ----------------------------------------------------------------------------- reading
# Over signed HTTP through the emulator: every read path, by every kind of reader. Rounds are
# held in a channel of a few partners; people name them by number from a lobby everyone is in.
#
# | read path                        | channel member | voter not in channel | outsider | other workspace, in channel |
# | status #N (open round)           | shown          | shown                | hidden   | shown (Grid) / no command (Connect) |
# | status #N of a closed round      | shown          | shown                | hidden   | as above |
# | log #N (the decision record)     | shown          | shown                | hidden   | as above |
# | list, log (here)                 | shown          | cannot type there    | cannot type there | as above |
# | App Home (recent decisions)      | shown          | shown                | hidden   | shown |
#
# "hidden": exactly the answer for a round number never used, so asking cannot tell them
# apart. "no command": in Slack Connect, people of another organisation cannot run the
# installing workspace's slash commands (Slack's rule; the simulator enforces it).
READ_CHANNEL, LOBBY = "C0PRIVATE", "C0LOBBY"
GRID, CONNECT = "grid-org-wide", "slack-connect"
DECIDED, OPEN = "Merge the two intake lines", "Share the wait-list data"
NEVER_USED = 999


def _reader(role_id: str, name: str, **more: object) -> Person:
    return Person(role_id, name, name.title(), **more)  # type: ignore[arg-type]


R_CHAIR = Person("U0RCHAIR", "rchair", "Read Chair", is_admin=True)
R_VOTER_IN = _reader("U0RVIN", "vin")
R_MEMBER = _reader("U0RMEMBER", "member")
R_VOTER_AWAY = _reader("U0RVAWAY", "away")
R_OUTSIDER = _reader("U0ROUT", "outsider")
R_GUEST = _reader("W0RGUEST", "guest", team="T0002")
READ_ROLES = {
    "channel member": R_MEMBER,
    "voter not in channel": R_VOTER_AWAY,
    "outsider": R_OUTSIDER,
    "other workspace in channel": R_GUEST,
}
IN_CHANNEL = {"channel member", "other workspace in channel"}


@dataclass
class ReadWorld:
    ws: LocalWorkspace
    kind: str
    decided: int
    open: int


@pytest.fixture(
    scope="module",
    params=[(kind, engine) for kind in (GRID, CONNECT) for engine in ENGINES],
    ids=lambda p: f"{p[0]}-{p[1]}",
)
def read_world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ReadWorld]:
    """A decided round and an open one in the partners' channel, shared with a person of another
    workspace: of the same Grid org under an org-wide install, or of another organisation
    (Slack Connect) under a workspace install."""
    kind, engine = request.param
    grid = kind == GRID
    installation = {"enterprise_id": "E0001", "enterprise_name": "Durham OHT"} if grid else {}
    other = Team("T0002", "lakeridge", "E0001" if grid else None, "Durham OHT" if grid else "")
    people = [R_CHAIR, R_VOTER_IN, R_MEMBER, R_VOTER_AWAY, R_OUTSIDER, R_GUEST]
    channels = {
        READ_CHANNEL: ("partners", [R_CHAIR.id, R_VOTER_IN.id, R_MEMBER.id, R_GUEST.id]),
        LOBBY: ("lobby", [p.id for p in people]),
    }
    with (
        fresh_database(engine, tmp_path_factory.mktemp("read")) as url,
        LocalWorkspace(
            people,
            channels,
            database_url=url,
            teams=[other],
            installation={**installation, "is_enterprise_install": grid},
        ) as ws,
    ):
        voters = " ".join(f"<@{p.id}>" for p in (R_CHAIR, R_VOTER_IN, R_VOTER_AWAY))
        answer_to(
            ws, R_CHAIR.id, READ_CHANNEL, f"start {DECIDED} --voters {voters} --include-outside"
        )
        ws.settle()
        ts = ws.round_message(READ_CHANNEL).ts
        ws.sim.click(R_VOTER_IN.id, READ_CHANNEL, ts, "explain_6")
        ws.finish_requests()  # the form opens after the acknowledgement
        ws.sim.submit_view(R_VOTER_IN.id, inputs={"reason_input": "Pilot it first"})
        ws.sim.click(R_CHAIR.id, READ_CHANNEL, ts, "vote_1")
        answer_to(ws, R_CHAIR.id, READ_CHANNEL, "close #1")
        answer_to(ws, R_CHAIR.id, READ_CHANNEL, f"start {OPEN} --voters {voters} --include-outside")
        ws.settle()
        yield ReadWorld(ws, kind, decided=1, open=2)


def _ask_about(world: ReadWorld, who: Person, text: str) -> str | None:
    """What ``who`` sees for ``/consensus <text>`` typed in the lobby; None when Slack does
    not let them run the command at all."""
    try:
        return answer_to(world.ws, who.id, LOBBY, text)
    except SlackClientRefused:
        return None


def _ask_here(world: ReadWorld, who: Person, text: str) -> str | None:
    """``/consensus <text>`` typed in the round's channel; None when they cannot type there."""
    try:
        return answer_to(world.ws, who.id, READ_CHANNEL, text)
    except SlackClientRefused:
        return None


def _by_number(
    subcommand: str, which: str
) -> Callable[[ReadWorld, Person], tuple[str | None, str]]:
    def read(world: ReadWorld, who: Person) -> tuple[str | None, str]:
        number = world.decided if which == "decided" else world.open
        seen = _ask_about(world, who, f"{subcommand} #{number}")
        if seen is None:
            return None, ""
        never = _ask_about(world, who, f"{subcommand} #{NEVER_USED}")
        assert never is not None
        return seen, never.replace(f"#{NEVER_USED}", f"#{number}")

    return read


def _here(subcommand: str) -> Callable[[ReadWorld, Person], tuple[str | None, str]]:
    def read(world: ReadWorld, who: Person) -> tuple[str | None, str]:
        return _ask_here(world, who, subcommand), ""

    return read


def _home(world: ReadWorld, who: Person) -> tuple[str | None, str]:
    return home_of(world.ws, who.id), ""


READ_PATHS: dict[str, tuple[Callable[[ReadWorld, Person], tuple[str | None, str]], str, str]] = {
    # path: (how it is read, the title it would show, what only a reader sees)
    "status of an open round": (_by_number("status", "open"), OPEN, "Closes"),
    "status of a closed round (its outcome)": (
        _by_number("status", "decided"),
        DECIDED,
        "*No consensus*: ",
    ),
    "log of a decision": (_by_number("log", "decided"), DECIDED, "Decision record"),
    "list here": (_here("list"), OPEN, "Open rounds here"),
    "log here": (_here("log"), DECIDED, "Recent decisions here"),
    "App Home": (_home, DECIDED, "Recent decisions"),
}
SHOWN, HIDDEN_AS_MISSING, CANNOT_ASK = "shown", "hidden", "cannot ask"


def _expected_read(path: str, role: str, kind: str) -> str:
    guest_without_commands = role == "other workspace in channel" and kind == CONNECT
    if path == "App Home":
        return HIDDEN_AS_MISSING if role == "outsider" else SHOWN
    if guest_without_commands:
        return CANNOT_ASK
    if path.endswith("here"):
        return SHOWN if role in IN_CHANNEL else CANNOT_ASK
    return HIDDEN_AS_MISSING if role == "outsider" else SHOWN


READ_CASES = [
    pytest.param(path, role, id=f"{path}-{role}") for path in READ_PATHS for role in READ_ROLES
]


@pytest.mark.parametrize(("path", "role"), READ_CASES)
def test_reading_by_role(read_world: ReadWorld, path: str, role: str) -> None:
    read, title, marker = READ_PATHS[path]
    seen, missing = read(read_world, READ_ROLES[role])
    expected = _expected_read(path, role, read_world.kind)
    if expected == CANNOT_ASK:
        assert seen is None
        return
    assert seen is not None
    if expected == SHOWN:
        assert title in seen and marker in seen
        return
    assert title not in seen
    if missing:  # a round named by number: word for word the answer for a number never used
        assert seen == missing
    else:  # the Home tab: as if the person had never been near a round
        assert "No decisions yet." in seen and "Nothing is waiting for you" in seen
