"""The words for a person's standing in a round and a round's counts (``handlers.views.standing``).

Each sentence is whole, in two tenses where the level may not be given yet ("counts" and
"would count"), so a translation never assembles a verb from pieces. ``{group}`` is a
sector's or organisation's name as ``GROUP_SECTOR`` words it.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.roster import Standing
from handlers.messages.marker import N_, Np_

GROUP_SECTOR = N_("the {sector} sector")

# (a level given, a level not given yet), by the core's standing code.
STANDING: Mapping[Standing, tuple[str, str]] = {
    Standing.OWN_SEAT: (
        N_("Your level counts toward the outcome."),
        N_("Your level would count toward the outcome."),
    ),
    Standing.SPEAKER: (
        N_("Your level counts for {group}: you are its speaker."),
        N_("Your level would count for {group}: you are its speaker."),
    ),
    Standing.ALTERNATE: (
        N_(
            "Your level counts for {group} while its speaker has not responded; if the "
            "speaker or a higher-ranked alternate responds, theirs counts instead."
        ),
        N_(
            "Your level would count for {group} while its speaker has not responded; if the "
            "speaker or a higher-ranked alternate responds, theirs counts instead."
        ),
    ),
    Standing.ADVISORY_TIER: (
        N_(
            "Your level is advisory: shown with the outcome, not counted, because the "
            "roster lists you as an advisory (associate) partner."
        ),
        N_(
            "Your level would be advisory: shown with the outcome, not counted, because the "
            "roster lists you as an advisory (associate) partner."
        ),
    ),
    Standing.OUTRANKED: (
        N_(
            "Your level is advisory: shown with the outcome, not counted, because "
            "{instead} ranks before you for {group} and has responded, so their level "
            "counts for it."
        ),
        N_(
            "Your level would be advisory: shown with the outcome, not counted, because "
            "{instead} ranks before you for {group} and has responded, so their level "
            "counts for it."
        ),
    ),
    Standing.OBSERVER: (
        N_(
            "You observe this round: the partnership roster gives you no level in it, so "
            "nothing you choose is recorded."
        ),
    )
    * 2,
}
# Behind a speaker: whether someone of the group has responded ({instead}) or nobody yet.
BEHIND_SPEAKER: Mapping[tuple[bool, bool], str] = {
    (True, True): N_(
        "Your level is advisory: shown with the outcome, not counted, because the speaker "
        "and alternates of {group} speak for it ({instead}'s level counts for it)."
    ),
    (True, False): N_(
        "Your level is advisory: shown with the outcome, not counted, because the speaker "
        "and alternates of {group} speak for it (none of them has responded yet)."
    ),
    (False, True): N_(
        "Your level would be advisory: shown with the outcome, not counted, because the "
        "speaker and alternates of {group} speak for it ({instead}'s level counts for it)."
    ),
    (False, False): N_(
        "Your level would be advisory: shown with the outcome, not counted, because the "
        "speaker and alternates of {group} speak for it (none of them has responded yet)."
    ),
}
NOT_A_VOTER = N_("You are not one of this round's voters, so nothing you choose is recorded.")

# The Home tab's note beside a round whose level would not count.
ADVISORY_NOTE = N_("your level would be advisory: {why}")
ADVISORY_WHY: Mapping[Standing, str] = {
    Standing.ADVISORY_TIER: N_("you are an advisory partner"),
    Standing.BEHIND_SPEAKER: N_("the speaker of {group} speaks for it"),
    Standing.OUTRANKED: N_("{instead} has responded for {group}"),
}
ADVISORY_WHY_OTHER = N_("not counted")

# How many have responded, while the round runs and once it closed; ``{count}`` is how many
# responded (English says "have" for any number, as the round message always has).
RESPONDED = Np_("{count} of {total} have responded", "{count} of {total} have responded")
RESPONDED_CLOSED = Np_("{count} of {total} responded", "{count} of {total} responded")
# With a roster whose seats and people differ: the seats are what quorum and outcome count.
RESPONDED_SEATS = Np_(
    "{count} of {total} seats have responded ({people_responded} of {people} people)",
    "{count} of {total} seats have responded ({people_responded} of {people} people)",
)
RESPONDED_SEATS_CLOSED = Np_(
    "{count} of {total} seats responded ({people_responded} of {people} people)",
    "{count} of {total} seats responded ({people_responded} of {people} people)",
)
