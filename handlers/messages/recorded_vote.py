"""Messages for recorded votes (``bot.domain.recorded_vote``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.domain.errors import Problem
from bot.domain.recorded_vote import Choice, VoteProblem, VoteRules
from handlers.messages.marker import N_
from handlers.messages.roster import sector_label

MESSAGES: dict[Problem, str] = {
    VoteProblem.ROUND_OPEN: N_(
        "Round #{round} is still open. A recorded vote comes only after a round without "
        "consensus: close it first (`{command} close #{round}`)."
    ),
    VoteProblem.ROUND_REACHED_CONSENSUS: N_(
        "Round #{round} reached consensus; the decision is made and needs no vote."
    ),
    VoteProblem.NO_IMPASSE: N_(
        'No round of this decision has ended with "No consensus" yet (round #{round}: {ended}). '
        "The partnership decides by consensus; a recorded vote is only for an impasse. "
        "Run a revision round first: `{command} revise #{round}`."
    ),
    VoteProblem.CLOSED: N_("Recorded vote {vote} has closed; its result is in the channel."),
    VoteProblem.NOT_VOTER: N_(
        "You cannot vote in recorded vote {vote}: you are not one of its voters. "
        "If that is wrong, ask the chair {chair}."
    ),
    VoteProblem.ADVISORY: N_(
        "You cannot vote in recorded vote {vote}: advisory partners give input in consensus "
        "rounds but do not vote. If that is wrong, ask the chair {chair}."
    ),
    VoteProblem.REPRESENTED: N_(
        "You cannot vote in recorded vote {vote}: your group's speaker (or an alternate) casts "
        "its vote. If that is wrong, ask the chair {chair}."
    ),
    VoteProblem.BAD_WEIGHT: N_(
        "`{text}` is not a sector weight. Write `sector=number` (1 to {limit}), e.g. "
        "`{command} config vote weights hospital=1 primary-care=2`, "
        "or `weights none` for equal weights."
    ),
    VoteProblem.NO_ROSTER_FOR_SECTOR: N_(
        "This decision's rounds had no roster, so no sector can be protected. Call the "
        "vote without `--sector`."
    ),
    VoteProblem.NOT_A_SECTOR_HERE: N_(
        "`{sector}` is not a sector on this decision's roster. Its sectors: {known}."
    ),
    VoteProblem.NOT_A_SECTOR_HERE_NEAR: N_(
        "`{sector}` is not a sector on this decision's roster. Did you mean {near}? "
        "Its sectors: {known}."
    ),
    VoteProblem.NOT_CHAIR_CANCEL: N_(
        "Only the chair who called recorded vote {vote} can cancel it."
    ),
    VoteProblem.ALREADY_CANCELLED: N_("Recorded vote {vote} was already cancelled."),
    VoteProblem.DEADLINE_PASSED: N_(
        "Recorded vote {vote} has reached its deadline; its result stands and is being "
        "posted, so it cannot be cancelled."
    ),
    VoteProblem.RESULT_STANDS: N_(
        "Recorded vote {vote} has closed with a result ({result}); a result "
        "stands and cannot be cancelled."
    ),
    VoteProblem.NO_CANCEL_REASON: N_("Give the reason for the record with `--reason`."),
    VoteProblem.CANCEL_REASON_TOO_LONG: N_("Keep the reason under {limit} characters."),
    VoteProblem.CANCELLED: N_(
        "Recorded vote {vote} was cancelled by the chair; it takes no votes."
    ),
}

# The ballot's choices as buttons and lists show them.
CHOICE_LABELS: Mapping[Choice, str] = {
    Choice.FOR: N_("For"),
    Choice.AGAINST: N_("Against"),
    Choice.ABSTAIN: N_("Abstain"),
}


# What the partnership agreed about recorded votes, as one clause built from these parts.
RULES_THRESHOLD = N_("passes with {share} of votes cast (abstentions not cast)")
RULES_WEIGHTS = N_("; sector weights {weights}")
RULES_WEIGHT = N_("{sector} ×{weight}")
RULES_PROTECTION = N_("; a sector cannot be out-voted on an issue marked as mainly its own")


def describe_rules(rules: VoteRules, translate: Callable[[str], str] = lambda t: t) -> str:
    """What the partnership agreed about recorded votes, in one clause (mrkdwn-safe);
    ``translate`` gives each part in the reader's language (the catalog's English without)."""
    share = f"{rules.threshold.numerator}/{rules.threshold.denominator}"
    text = translate(RULES_THRESHOLD).format(share=share)
    if rules.weights:
        weights = ", ".join(
            translate(RULES_WEIGHT).format(sector=translate(sector_label(s)), weight=w)
            for s, w in rules.weights
        )
        text += translate(RULES_WEIGHTS).format(weights=weights)
    if rules.protect_sector:
        text += translate(RULES_PROTECTION)
    return text


# What a voter and the chair read privately about a recorded vote.
BALLOT_RECORDED = N_(
    ":ballot_box_with_ballot: Recorded your vote in recorded vote {vote}: *{choice}*. You can "
    "change it until the vote closes."
)
BALLOT_CHANGED = N_(
    ":ballot_box_with_ballot: Recorded your vote in recorded vote {vote}: *{choice}* (was "
    "{previous}). You can change it until the vote closes."
)
VOTE_CLOSED = N_("Closed: recorded vote {vote} — *{result}*.")
VOTE_ALREADY_CLOSED = N_("Already closed: recorded vote {vote} — *{result}*.")
VOTE_CALLED = N_(
    ":ballot_box_with_ballot: Recorded vote {vote} on proposal #{round} is open until "
    "{closes}. Close it from its message or with `{command} vote close {vote}`."
)
VOTE_WAS_CLOSED = N_("Recorded vote {vote} was already closed: {result}.")
VOTE_CLOSED_NOW = N_("Closed recorded vote {vote}: *{result}*. The result is being posted.")
VOTE_CANCELLED = N_(
    "Cancelled recorded vote {vote}; the reason is in the decision record and the channel is "
    "being told. You may call a recorded vote on #{round} again."
)

# The recorded vote's posts in the channel (in the partnership's language).
VOTE_TITLE = N_("Recorded vote {vote}: {title}")
VOTE_CALLED_INTRO = N_(
    "After an impasse on proposal #{round}, the chair {chair} calls a recorded vote. Every "
    "name is recorded. {rules}"
)
RULES_LINE = N_("{rules}.")
RULES_LINE_SECTOR = N_("{rules}. Marked as mainly a *{sector}* issue.")
SEATS_VOTED = N_("*{voted} of {seats} seats have voted*")
SEATS_VOTED_WHO = N_("*{voted} of {seats} seats have voted*: {people}")
VOTE_CLOSES = N_(":alarm_clock: Closes {closes}\n{progress}")
CLOSE_VOTE = N_("Close vote")
CLOSE_VOTE_TITLE = N_("Close this vote?")
CLOSE_VOTE_TEXT = N_("The result is recorded and posted now.")
CLOSE_VOTE_YES = N_("Close and post")
VOTE_CANCELLED_LINE = N_("*Cancelled by the chair* · {progress}. Nothing was decided.")
VOTE_CLOSED_LINE = N_("*Closed* · {result} · {progress}. The result is below.")
VOTE_CANCELLED_POST = N_(
    ":no_entry_sign: Recorded vote {vote} on proposal #{round} was cancelled by {person}: "
    "{reason}. Its ballots are not counted and nothing was decided; the cancellation is in "
    "the decision record, and the chair may call a recorded vote again."
)
RESULT_TITLE = N_("{result}: {title}")
RESULT_LINE = N_(
    "{emoji} *{result}* — recorded vote {vote} on proposal #{round}.\nFor {for_weight} · "
    "Against {against_weight} · For share {share} (needs {threshold} of votes cast) · "
    "{voted} of {seats} seats voted (quorum {quorum})"
)
NO_VOTES_CAST = N_("no votes cast")
CHOICE_LINE = N_("*{choice}*: {people}")
PERSON_SECTOR = N_("{person} ({sector})")
BY_SECTOR = N_("*By sector*")
SECTOR_TALLY = N_("• {sector} (×{weight}): for {for_}, against {against}, abstain {abstain}")
ALL_VOTERS = N_("Voters")
NOT_COUNTED = N_("Not counted (a speaker or earlier alternate voted): {ballots}")
DID_NOT_VOTE = N_("Did not vote: {people}")
PROTECTED = N_(
    "The {sector} sector, whose issue this mainly is, voted against; under the partnership's "
    "rules it cannot be out-voted."
)
RESULT_FALLBACK = N_("{result}: recorded vote {vote} on {title}")
