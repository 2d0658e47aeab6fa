"""What a person reads when someone they named cannot take part (bot.domain.eligibility).

One place for the reasons and what to do instead, for refusals (start's `--voters`, the
roster) and for the chair's notes after a start (people left out, voters outside); the
words are the catalog's (``handlers.messages.eligibility``), in the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.eligibility import Ineligible, NotEligible, Where, Why
from handlers.messages import eligibility as words
from handlers.messages import say, say_n

INCLUDE_OUTSIDE = "--include-outside"


def person(user: str, why: Why) -> str:
    # An id Slack does not know would render as a broken mention: show it as code.
    return f"`{user}`" if why is Why.UNKNOWN else f"<@{user}>"


def listed(people: Sequence[Ineligible], language: str | None = None) -> str:
    return words.REASON_SEPARATOR.join(
        say(words.PERSON_REASONS[p.why], language, person=person(p.user, p.why)) for p in people
    )


def refusal(error: NotEligible, language: str | None = None) -> str:
    """Why nothing was done, who, and what to do instead (mrkdwn)."""
    people = error.people
    if error.where is Where.ROSTER:
        template = words.ROSTER_REFUSAL
    elif any(p.why is Why.OUTSIDE_CHANNEL for p in people):
        template = words.START_REFUSAL_OUTSIDE
    else:
        template = words.START_REFUSAL
    return say(template, language, people=listed(people, language), include_outside=INCLUDE_OUTSIDE)


def left_out_note(people: Sequence[Ineligible], language: str | None = None) -> str:
    """After a start with the channel's members as voters: who was not asked, and why."""
    if not people:
        return ""
    return say(words.LEFT_OUT, language, people=listed(people, language))


def outside_warning(users: Sequence[str], language: str | None = None) -> str:
    """After a start that includes named voters outside the channel on purpose."""
    if not users:
        return ""
    who = ", ".join(f"<@{u}>" for u in users)
    return say_n(words.OUTSIDE_WARNING, len(users), language, people=who)
