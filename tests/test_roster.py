"""The roster: tiers and speaker roles in the tally, the roster commands and the CSV import."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.domain.errors import InvalidInput, NotAllowed, Sector, Typed
from bot.domain.roster import (
    Representation,
    Role,
    RosterEntry,
    RosterProblem,
    Tier,
    make_entry,
    snapshot,
)
from bot.domain.round import Round, RoundDraft, RoundProblem, Stance, check_stance
from bot.domain.tally import Outcome, tally
from bot.requests import RosterSet
from bot.usecases.roster import RosterFileProblem, parse_roster_csv
from handlers.grammar.commands import parse
from handlers.grammar.problems import GrammarProblem
from handlers.roster_file import ROSTER_FILE
from tests.governance_support import CHAIR, CHANNEL, WORKSPACE, governance_engine, services
from tests.problems import raises_problem, shown

T0 = ManualClock().now()


def entry(user: str, sector: str, tier: Tier = Tier.VOTING, role: Role = Role.MEMBER, pos: int = 0):
    return RosterEntry(user, f"{sector} org", sector, tier, role, pos)


HOSPITAL = [
    entry("U0SPEAK", "hospital", role=Role.SPEAKER),
    entry("U0ALT1", "hospital", role=Role.ALTERNATE, pos=1),
    entry("U0ALT2", "hospital", role=Role.ALTERNATE, pos=2),
    entry("U0HOSP", "hospital"),
]
OTHERS = [
    entry("U0PRIMARY", "primary-care"),
    entry("U0PATIENT1", "patient-family-caregiver"),
    entry("U0PATIENT2", "patient-family-caregiver"),
    entry("U0ASSOC", "community-support", tier=Tier.ADVISORY),
    entry("U0WATCH", "public-health", tier=Tier.OBSERVER),
]
PEOPLE = [e.user for e in HOSPITAL + OTHERS]


def roster_round(quorum: Fraction = Fraction(1, 2)) -> Round:
    voters, members = snapshot(PEOPLE, HOSPITAL + OTHERS, Representation.SECTOR)
    return Round(
        id=1,
        workspace=WORKSPACE,
        channel=CHANNEL,
        chair=CHAIR,
        title="Shared referral form",
        details="",
        voters=voters,
        profile_key="1-4",
        quorum=quorum,
        opened_at=T0,
        closes_at=T0 + timedelta(days=3),
        members=members,
    )


def stances(**levels: int) -> list[Stance]:
    return [Stance(user, level, "why" if level >= 5 else "", T0) for user, level in levels.items()]


# ----------------------------------------------------------------------------- the tally
def test_a_speaker_group_holds_one_seat_and_patient_advisors_each_hold_one() -> None:
    round_ = roster_round()
    # hospital (one seat), primary care, two patient advisors; advisory and observer hold none
    assert [s.key for s in round_.seats()] == [
        "sector:hospital",
        "person:U0PRIMARY",
        "person:U0PATIENT1",
        "person:U0PATIENT2",
    ]
    assert "U0WATCH" not in round_.voters


def test_the_speakers_level_counts_and_the_rest_of_the_sector_is_advisory() -> None:
    result = tally(
        roster_round(), stances(U0SPEAK=2, U0ALT1=6, U0HOSP=6, U0PRIMARY=1, U0PATIENT1=1)
    )
    assert {s.voter for s in result.stances} == {"U0SPEAK", "U0PRIMARY", "U0PATIENT1"}
    assert {s.voter for s in result.advisory} == {"U0ALT1", "U0HOSP"}
    assert result.outcome is Outcome.CONSENSUS  # the hospital's other people do not block
    assert result.eligible == 4


def test_the_first_alternate_who_responded_counts_when_the_speaker_has_not() -> None:
    result = tally(roster_round(), stances(U0ALT2=6, U0HOSP=1, U0PRIMARY=1, U0PATIENT1=1))
    assert "U0ALT2" in {s.voter for s in result.stances}
    assert result.outcome is Outcome.NO_CONSENSUS
    with_first = tally(roster_round(), stances(U0ALT1=3, U0ALT2=6, U0PRIMARY=1, U0PATIENT1=1))
    assert "U0ALT1" in {s.voter for s in with_first.stances}
    assert "U0ALT2" in {s.voter for s in with_first.advisory}
    assert with_first.outcome is Outcome.CONSENSUS


def test_advisory_levels_are_shown_but_count_for_neither_consensus_nor_quorum() -> None:
    round_ = roster_round(quorum=Fraction(1, 2))  # 2 of 4 seats
    result = tally(round_, stances(U0ASSOC=6, U0HOSP=6, U0PRIMARY=1))
    assert result.outcome is Outcome.NO_QUORUM  # one seat responded; advisory do not help
    assert {s.voter for s in result.advisory} == {"U0ASSOC", "U0HOSP"}
    enough = tally(round_, stances(U0ASSOC=6, U0PRIMARY=1, U0PATIENT2=2))
    assert enough.outcome is Outcome.CONSENSUS


def test_waiting_lists_the_speaker_and_alternates_of_unanswered_seats_only() -> None:
    result = tally(roster_round(), stances(U0PRIMARY=1, U0HOSP=2))
    assert result.not_responded == ("U0SPEAK", "U0ALT1", "U0ALT2", "U0PATIENT1", "U0PATIENT2")


def test_the_outcome_counts_each_sector() -> None:
    result = tally(roster_round(), stances(U0SPEAK=2, U0HOSP=4, U0PATIENT1=1, U0PATIENT2=5))
    by_sector = {s.sector: s for s in result.sectors}
    assert by_sector["hospital"].seats == 1
    assert by_sector["hospital"].counted == (2,)
    assert by_sector["hospital"].advisory == (4,)
    assert by_sector["patient-family-caregiver"].counted == (1, 5)
    assert by_sector["primary-care"].counted == ()


def test_an_observer_is_refused_with_an_explanation() -> None:
    with raises_problem(RoundProblem.OBSERVER, NotAllowed, round=1):
        check_stance(roster_round(), "U0WATCH", 1, "", T0)


def test_without_a_roster_everyone_votes_individually() -> None:
    plain = Round(**{**roster_round().__dict__, "members": (), "voters": ("U0SPEAK", "U0HOSP")})
    result = tally(plain, stances(U0SPEAK=2, U0HOSP=6))
    assert len(result.stances) == 2
    assert result.eligible == 2
    assert result.outcome is Outcome.NO_CONSENSUS
    assert result.sectors == ()


def test_organisation_representation_groups_by_organisation() -> None:
    roster = [
        RosterEntry("U1", "Riverside FHT", "primary-care", Tier.VOTING, Role.SPEAKER),
        RosterEntry("U2", "Riverside FHT", "primary-care", Tier.VOTING),
        RosterEntry("U3", "Lakeshore CHC", "primary-care", Tier.VOTING, Role.SPEAKER),
    ]
    voters, members = snapshot(["U1", "U2", "U3"], roster, Representation.ORGANISATION)
    round_ = Round(**{**roster_round().__dict__, "voters": voters, "members": members})
    assert len(round_.seats()) == 2


# ----------------------------------------------------------------------------- services
@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with governance_engine(tmp_path) as engine:
        yield engine


def test_rounds_copy_the_roster_when_they_open_so_later_edits_do_not_rewrite_them(
    engine: Engine,
) -> None:
    clock = ManualClock()
    rounds, gov, _, _ = services(engine, clock, [CHAIR, "U0SPEAK", "U0HOSP", "U0NEW"])
    gov.set_roster_entry(WORKSPACE, CHAIR, RosterSet(CHAIR, "Chair org", "primary-care", "voting"))
    gov.set_roster_entry(
        WORKSPACE, CHAIR, RosterSet("U0SPEAK", "General", "hospital", "voting", "speaker")
    )
    gov.set_roster_entry(WORKSPACE, CHAIR, RosterSet("U0HOSP", "General", "hospital", "voting"))
    round_ = rounds.start_round(RoundDraft(WORKSPACE, CHANNEL, CHAIR, "Adopt the form"))
    assert round_.voters == (CHAIR, "U0SPEAK", "U0HOSP")  # U0NEW is not on the roster
    gov.set_roster_entry(WORKSPACE, CHAIR, RosterSet("U0HOSP", "General", "hospital", "observer"))
    stored = rounds.view(round_.id).round
    assert stored.member("U0HOSP") is not None
    assert stored.member("U0HOSP").tier is Tier.VOTING  # type: ignore[union-attr]
    with raises_problem(RoundProblem.OBSERVER, NotAllowed):
        rounds.cast_stance(round_.id, "U0NEW", 1)
    rounds.cast_stance(round_.id, "U0HOSP", 6, "not like this")
    shown = rounds.view(round_.id).progress
    assert (shown.responded, shown.seats_responded) == (("U0HOSP",), 0)  # advisory only


def test_a_roster_set_refuses_a_second_speaker_for_a_sector(engine: Engine) -> None:
    _, gov, _, _ = services(engine, ManualClock(), [])
    gov.set_roster_entry(
        WORKSPACE, CHAIR, RosterSet("U1", "General", "hospital", "voting", "speaker")
    )
    with raises_problem(
        RosterProblem.TWO_SPEAKERS_IN_SECTOR, InvalidInput, sector=Sector("hospital")
    ):
        gov.set_roster_entry(
            WORKSPACE, CHAIR, RosterSet("U2", "St Mary", "hospital", "voting", "speaker")
        )


def test_roster_set_parses_an_organisation_of_several_words() -> None:
    command = parse(
        'roster set <@U0ANA|ana> "Riverside Family Health Team" primary-care voting speaker'
    )
    assert command == RosterSet(
        "U0ANA", "Riverside Family Health Team", "primary-care", "voting", "speaker"
    )
    with raises_problem(GrammarProblem.NOT_A_ROSTER_PERSON, InvalidInput):
        parse("roster set ana Riverside primary-care voting")


def test_an_advisory_speaker_is_refused() -> None:
    with raises_problem(RosterProblem.LEADER_NOT_VOTING, InvalidInput, role=Role.SPEAKER):
        make_entry("U1", "Org", "hospital", "advisory", "speaker")


# ----------------------------------------------------------------------------- CSV import
GOOD_CSV = """slack_user_id,organisation,sector,tier,role
U0SPEAK,Lakeridge Health,hospital,voting,speaker
U0ALT1,Lakeridge Health,hospital,voting,alternate
U0ALT2,Lakeridge Health,hospital,voting,alternate
U0PATIENT1,Patient and Family Council,patient-family-caregiver,voting,member
U0ASSOC,Community Care Durham,community-support,advisory,
"""


def test_a_roster_file_imports_every_row_and_ranks_alternates_in_file_order(
    engine: Engine,
) -> None:
    _, gov, _, _ = services(engine, ManualClock(), [])
    assert gov.import_roster_as_operator(WORKSPACE, GOOD_CSV, ROSTER_FILE) == 5
    entries = {e.user: e for e in gov.roster(WORKSPACE).entries}
    assert entries["U0ASSOC"].tier is Tier.ADVISORY
    assert entries["U0ASSOC"].role is Role.MEMBER
    assert entries["U0ALT1"].position < entries["U0ALT2"].position


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("U0BAD,Org,hospital,voter,member", "Line 4: `voter` is not a tier"),
        ("U0BAD,Org,hospital,voting", "Line 4: expected 5 columns"),
        ("ana,Org,hospital,voting,member", "Line 4: `ana` is not a Slack user id"),
        ("U0BAD,Org,hospital,voting,chief", "Line 4: `chief` is not a role"),
        ("U0BAD,,hospital,voting,member", "Line 4: Give the person's organisation"),
        ("U0BAD,Org,hospital,observer,speaker", "Line 4: A speaker"),
    ],
)
def test_a_bad_row_is_reported_with_its_line_number_and_nothing_is_imported(
    engine: Engine, bad_line: str, message: str
) -> None:
    _, gov, _, _ = services(engine, ManualClock(), [])
    gov.import_roster_as_operator(
        WORKSPACE,
        "slack_user_id,organisation,sector,tier,role\nU0KEEP,Org,hospital,voting,member\n",
        ROSTER_FILE,
    )
    text = (
        "slack_user_id,organisation,sector,tier,role\nU0A,Org,hospital,voting,member\nU0B,Org,primary-care,voting,member\n"
        + bad_line
        + "\n"
    )
    with pytest.raises(InvalidInput) as raised:
        gov.import_roster_as_operator(WORKSPACE, text, ROSTER_FILE)
    assert message in shown(raised.value)  # the line is named before what is wrong with it
    assert [e.user for e in gov.roster(WORKSPACE).entries] == ["U0KEEP"]


def test_a_file_with_a_wrong_header_or_two_speakers_is_refused() -> None:
    with raises_problem(
        RosterFileProblem.BAD_HEADER, InvalidInput, line=1, found=Typed("user,org,sector,tier,role")
    ):
        parse_roster_csv("user,org,sector,tier,role\nU1,Org,hospital,voting,member\n", ROSTER_FILE)
    with raises_problem(RosterFileProblem.EMPTY, InvalidInput):
        parse_roster_csv("\n\n", ROSTER_FILE)
    two = GOOD_CSV + "U0OTHER,St Mary,hospital,voting,speaker\n"
    with raises_problem(RosterFileProblem.NOT_IMPORTED, InvalidInput) as raised:
        parse_roster_csv(two, ROSTER_FILE)
    assert "two speakers" in shown(raised.value)
    twice = GOOD_CSV + "U0SPEAK,Lakeridge Health,hospital,voting,member\n"
    with raises_problem(RosterFileProblem.NOT_IMPORTED, InvalidInput) as raised:
        parse_roster_csv(twice, ROSTER_FILE)
    assert "listed twice" in shown(raised.value)
