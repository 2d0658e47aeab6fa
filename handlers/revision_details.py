"""A revision's details: the core stores marks where the front end shows headings.

A revised proposal's details start sections with a mark (``bot.usecases.revisions``): the adopted
alternative, with its author's id, and the answers to the information requests. The round
message shows them as headings; the revise form shows the same headings and turns them back
into marks when submitted, so a revision of a revision reads as the one it revises.
"""

from __future__ import annotations

import re

from bot.domain.round import Round
from bot.usecases.revisions import ADOPTED_HEADING as ADOPTED_MARK
from bot.usecases.revisions import ANSWERS_HEADING as ANSWERS_MARK
from handlers import mrkdwn as md

# The headings shown where the core marked the adopted alternative (with its author) and the
# answers to the information requests (bot.usecases.revisions): the catalog's.
from handlers.messages.revision import ADOPTED_HEADING, ANSWERS_HEADING
from handlers.mrkdwn import literal

# The marks start a line. They hold no character that escaping changes, so the same patterns
# find them in the details as stored and as escaped.
_MARK_BEFORE, _MARK_AFTER = ADOPTED_MARK.split("{voter}")
_ADOPTED = re.compile(f"^{re.escape(_MARK_BEFORE)}([UW][A-Z0-9]+){re.escape(_MARK_AFTER)}", re.M)
_ANSWERS = re.compile(f"^{re.escape(ANSWERS_MARK)}", re.M)


def proposal_details(round_: Round) -> str:
    """A round's details as mrkdwn, shown as typed.

    In a revision, the heading before an adopted alternative mentions its author, but only
    someone who responds in the round: a mark typed into the text cannot ping anyone else.
    """
    shown = literal(round_.details)
    if round_.parent_id is None:
        return shown

    def adopted(match: re.Match[str]) -> str:
        voter = match.group(1)
        heading = ADOPTED_HEADING.format(voter=voter)
        if not round_.is_voter(voter) and round_.member(voter) is None:
            return md.escape(heading)
        return heading

    return _ANSWERS.sub(lambda _: ANSWERS_HEADING, _ADOPTED.sub(adopted, shown))


def details_as_written(round_: Round) -> str:
    """A round's details as plain text, headings in place of the marks (a form's prefill)."""
    if round_.parent_id is None:
        return round_.details
    text = _ADOPTED.sub(lambda match: ADOPTED_HEADING.format(voter=match.group(1)), round_.details)
    return _ANSWERS.sub(lambda _: ANSWERS_HEADING, text)


_WRITTEN_BEFORE, _WRITTEN_AFTER = ADOPTED_HEADING.split("{voter}")
_WRITTEN_ADOPTED = re.compile(
    f"^{re.escape(_WRITTEN_BEFORE)}([UW][A-Z0-9]+){re.escape(_WRITTEN_AFTER)}", re.M
)
_WRITTEN_ANSWERS = re.compile(f"^{re.escape(ANSWERS_HEADING)}", re.M)


def details_as_marked(text: str) -> str:
    """Details submitted from the revise form, the headings its prefill showed (see
    ``details_as_written``) turned back into the core's marks, so a revision of a revision
    reads as the one it revises."""
    text = _WRITTEN_ADOPTED.sub(lambda match: ADOPTED_MARK.format(voter=match.group(1)), text)
    return _WRITTEN_ANSWERS.sub(lambda _: ANSWERS_MARK, text)
