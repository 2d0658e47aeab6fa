"""How Slack's command text reaches the grammar, and how to read back what was typed.

The convention is Slack's, for slash commands with ``should_escape: true``: a person or
channel picked from a list arrives as a token (``<@U123|ana>``, ``<#C123|steering>``), as do links and broadcasts (``<https://…|label>``, ``<!here>``);
everything typed arrives escaped, ``&`` ``<`` ``>`` as ``&amp;`` ``&lt;`` ``&gt;``. The grammar
matches tokens where it expects a person or a channel, and reads free text (a proposal's title,
a resolution) and quoted words back with ``as_typed``, so the core stores exactly what was typed.
"""

from __future__ import annotations

import re

# The escapes, "&" first so that an escape is never escaped again (handlers.mrkdwn writes them).
ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_UNESCAPES = {entity: char for char, entity in ESCAPES}
_ENTITY = re.compile("|".join(re.escape(entity) for _, entity in ESCAPES))
# <@U…|name>, <#C…|name>, <!here>, <!subteam^S…|@team>, <!date^…|fallback>, <https://…|label>
_TOKEN = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def unescape(text: str) -> str:
    """``&amp;`` ``&lt;`` ``&gt;`` back to ``&`` ``<`` ``>``; nothing else changes."""
    return _ENTITY.sub(lambda match: _UNESCAPES[match.group(0)], text)


def _readable(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2)
    if target.startswith(("@", "#")):  # a person or a channel, as typed: "@ana", "#steering"
        return target[0] + (label or target[1:])
    if target.startswith("!"):  # <!here>, <!subteam^S1|@team>, <!date^…|fallback>
        return label or "@" + target[1:].split("^")[0]
    if not label or label in (target, target.split(":", 1)[-1].lstrip("/")):
        return label or target  # a link made of a typed address
    return f"{label} ({target})"  # a labelled link: keep the address in sight


def as_typed(text: str) -> str:
    """Command text → exactly what the person typed.

    Tokens become their readable form (``@ana``, ``#steering``, ``@here``, the address), and
    ``&lt;`` ``&gt;`` ``&amp;`` become ``<`` ``>`` ``&``.
    """
    return unescape(_TOKEN.sub(_readable, text))


# Slack's id shapes: people U…/W… (Enterprise Grid), channels C…/G… (private, older).
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_CHANNEL = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$")


def mentioned_person(word: str) -> str | None:
    """The person's id when ``word`` is one mention (``<@U1>``, ``<@U1|ana>``), else None."""
    match = _MENTION.match(word)
    return match.group(1) if match else None


def linked_channel(word: str) -> str | None:
    """The channel's id when ``word`` is one channel link (``<#C1|steering>``), else None."""
    match = _CHANNEL.match(word)
    return match.group(1) if match else None
