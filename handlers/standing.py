"""A person's standing in a round, and a round's counts, in words (the core decides both).

One source for these sentences: the confirmation after a click or a form, `/consensus
status` and the App Home tab all say the same thing about the same response.
"""

from __future__ import annotations

from bot.domain.progress import Progress
from bot.domain.roster import ResponseStanding, Standing
from bot.domain.round import Round
from handlers.messages.roster import sector_label
from handlers.mrkdwn import literal


def group_name(round_: Round, group: str) -> str:
    """ "the Hospital sector" or "Lakeridge Health" for a seat's group key."""
    kind, _, name = group.partition(":")
    if kind == "sector":
        return f"the {sector_label(name)} sector"
    organisation = next(
        (m.organisation for m in round_.members if m.organisation.lower() == name), name
    )
    return literal(organisation, 80)


def standing_sentence(round_: Round, standing: ResponseStanding, *, given: bool = True) -> str:
    """Whether the person's level counts, and why not: ``given`` False speaks of a level
    not given yet ("would count")."""
    counts, is_ = ("counts", "is") if given else ("would count", "would be")
    group = group_name(round_, standing.group) if standing.group else ""
    code = standing.code
    if code is Standing.OWN_SEAT:
        return f"Your level {counts} toward the outcome."
    if code is Standing.SPEAKER:
        return f"Your level {counts} for {group}: you are its speaker."
    if code is Standing.ALTERNATE:
        return (
            f"Your level {counts} for {group} while its speaker has not responded; if the "
            "speaker or a higher-ranked alternate responds, theirs counts instead."
        )
    if code is Standing.ADVISORY_TIER:
        return (
            f"Your level {is_} advisory: shown with the outcome, not counted, because the "
            "roster lists you as an advisory (associate) partner."
        )
    if code is Standing.BEHIND_SPEAKER:
        who = (
            f"<@{standing.instead}>'s level counts for it"
            if standing.instead
            else "none of them has responded yet"
        )
        return (
            f"Your level {is_} advisory: shown with the outcome, not counted, because the "
            f"speaker and alternates of {group} speak for it ({who})."
        )
    if code is Standing.OUTRANKED:
        return (
            f"Your level {is_} advisory: shown with the outcome, not counted, because "
            f"<@{standing.instead}> ranks before you for {group} and has responded, so their "
            "level counts for it."
        )
    if code is Standing.OBSERVER:
        return (
            "You observe this round: the partnership roster gives you no level in it, so "
            "nothing you choose is recorded."
        )
    return "You are not one of this round's voters, so nothing you choose is recorded."


def advisory_note(round_: Round, standing: ResponseStanding) -> str:
    """The Home tab's short note beside a round whose level would not count ("" if it would)."""
    if standing.counts or not standing.may_respond:
        return ""
    reasons = {
        Standing.ADVISORY_TIER: "you are an advisory partner",
        Standing.BEHIND_SPEAKER: f"the speaker of {group_name(round_, standing.group)} speaks for it",
        Standing.OUTRANKED: f"<@{standing.instead}> has responded for "
        f"{group_name(round_, standing.group)}",
    }
    return f"your level would be advisory: {reasons.get(standing.code, 'not counted')}"


def responded_count(progress: Progress, verb: str = "have responded") -> str:
    """ "3 of 5 have responded", or with a roster whose seats and people differ, "2 of 4 seats
    have responded (3 of 9 people)": the seats are what quorum and outcome count."""
    if progress.people in (0, progress.eligible):
        return f"{progress.seats_responded} of {progress.eligible} {verb}"
    return (
        f"{progress.seats_responded} of {progress.eligible} seats {verb} "
        f"({progress.people_responded} of {progress.people} people)"
    )
