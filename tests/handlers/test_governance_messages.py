"""The Slack words for governance (issue 12): the catalog's templates read exactly as the
core's sentences did, and a revision's stored marks render as the headings people know."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest

from bot.domain.errors import (
    Conflict,
    ConsensusError,
    InvalidInput,
    NotFound,
    Param,
    Person,
    Problem,
    Typed,
)
from bot.domain.recorded_vote import VoteRules
from bot.domain.roster import Representation
from bot.domain.round import Round
from bot.partnership_settings import REPRESENTATION, VOTE_THRESHOLD
from bot.usecases.recorded_votes import VoteCallProblem
from bot.usecases.revisions import ADOPTED_HEADING as ADOPTED_MARK
from bot.usecases.revisions import ANSWERS_HEADING as ANSWERS_MARK
from bot.usecases.revisions import RevisionProblem
from bot.usecases.roster import Configured, RosterChangeProblem, RosterFileProblem
from handlers import messages
from handlers.views import revision as revision_view
from handlers.views import roster as roster_view

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
COLUMNS = "slack_user_id,organisation,sector,tier,role"

WORDS: list[tuple[Problem, dict[str, Param], str]] = [
    (
        RosterFileProblem.EMPTY,
        {"columns": COLUMNS},
        f"The roster file is empty. Its header is: {COLUMNS}",
    ),
    (
        RosterFileProblem.BAD_HEADER,
        {"line": 1, "columns": COLUMNS, "found": Typed("a<b")},
        f"Line 1: the header must be exactly `{COLUMNS}`, not `a&lt;b`.",
    ),
    (
        RosterFileProblem.TOO_MANY_ROWS,
        {"limit": 2000},
        "The file has more than 2000 people; split it.",
    ),
    (
        RosterFileProblem.WRONG_COLUMN_COUNT,
        {"line": 4, "expected": 5, "columns": COLUMNS, "found": 3},
        f"Line 4: expected 5 columns ({COLUMNS}), found 3.",
    ),
    (
        RosterFileProblem.NOT_A_USER_ID,
        {"line": 4, "found": Typed("ana & co")},
        "Line 4: `ana &amp; co` is not a Slack user id (like U012AB3CD; in Slack open the "
        "profile, ⋮ → Copy member ID).",
    ),
    (
        RosterChangeProblem.NOT_LISTED,
        {"person": Person("U0ANA")},
        "<@U0ANA> is not on the roster. `/consensus roster` shows it.",
    ),
    (
        RevisionProblem.NOTHING_TO_REVISE,
        {},
        "No round here has ended without consensus. Name one (`#12`); `/consensus log` lists "
        "recent decisions.",
    ),
    (
        RevisionProblem.STILL_OPEN,
        {"round": 7},
        "Round #7 is still open. Let it close (or `/consensus close #7`); a revision follows a "
        "round without consensus.",
    ),
    (RevisionProblem.CANCELLED, {"round": 7}, "Round #7 was cancelled; start a new round instead."),
    (
        RevisionProblem.REACHED_CONSENSUS,
        {"round": 7},
        "Round #7 reached consensus; there is nothing to revise.",
    ),
    (
        RevisionProblem.ALREADY_REVISED,
        {"round": 7, "revision": 9},
        "Round #7 was already revised as #9; revise #9 instead.",
    ),
    (
        RevisionProblem.ALTERNATIVE_GONE,
        {},
        "That alternative is no longer on the round; pick again.",
    ),
    (
        RevisionProblem.TOO_LONG,
        {"length": 2600, "limit": 2500},
        "The details and answers come to 2600 characters; keep them under 2500 (link to a "
        "document for the rest).",
    ),
    (
        VoteCallProblem.ALREADY_CALLED,
        {"vote": 3, "result": "Carried", "round": 7},
        "This decision already has recorded vote 3 (Carried). See `/consensus log #7`.",
    ),
    (
        VoteCallProblem.ALREADY_OPEN,
        {"vote": 3, "round": 7},
        "This decision already has recorded vote 3 (open). See `/consensus log #7`.",
    ),
    (
        VoteCallProblem.SECTOR_NOT_PROTECTED,
        {},
        "`--sector` marks an issue as mainly one sector's, which matters only if the "
        "partnership protects sectors: `/consensus config vote protect on`. Or call the vote "
        "without `--sector`.",
    ),
    (
        VoteCallProblem.NOT_CHAIR,
        {"chair": Person("U0CHAIR"), "vote": 3},
        "Only the chair (<@U0CHAIR>) can close recorded vote 3.",
    ),
    (VoteCallProblem.NO_SUCH_VOTE, {"vote": 3}, "There is no recorded vote 3."),
]


@pytest.mark.parametrize(("problem", "params", "words"), WORDS, ids=lambda v: str(v)[:40])
def test_governance_problems_read_as_the_core_used_to_write_them(
    problem: Problem, params: dict[str, Param], words: str
) -> None:
    assert messages.render(ConsensusError(problem, **params)) == words


def test_every_governance_problem_has_its_words_checked_here() -> None:
    kinds = (RosterFileProblem, RosterChangeProblem, RevisionProblem, VoteCallProblem)
    checked = {problem for problem, _, _ in WORDS}
    expected = {p for kind in kinds for p in kind} - {
        RosterFileProblem.BAD_LINE,
        RosterFileProblem.NOT_IMPORTED,
    }
    assert expected <= checked


def test_a_bad_roster_line_wraps_its_cause_in_slack_and_in_a_terminal() -> None:
    cause = InvalidInput(RevisionProblem.ALTERNATIVE_GONE)
    line = InvalidInput(RosterFileProblem.BAD_LINE, line=3, cause=cause)
    refused = InvalidInput(RosterFileProblem.NOT_IMPORTED, cause=cause)
    assert messages.render(line) == f"Line 3: {messages.render(cause)}"
    assert (
        messages.render_plain(refused)
        == f"The file was not imported: {messages.render_plain(cause)}"
    )


def test_a_mention_of_the_chair_reads_as_a_handle_in_a_terminal() -> None:
    error = Conflict(VoteCallProblem.NOT_CHAIR, chair=Person("U0CHAIR"), vote=3)
    assert messages.render_plain(error) == "Only the chair (@U0CHAIR) can close recorded vote 3."
    assert messages.render_plain(NotFound(VoteCallProblem.NO_SUCH_VOTE, vote=3)) == (
        "There is no recorded vote 3."
    )


# ----------------------------------------------------------------------------- settings
def test_a_setting_is_confirmed_in_the_front_ends_words() -> None:
    rules = VoteRules(Fraction(3, 4))
    assert roster_view.configured_text(Configured(VOTE_THRESHOLD, rules)).startswith(
        "Recorded votes now: passes with 3/4 of votes cast"
    )
    speaker = Configured(REPRESENTATION, rules, Representation.ORGANISATION)
    assert roster_view.configured_text(speaker) == (
        "A speaker now speaks for their organisation. Rounds opened from now on use this."
    )


# ----------------------------------------------------------------------------- revision marks
def _revision(details: str) -> Round:
    return Round(
        id=8,
        workspace="T0",
        channel="C0PART",
        chair="U0CHAIR",
        title="Revised",
        details=details,
        voters=("U0CHAIR", "U0BEN"),
        profile_key="1-4",
        quorum=Fraction(2, 3),
        opened_at=NOW,
        closes_at=NOW + timedelta(days=3),
        parent_id=7,
        revision=2,
    )


STORED = "\n\n".join(
    ["Beds < 10", ADOPTED_MARK.format(voter="U0BEN") + "Pilot first", ANSWERS_MARK + "Page 2"]
)
WRITTEN = (
    "Beds < 10\n\n*Adopts the alternative offered by <@U0BEN>:* Pilot first\n\n"
    "*Answers to the information requests:* Page 2"
)


def test_a_revisions_marks_render_as_headings_with_the_authors_mention() -> None:
    assert revision_view.proposal_details(_revision(STORED)) == WRITTEN.replace(
        "Beds <", "Beds &lt;"
    )


def test_an_adopted_alternatives_author_outside_the_round_is_named_but_not_mentioned() -> None:
    shown = revision_view.proposal_details(_revision(ADOPTED_MARK.format(voter="U0OUT") + "x"))
    assert shown == "*Adopts the alternative offered by &lt;@U0OUT&gt;:* x"


def test_the_revise_form_shows_the_headings_and_takes_them_back_as_marks() -> None:
    assert revision_view.details_as_written(_revision(STORED)) == WRITTEN
    assert revision_view.details_as_marked(WRITTEN) == STORED


def test_marks_typed_into_a_first_round_are_shown_as_typed() -> None:
    first = replace(_revision(ADOPTED_MARK.format(voter="U0BEN") + "x"), parent_id=None)
    assert revision_view.proposal_details(first) == "[[adopted:U0BEN]] x"
