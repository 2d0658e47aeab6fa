"""Slack mrkdwn at the boundary: text a person typed is shown exactly as typed.

In mrkdwn (``mrkdwn`` text objects and a message's top-level ``text``) Slack reads ``&``, ``<``
and ``>`` as markup: ``<!channel>`` notifies everyone, ``<url|label>`` hides a link's address,
``<!date^…>`` is a date token and other text between ``<`` and ``>`` disappears. ``escape`` is
the one function that makes typed text literal; every builder uses it (through ``literal``)
for titles, details, reasons, organisation names, resolutions and the like. Mentions the bot
writes itself (``<@U…>``, ``<#C…>``, dates) are composed around the escaped text and stay
markup. ``plain_text`` objects (headers, buttons, modal titles, input values) are not parsed,
so typed text goes into them unescaped.

Slash-command text arrives already escaped by Slack, with real mentions as ``<@U…|name>``;
``from_slash_command`` turns it back into what the person typed, so stored text is literal and
escaped once, on the way out.
"""

from __future__ import annotations

import re

from bot.domain.errors import render_typed

# Slack's escapes (docs: "Formatting text for app surfaces", "Escaping text"). Slack escapes
# only these three characters; "&" first, so that an escape is never escaped again.
ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_UNESCAPES = {entity: char for char, entity in ESCAPES}
_ENTITY = re.compile("|".join(re.escape(entity) for _, entity in ESCAPES))
# What must not be cut in half: an escape, or a token the bot wrote (<@U…>, <!date^…|…>).
_UNCUTTABLE = re.compile(r"&(?:amp|lt|gt);|<[^<>]*>")
# A token in Slack-formatted text: <@U…|name>, <#C…|name>, <!here>, <!subteam^S…|@team>,
# <!date^…|fallback>, <https://…|label>.
_SLACK_TOKEN = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
ELLIPSIS = "…"


def escape(text: str) -> str:
    """Text a person typed, made literal for mrkdwn: ``&`` ``<`` ``>`` become escapes."""
    for char, entity in ESCAPES:
        text = text.replace(char, entity)
    return text


def unescape(text: str) -> str:
    """The inverse of ``escape``: ``unescape(escape(s)) == s`` for every ``s``."""
    return _ENTITY.sub(lambda match: _UNESCAPES[match.group(0)], text)


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


def _readable(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2)
    if target[:1] in "@#":  # a person or a channel: as it was typed, "@ana" or "#steering"
        return target[0] + (label or target[1:])
    if target.startswith("!"):  # <!here>, <!subteam^S1|@team>, <!date^…|fallback>
        return label or "@" + target[1:].split("^")[0]
    if not label or label in (target, target.split(":", 1)[-1].lstrip("/")):
        return label or target  # a link Slack made of a typed address
    return f"{label} ({target})"  # a labelled link: keep the address in sight


def from_slash_command(text: str) -> str:
    """Slack-formatted slash-command text → exactly what the person typed.

    Mentions, channels and links Slack encoded become their readable form (``@ana``,
    ``#steering``, the address), and ``&lt;`` ``&gt;`` ``&amp;`` become ``<`` ``>`` ``&``.
    """
    return unescape(_SLACK_TOKEN.sub(_readable, text))
