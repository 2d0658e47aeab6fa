"""Messages for rounds: their rules (``bot.domain.round``) and their use-cases."""

from __future__ import annotations

from enum import Enum

from bot.deadline import DeadlineProblem
from bot.domain.errors import Problem
from bot.domain.round import ChairAction, RoundProblem
from handlers.messages import deadline
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    RoundProblem.NOT_CHAIR: N_(
        "Only the chair ({chair}) can {action} round #{round}. "
        "Ask them, or start your own round with `{command} start`."
    ),
    RoundProblem.CANCELLED: N_("Round #{round} was cancelled, so it takes no more changes."),
    RoundProblem.CLOSED: N_(
        "Round #{round} has closed. See its outcome in the channel, "
        "or ask the chair to start a revision round."
    ),
    RoundProblem.DEADLINE_NOT_LATER: N_(
        "The new deadline must be later than the current one. Try `{command} extend 1d`."
    ),
    RoundProblem.DEADLINE_PAST: N_(
        "That deadline is in the past. Give a duration such as `--deadline 3d` "
        "or a future date such as `--deadline 2026-12-01T17:00`."
    ),
    RoundProblem.TOO_SHORT: N_("A round needs at least {seconds} seconds. Try `--deadline 1h`."),
    # The same limit as a deadline typed too far ahead, in the same words.
    RoundProblem.TOO_LONG: deadline.MESSAGES[DeadlineProblem.TOO_LONG],
    RoundProblem.OBSERVER: N_(
        "You observe round #{round}: the partnership roster does not give you a level in it. "
        "If you should have one, ask the chair {chair} to add you with "
        "`{command} roster set @you &lt;organisation&gt; &lt;sector&gt; voting`."
    ),
    RoundProblem.NOT_VOTER: N_(
        "You are not one of the voters in round #{round}, so your level would not count. "
        "If you should be, ask the chair {chair}."
    ),
    RoundProblem.NEEDS_ANSWER: N_("Level {level} needs an answer: {prompt}"),
    RoundProblem.REASON_TOO_LONG: N_("Please keep it under {limit} characters."),
    RoundProblem.NO_TITLE: N_("Give the proposal a title, e.g. `{command} start Adopt the form`."),
    RoundProblem.NO_VOTERS: N_(
        "Nobody could vote: the channel has no members besides bots. Invite the partners "
        "or name them with `--voters @ana @ben`."
    ),
    RoundProblem.TOO_MANY_VOTERS: N_(
        "A round can have at most {limit} voters, and this channel has {count} people. "
        "Name the voters with `--voters @ana @ben`, or set up the partnership's roster "
        "(`{command} roster`)."
    ),
    RoundProblem.START_BUSY: N_(
        "This proposal is being started at this moment; try again shortly."
    ),
    RoundProblem.NO_LEVEL_YET: N_("Pick a level first; then you can add a reservation to it."),
    RoundProblem.NOT_POSTED_YET: N_("Round #{round}'s message is not posted yet."),
    RoundProblem.EXPLANATION_PENDING: N_(
        "An explanation in round #{round}'s thread is still being posted."
    ),
    RoundProblem.CANCELLED_NO_OUTCOME: N_(
        "Round #{round} was cancelled; there is no outcome to post."
    ),
    # One text for a number never used and a round the person may not see (bot.usecases.context.no_such_round).
    RoundProblem.NOT_FOUND: N_(
        "There is no round #{round}. `{command} list` shows the open ones, "
        "`{command} log` recent decisions."
    ),
    RoundProblem.NONE_OPEN: N_(
        "There is no open round in this channel. Name one (`#12`) or start one with "
        "`{command} start &lt;proposal&gt;`."
    ),
    RoundProblem.NONE_CLOSED: N_(
        "No round in this channel has closed yet. Name one (`#12`); "
        "`{command} log` lists recent decisions."
    ),
}

# What only the chair may do, as it reads after "Only the chair can …".
LABELS: dict[Enum, str] = {
    ChairAction.CLOSE: N_("close"),
    ChairAction.CANCEL: N_("cancel"),
    ChairAction.EXTEND: N_("extend"),
    ChairAction.REMIND: N_("send reminders for"),
    ChairAction.ESCALATE: N_("escalate"),
    ChairAction.REVISE: N_("revise"),
    ChairAction.CALL_VOTE: N_("call a recorded vote on"),
}
