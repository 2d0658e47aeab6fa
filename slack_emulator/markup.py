"""What Slack makes of a message's markup: the mentions, broadcasts, links and dates in it.

Slack reads ``<…>`` in mrkdwn text (``mrkdwn`` text objects and a message's top-level
``text``) as a token: ``<@U…>`` mentions a person, ``<#C…>`` links a channel, ``<!here>``,
``<!channel>``, ``<!everyone>`` and ``<!subteam^S…>`` notify many people, ``<!date^…>`` is a
date, ``<url|label>`` is a link showing ``label``; any other ``<…>`` disappears. ``plain_text``
objects are shown as they are. ``&amp;``, ``&lt;`` and ``&gt;`` are shown as ``&``, ``<``, ``>``.

This module is an independent reading of those rules, for tests: ``markup(text)`` lists the
tokens in one mrkdwn string, ``message_markup(text, blocks)`` those of a whole message or view.
``slash_command_text`` is how Slack delivers what a person typed after a slash command.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_TOKEN = re.compile(r"<([^<>]*)>")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
BROADCASTS = ("here", "channel", "everyone")
# Kinds of token, from the rules above.
USER, CHANNEL, BROADCAST, GROUP, DATE, LINK, SPECIAL, SWALLOWED = (
    "user",
    "channel",
    "broadcast",
    "group",
    "date",
    "link",
    "special",
    "swallowed",
)
# Kinds that reach or mislead people beyond the text itself.
NOTIFYING = (USER, BROADCAST, GROUP)


@dataclass(frozen=True)
class Token:
    kind: str
    target: str  # "U123", "C123", "here", "S123", "https://…", the date's epoch, …
    label: str  # what Slack shows instead of the raw token, when given ("" otherwise)
    raw: str  # the token as it appears in the text, "<…>"


def _classify(body: str) -> tuple[str, str]:
    target = body.partition("|")[0]
    if target.startswith("@"):
        return USER, target[1:]
    if target.startswith("#"):
        return CHANNEL, target[1:]
    if target.startswith("!"):
        name, _, rest = target[1:].partition("^")
        if name in BROADCASTS:
            return BROADCAST, name
        if name == "subteam":
            return GROUP, rest
        if name == "date":
            return DATE, rest.partition("^")[0]
        return SPECIAL, name
    if _SCHEME.match(target):
        return LINK, target
    return SWALLOWED, target


def markup(text: str) -> list[Token]:
    """The tokens Slack finds in one mrkdwn string, in order."""
    tokens = []
    for match in _TOKEN.finditer(text):
        body = match.group(1)
        kind, target = _classify(body)
        tokens.append(Token(kind, target, body.partition("|")[2], match.group(0)))
    return tokens


def _mrkdwn_texts(node: Any) -> Iterator[str]:
    """Every mrkdwn string in blocks or a view (text objects of type ``mrkdwn``)."""
    if isinstance(node, list):
        for item in node:
            yield from _mrkdwn_texts(item)
    elif isinstance(node, dict):
        if node.get("type") == "mrkdwn" and isinstance(node.get("text"), str):
            yield node["text"]
            return
        for value in node.values():
            if isinstance(value, (dict, list)):
                yield from _mrkdwn_texts(value)


def message_markup(text: str | None, blocks: Any = None) -> list[Token]:
    """The tokens of a whole message: its top-level ``text`` and every mrkdwn text object."""
    found = markup(text or "")
    for piece in _mrkdwn_texts(blocks or []):
        found.extend(markup(piece))
    return found


def slash_command_text(typed: str) -> str:
    """What the app receives when a person types ``typed`` after a slash command.

    With ``should_escape: true`` Slack escapes ``&``, ``<`` and ``>``; mentions picked from
    the autocomplete arrive as tokens instead (``SlackUserSimulator.mention``).
    """
    return typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
