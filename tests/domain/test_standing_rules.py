"""Standing: whether a person's response counts in a round, and why not when it does not."""

from __future__ import annotations

from bot.domain.roster import ResponseStanding, Role, Standing, Tier, standing
from bot.domain.tally import standing_in, tally
from tests.domain.support import entry, levels, make_round

SPEAKER, ALTERNATE = Role.SPEAKER, Role.ALTERNATE
HOSPITAL = "sector:hospital"
MEMBERS = (
    entry("SPK", role=SPEAKER),
    entry("ALT1", role=ALTERNATE, position=1),
    entry("ALT2", role=ALTERNATE, position=2),
    entry("NURSE"),
    entry("RAJ", "primary-care"),
    entry("ASSOC", "community-support", tier=Tier.ADVISORY),
    entry("WATCH", "public-health", tier=Tier.OBSERVER),
)
VOTERS = ("SPK", "ALT1", "ALT2", "NURSE", "RAJ", "ASSOC")


def of(user: str, *responded: str) -> ResponseStanding:
    return standing(VOTERS, MEMBERS, set(responded), user)


def test_without_a_roster_every_voter_counts_for_a_seat_of_their_own() -> None:
    assert standing(("A", "B"), (), {"B"}, "A") == ResponseStanding(Standing.OWN_SEAT)


def test_a_person_alone_in_their_sector_holds_their_own_seat() -> None:
    assert of("RAJ").code is Standing.OWN_SEAT


def test_the_speaker_counts_even_after_an_alternate_answered_first() -> None:
    assert of("SPK", "ALT1") == ResponseStanding(Standing.SPEAKER, HOSPITAL)


def test_an_alternate_counts_while_the_speaker_has_not_answered() -> None:
    assert of("ALT1", "ALT2") == ResponseStanding(Standing.ALTERNATE, HOSPITAL)


def test_an_alternate_is_outranked_once_the_speaker_or_a_higher_alternate_answers() -> None:
    assert of("ALT1", "SPK") == ResponseStanding(Standing.OUTRANKED, HOSPITAL, "SPK")
    assert of("ALT2", "ALT1") == ResponseStanding(Standing.OUTRANKED, HOSPITAL, "ALT1")


def test_a_member_behind_the_speaker_is_shown_not_counted_and_names_who_counts() -> None:
    assert of("NURSE") == ResponseStanding(Standing.BEHIND_SPEAKER, HOSPITAL, None)
    assert of("NURSE", "ALT2") == ResponseStanding(Standing.BEHIND_SPEAKER, HOSPITAL, "ALT2")


def test_an_advisory_partner_never_counts() -> None:
    assert of("ASSOC").code is Standing.ADVISORY_TIER


def test_an_observer_and_someone_not_asked_may_not_respond() -> None:
    assert of("WATCH").code is Standing.OBSERVER
    assert of("STRANGER").code is Standing.NOT_A_VOTER
    assert not of("WATCH").may_respond and not of("WATCH").counts


def test_standing_agrees_with_the_tally_for_everyone_who_responded() -> None:
    round_ = make_round(voters=VOTERS, members=MEMBERS)
    stances = levels(NURSE=6, ALT1=3, ALT2=2, RAJ=1, ASSOC=4)
    counted = tally(round_, stances)
    for stance in stances:
        shown = standing_in(round_, stances, stance.voter)
        assert shown.counts == (stance in counted.stances), stance.voter
    assert counted.people == 6 and counted.people_responded == 5 and counted.eligible == 2
