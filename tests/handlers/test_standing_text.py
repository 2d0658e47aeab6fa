"""The words for a person's standing and a round's counts (handlers.views.standing)."""

from __future__ import annotations

import pytest

from bot.domain.progress import progress
from bot.domain.roster import ResponseStanding, Role, Standing, Tier
from bot.domain.tally import tally
from handlers.views.standing import advisory_note, group_name, responded_count, standing_sentence
from tests.domain.support import entry, levels, make_round

ORG = "org:lakeridge <health>"
MEMBERS = (
    entry("SPK", role=Role.SPEAKER, organisation="Lakeridge <Health>"),
    entry("NURSE", organisation="Lakeridge <Health>"),
    entry("RAJ", "primary-care"),
    entry("ASSOC", "community-support", tier=Tier.ADVISORY),
)


def test_without_a_roster_the_count_reads_as_before() -> None:
    counted = tally(make_round(), levels(A=1, B=2))
    assert responded_count(progress(counted)) == "2 of 6 have responded"


def test_with_a_roster_the_count_names_seats_and_people() -> None:
    round_ = make_round(voters=("SPK", "NURSE", "RAJ", "ASSOC"), members=MEMBERS)
    counted = tally(round_, levels(NURSE=3, ASSOC=1, RAJ=2))
    assert responded_count(progress(counted)) == "1 of 2 seats have responded (3 of 4 people)"


def test_an_organisation_typed_with_markup_is_shown_as_typed() -> None:
    round_ = make_round(members=MEMBERS)
    assert group_name(round_, ORG) == "Lakeridge &lt;Health&gt;"
    assert group_name(round_, "sector:hospital") == "the Hospital sector"


@pytest.mark.parametrize("code", list(Standing))
def test_every_standing_has_a_sentence_and_only_uncounted_voters_a_home_note(
    code: Standing,
) -> None:
    round_ = make_round(members=MEMBERS)
    standing = ResponseStanding(code, "sector:hospital", "SPK")
    assert standing_sentence(round_, standing)
    assert standing_sentence(round_, standing, given=False)
    assert bool(advisory_note(round_, standing)) == (standing.may_respond and not standing.counts)
