"""A roster imported from a CSV file through the terminal, and what it changes: who holds a
seat in a round and who may cast a ballot in a recorded vote.

The file's first column names people as the terminal does (``terminal/roster_file.py``):
the core takes the shape of an id from the front end, and asks a coordinator's leave.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.terminal_demo import Terminal, open_terminal
from terminal.directory import TerminalPerson
from tests.terminal.conftest import Screen
from tests.terminal.test_governance_in_the_terminal import answer, type_lines

HEADER = "person,organisation,sector,tier,role\n"
ROSTER = (
    HEADER
    + "ana,Riverside FHT,primary-care,voting,speaker\n"
    + "ben,General Hospital,hospital,voting,speaker\n"
    + "cy,Home Care East,home-and-community-care,advisory,member\n"
)
MEMBERS = (
    TerminalPerson("ana", "America/Toronto", is_admin=True),
    TerminalPerson("ben", "America/Toronto"),
    TerminalPerson("cy", "America/Toronto"),
    TerminalPerson("dee", "America/Toronto"),
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
    assert answer(members, screen, f"ana> roster import {path}") == [
        f"(to ana) Imported the roster from {path}: 3 people. Rounds already open keep theirs."
    ]
    lines = answer(members, screen, "ana> start Share one intake form")
    assert lines[0] == "(to ana) Round #1 is open, with 3 voters. Its message follows."
    assert "#partners |   Voters: ana, ben, cy" in lines


def test_an_advisory_partner_or_someone_off_the_roster_holds_no_ballot(
    members: Terminal, screen: Screen, tmp_path: Path
) -> None:
    type_lines(
        members,
        screen,
        f"ana> roster import {a_file(tmp_path, ROSTER)}",
        "ana> start Share one intake form",
        "ana> level 1",
        "ben> level 6 Pilot it in one clinic first",
        "ana> close",
        "ana> call-vote",
    )
    assert answer(members, screen, "cy> ballot 1 for") == [
        "(to cy) You cannot vote in recorded vote 1: advisory partners give input in rounds "
        "but do not vote. If that is wrong, ask the chair (ana)."
    ]
    assert answer(members, screen, "dee> ballot 1 for") == [
        "(to dee) You cannot vote in recorded vote 1: you are not one of its voters. If that "
        "is wrong, ask the chair (ana)."
    ]


def test_a_new_sector_is_imported_only_when_named_on_purpose(
    members: Terminal, screen: Screen, tmp_path: Path
) -> None:
    path = a_file(tmp_path, HEADER + "ana,Northern Clinic,rural-health,voting,speaker\n")
    assert answer(members, screen, f"ana> roster import {path}") == [
        '(to ana) Line 2: "rural-health" is not one of the partnership\'s sectors. Did you '
        "mean mental-health-and-addictions or public-health or indigenous-health? Sectors: "
        "primary-care, hospital, home-and-community-care, mental-health-and-addictions, "
        "long-term-care, community-support, patient-family-caregiver, public-health, "
        "indigenous-health, social-services, other. To add it on purpose, import with "
        "--new-sector and its name."
    ]
    assert answer(members, screen, f"ana> roster import {path} --new-sector rural-health") == [
        f"(to ana) Imported the roster from {path}: 1 people. Rounds already open keep theirs."
    ]


def test_a_roster_file_that_cannot_be_imported_says_which_line_and_why(
    members: Terminal, screen: Screen, tmp_path: Path
) -> None:
    cases = {
        "": "The roster file is empty. Its header is: person,organisation,sector,tier,role",
        "user,org\n": "Line 1: the header must be person,organisation,sector,tier,role, "
        'not "user,org".',
        HEADER + "ana,Riverside FHT,hospitals,voting\n": "Line 2: expected 5 columns "
        "(person,organisation,sector,tier,role), found 4.",
        HEADER + "ana,Riverside FHT,hospitals,voting,member\n": 'Line 2: "hospitals" is not '
        "one of the partnership's sectors. Did you mean hospital? Sectors: primary-care, "
        "hospital, home-and-community-care, mental-health-and-addictions, long-term-care, "
        "community-support, patient-family-caregiver, public-health, indigenous-health, "
        "social-services, other. To add it on purpose, import with --new-sector and its name.",
        HEADER + "ana,Riverside FHT,hospital,chief,member\n": 'Line 2: "chief" is not a '
        "tier. Use voting, advisory or observer.",
        HEADER + "ana,A,hospital,voting,speaker\nben,B,hospital,voting,speaker\n": (
            "The file was not imported: The hospital sector would have two speakers (ana and "
            "ben). Name one speaker and make the other an alternate."
        ),
        HEADER + "zed,Riverside FHT,hospital,voting,member\n": (
            "These people cannot take part: zed."
        ),
    }
    for number, (text, refusal) in enumerate(cases.items()):
        path = a_file(tmp_path, text, f"case{number}.csv")
        assert answer(members, screen, f"ana> roster import {path}") == [f"(to ana) {refusal}"], (
            text
        )


def test_a_name_that_cannot_be_a_persons_is_refused_with_its_line(
    terminal: Terminal, screen: Screen, tmp_path: Path
) -> None:
    path = a_file(tmp_path, HEADER + "ana smith,Riverside FHT,primary-care,voting,speaker\n")
    assert answer(terminal, screen, f"ana> roster import {path}") == [
        '(to ana) Line 2: "ana smith" is not a person\'s name: use letters, digits, ".", "_" '
        'or "-", as the person types it before ">".'
    ]


def test_only_a_coordinator_imports_a_roster(
    members: Terminal, screen: Screen, tmp_path: Path
) -> None:
    path = a_file(tmp_path, ROSTER)
    lines = answer(members, screen, f"ben> roster import {path}")
    assert len(lines) == 1 and lines[0].startswith("(to ben) Only ")
    assert answer(members, screen, "ana> start Share one intake form")[0] == (
        "(to ana) Round #1 is open, with 4 voters. Its message follows."
    )
