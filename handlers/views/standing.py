"""A person's standing in a round, and a round's counts, in words (the core decides both).

One source for these sentences: the confirmation after a click or a form, `/consensus
status` and the App Home tab all say the same thing about the same response. The words are
the catalog's (``handlers.messages.standing``), in the reader's ``language``.
"""

from __future__ import annotations

from bot.domain.progress import Progress
from bot.domain.roster import ResponseStanding, Standing
from bot.domain.round import Round
from handlers.messages import say, say_n
from handlers.messages import standing as words
from handlers.messages.roster import sector_label
from handlers.mrkdwn import literal


def group_name(round_: Round, group: str, language: str | None = None) -> str:
    """ "the Hospital sector" or "Lakeridge Health" for a seat's group key."""
    kind, _, name = group.partition(":")
    if kind == "sector":
        return say(words.GROUP_SECTOR, language, sector=say(sector_label(name), language))
    organisation = next(
        (m.organisation for m in round_.members if m.organisation.lower() == name), name
    )
    return literal(organisation, 80)


def standing_sentence(
    round_: Round, standing: ResponseStanding, *, given: bool = True, language: str | None = None
) -> str:
    """Whether the person's level counts, and why not: ``given`` False speaks of a level
    not given yet ("would count")."""
    group = group_name(round_, standing.group, language) if standing.group else ""
    instead = f"<@{standing.instead}>" if standing.instead else ""
    code = standing.code
    if code is Standing.BEHIND_SPEAKER:
        template = words.BEHIND_SPEAKER[(given, bool(standing.instead))]
    elif code in words.STANDING:
        template = words.STANDING[code][0 if given else 1]
    else:
        template = words.NOT_A_VOTER
    return say(template, language, group=group, instead=instead)


def advisory_note(round_: Round, standing: ResponseStanding, language: str | None = None) -> str:
    """The Home tab's short note beside a round whose level would not count ("" if it would)."""
    if standing.counts or not standing.may_respond:
        return ""
    group = group_name(round_, standing.group, language) if standing.group else ""
    why = say(
        words.ADVISORY_WHY.get(standing.code, words.ADVISORY_WHY_OTHER),
        language,
        group=group,
        instead=f"<@{standing.instead}>",
    )
    return say(words.ADVISORY_NOTE, language, why=why)


def responded_count(
    progress: Progress, *, closed: bool = False, language: str | None = None
) -> str:
    """ "3 of 5 have responded", or with a roster whose seats and people differ, "2 of 4 seats
    have responded (3 of 9 people)": the seats are what quorum and outcome count. ``closed``:
    in the past tense ("3 of 5 responded")."""
    if progress.people in (0, progress.eligible):
        template = words.RESPONDED_CLOSED if closed else words.RESPONDED
    else:
        template = words.RESPONDED_SEATS_CLOSED if closed else words.RESPONDED_SEATS
    return say_n(
        template,
        progress.seats_responded,
        language,
        total=progress.eligible,
        people_responded=progress.people_responded,
        people=progress.people,
    )
