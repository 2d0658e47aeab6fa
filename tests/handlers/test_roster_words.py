"""Sectors, roster lines and recorded-vote rules in the Slack front end's words.

The core keeps sectors as keys; the labels are the front end's, and a label as shown
parses back to its key (so the name people read is a name they can type).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from bot.domain.errors import InvalidInput, Person, Sector
from bot.domain.recorded_vote import Choice, VoteRules
from bot.domain.roster import (
    SECTORS,
    UNLISTED_SECTOR,
    Role,
    RosterEntry,
    RosterProblem,
    Tier,
    parse_sector,
)
from handlers.messages import render, render_plain
from handlers.messages.recorded_vote import CHOICE_LABELS, describe_rules
from handlers.messages.roster import SECTOR_LABELS, describe, sector_label


def test_sector_labels_read_as_the_partnership_agreement_names_them() -> None:
    assert sector_label("community-support") == "Community support services"
    assert sector_label(UNLISTED_SECTOR) == "Not on the roster"
    assert sector_label("rural-health") == "Rural health"  # a sector the partnership added


@pytest.mark.parametrize("key", SECTORS)
def test_every_listed_sector_has_a_label_that_parses_back_to_it(key: str) -> None:
    assert parse_sector(SECTOR_LABELS[key]) == key


def test_the_labels_cover_exactly_the_listed_sectors() -> None:
    assert set(SECTOR_LABELS) == {*SECTORS, UNLISTED_SECTOR}


def test_a_roster_line_reads_organisation_sector_tier_and_role() -> None:
    speaker = RosterEntry("U1", "Lakeridge", "hospital", Tier.VOTING, Role.SPEAKER)
    assert describe(speaker) == "Lakeridge · Hospital · voting, speaker"
    member = RosterEntry("U1", "Lakeridge", "hospital", Tier.VOTING, Role.MEMBER)
    assert describe(member) == "Lakeridge · Hospital · voting"
    assert describe(None) == "not on the roster"
    assert describe(RosterEntry("U1", "", UNLISTED_SECTOR, Tier.OBSERVER)) == "not on the roster"


def test_a_sector_in_a_problem_is_shown_by_its_label() -> None:
    error = InvalidInput(
        RosterProblem.TWO_SPEAKERS_IN_SECTOR,
        sector=Sector("primary-care"),
        first=Person("U1"),
        second=Person("U2"),
    )
    assert render(error).startswith("The Primary care sector would have two speakers (<@U1>")
    assert render_plain(error).startswith("The Primary care sector would have two speakers")


def test_the_rules_are_described_as_agreed() -> None:
    assert describe_rules(VoteRules()) == ("passes with 2/3 of votes cast (abstentions not cast)")
    described = describe_rules(VoteRules(Fraction(3, 4), (("primary-care", 2),), True))
    assert described == (
        "passes with 3/4 of votes cast (abstentions not cast); sector weights Primary care ×2; "
        "a sector cannot be out-voted on an issue marked as mainly its own"
    )


def test_choices_read_for_against_abstain() -> None:
    assert CHOICE_LABELS == {
        Choice.FOR: "For",
        Choice.AGAINST: "Against",
        Choice.ABSTAIN: "Abstain",
    }
