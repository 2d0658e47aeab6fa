"""The bot's count agrees with an independent reading of the rules (tests/domain/oracle.py).

Hypothesis generates partnerships (with and without a roster: tiers, sectors, speakers,
alternates, people missing from the roster), rule profiles, quorums, weights, thresholds,
sector protection, levels and ballots; the bot and the oracle must agree on every outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.errors import NotAllowed
from bot.domain.recorded_vote import Ballot, Choice, VoteRules, check_ballot, count_vote
from bot.domain.roster import Representation, Role, RosterEntry, Tier, snapshot
from bot.domain.round import Stance
from bot.domain.tally import tally
from tests.domain import oracle
from tests.domain.support import NOW, make_round, make_vote

SECTORS = ("hospital", "primary-care", "long-term-care", "patient-family-caregiver")
EXAMPLES = settings(max_examples=250, deadline=None)


@dataclass(frozen=True)
class Partnership:
    people: tuple[oracle.Person, ...]  # the channel, in order
    absent: tuple[oracle.Person, ...]  # on the roster, not in the channel

    @property
    def roster(self) -> tuple[RosterEntry, ...]:
        return tuple(
            RosterEntry(p.name, f"{p.sector} org", p.sector, Tier(p.tier), Role(p.role), p.position)
            for p in (*self.people, *self.absent)
            if p.sector is not None
        )

    @property
    def has_roster(self) -> bool:
        return bool(self.roster)

    def bot_view(self) -> tuple[tuple[str, ...], tuple[RosterEntry, ...]]:
        """Voters and members as the bot copies them onto a round or vote."""
        channel = [p.name for p in self.people]
        if not self.has_roster:
            return tuple(channel), ()
        return snapshot(channel, self.roster, Representation.SECTOR)


@st.composite
def partnerships(draw: st.DrawFn) -> Partnership:
    count = draw(st.integers(1, 9))
    positions = draw(st.permutations(range(count + 2)))
    with_roster = draw(st.booleans())
    speakers: set[str] = set()
    people: list[oracle.Person] = []
    for index in range(count + 2):
        name = f"U{index}"
        if not with_roster or draw(st.integers(0, 7)) == 0:
            people.append(oracle.Person(name))  # not on the roster (or there is none)
            continue
        sector = draw(st.sampled_from(SECTORS))
        tier = draw(st.sampled_from(("voting", "voting", "voting", "advisory", "observer")))
        role = "member"
        if tier == "voting":
            role = draw(st.sampled_from(("member", "member", "speaker", "alternate")))
        if role == "speaker" and sector in speakers:
            role = "alternate"  # the roster refuses two speakers for one sector
        if role == "speaker":
            speakers.add(sector)
        people.append(oracle.Person(name, sector, tier, role, positions[index]))
    channel = tuple(people[:count])
    absent = tuple(p for p in people[count:] if p.sector is not None)
    return Partnership(channel, absent)


quorums = st.builds(Fraction, st.integers(1, 12), st.integers(1, 12)).filter(lambda q: q <= 1)


@EXAMPLES
@given(
    partnership=partnerships(),
    profile=st.sampled_from(("1-4", "1-5")),
    quorum=quorums,
    data=st.data(),
)
def test_a_round_is_counted_as_the_model_says(
    partnership: Partnership, profile: str, quorum: Fraction, data: st.DataObject
) -> None:
    names = [p.name for p in partnership.people]
    responders = data.draw(st.lists(st.sampled_from(names), unique=True))
    responses = {name: data.draw(st.integers(1, 6)) for name in responders}
    voters, members = partnership.bot_view()
    round_ = make_round(voters, members, profile=profile, quorum=quorum)

    counted = tally(round_, [Stance(name, level) for name, level in responses.items()])
    expected = oracle.round_outcome(
        partnership.people, partnership.has_roster, profile, quorum, responses
    )

    assert counted.outcome.value == expected.outcome
    assert counted.eligible == expected.seats
    assert counted.quorum_needed == expected.quorum_needed
    assert {s.voter: s.level for s in counted.stances} == expected.counted
    assert {s.voter for s in counted.advisory} == expected.shown_not_counted
    assert sum(counted.distribution.values()) == len(expected.counted)
    sectors = {
        s.sector: (s.seats, tuple(sorted(s.counted)), tuple(sorted(s.advisory)))
        for s in counted.sectors
    }
    assert sectors == expected.sectors


@EXAMPLES
@given(
    partnership=partnerships(),
    quorum=quorums,
    threshold=st.builds(Fraction, st.integers(1, 12), st.integers(1, 12)).filter(
        lambda t: Fraction(1, 2) < t <= 1
    ),
    weights=st.dictionaries(st.sampled_from(SECTORS), st.integers(1, 5), max_size=3),
    protect=st.booleans(),
    affected=st.sampled_from(("", *SECTORS)),
    data=st.data(),
)
def test_a_recorded_vote_is_counted_as_the_model_says(
    partnership: Partnership,
    quorum: Fraction,
    threshold: Fraction,
    weights: dict[str, int],
    protect: bool,
    affected: str,
    data: st.DataObject,
) -> None:
    names = [p.name for p in partnership.people]
    voters, members = partnership.bot_view()
    rules = VoteRules(threshold, tuple(sorted(weights.items())), protect)
    vote = make_vote(voters, members, rules, affected, quorum)
    may_vote = oracle.may_vote(partnership.people, partnership.has_roster)

    wanted = data.draw(st.lists(st.sampled_from(names), unique=True))
    ballots: list[Ballot] = []
    for name in wanted:
        choice = data.draw(st.sampled_from(Choice))
        try:
            ballots.append(check_ballot(vote, name, choice, NOW))
        except NotAllowed:
            assert name not in may_vote
        else:
            assert name in may_vote

    count = count_vote(vote, ballots)
    expected = oracle.vote_result(
        partnership.people,
        partnership.has_roster,
        quorum,
        threshold,
        weights,
        affected if protect else "",
        {b.voter: b.choice.value for b in ballots},
    )

    assert count.result.value == expected.outcome
    assert count.seats == expected.seats
    assert count.quorum_needed == expected.quorum_needed
    assert {b.voter: b.choice.value for b in count.counted} == expected.counted
    assert {b.voter for b in count.not_counted} == expected.shown_not_counted
    assert count.for_weight == expected.sectors["for"][0]
    assert count.against_weight == expected.sectors["against"][0]
