"""A round's details as plain lines, with a revision's marks worded as headings.

The core marks the paragraphs of a revision's details (``bot.usecases.revisions``): the
adopted alternative, with its author's id, and the answers to the information requests.
Each paragraph is shown on one line, quoted as typed, after its heading.
"""

from __future__ import annotations

import re

from bot.domain.round import Round
from bot.usecases.revisions import ADOPTED_HEADING as ADOPTED_MARK
from bot.usecases.revisions import ANSWERS_HEADING as ANSWERS_MARK
from terminal import words

_MARK_BEFORE, _MARK_AFTER = ADOPTED_MARK.split("{voter}")
# A person as the terminal names them (terminal.grammar's speaker), between the mark's parts.
_ADOPTED = re.compile(f"^{re.escape(_MARK_BEFORE)}([A-Za-z0-9_.-]+){re.escape(_MARK_AFTER)}")
# The core separates a revision's paragraphs with a blank line.
_PARAGRAPHS = re.compile(r"\n\s*\n")


def details_lines(round_: Round) -> list[str]:
    """The details of a round, one line per paragraph ([] when there are none)."""
    if not round_.details.strip():
        return []
    if round_.parent_id is None:
        return [words.one_line(round_.details)]
    lines = []
    for paragraph in _PARAGRAPHS.split(round_.details):
        if not paragraph.strip():
            continue
        adopted = _ADOPTED.match(paragraph)
        if adopted is not None:
            text = paragraph[adopted.end() :]
            lines.append(words.ADOPTED.format(voter=adopted.group(1), text=words.one_line(text)))
        elif paragraph.startswith(ANSWERS_MARK):
            text = paragraph[len(ANSWERS_MARK) :]
            lines.append(words.ANSWERS.format(text=words.one_line(text)))
        else:
            lines.append(words.one_line(paragraph))
    return lines
