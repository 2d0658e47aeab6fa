"""The recorded vote: only after an impasse, one ballot per seat, weights and protection."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from fractions import Fraction

import pytest

from bot.domain.errors import Conflict, InvalidInput, NotAllowed
from bot.domain.recorded_vote import (
    Choice,
    RecordedVote,
    VoteProblem,
    VoteResult,
    VoteRules,
    VoteStatus,
    check_ballot,
    check_can_call,
    count_vote,
    failed_round_in,
    parse_weights,
)
from bot.domain.roster import Role, Tier
from bot.domain.round import ChairAction, Round, RoundProblem, RoundStatus
from bot.domain.tally import Outcome
from tests.domain.support import CLOSES, NOW, ballots, entry, make_round, make_vote
from tests.problems import raises_problem

FOUR = ("A", "B", "C", "D")


# ------------------------------------------------------------------ the share of votes cast
def test_exactly_the_threshold_carries() -> None:
    count = count_vote(make_vote(FOUR), ballots(A="for", B="for", C="against"))
    assert count.share == Fraction(2, 3)
    assert count.result is VoteResult.CARRIED


def test_just_under_the_threshold_does_not_carry() -> None:
    vote = make_vote(FOUR, rules=VoteRules(Fraction(3, 4)))
    count = count_vote(vote, ballots(A="for", B="for", C="against"))
    assert count.result is VoteResult.NOT_CARRIED


def test_abstentions_are_not_votes_cast() -> None:
    count = count_vote(make_vote(FOUR), ballots(A="for", B="abstain", C="abstain", D="abstain"))
    assert (count.for_weight, count.against_weight, count.cast_weight) == (1, 0, 1)
    assert count.result is VoteResult.CARRIED


def test_a_motion_nobody_voted_for_does_not_carry_even_if_nobody_voted_against() -> None:
    count = count_vote(make_vote(FOUR), ballots(A="abstain", B="abstain", C="abstain"))
    assert count.share is None
    assert count.result is VoteResult.NOT_CARRIED


def test_a_unanimous_against_does_not_carry() -> None:
    count = count_vote(make_vote(FOUR), ballots(A="against", B="against", C="against"))
    assert count.share == 0
    assert count.result is VoteResult.NOT_CARRIED


# ------------------------------------------------------------------ quorum
def test_a_recorded_votes_quorum_is_rounded_up() -> None:
    vote = make_vote(FOUR, quorum=Fraction(2, 3))
    two = count_vote(vote, ballots(A="for", B="for"))
    assert two.quorum_needed == 3  # 2/3 of 4 seats is 2.67
    assert two.result is VoteResult.NO_QUORUM
    assert count_vote(vote, ballots(A="for", B="for", C="for")).result is VoteResult.CARRIED


def test_exactly_the_quorum_of_ballots_decides_and_abstentions_make_the_quorum() -> None:
    vote = make_vote(FOUR, quorum=Fraction(1, 2))
    count = count_vote(vote, ballots(A="for", B="abstain"))
    assert count.quorum_needed == 2
    assert count.result is VoteResult.CARRIED
    assert count_vote(vote, ballots(A="for")).result is VoteResult.NO_QUORUM


def test_a_vote_without_seats_has_no_quorum() -> None:
    advisers = (entry("V", tier=Tier.ADVISORY),)
    count = count_vote(make_vote(("V",), advisers), ballots(V="for"))
    assert (count.seats, count.quorum_needed) == (0, 1)
    assert count.result is VoteResult.NO_QUORUM


# ------------------------------------------------------------------ one ballot per seat
HOSPITAL = (
    entry("S", role=Role.SPEAKER),
    entry("ALT", role=Role.ALTERNATE, position=1),
    entry("M"),
)
PRIMARY = (entry("P", "primary-care"),)
LTC = (entry("L", "long-term-care"),)
ROSTER = (*HOSPITAL, *PRIMARY, *LTC)


def roster_vote(
    rules: VoteRules | None = None, sector: str = "", quorum: Fraction = Fraction(1, 2)
) -> RecordedVote:
    return make_vote(tuple(m.user for m in ROSTER), ROSTER, rules, sector, quorum)


def test_a_recorded_votes_quorum_is_counted_per_seat_not_per_person() -> None:
    vote = make_vote(tuple(m.user for m in ROSTER), ROSTER, quorum=Fraction(1, 1))
    count = count_vote(vote, ballots(S="for", P="for", L="for"))
    assert (count.seats, count.quorum_needed) == (3, 3)
    assert count.result is VoteResult.CARRIED


def test_only_one_ballot_per_seat_counts_toward_the_share() -> None:
    count = count_vote(roster_vote(), ballots(S="for", ALT="against", P="against", L="for"))
    assert sorted(b.voter for b in count.counted) == ["L", "P", "S"]
    assert [b.voter for b in count.not_counted] == ["ALT"]
    assert (count.for_weight, count.against_weight) == (2, 1)
    assert count.result is VoteResult.CARRIED


def test_an_alternate_votes_for_a_silent_speaker() -> None:
    count = count_vote(roster_vote(), ballots(ALT="against", P="for", L="for"))
    assert [b.voter for b in count.counted if b.choice is Choice.AGAINST] == ["ALT"]
    assert count.not_voted == ()


def test_who_has_not_voted_names_every_holder_of_a_silent_seat() -> None:
    assert count_vote(roster_vote(), ballots(P="for")).not_voted == ("S", "ALT", "L")


def test_ballots_from_people_outside_the_vote_are_ignored() -> None:
    count = count_vote(make_vote(FOUR), ballots(A="for", B="for", Z="against"))
    assert count.against_weight == 0
    assert [b.voter for b in count.not_counted] == []


# ------------------------------------------------------------------ weights
def test_a_sectors_weight_multiplies_its_ballots() -> None:
    rules = VoteRules(weights=(("long-term-care", 3),))
    count = count_vote(roster_vote(rules), ballots(S="against", P="against", L="for"))
    assert (count.for_weight, count.against_weight) == (3, 2)
    assert count.share == Fraction(3, 5)
    assert count.result is VoteResult.NOT_CARRIED
    lines = {s.sector: (s.weight, s.for_, s.against, s.abstain) for s in count.sectors}
    assert lines == {
        "hospital": (1, 0, 1, 0),
        "primary-care": (1, 0, 1, 0),
        "long-term-care": (3, 1, 0, 0),
    }


def test_unlisted_sectors_weigh_one() -> None:
    rules = VoteRules(weights=(("hospital", 2),))
    assert (rules.weight("hospital"), rules.weight("primary-care")) == (2, 1)


def test_every_seated_sector_has_a_line_even_without_ballots() -> None:
    count = count_vote(roster_vote(), ballots(P="abstain"))
    lines = {s.sector: (s.for_, s.against, s.abstain) for s in count.sectors}
    assert lines == {"hospital": (0, 0, 0), "primary-care": (0, 0, 1), "long-term-care": (0, 0, 0)}


# ------------------------------------------------------------------ sector protection
PROTECT = VoteRules(protect_sector=True)


def test_a_protected_sector_that_objects_stops_a_motion_that_would_carry() -> None:
    count = count_vote(roster_vote(PROTECT, "primary-care"), ballots(S="for", P="against", L="for"))
    assert count.share == Fraction(2, 3)
    assert count.result is VoteResult.PROTECTED


def test_a_protected_sector_that_supports_its_own_issue_lets_it_carry() -> None:
    count = count_vote(roster_vote(PROTECT, "primary-care"), ballots(S="for", P="for", L="for"))
    assert count.result is VoteResult.CARRIED


def test_a_protected_sector_that_abstains_does_not_object() -> None:
    count = count_vote(roster_vote(PROTECT, "primary-care"), ballots(S="for", P="abstain", L="for"))
    assert count.result is VoteResult.CARRIED


def test_a_protected_sector_that_is_split_evenly_does_not_object() -> None:
    members = (*ROSTER, entry("P2", "primary-care"))
    vote = make_vote(tuple(m.user for m in members), members, PROTECT, "primary-care")
    count = count_vote(vote, ballots(S="for", L="for", P="for", P2="against"))
    assert count.share == Fraction(3, 4)
    assert count.result is VoteResult.CARRIED


def test_protection_needs_both_the_setting_and_an_issue_marked_as_a_sectors_own() -> None:
    objecting = ballots(S="for", P="against", L="for")
    off = count_vote(roster_vote(VoteRules(), "primary-care"), objecting)
    assert off.result is VoteResult.CARRIED
    unmarked = count_vote(roster_vote(PROTECT, ""), objecting)
    assert unmarked.result is VoteResult.CARRIED


def test_protection_only_listens_to_the_marked_sector() -> None:
    count = count_vote(
        roster_vote(PROTECT, "long-term-care"), ballots(S="for", P="against", L="for")
    )
    assert count.result is VoteResult.CARRIED


def test_a_motion_that_fails_anyway_reads_not_carried_rather_than_protected() -> None:
    count = count_vote(
        roster_vote(PROTECT, "primary-care"), ballots(S="against", P="against", L="for")
    )
    assert count.result is VoteResult.NOT_CARRIED


# ------------------------------------------------------------------ calling a vote
def closed(outcome: Outcome, round_id: int = 7) -> Round:
    return make_round(id=round_id, status=RoundStatus.CLOSED, outcome=outcome.value)


def test_a_recorded_vote_needs_a_round_that_ended_without_consensus() -> None:
    failed = closed(Outcome.NO_CONSENSUS)
    check_can_call([failed], failed, "A")
    no_quorum = closed(Outcome.NO_QUORUM)
    with raises_problem(VoteProblem.NO_IMPASSE, Conflict, ended=Outcome.NO_QUORUM):
        check_can_call([no_quorum], no_quorum, "A")


def test_an_earlier_failed_round_of_the_same_decision_is_an_impasse() -> None:
    first = closed(Outcome.NO_CONSENSUS, 1)
    revision = closed(Outcome.NO_QUORUM, 2)
    check_can_call([first, revision], revision, "A")
    assert failed_round_in([first, revision]) is first


def test_the_latest_failed_round_is_the_impasse() -> None:
    first = closed(Outcome.NO_CONSENSUS, 1)
    second = closed(Outcome.NO_CONSENSUS, 2)
    assert failed_round_in([first, second]) is second
    assert failed_round_in([]) is None
    open_round = make_round(outcome=Outcome.NO_CONSENSUS.value)
    assert failed_round_in([open_round]) is None


def test_only_the_chair_may_call_a_recorded_vote() -> None:
    failed = closed(Outcome.NO_CONSENSUS)
    with raises_problem(RoundProblem.NOT_CHAIR, NotAllowed, action=ChairAction.CALL_VOTE):
        check_can_call([failed], failed, "B")


def test_no_recorded_vote_on_an_open_round_or_after_consensus() -> None:
    failed = closed(Outcome.NO_CONSENSUS, 1)
    open_round = make_round(id=2)
    with raises_problem(VoteProblem.ROUND_OPEN, Conflict, round=2):
        check_can_call([failed, open_round], open_round, "A")
    agreed = closed(Outcome.CONSENSUS, 2)
    with raises_problem(VoteProblem.ROUND_REACHED_CONSENSUS, Conflict, round=2):
        check_can_call([failed, agreed], agreed, "A")


# ------------------------------------------------------------------ casting a ballot
def test_a_ballot_before_the_deadline_is_recorded_with_its_time() -> None:
    just_before = CLOSES - timedelta(microseconds=1)
    ballot = check_ballot(make_vote(FOUR), "B", Choice.AGAINST, just_before)
    assert (ballot.voter, ballot.choice, ballot.cast_at) == ("B", Choice.AGAINST, just_before)


def test_a_ballot_cast_exactly_at_the_deadline_is_refused() -> None:
    with raises_problem(VoteProblem.CLOSED, Conflict):
        check_ballot(make_vote(FOUR), "B", Choice.FOR, CLOSES)


def test_no_ballot_once_the_vote_is_closed() -> None:
    with raises_problem(VoteProblem.CLOSED, Conflict):
        check_ballot(make_vote(FOUR, status=VoteStatus.CLOSED), "B", Choice.FOR, NOW)


def test_speakers_and_alternates_may_vote_for_their_seat() -> None:
    vote = roster_vote()
    for holder in ("S", "ALT", "P", "L"):
        assert check_ballot(vote, holder, Choice.FOR, NOW).voter == holder


@pytest.mark.parametrize(
    ("person", "why"),
    [
        ("M", VoteProblem.REPRESENTED),
        ("V", VoteProblem.ADVISORY),
        ("Z", VoteProblem.NOT_VOTER),
    ],
)
def test_people_without_a_seat_cannot_vote_and_are_told_why(person: str, why: VoteProblem) -> None:
    members = (*ROSTER, entry("V", "community-support", Tier.ADVISORY))
    vote = make_vote(tuple(m.user for m in members), members)
    with raises_problem(why, NotAllowed):
        check_ballot(vote, person, Choice.FOR, NOW)


# ------------------------------------------------------------------ the partnership's settings
def test_weights_are_read_as_sector_equals_number() -> None:
    assert parse_weights("primary-care=2, hospital=1") == (("hospital", 1), ("primary-care", 2))
    assert parse_weights("Hospital=3") == (("hospital", 3),)
    for reset in ("", "none", "OFF", "equal"):
        assert parse_weights(reset) == ()


def test_a_weight_may_be_1_to_100() -> None:
    assert parse_weights("hospital=1 primary-care=100") == (("hospital", 1), ("primary-care", 100))
    for wrong in ("hospital=0", "hospital=101", "hospital", "hospital=x", "hospital=-1"):
        with raises_problem(VoteProblem.BAD_WEIGHT, InvalidInput, limit=100):
            parse_weights(wrong)


def test_the_default_rules_are_two_thirds_equal_weights_and_no_protection() -> None:
    rules = VoteRules()
    assert (rules.threshold, rules.weights, rules.protect_sector) == (Fraction(2, 3), (), False)


def test_a_ballot_counts_in_its_voters_own_sector_when_organisations_are_represented() -> None:
    # One organisation, one seat, two sectors: the alternate's ballot is counted for the
    # alternate's sector (long-term care), which holds no seat of its own.
    lakeridge = (
        entry("S", "hospital", role=Role.SPEAKER, organisation="Lakeridge"),
        entry("ALT", "long-term-care", role=Role.ALTERNATE, organisation="Lakeridge"),
    )
    members = tuple(replace(m, seat="org:lakeridge") for m in lakeridge)
    count = count_vote(make_vote(("S", "ALT"), members), ballots(ALT="against"))
    lines = {s.sector: (s.for_, s.against, s.abstain) for s in count.sectors}
    assert lines == {"hospital": (0, 0, 0), "long-term-care": (0, 1, 0)}
    assert (count.for_weight, count.against_weight) == (0, 1)
