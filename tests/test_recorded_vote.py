"""Revision rounds, the recorded vote after an impasse, and the append-only decision record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from bot.clock import ManualClock
from bot.deadline import Deadline
from bot.domain.eligibility import Standing
from bot.domain.errors import Conflict, InvalidInput, NotAllowed
from bot.domain.recorded_vote import (
    Ballot,
    Choice,
    RecordedVote,
    VoteProblem,
    VoteResult,
    VoteRules,
    count_vote,
)
from bot.domain.roster import Representation, Role, RosterEntry, Tier, snapshot
from bot.domain.round import ChairAction, Round, RoundDraft, RoundProblem
from bot.partnership_settings import VOTE_PROTECT, VOTE_THRESHOLD, VOTE_WEIGHTS
from bot.ports import Store
from bot.record_entries import entry_params
from bot.requests import RosterSet
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.governance_service import GovernanceService
from bot.usecases.recorded_votes import VoteCallProblem
from bot.usecases.revisions import ADOPTED_HEADING, RevisionProblem
from storage.store import SqlStore
from tests.fakes import FixedDirectory
from tests.governance_support import (
    CHAIR,
    CHANNEL,
    WORKSPACE,
    RecordingVoteNotifier,
    governance_engine,
    services,
)
from tests.problems import raises_problem

T0 = ManualClock().now()
DEFAULT_RULES = VoteRules()
PEOPLE = [CHAIR, "U0ANA", "U0BEN", "U0CY"]


def vote_of(
    voters: tuple[str, ...],
    members: tuple[RosterEntry, ...] = (),
    rules: VoteRules = DEFAULT_RULES,
    sector: str = "",
    quorum: Fraction = Fraction(1, 2),
) -> RecordedVote:
    return RecordedVote(
        id=1,
        workspace=WORKSPACE,
        channel=CHANNEL,
        round_id=1,
        chair=CHAIR,
        title="Shared referral form",
        voters=voters,
        members=members,
        quorum=quorum,
        rules=rules,
        opened_at=T0,
        closes_at=T0 + timedelta(days=3),
        affected_sector=sector,
    )


def ballots(**choices: str) -> list[Ballot]:
    return [Ballot(user, Choice(choice), T0) for user, choice in choices.items()]


# ----------------------------------------------------------------------------- counting
def test_two_thirds_of_votes_cast_carries_and_abstentions_are_not_cast() -> None:
    vote = vote_of(("A", "B", "C", "D"))
    carried = count_vote(vote, ballots(A="for", B="for", C="against", D="abstain"))
    assert carried.result is VoteResult.CARRIED
    assert carried.share == Fraction(2, 3)
    short = count_vote(vote, ballots(A="for", B="against", C="against", D="for"))
    assert short.result is VoteResult.NOT_CARRIED
    nothing_cast = count_vote(vote, ballots(A="abstain", B="abstain"))
    assert nothing_cast.result is VoteResult.NOT_CARRIED


def test_the_partnership_sets_its_own_threshold() -> None:
    vote = vote_of(("A", "B", "C", "D"), rules=VoteRules(threshold=Fraction(3, 4)))
    result = count_vote(vote, ballots(A="for", B="for", C="against"))
    assert result.result is VoteResult.NOT_CARRIED


def test_a_recorded_vote_needs_its_quorum() -> None:
    vote = vote_of(("A", "B", "C", "D"), quorum=Fraction(3, 4))
    assert count_vote(vote, ballots(A="for", B="for")).result is VoteResult.NO_QUORUM


SECTORS = (
    RosterEntry("H1", "General", "hospital", Tier.VOTING, Role.SPEAKER),
    RosterEntry("H2", "General", "hospital", Tier.VOTING, Role.ALTERNATE, 1),
    RosterEntry("P1", "Riverside FHT", "primary-care", Tier.VOTING),
    RosterEntry("P2", "Lakeshore CHC", "primary-care", Tier.VOTING),
    RosterEntry("L1", "Sunnyside", "long-term-care", Tier.VOTING),
    RosterEntry("AS", "Meals on Wheels", "community-support", Tier.ADVISORY),
)


def roster_vote(rules: VoteRules = DEFAULT_RULES, sector: str = "") -> RecordedVote:
    voters, members = snapshot([e.user for e in SECTORS], SECTORS, Representation.SECTOR)
    return vote_of(voters, members, rules, sector)


def test_sector_weights_change_what_a_ballot_is_worth() -> None:
    cast = ballots(H1="against", P1="for", P2="for", L1="against")
    assert count_vote(roster_vote(), cast).result is VoteResult.NOT_CARRIED  # 2 of 4
    weighted = VoteRules(weights=(("primary-care", 3),))
    result = count_vote(roster_vote(weighted), cast)
    assert (result.for_weight, result.against_weight) == (6, 2)
    assert result.result is VoteResult.CARRIED


def test_a_protected_sector_cannot_be_out_voted_on_its_own_issue() -> None:
    cast = ballots(H1="for", P1="for", P2="for", L1="against")
    protected = VoteRules(protect_sector=True)
    assert count_vote(roster_vote(protected, ""), cast).result is VoteResult.CARRIED
    result = count_vote(roster_vote(protected, "long-term-care"), cast)
    assert result.result is VoteResult.PROTECTED
    unprotected = count_vote(roster_vote(VoteRules(), "long-term-care"), cast)
    assert unprotected.result is VoteResult.CARRIED


def test_the_speaker_votes_for_the_sector_and_the_alternate_stands_in() -> None:
    speaker_votes = count_vote(roster_vote(), ballots(H1="for", H2="against", P1="for"))
    assert [b.voter for b in speaker_votes.not_counted] == ["H2"]
    alternate = count_vote(roster_vote(), ballots(H2="against", P1="for", P2="for"))
    assert "H2" in {b.voter for b in alternate.counted}


# ----------------------------------------------------------------------------- the service
@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with governance_engine(tmp_path) as engine:
        yield engine


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def world(
    engine: Engine, clock: ManualClock
) -> tuple[ConsensusService, GovernanceService, RecordingVoteNotifier]:
    rounds, gov, _, votes = services(engine, clock, PEOPLE)
    return rounds, gov, votes


def closed_round(
    rounds: ConsensusService, levels: dict[str, int], parent: int | None = None
) -> Round:
    round_ = rounds.start_round(
        RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form", parent_id=parent)
    )
    for voter, level in levels.items():
        rounds.cast_stance(round_.id, voter, level, "because" if level >= 5 else "")
    return rounds.close_round(round_.id, CHAIR)[0]


NO_CONSENSUS = {CHAIR: 1, "U0ANA": 2, "U0BEN": 5, "U0CY": 6}
CONSENSUS = {CHAIR: 1, "U0ANA": 2, "U0BEN": 3, "U0CY": 4}


def test_a_recorded_vote_is_refused_when_no_round_failed_first(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov, _ = world
    open_round = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Still open"))
    with raises_problem(VoteProblem.ROUND_OPEN, Conflict, round=open_round.id):
        gov.call_vote(WORKSPACE, CHANNEL, open_round.id, CHAIR)
    agreed = closed_round(rounds, CONSENSUS)
    with raises_problem(VoteProblem.ROUND_REACHED_CONSENSUS, Conflict, round=agreed.id):
        gov.call_vote(WORKSPACE, CHANNEL, agreed.id, CHAIR)
    no_quorum = closed_round(rounds, {CHAIR: 1})
    with raises_problem(VoteProblem.NO_IMPASSE, Conflict, round=no_quorum.id):
        gov.call_vote(WORKSPACE, CHANNEL, no_quorum.id, CHAIR)


def test_only_the_chair_calls_a_recorded_vote(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov, _ = world
    failed = closed_round(rounds, NO_CONSENSUS)
    with raises_problem(RoundProblem.NOT_CHAIR, NotAllowed, action=ChairAction.CALL_VOTE):
        gov.call_vote(WORKSPACE, CHANNEL, failed.id, "U0ANA")


def test_after_an_impasse_the_chair_runs_a_recorded_vote_with_every_name_kept(  # type: ignore[no-untyped-def]
    world, clock: ManualClock
) -> None:
    rounds, gov, votes = world
    failed = closed_round(rounds, NO_CONSENSUS)
    vote = gov.call_vote(WORKSPACE, CHANNEL, None, CHAIR)  # the latest failed round here
    assert vote.round_id == failed.id
    with raises_problem(VoteCallProblem.ALREADY_OPEN, Conflict, vote=vote.id, round=failed.id):
        gov.call_vote(WORKSPACE, CHANNEL, failed.id, CHAIR)
    for voter, choice in (
        (CHAIR, "for"),
        ("U0ANA", "for"),
        ("U0BEN", "abstain"),
        ("U0CY", "against"),
    ):
        gov.cast_ballot(vote.id, voter, Choice(choice))
    changed = gov.cast_ballot(vote.id, "U0CY", Choice.FOR)
    assert changed.previous is Choice.AGAINST
    closed, now = gov.close_vote(vote.id, CHAIR)
    assert now and closed.result == VoteResult.CARRIED.value
    rounds.run_due_work()
    kinds = [kind for kind, _ in votes.sent]
    assert kinds[0] == "post_vote" and kinds[-1] == "post_vote_result"
    record = gov.decision(failed.id).entries
    ballots_kept = [(e.actor, entry_params(e.kind, e.text)) for e in record if e.kind == "ballot"]
    assert ("U0CY", {"vote": vote.id, "choice": Choice.AGAINST}) in ballots_kept
    assert ("U0CY", {"vote": vote.id, "choice": Choice.FOR}) in ballots_kept
    with raises_problem(VoteProblem.CLOSED, Conflict, vote=vote.id):
        gov.cast_ballot(vote.id, "U0BEN", Choice.FOR)


def test_a_recorded_vote_closes_itself_at_its_deadline(world, clock: ManualClock) -> None:  # type: ignore[no-untyped-def]
    rounds, gov, _ = world
    closed_round(rounds, NO_CONSENSUS)
    vote = gov.call_vote(
        WORKSPACE, CHANNEL, None, CHAIR, deadline=Deadline(duration=timedelta(days=1))
    )
    gov.cast_ballot(vote.id, "U0ANA", Choice.AGAINST)
    clock.advance(timedelta(days=1, minutes=1))
    rounds.run_due_work()
    closed = gov.vote_view(vote.id).vote
    assert closed.result == VoteResult.NO_QUORUM.value
    assert closed.closed_at == vote.closes_at


def test_partnership_settings_shape_the_recorded_vote(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov, _ = world
    gov.configure(WORKSPACE, CHAIR, VOTE_THRESHOLD, "3/4")
    gov.configure(WORKSPACE, CHAIR, VOTE_WEIGHTS, "hospital=2")
    # `--sector` must name a sector on the decision's roster.
    for user in PEOPLE:
        gov.set_roster_entry(WORKSPACE, CHAIR, RosterSet(user, "General", "hospital", "voting"))
    closed_round(rounds, NO_CONSENSUS)
    with raises_problem(VoteCallProblem.SECTOR_NOT_PROTECTED, InvalidInput):
        gov.call_vote(WORKSPACE, CHANNEL, None, CHAIR, sector="hospital")
    gov.configure(WORKSPACE, CHAIR, VOTE_PROTECT, "on")
    vote = gov.call_vote(WORKSPACE, CHANNEL, None, CHAIR, sector="hospital")
    assert vote.rules == VoteRules(Fraction(3, 4), (("hospital", 2),), True)
    assert vote.affected_sector == "hospital"


# ----------------------------------------------------------------------------- revisions
def test_a_revision_round_links_to_the_failed_round_and_reads_as_one_decision(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov, _ = world
    first = closed_round(rounds, NO_CONSENSUS)
    form = gov.revision_form(WORKSPACE, CHANNEL, None, CHAIR)
    assert form.round.id == first.id
    assert [s.voter for s in form.requests] == ["U0BEN"]
    assert [s.voter for s in form.alternatives] == ["U0CY"]
    second = gov.revise_round(
        first.id,
        CHAIR,
        "Adopt the form, co-designed",
        "Pilot first.",
        "Consent is on page 2.",
        "U0CY",
    )
    assert (second.parent_id, second.revision) == (first.id, 2)
    assert "Consent is on page 2." in second.details
    assert ADOPTED_HEADING.format(voter="U0CY") in second.details  # the author, by id
    with raises_problem(
        RevisionProblem.ALREADY_REVISED, Conflict, round=first.id, revision=second.id
    ):
        gov.revise_round(first.id, CHAIR, "Again", "")
    decision = gov.decision(second.id)
    assert [r.id for r in decision.rounds] == [first.id, second.id]
    kinds = [e.kind for e in decision.entries]
    assert kinds.index("round_closed") < kinds.index("revised") < kinds.index("alternative_adopted")
    assert "information_answered" in kinds


def test_a_recorded_vote_may_follow_a_revision_after_the_first_round_failed(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov, _ = world
    first = closed_round(rounds, NO_CONSENSUS)
    second = gov.revise_round(first.id, CHAIR, "Revised", "")
    rounds.cast_stance(second.id, CHAIR, 1)
    rounds.close_round(second.id, CHAIR)  # no quorum this time
    vote = gov.call_vote(WORKSPACE, CHANNEL, second.id, CHAIR)
    assert vote.round_id == second.id


def test_a_revision_leaves_out_a_voter_whose_account_was_closed_since(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov, _ = world
    first = closed_round(rounds, NO_CONSENSUS)
    directory = rounds.directory
    assert isinstance(directory, FixedDirectory)
    directory.standings["U0CY"] = Standing.DEACTIVATED  # left the partner organisation
    second = gov.revise_round(first.id, CHAIR, "Revised", "")
    assert "U0CY" not in second.voters
    assert {CHAIR, "U0ANA", "U0BEN"} <= set(second.voters)


def test_revision_is_refused_to_others_and_after_consensus(world) -> None:  # type: ignore[no-untyped-def]
    rounds, gov, _ = world
    failed = closed_round(rounds, NO_CONSENSUS)
    with raises_problem(RoundProblem.NOT_CHAIR, NotAllowed, action=ChairAction.REVISE):
        gov.revision_form(WORKSPACE, CHANNEL, failed.id, "U0ANA")
    agreed = closed_round(rounds, CONSENSUS)
    with raises_problem(RevisionProblem.REACHED_CONSENSUS, Conflict, round=agreed.id):
        gov.revision_form(WORKSPACE, CHANNEL, agreed.id, CHAIR)


# ----------------------------------------------------------------------------- the record
def test_the_store_offers_no_way_to_change_or_remove_history() -> None:
    names = {n for n in dir(Store) if not n.startswith("_")} | {
        n for n in dir(SqlStore) if not n.startswith("_")
    }
    touching_history = {n for n in names if "history" in n}
    assert touching_history == {"history", "history_of_rounds"}  # reads only
    assert "record" in names


def test_the_database_refuses_to_update_or_delete_history(world, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    rounds, _, _ = world
    closed_round(rounds, CONSENSUS)
    for statement in ("UPDATE history SET text = 'rewritten'", "DELETE FROM history"):
        with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM history")).scalar() > 0
