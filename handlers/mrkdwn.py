"""Slack mrkdwn at the boundary: text a person typed is shown exactly as typed.

In mrkdwn (``mrkdwn`` text objects and a message's top-level ``text``) Slack reads ``&``, ``<``
and ``>`` as markup: ``<!channel>`` notifies everyone, ``<url|label>`` hides a link's address,
``<!date^…>`` is a date token and other text between ``<`` and ``>`` disappears. ``escape`` is
the one function that makes typed text literal; every builder uses it (through ``literal``)
for titles, details, reasons, organisation names, resolutions and the like. Mentions the bot
writes itself (``<@U…>``, ``<#C…>``, dates) are composed around the escaped text and stay
markup. ``plain_text`` objects (headers, buttons, modal titles, input values) are not parsed,
so typed text goes into them unescaped.

Slash-command text arrives already escaped by Slack, with real mentions as ``<@U…|name>``; the
command grammar reads it back into what the person typed (``handlers.grammar.command_text.as_typed``), so
stored text is literal and escaped once, here, on the way out.
"""

from __future__ import annotations

import re

from bot.domain.errors import render_typed
from handlers.grammar.command_text import ESCAPES, unescape

__all__ = ["ELLIPSIS", "cut", "escape", "from_marked", "literal", "unescape"]

# What must not be cut in half: an escape, or a token the bot wrote (<@U…>, <!date^…|…>).
_UNCUTTABLE = re.compile(r"&(?:amp|lt|gt);|<[^<>]*>")
ELLIPSIS = "…"


def escape(text: str) -> str:
    """Text a person typed, made literal for mrkdwn: ``&`` ``<`` ``>`` become escapes."""
    for char, entity in ESCAPES:
        text = text.replace(char, entity)
    return text


def cut(text: str, limit: int) -> str:
    """Shorten mrkdwn to ``limit`` characters, ending with an ellipsis when cut.

    The cut never splits an escape (``&amp;``) or a token the bot wrote (``<@U…>``): it moves
    back to before it, so what is left still renders as written.
    """
    if len(text) <= limit:
        return text
    end = limit - len(ELLIPSIS)
    for match in _UNCUTTABLE.finditer(text, 0, len(text)):
        if match.start() >= end:
            break
        if match.end() > end:
            end = match.start()
            break
    return text[:end].rstrip() + ELLIPSIS


def literal(text: str, limit: int | None = None) -> str:
    """Typed text as mrkdwn that shows it literally, cut (after escaping) to ``limit``."""
    escaped = escape(text)
    return escaped if limit is None else cut(escaped, limit)


def from_marked(message: str) -> str:
    """A message the bot wrote in mrkdwn, with the typed parts it marked made literal."""
    return render_typed(message, escape)
