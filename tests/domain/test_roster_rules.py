"""The roster: who holds a seat, whose level counts, and how a sector is named."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bot.domain.errors import InvalidInput, Person, Sector, Typed
from bot.domain.roster import (
    UNLISTED_SECTOR,
    Representation,
    Role,
    RosterEntry,
    RosterProblem,
    Tier,
    check_roster,
    make_entry,
    parse_role,
    parse_sector,
    parse_tier,
    resolve,
    seats,
    snapshot,
)
from bot.domain.round import Round
from bot.domain.tally import Outcome, tally
from tests.domain.support import entry, levels, make_round
from tests.problems import raises_problem

SPEAKER = Role.SPEAKER
ALTERNATE = Role.ALTERNATE


# ------------------------------------------------------------------ naming a sector
@pytest.mark.parametrize(
    ("typed", "sector"),
    [
        ("community-support", "community-support"),
        ("Community support services", "community-support"),
        ("Primary care", "primary-care"),
        ("primary_care", "primary-care"),
        ("  HOSPITAL ", "hospital"),
        ("Mental health and addictions", "mental-health-and-addictions"),
        ("Patient, family and caregiver", "patient-family-caregiver"),
        ("patient-family-caregiver", "patient-family-caregiver"),
    ],
)
def test_a_sector_typed_as_its_key_or_its_label_is_the_same_sector(typed: str, sector: str) -> None:
    assert parse_sector(typed) == sector


def test_a_sector_of_the_partnerships_own_is_kept_as_a_dashed_name() -> None:
    assert parse_sector("Rural Health") == "rural-health"


@pytest.mark.parametrize("typed", ["bad sector!", "-hospital", "", "a,b"])
def test_a_sector_name_that_is_not_letters_digits_and_dashes_is_refused(typed: str) -> None:
    with raises_problem(RosterProblem.BAD_SECTOR, InvalidInput, text=Typed(typed[:40])):
        parse_sector(typed)


def test_a_sector_name_may_be_40_characters_but_not_41() -> None:
    assert parse_sector("s" * 40) == "s" * 40
    with pytest.raises(InvalidInput):
        parse_sector("s" * 41)


def test_tiers_and_roles_are_read_whatever_their_case() -> None:
    assert parse_tier(" Voting ") is Tier.VOTING
    assert parse_tier("advisory") is Tier.ADVISORY
    assert parse_role(" Speaker") is Role.SPEAKER
    assert parse_role("") is Role.MEMBER
    with raises_problem(RosterProblem.BAD_TIER, InvalidInput, text=Typed("boss")):
        parse_tier("boss")
    with raises_problem(RosterProblem.BAD_ROLE, InvalidInput, text=Typed("chief")):
        parse_role("chief")


# ------------------------------------------------------------------ a roster line
def test_a_roster_line_is_cleaned_and_checked() -> None:
    made = make_entry("U1", "  Lakeridge   Health ", "Hospital", "voting", "speaker", 3)
    assert made == RosterEntry("U1", "Lakeridge Health", "hospital", Tier.VOTING, SPEAKER, 3)
    assert make_entry("U2", "Meals", "community-support", "advisory").role is Role.MEMBER


def test_an_organisation_is_required_and_may_be_80_characters_but_not_81() -> None:
    assert make_entry("U1", "o" * 80, "hospital", "voting").organisation == "o" * 80
    with raises_problem(RosterProblem.ORGANISATION_TOO_LONG, InvalidInput, limit=80):
        make_entry("U1", "o" * 81, "hospital", "voting")
    with raises_problem(RosterProblem.NO_ORGANISATION, InvalidInput):
        make_entry("U1", "   ", "hospital", "voting")


@pytest.mark.parametrize("role", ["speaker", "alternate"])
@pytest.mark.parametrize("tier", ["advisory", "observer"])
def test_a_speaker_or_alternate_must_be_a_voting_partner(role: str, tier: str) -> None:
    with raises_problem(
        RosterProblem.LEADER_NOT_VOTING, InvalidInput, role=Role(role), tier=Tier(tier)
    ):
        make_entry("U1", "Org", "hospital", tier, role)


def test_a_person_listed_twice_is_refused() -> None:
    with raises_problem(RosterProblem.LISTED_TWICE, InvalidInput, person=Person("U1")):
        check_roster([entry("U1"), entry("U1", "primary-care")], Representation.SECTOR)


def test_a_sector_may_have_one_speaker_and_any_number_of_alternates() -> None:
    roster = [
        entry("U1", role=SPEAKER),
        entry("U2", role=ALTERNATE),
        entry("U3", role=ALTERNATE),
        entry("U4", "primary-care", role=SPEAKER),
    ]
    check_roster(roster, Representation.SECTOR)
    with raises_problem(
        RosterProblem.TWO_SPEAKERS_IN_SECTOR,
        InvalidInput,
        sector=Sector("hospital"),
        first=Person("U1"),
        second=Person("U5"),
    ):
        check_roster([*roster, entry("U5", role=SPEAKER)], Representation.SECTOR)


def test_speakers_are_counted_per_organisation_when_organisations_are_represented() -> None:
    two_orgs = [
        entry("U1", role=SPEAKER, organisation="Lakeridge"),
        entry("U2", role=SPEAKER, organisation="Oshawa Clinic"),
    ]
    check_roster(two_orgs, Representation.ORGANISATION)
    with raises_problem(RosterProblem.TWO_SPEAKERS_IN_SECTOR, InvalidInput):
        check_roster(two_orgs, Representation.SECTOR)
    same_org = [
        entry("U1", role=SPEAKER, organisation="Lakeridge"),
        entry("U2", "primary-care", role=SPEAKER, organisation="LAKERIDGE"),
    ]
    with raises_problem(
        RosterProblem.TWO_SPEAKERS_IN_ORGANISATION, InvalidInput, organisation=Typed("lakeridge")
    ):
        check_roster(same_org, Representation.ORGANISATION)


# ------------------------------------------------------------------ copying the roster
def test_people_missing_from_the_roster_observe_and_observers_cannot_state_a_level() -> None:
    roster = [
        entry("U1", role=SPEAKER),
        entry("U2", "long-term-care", Tier.ADVISORY),
        entry("U3", tier=Tier.OBSERVER),
        entry("U9", "primary-care"),  # not in the channel
    ]
    voters, members = snapshot(["U1", "U2", "U3", "U4"], roster, Representation.SECTOR)
    assert voters == ("U1", "U2")
    assert [m.user for m in members] == ["U1", "U2", "U3", "U4"]
    newcomer = members[3]
    assert (newcomer.tier, newcomer.sector) == (Tier.OBSERVER, UNLISTED_SECTOR)
    assert [m.seat for m in members[:2]] == ["sector:hospital", "sector:long-term-care"]


def test_under_organisation_representation_the_seat_is_the_organisation() -> None:
    roster = [entry("U1", organisation="Lakeridge Health")]
    _voters, members = snapshot(["U1"], roster, Representation.ORGANISATION)
    assert members[0].seat == "org:lakeridge health"


# ------------------------------------------------------------------ seats
def test_without_a_roster_every_voter_holds_a_seat_of_their_own() -> None:
    assert [s.holders for s in seats(["A", "B"], [])] == [("A",), ("B",)]


def test_a_speaker_group_holds_one_seat_speaker_first_then_alternates_in_order() -> None:
    members = (
        entry("A2", role=ALTERNATE, position=2),
        entry("A1", role=ALTERNATE, position=1),
        entry("S", role=SPEAKER, position=9),
        entry("P1", "patient-family-caregiver"),
        entry("P2", "patient-family-caregiver"),
    )
    result = seats([m.user for m in members], members)
    assert [s.holders for s in result] == [("S", "A1", "A2"), ("P1",), ("P2",)]
    assert [s.sector for s in result] == ["hospital", *["patient-family-caregiver"] * 2]


def test_the_other_people_of_a_speakers_sector_and_advisory_partners_hold_no_seat() -> None:
    members = (
        entry("S", role=SPEAKER),
        entry("M", role=Role.MEMBER),
        entry("V", "long-term-care", Tier.ADVISORY),
    )
    assert [s.holders for s in seats(["S", "M", "V"], members)] == [("S",)]


def test_the_speakers_response_counts_even_when_an_alternate_also_responded() -> None:
    members = (entry("S", role=SPEAKER), entry("A", role=ALTERNATE, position=1))
    result = resolve(["S", "A"], members, {"A", "S"})
    assert result.counted == {"sector:hospital": "S"}
    assert result.advisory == ("A",)


def test_when_the_speaker_is_silent_the_first_alternate_who_responded_counts() -> None:
    members = (
        entry("S", role=SPEAKER),
        entry("A1", role=ALTERNATE, position=1),
        entry("A2", role=ALTERNATE, position=2),
    )
    assert resolve(["S", "A2", "A1"], members, {"A2"}).counted == {"sector:hospital": "A2"}
    both = resolve(["S", "A2", "A1"], members, {"A2", "A1"})
    assert both.counted == {"sector:hospital": "A1"}
    assert both.advisory == ("A2",)


def test_everyone_who_could_answer_for_a_silent_seat_is_waited_for() -> None:
    members = (entry("S", role=SPEAKER), entry("A", role=ALTERNATE), entry("P", "primary-care"))
    assert resolve(["S", "A", "P"], members, {"P"}).waiting == ("S", "A")
    assert resolve(["S", "A", "P"], members, {"A", "P"}).waiting == ()


# ------------------------------------------------------------------ the count under a roster
HOSPITAL = (
    entry("S", role=SPEAKER),
    entry("A", role=ALTERNATE, position=1),
    entry("M"),
)
PATIENTS = (entry("P1", "patient-family-caregiver"), entry("P2", "patient-family-caregiver"))
ADVISORY = (entry("V", "community-support", Tier.ADVISORY),)
MEMBERS = (*HOSPITAL, *PATIENTS, *ADVISORY)


def roster_round(**changes: object) -> Round:
    return make_round(tuple(m.user for m in MEMBERS), MEMBERS, **changes)


def test_only_one_level_per_seat_counts() -> None:
    result = tally(roster_round(), levels(S=1, A=6, M=6, P1=1, P2=2))
    assert result.outcome is Outcome.CONSENSUS
    assert result.eligible == 3
    assert sorted(s.voter for s in result.stances) == ["P1", "P2", "S"]
    assert sorted(s.voter for s in result.advisory) == ["A", "M"]
    assert sum(result.distribution.values()) == 3


def test_an_alternate_counts_for_a_silent_speaker_and_can_block() -> None:
    result = tally(roster_round(), levels(A=6, P1=1, P2=1))
    assert result.outcome is Outcome.NO_CONSENSUS
    assert [s.voter for s in result.at_level(6)] == ["A"]


def test_advisory_levels_are_shown_but_neither_block_nor_make_the_quorum() -> None:
    blocked_by_advice = tally(roster_round(), levels(V=6, M=6, S=1, P1=1))
    assert blocked_by_advice.outcome is Outcome.CONSENSUS
    only_advice = tally(roster_round(), levels(V=1, M=1, A=1))
    assert only_advice.outcome is Outcome.NO_QUORUM  # one seat of three


def test_quorum_is_counted_in_seats_not_people() -> None:
    result = tally(roster_round(quorum=Fraction(2, 3)), levels(S=1, P1=1))
    assert result.quorum_needed == 2  # 2/3 of 3 seats, not of 6 people
    assert result.outcome is Outcome.CONSENSUS


def test_a_channel_of_advisory_partners_only_never_reaches_consensus() -> None:
    members = (entry("V1", tier=Tier.ADVISORY), entry("V2", "primary-care", Tier.ADVISORY))
    result = tally(make_round(("V1", "V2"), members), levels(V1=1, V2=1))
    assert result.eligible == 0
    assert result.quorum_needed == 1
    assert result.outcome is Outcome.NO_QUORUM


def test_each_sectors_line_shows_its_own_seats_counted_and_advisory_levels() -> None:
    result = tally(roster_round(), levels(S=2, M=5, P1=1, P2=3, V=4))
    lines = {s.sector: (s.seats, s.counted, s.advisory) for s in result.sectors}
    assert lines == {
        "hospital": (1, (2,), (5,)),
        "patient-family-caregiver": (2, (1, 3), ()),
        "community-support": (0, (), (4,)),
    }
    assert [s.sector for s in result.sectors] == [
        "hospital",
        "patient-family-caregiver",
        "community-support",
    ]


def test_a_sector_nobody_answered_for_still_shows_its_seats() -> None:
    result = tally(roster_round(), levels(P1=1))
    lines = {s.sector: (s.seats, s.counted, s.advisory) for s in result.sectors}
    assert lines["hospital"] == (1, (), ())
    assert result.not_responded == ("S", "A", "P2")


def test_without_a_roster_there_are_no_sector_lines() -> None:
    assert tally(make_round(("A", "B")), levels(A=1, B=1)).sectors == ()


def test_a_roster_line_without_a_role_or_position_is_a_member_ranked_first() -> None:
    plain = RosterEntry("U1", "Org", "hospital", Tier.VOTING)
    assert (plain.role, plain.position, plain.seat) == (Role.MEMBER, 0, "")
    assert make_entry("U1", "Org", "hospital", "voting").position == 0
    _voters, members = snapshot(["U9"], [plain], Representation.SECTOR)
    assert (members[0].role, members[0].position) == (Role.MEMBER, 0)
