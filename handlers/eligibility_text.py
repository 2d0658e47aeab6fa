"""What a person reads when someone they named cannot take part (bot.domain.eligibility).

One place for the reasons and what to do instead, for refusals (start's `--voters`, the
roster) and for the chair's notes after a start (people left out, voters outside).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.eligibility import Ineligible, NotEligible, Where, Why
from handlers.grammar.subcommands import COMMAND

INCLUDE_OUTSIDE = "--include-outside"

REASONS: dict[Why, str] = {
    Why.BOT: "is a bot or an app, not a person",
    Why.DEACTIVATED: "has a deactivated Slack account",
    Why.UNKNOWN: "is not an account of this workspace",
    Why.OUTSIDE_CHANNEL: "is not in this channel",
}


def person(user: str, why: Why) -> str:
    # An id Slack does not know would render as a broken mention: show it as code.
    return f"`{user}`" if why is Why.UNKNOWN else f"<@{user}>"


def listed(people: Sequence[Ineligible]) -> str:
    return "; ".join(f"{person(p.user, p.why)} {REASONS[p.why]}" for p in people)


def refusal(error: NotEligible) -> str:
    """Why nothing was done, who, and what to do instead (mrkdwn)."""
    people = error.people
    if error.where is Where.ROSTER:
        return (
            f":warning: {listed(people)}. Only people with an active Slack account can be on "
            "the roster; nothing was changed. Check the mention (or the member id) and try again."
        )
    steps = ["Leave them out of `--voters`"]
    if any(p.why is Why.OUTSIDE_CHANNEL for p in people):
        steps.append(
            "invite them to the channel (`/invite @name`), or add `"
            f"{INCLUDE_OUTSIDE}` to `{COMMAND} start` to include them anyway (they will not "
            "see the round's thread or outcome)"
        )
    return (
        f":warning: No round was opened: {listed(people)}. "
        + ", or ".join(steps)
        + f", and run `{COMMAND} start` again."
    )


def left_out_note(people: Sequence[Ineligible]) -> str:
    """After a start with the channel's members as voters: who was not asked, and why."""
    if not people:
        return ""
    return (
        f" Not asked: {listed(people)}. To ask someone anyway, name the voters with "
        "`--voters @a @b`."
    )


def outside_warning(users: Sequence[str]) -> str:
    """After a start that includes named voters outside the channel on purpose."""
    if not users:
        return ""
    who = ", ".join(f"<@{u}>" for u in users)
    verb = "is" if len(users) == 1 else "are"
    return (
        f" :warning: {who} {verb} not in this channel: they are asked to respond and counted, "
        "but cannot see the round's thread or its outcome. Invite them with `/invite @name` "
        "so they can."
    )
