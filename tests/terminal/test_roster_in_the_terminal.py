"""A roster imported from a CSV file through the terminal, and what it changes: who holds a
seat in a round and who may cast a ballot in a recorded vote.

The core keeps rosters by Slack member ids (``bot.domain.roster.normalise_user_id``), so a
file naming the terminal's plain ids (``ana``) is refused; the happy paths use people whose
terminal ids have that form. docs/ARCHITECTURE.md lists this among the spike's findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.terminal_demo import Terminal, open_terminal
from terminal.directory import TerminalPerson
from tests.terminal.conftest import Screen
from tests.terminal.test_governance_in_the_terminal import answer, type_lines

HEADER = "slack_user_id,organisation,sector,tier,role\n"
ROSTER = (
    HEADER
    + "U1ANA,Riverside FHT,primary-care,voting,speaker\n"
    + "U2BEN,General Hospital,hospital,voting,speaker\n"
    + "U3CY,Home Care East,home-and-community-care,advisory,member\n"
)
MEMBERS = (
    TerminalPerson("U1ANA", "America/Toronto", is_admin=True),
    TerminalPerson("U2BEN", "America/Toronto"),
    TerminalPerson("U3CY", "America/Toronto"),
    TerminalPerson("U4DEE", "America/Toronto"),
)


@pytest.fixture
def members(screen: Screen, tmp_path: Path) -> Iterator[Terminal]:
    """A session whose people have ids of the form the core keeps rosters in."""
    with open_terminal(screen, tmp_path / "roster.db", people=MEMBERS) as opened:
        yield opened


def a_file(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_coordinator_imports_a_roster_and_the_next_round_seats_its_partners(
    members: Terminal, screen: Screen, tmp_path: Path
) -> None:
    path = a_file(tmp_path, ROSTER)
    assert answer(members, screen, f"U1ANA> roster import {path}") == [
        f"(to U1ANA) Imported the roster from {path}: 3 people. Rounds already open keep theirs."
    ]
    lines = answer(members, screen, "U1ANA> start Share one intake form")
    assert lines[0] == "(to U1ANA) Round #1 is open, with 3 voters. Its message follows."
    assert "#partners |   Voters: U1ANA, U2BEN, U3CY" in lines


def test_an_advisory_partner_or_someone_off_the_roster_holds_no_ballot(
    members: Terminal, screen: Screen, tmp_path: Path
) -> None:
    type_lines(
        members,
        screen,
        f"U1ANA> roster import {a_file(tmp_path, ROSTER)}",
        "U1ANA> start Share one intake form",
        "U1ANA> level 1",
        "U2BEN> level 6 Pilot it in one clinic first",
        "U1ANA> close",
        "U1ANA> call-vote",
    )
    assert answer(members, screen, "U3CY> ballot 1 for") == [
        "(to U3CY) You cannot vote in recorded vote 1: advisory partners give input in rounds "
        "but do not vote. If that is wrong, ask the chair (U1ANA)."
    ]
    assert answer(members, screen, "U4DEE> ballot 1 for") == [
        "(to U4DEE) You cannot vote in recorded vote 1: you are not one of its voters. If that "
        "is wrong, ask the chair (U1ANA)."
    ]


def test_a_new_sector_is_imported_only_when_named_on_purpose(
    members: Terminal, screen: Screen, tmp_path: Path
) -> None:
    path = a_file(tmp_path, HEADER + "U1ANA,Northern Clinic,rural-health,voting,speaker\n")
    assert answer(members, screen, f"U1ANA> roster import {path}") == [
        '(to U1ANA) Line 2: "rural-health" is not one of the partnership\'s sectors. Did you '
        "mean mental-health-and-addictions or public-health or indigenous-health? Sectors: "
        "primary-care, hospital, home-and-community-care, mental-health-and-addictions, "
        "long-term-care, community-support, patient-family-caregiver, public-health, "
        "indigenous-health, social-services, other. To add it on purpose, import with "
        "--new-sector and its name."
    ]
    assert answer(members, screen, f"U1ANA> roster import {path} --new-sector rural-health") == [
        f"(to U1ANA) Imported the roster from {path}: 1 people. Rounds already open keep theirs."
    ]


def test_a_roster_file_that_cannot_be_imported_says_which_line_and_why(
    members: Terminal, screen: Screen, tmp_path: Path
) -> None:
    cases = {
        "": "The roster file is empty. Its header is: slack_user_id,organisation,sector,tier,role",
        "user,org\n": "Line 1: the header must be slack_user_id,organisation,sector,tier,role, "
        'not "user,org".',
        HEADER + "U1ANA,Riverside FHT,hospitals,voting\n": "Line 2: expected 5 columns "
        "(slack_user_id,organisation,sector,tier,role), found 4.",
        HEADER + "U1ANA,Riverside FHT,hospitals,voting,member\n": 'Line 2: "hospitals" is not '
        "one of the partnership's sectors. Did you mean hospital? Sectors: primary-care, "
        "hospital, home-and-community-care, mental-health-and-addictions, long-term-care, "
        "community-support, patient-family-caregiver, public-health, indigenous-health, "
        "social-services, other. To add it on purpose, import with --new-sector and its name.",
        HEADER + "U1ANA,Riverside FHT,hospital,chief,member\n": 'Line 2: "chief" is not a '
        "tier. Use voting, advisory or observer.",
        HEADER + "U1ANA,A,hospital,voting,speaker\nU2BEN,B,hospital,voting,speaker\n": (
            "The file was not imported: The hospital sector would have two speakers (U1ANA and "
            "U2BEN). Name one speaker and make the other an alternate."
        ),
        HEADER + "U9ZED,Riverside FHT,hospital,voting,member\n": (
            "These people cannot take part: U9ZED."
        ),
    }
    for number, (text, refusal) in enumerate(cases.items()):
        path = a_file(tmp_path, text, f"case{number}.csv")
        assert answer(members, screen, f"U1ANA> roster import {path}") == [
            f"(to U1ANA) {refusal}"
        ], text


def test_a_roster_naming_the_terminals_plain_ids_is_refused_by_the_core(
    terminal: Terminal, screen: Screen, tmp_path: Path
) -> None:
    path = a_file(tmp_path, HEADER + "ana,Riverside FHT,primary-care,voting,speaker\n")
    assert answer(terminal, screen, f"ana> roster import {path}") == [
        '(to ana) Line 2: "ana" is not a member id in the form the core keeps rosters in (U or '
        "W, then letters and digits, such as U012AB3CD)."
    ]


def test_only_a_coordinator_imports_a_roster(
    members: Terminal, screen: Screen, tmp_path: Path
) -> None:
    path = a_file(tmp_path, ROSTER)
    assert answer(members, screen, f"U2BEN> roster import {path}") == [
        "(to U2BEN) Only the partnership's coordinators (workspace admins) can change the roster."
    ]


def test_a_file_the_terminal_cannot_read_is_refused_before_the_core_is_asked(
    members: Terminal, screen: Screen, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.csv"
    assert answer(members, screen, f"U1ANA> roster import {missing}") == [
        f"(to U1ANA) Cannot read {missing}: No such file or directory."
    ]
    binary = tmp_path / "roster.xlsx"
    binary.write_bytes(b"\xff\xfe\x00PK\x03\x04")
    assert answer(members, screen, f"U1ANA> roster import {binary}") == [
        f"(to U1ANA) Cannot read {binary}: it is not UTF-8 text."
    ]
    assert answer(members, screen, "U1ANA> roster show") == [
        "(to U1ANA) Use it so: roster import <file.csv> [--new-sector <sector>]..."
    ]
