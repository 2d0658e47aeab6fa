"""Who may be named: the pure rules (bot.domain.eligibility) and the roster's input checks."""

from __future__ import annotations

import pytest

from bot.domain.eligibility import Ineligible, Standing, Why, not_people, outside
from bot.domain.errors import InvalidInput
from bot.domain.roster import (
    SECTORS,
    RosterProblem,
    check_sector,
    known_sectors,
    make_entry,
    nearest_sectors,
)
from bot.requests import RosterSet, Start
from handlers.grammar.commands import parse
from handlers.grammar.problems import GrammarProblem
from handlers.roster_file import read_member_id
from tests.problems import raises_problem, shown


def test_only_people_pass_and_the_rest_are_named_with_why_in_order() -> None:
    standings = {
        "U1": Standing.PERSON,
        "UBOT": Standing.BOT,
        "U2": Standing.DEACTIVATED,
        "U3": Standing.UNKNOWN,
    }
    assert not_people(standings) == (
        Ineligible("UBOT", Why.BOT),
        Ineligible("U2", Why.DEACTIVATED),
        Ineligible("U3", Why.UNKNOWN),
    )


def test_voters_outside_the_channel_are_named_unless_the_members_are_not_known() -> None:
    assert outside(["U1", "U2"], ["U1"]) == (Ineligible("U2", Why.OUTSIDE_CHANNEL),)
    assert outside(["U1", "U2"], None) == ()


def test_include_outside_is_a_flag_that_takes_no_value() -> None:
    command = parse("start Adopt the form --include-outside --voters <@U1> <@U2>")
    assert isinstance(command, Start)
    assert command.include_outside and command.voters == ("U1", "U2")
    assert command.title == "Adopt the form"


def test_a_sector_typo_suggests_the_nearest_and_a_new_sector_needs_to_be_asked_for() -> None:
    known = list(SECTORS)
    with raises_problem(RosterProblem.UNKNOWN_SECTOR_NEAR, InvalidInput) as typo:
        check_sector("hospitl", known)
    assert "Did you mean `hospital`?" in shown(typo.value)
    with raises_problem(RosterProblem.UNKNOWN_SECTOR, InvalidInput) as new:
        check_sector("paramedics", known)
    assert "--new-sector" in shown(new.value)
    assert check_sector("paramedics", known, allow_new=True) == "paramedics"
    assert nearest_sectors("care", known)[0] == "primary-care"


def test_sectors_the_partnership_added_are_known_from_its_roster() -> None:
    roster = [make_entry("U1", "Org", "paramedics", "voting")]
    assert known_sectors(roster)[-1] == "paramedics"


def test_slack_member_ids_in_a_roster_file_are_read_in_slacks_case_or_refused() -> None:
    assert read_member_id(" u012ab3cd ") == "U012AB3CD"
    assert read_member_id("ana") is None
    assert read_member_id("U0É") is None


@pytest.mark.parametrize(
    ("text", "organisation", "sector"),
    [
        ("“Riverside FHT” primary care voting speaker", "Riverside FHT", "primary care"),
        ('"Riverside FHT" primary-care voting speaker', "Riverside FHT", "primary-care"),
        ("Riverside FHT primary care voting speaker", "Riverside FHT", "primary care"),
        ("‘St Mary’s’ hospital voting speaker", "St Mary's", "hospital"),
    ],
)
def test_roster_set_reads_quotes_and_sectors_as_typed_in_slack(
    text: str, organisation: str, sector: str
) -> None:
    assert parse(f"roster set <@U0ANA> {text}") == RosterSet(
        "U0ANA", organisation, sector, "voting", "speaker"
    )


def test_an_unclosed_quote_is_refused() -> None:
    with raises_problem(GrammarProblem.CLOSING_QUOTE_MISSING, InvalidInput):
        parse('roster set <@U0ANA> "Riverside FHT primary-care voting')
