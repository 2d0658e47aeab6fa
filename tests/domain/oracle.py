"""A second, deliberately plain reading of the decision rules, written from the model.

It does not import or imitate the bot's domain code: it reads people, levels and ballots as
plain strings and numbers, and applies the rule text below one sentence at a time. The
property tests in test_oracle.py compare it with the bot on generated partnerships.

The rules implemented, quoted:

Consensus (the partnership agreement template, section 4, and CONSENSUS_MODEL.md):
  * profile "1-4": "If everyone is at level #4 or above (3, 2, or 1), then by definition,
    consensus has been reached." A 5 means "not yet", a 6 means no consensus.
  * profile "1-5": "Levels 1 through 5 all constitute consensus. Only Level 6 lacks
    consensus."
  * "Non-response is not agreement. A round needs a quorum of its eligible voters
    (configurable); below it the outcome is 'No quorum', whatever the levels say."
    Silence is never agreement, so a round in which nobody counted has responded has no
    quorum, whatever the quorum setting.

Partners and representation (CONSENSUS_MODEL.md, template section 3, docs/GOVERNANCE.md):
  * "Anchor/Lead partners decide (voting); Associate/Affiliate partners give input
    (advisory: their levels are shown, not counted for consensus/quorum);
    Supporters/Observers receive information (no vote)."
  * "Once a roster exists, channel members who are not on it observe." "Without a roster,
    everyone in the channel states a level and every level counts, one person one voice."
  * "A sector with a speaker holds one seat. The speaker's level counts. If the speaker has
    not responded, the first alternate who has responded counts instead. Everyone else
    from that sector who responds is shown as advisory input for that round. A sector
    without a speaker gives each voting person a seat of their own ... Quorum is counted
    in seats." "Alternates rank in the order you add them."
  * "The outcome lists every sector: how many of its seats were counted, at what levels,
    and any advisory levels."

The recorded vote (CONSENSUS_MODEL.md, docs/GOVERNANCE.md):
  * "for / against / abstain, names recorded, threshold set by the partnership";
    "passing threshold (share of votes cast; abstentions are not cast)", 2/3 by default.
  * "The same speaker and alternate rule applies: the sector's speaker casts its vote, and
    an alternate votes when the speaker does not."
  * "Some governance models give a sector more weight in recorded votes, or forbid
    out-voting a partner on an issue that mainly affects its own sector." "With
    protection on, you can mark an issue as mainly one sector's own ... The motion then
    cannot carry if more of that sector's counted ballots are Against than For. The result
    reads Not carried: sector protection."
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Person:
    """Someone in the channel, and their roster line if they have one (sector None: none)."""

    name: str
    sector: str | None = None
    tier: str = "voting"  # voting | advisory | observer
    role: str = "member"  # speaker | alternate | member
    position: int = 0


@dataclass(frozen=True)
class Expected:
    outcome: str
    seats: int
    counted: dict[str, int | str]  # who counted -> level or choice
    shown_not_counted: frozenset[str]
    quorum_needed: int
    sectors: dict[str, tuple[int, tuple[int, ...], tuple[int, ...]]] = field(default_factory=dict)


def _seats(people: Sequence[Person], roster: bool) -> list[list[str]]:
    """Each seat as its holders in order of precedence."""
    if not roster:
        return [[p.name] for p in people]
    deciders = [p for p in people if p.sector is not None and p.tier == "voting"]
    seats: list[list[str]] = []
    done: set[str] = set()
    for person in deciders:
        sector = person.sector
        assert sector is not None
        spokespeople = [p for p in deciders if p.sector == sector and p.role != "member"]
        if not spokespeople:
            seats.append([person.name])  # a sector without a speaker: a seat each
        elif sector not in done:
            done.add(sector)
            speaker = [p.name for p in spokespeople if p.role == "speaker"]
            alternates = sorted(
                (p for p in spokespeople if p.role == "alternate"), key=lambda p: p.position
            )
            seats.append(speaker + [p.name for p in alternates])
    return seats


def _who_counts(seats: list[list[str]], answered: Mapping[str, object]) -> list[str]:
    counted = []
    for holders in seats:
        for holder in holders:
            if holder in answered:
                counted.append(holder)
                break
    return counted


def _may_answer(people: Sequence[Person], roster: bool) -> set[str]:
    if not roster:
        return {p.name for p in people}
    return {p.name for p in people if p.sector is not None and p.tier != "observer"}


def _quorum(counted: int, seats: int, quorum: Fraction) -> tuple[bool, int]:
    """(met, smallest number of counted responses that meets it)."""
    smallest = next(k for k in range(seats + 2) if k >= 1 and k >= quorum * seats)
    return counted >= 1 and counted >= quorum * seats, smallest


def round_outcome(
    people: Sequence[Person],
    roster: bool,
    profile: str,
    quorum: Fraction,
    responses: Mapping[str, int],
) -> Expected:
    """The outcome of a consensus round; ``responses`` maps a person to their level."""
    allowed = _may_answer(people, roster)
    answered = {name: level for name, level in responses.items() if name in allowed}
    seats = _seats(people, roster)
    counted = _who_counts(seats, answered)
    met, needed = _quorum(len(counted), len(seats), quorum)
    worst_acceptable = 4 if profile == "1-4" else 5
    if not met:
        outcome = "no_quorum"
    elif all(answered[name] <= worst_acceptable for name in counted):
        outcome = "consensus"
    else:
        outcome = "no_consensus"
    shown = frozenset(answered) - set(counted)
    sectors: dict[str, tuple[int, tuple[int, ...], tuple[int, ...]]] = {}
    if roster:
        sector_of = {p.name: p.sector or "" for p in people}
        for name in [h[0] for h in seats] + sorted(shown):
            sector = sector_of[name]
            sectors[sector] = (
                sum(1 for h in seats if sector_of[h[0]] == sector),
                tuple(sorted(answered[n] for n in counted if sector_of[n] == sector)),
                tuple(sorted(answered[n] for n in shown if sector_of[n] == sector)),
            )
    return Expected(
        outcome=outcome,
        seats=len(seats),
        counted={name: answered[name] for name in counted},
        shown_not_counted=shown,
        quorum_needed=needed,
        sectors=sectors,
    )


def may_vote(people: Sequence[Person], roster: bool) -> set[str]:
    """Who may cast a ballot: the holders of seats (speakers and their alternates)."""
    return {holder for seat in _seats(people, roster) for holder in seat}


def vote_result(
    people: Sequence[Person],
    roster: bool,
    quorum: Fraction,
    threshold: Fraction,
    weights: Mapping[str, int],
    protected_sector: str,
    ballots: Mapping[str, str],
) -> Expected:
    """The result of a recorded vote; ``ballots`` maps a person to for/against/abstain."""
    seats = _seats(people, roster)
    holders = may_vote(people, roster)
    cast = {name: choice for name, choice in ballots.items() if name in holders}
    counted = _who_counts(seats, cast)
    sector_of = {p.name: (p.sector or "") if roster else "" for p in people}

    def weight(name: str) -> int:
        return weights.get(sector_of[name], 1)

    in_favour = sum(weight(n) for n in counted if cast[n] == "for")
    opposed = sum(weight(n) for n in counted if cast[n] == "against")
    met, needed = _quorum(len(counted), len(seats), quorum)
    own_for = sum(1 for n in counted if sector_of[n] == protected_sector and cast[n] == "for")
    own_against = sum(
        1 for n in counted if sector_of[n] == protected_sector and cast[n] == "against"
    )
    if not met:
        result = "no_quorum"
    elif in_favour + opposed == 0 or in_favour < threshold * (in_favour + opposed):
        result = "not_carried"
    elif protected_sector and own_against > own_for:
        result = "not_carried_sector_protection"
    else:
        result = "carried"
    return Expected(
        outcome=result,
        seats=len(seats),
        counted={name: cast[name] for name in counted},
        shown_not_counted=frozenset(cast) - set(counted),
        quorum_needed=needed,
        sectors={"for": (in_favour, (), ()), "against": (opposed, (), ())},
    )
