"""Messages for revising a round that ended without consensus (``bot.usecases.revisions``)."""

from __future__ import annotations

from bot.domain.errors import Problem
from bot.usecases.revisions import RevisionProblem
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    RevisionProblem.NOTHING_TO_REVISE: N_(
        "No round here has ended without consensus. Name one (`#12`); `{command} log` "
        "lists recent decisions."
    ),
    RevisionProblem.STILL_OPEN: N_(
        "Round #{round} is still open. Let it close (or `{command} close #{round}`); "
        "a revision follows a round without consensus."
    ),
    RevisionProblem.CANCELLED: N_("Round #{round} was cancelled; start a new round instead."),
    RevisionProblem.REACHED_CONSENSUS: N_(
        "Round #{round} reached consensus; there is nothing to revise."
    ),
    RevisionProblem.ALREADY_REVISED: N_(
        "Round #{round} was already revised as #{revision}; revise #{revision} instead."
    ),
    RevisionProblem.ALTERNATIVE_GONE: N_("That alternative is no longer on the round; pick again."),
    RevisionProblem.TOO_LONG: N_(
        "The details and answers come to {length} characters; keep them under {limit} "
        "(link to a document for the rest)."
    ),
}

# What a revision's details show where the core marked the adopted alternative (with its
# author) and the answers to the information requests (``handlers.views.revision``). The
# revise form turns these headings back into the core's marks when submitted, so they are
# matched as written: shown in the catalog's English, not translated.
ADOPTED_HEADING = N_("*Adopts the alternative offered by <@{voter}>:* ")
ANSWERS_HEADING = N_("*Answers to the information requests:* ")

# The revise form (the chair's).
REVISE_INTRO = N_(
    "Proposal {round} ended with *{outcome}*. The revision is a new round linked to it; "
    "everyone responds again."
)
INFORMATION_REQUESTED = N_(":mag: *Information requested*")
ALTERNATIVES_OFFERED = N_(":twisted_rightwards_arrows: *Alternatives offered*")
PROPOSAL = N_("Proposal")
DETAILS = N_("Details")
ANSWERS = N_("Answers to the information requests")
ANSWERS_HINT = N_("Shown with the revised proposal, so everyone reads them before responding.")
KEEP = N_("Keep the proposal as revised above")
ADOPT = N_("Adopt: {alternative}")
ADOPT_LABEL = N_("Adopt an alternative?")
DEADLINE = N_("Deadline")
DEADLINE_HINT = N_("A duration (3d, 36h) or a date and time in your zone (2026-12-01T17:00).")
REVISE_TITLE = N_("Revise the proposal")
REVISE_SUBMIT = N_("Start revision")
LOADING = N_("Loading the proposal…")
CANNOT_REVISE = N_("Cannot revise")
NO_TITLE = N_("Give the revised proposal a title.")
OUT_OF_DATE = N_("This form is out of date.")
REVISION_OPEN = N_(":repeat: Revision round {round} is open until {closes}. It links to #{parent}.")
