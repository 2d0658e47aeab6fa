"""Block Kit primitives shared by every builder (handlers.views).

Pure: text in, Slack JSON out, each text cut to the limit Slack sets for where it goes
(handlers.slack_limits). The builders import these; this module imports no builder, so
the round builders and the governance builders never import each other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from bot.domain.round import Round, Stance
from handlers import ids
from handlers import mrkdwn as md
from handlers import slack_limits as limits
from handlers.grammar.subcommands import COMMAND
from handlers.messages import label, say
from handlers.messages.block_words import (
    AND_MORE,
    CANCEL,
    DATE_AND_TIME,
    GO_BACK,
    NOBODY,
    REVISION_NAME,
)
from handlers.mrkdwn import literal

Block = dict[str, Any]
# A message's top-level text (the notification, and what shows where blocks cannot).
FALLBACK_TEXT_MAX = 3000


# ----------------------------------------------------------------------------- primitives
def cut(text: str, limit: int) -> str:
    """Shorten plain text to ``limit`` characters, ending with an ellipsis when cut.

    For mrkdwn use ``handlers.mrkdwn.cut``, which never cuts an escape or a mention in half.
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + md.ELLIPSIS


def plain(text: str, limit: int = limits.TEXT_OBJECT_MAX) -> dict[str, Any]:
    return {"type": "plain_text", "text": cut(text, limit) or " ", "emoji": True}


def mrkdwn(text: str, limit: int = limits.SECTION_TEXT_MAX) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": md.cut(text, limit) or " "}


def section(text: str, block_id: str | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if block_id:
        block["block_id"] = block_id
    return block


def context(*texts: str) -> Block:
    return {
        "type": "context",
        "elements": [mrkdwn(t) for t in texts[: limits.CONTEXT_ELEMENTS_MAX] if t],
    }


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, limits.HEADER_TEXT_MAX)}


def divider() -> Block:
    return {"type": "divider"}


def button(
    text: str,
    action_id: str,
    value: str,
    style: str | None = None,
    confirm: dict[str, Any] | None = None,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": plain(text, limits.BUTTON_TEXT_MAX),
        "action_id": action_id,
        "value": value,
    }
    if style:
        element["style"] = style
    if confirm:
        element["confirm"] = confirm
    return element


def confirm_dialog(title: str, text: str, yes: str) -> dict[str, Any]:
    return {
        "title": plain(title, limits.CONFIRM_TITLE_MAX),
        "text": mrkdwn(text, limits.CONFIRM_TEXT_MAX),
        "confirm": plain(yes, limits.CONFIRM_BUTTON_MAX),
        "deny": plain(label(GO_BACK), limits.CONFIRM_BUTTON_MAX),
    }


def when(moment: datetime, style: str = DATE_AND_TIME, language: str | None = None) -> str:
    """A date Slack renders in each reader's own time zone (UTC as the fallback text); the
    words around Slack's tokens in the reader's ``language``."""
    fallback = moment.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{label(style, language)}|{fallback}>"


def people(users: Iterable[str], limit: int = 1500) -> str:
    """Mentions, shortened with a count when the list is too long to show."""
    users = list(users)
    shown: list[str] = []
    length = 0
    for user in users:
        mention = f"<@{user}>"
        if length + len(mention) + 2 > limit:
            break
        shown.append(mention)
        length += len(mention) + 2
    text = ", ".join(shown)
    if len(shown) < len(users):
        text = say(AND_MORE, people=text, count=len(users) - len(shown))
    return text or label(NOBODY)


def round_name(round_: Round, language: str | None = None) -> str:
    """ "#12", or for a revision "#14 (revision 2)"."""
    if round_.revision > 1:
        return say(REVISION_NAME, language, id=round_.id, revision=round_.revision)
    return f"#{round_.id}"


def stance_lines(stances: Sequence[Stance], budget: int = 2800) -> str:
    lines: list[str] = []
    used = 0
    for i, stance in enumerate(stances):
        reason = f": {literal(stance.reason, 600)}" if stance.reason else ""
        line = f"• <@{stance.voter}>{reason}"
        if used + len(line) > budget:
            lines.append(f"…and {len(stances) - i} more (see `{COMMAND} status`)")
            break
        lines.append(line)
        used += len(line) + 1
    return "\n".join(lines)


# ----------------------------------------------------------------------------- modals
def input_block(
    block_id: str,
    label: str,
    element: dict[str, Any],
    *,
    optional: bool = False,
    hint: str = "",
) -> Block:
    element = {**element, "action_id": ids.input_action(block_id)}
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, limits.INPUT_LABEL_MAX),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, limits.INPUT_HINT_MAX)
    return block


def text_input(
    initial: str = "",
    *,
    multiline: bool = False,
    max_length: int = limits.PLAIN_TEXT_INPUT_MAX_LENGTH_MAX,
    placeholder: str = "",
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = cut(initial, max_length)  # Slack rejects a longer one
    if placeholder:
        element["placeholder"] = plain(placeholder, limits.PLACEHOLDER_MAX)
    return element


def modal(
    callback_id: str,
    title: str,
    submit: str,
    blocks: list[Block],
    metadata: dict[str, Any],
    language: str | None = None,
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, limits.MODAL_TITLE_MAX),
        "submit": plain(submit, limits.MODAL_SUBMIT_MAX),
        "close": plain(label(CANCEL, language), limits.MODAL_CLOSE_MAX),
        "private_metadata": json.dumps(metadata, separators=(",", ":")),
        "blocks": blocks,
    }
