"""A revision: the chair's revise form and button, and a revised proposal's details.

The core stores marks where the front end shows headings.

A revised proposal's details start sections with a mark (``bot.usecases.revisions``): the adopted
alternative, with its author's id, and the answers to the information requests. The round
message shows them as headings; the revise form shows the same headings and turns them back
into marks when submitted, so a revision of a revision reads as the one it revises.
"""

from __future__ import annotations

import re
from typing import Any

from bot.domain.round import Round
from bot.usecases.revisions import ADOPTED_HEADING as ADOPTED_MARK
from bot.usecases.revisions import ANSWERS_HEADING as ANSWERS_MARK
from bot.usecases.revisions import RevisionForm
from handlers import ids, messages
from handlers import mrkdwn as md
from handlers import slack_limits as limits
from handlers.block_kit import Block, button, plain, round_name, section, stance_lines
from handlers.block_kit import input_block as _input
from handlers.block_kit import modal as _modal
from handlers.block_kit import text_input as _text_input
from handlers.messages import revision as revision_words
from handlers.messages import round_message as round_words
from handlers.messages.outcome import outcome_name

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


def revise_button(round_: Round) -> dict[str, Any]:
    label = messages.label(round_words.REVISE_BUTTON)
    return button(label, ids.REVISE_ACTION, ids.pack(round_.id, round_.chair))


def revise_modal(form: RevisionForm, channel: str, language: str | None = None) -> dict[str, Any]:
    """The chair's revise form, in their ``language``."""
    round_ = form.round

    def label(template: str) -> str:
        return messages.label(template, language)

    intro = messages.say(
        revision_words.REVISE_INTRO,
        language,
        round=round_name(round_, language),
        outcome=label(outcome_name(round_.outcome)),
    )
    blocks: list[Block] = [section(intro)]
    if form.requests:
        requested = label(revision_words.INFORMATION_REQUESTED)
        blocks.append(section(f"{requested}\n{stance_lines(form.requests, 1500)}"))
    if form.alternatives:
        offered = label(revision_words.ALTERNATIVES_OFFERED)
        blocks.append(section(f"{offered}\n{stance_lines(form.alternatives, 1500)}"))
    blocks += [
        _input(
            ids.TITLE_BLOCK,
            label(revision_words.PROPOSAL),
            _text_input(round_.title, max_length=200),
        ),
        _input(
            ids.DETAILS_BLOCK,
            label(revision_words.DETAILS),
            _text_input(details_as_written(round_), multiline=True, max_length=2500),
            optional=True,
        ),
        _input(
            ids.ANSWERS_BLOCK,
            label(revision_words.ANSWERS),
            _text_input(multiline=True, max_length=2000),
            optional=not form.requests,
            hint=label(revision_words.ANSWERS_HINT),
        ),
    ]
    if form.alternatives:
        keep = {
            "text": plain(label(revision_words.KEEP), limits.OPTION_TEXT_MAX),
            "value": ids.KEEP_PROPOSAL,
        }
        options = [keep] + [
            {
                "text": plain(
                    messages.say(revision_words.ADOPT, language, alternative=s.reason),
                    limits.OPTION_TEXT_MAX,
                ),
                "value": s.voter,
            }
            for s in form.alternatives[: limits.SELECT_OPTIONS_MAX - 1]
        ]
        blocks.append(
            _input(
                ids.ADOPT_BLOCK,
                label(revision_words.ADOPT_LABEL),
                {"type": "static_select", "options": options, "initial_option": keep},
            )
        )
    blocks.append(
        _input(
            ids.DEADLINE_BLOCK,
            label(revision_words.DEADLINE),
            _text_input("3d", max_length=40),
            hint=label(revision_words.DEADLINE_HINT),
        )
    )
    return _modal(
        ids.REVISE_VIEW,
        label(revision_words.REVISE_TITLE),
        label(revision_words.REVISE_SUBMIT),
        blocks,
        {"round": round_.id, "channel": channel},
        language,
    )
