"""Errors as the terminal shows them: from its own catalog, or readable as they come.

A coded error (``ConsensusError.problem``) is worded from ``words.PROBLEMS``; a code the
terminal has no words for is shown as the code and its parameters, so nothing is hidden.
Errors the core has not converted to codes yet arrive as finished Slack (mrkdwn) sentences;
they are made readable here (mentions as plain ids, the slash command's name dropped, since
the terminal's commands are the same words without it).
"""

from __future__ import annotations

import re
from enum import Enum

from bot.domain.errors import (
    Choices,
    ConsensusError,
    Param,
    Person,
    Place,
    Sector,
    Typed,
    render_typed,
)
from terminal import words

_MENTION = re.compile(r"<@([^>|]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#([^>|]+)(?:\|[^>]*)?>")
_SLASH_COMMAND = re.compile(r"/consensus ?")
_ESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))
# Where a typed part waits while the rest is converted: control characters, which no typed
# text contains (the core drops them), so a typed part cannot forge one.
_SET_ASIDE = "\x02{}\x03"
_SET_ASIDE_MARK = re.compile("\x02(\\d+)\x03")


class Mistake(Exception):
    """A line the terminal could not read; its message says what to type instead."""


def render(error: ConsensusError) -> str:
    if error.problem is None:
        return from_slack_sentence(error.marked)
    template = words.PROBLEMS.get(error.problem)
    shown = {key: _plain(value) for key, value in error.params.items()}
    if template is None:
        params = ", ".join(f"{key}={value}" for key, value in shown.items())
        return words.UNKNOWN_PROBLEM.format(
            code=error.problem.value, params=f": {params}" if params else ""
        )
    return template.format(**shown)


def from_slack_sentence(marked: str) -> str:
    """A legacy core message (Slack mrkdwn, typed parts marked) in plain words; the typed
    parts are left exactly as typed (a title may well contain "<@" or "&lt;")."""
    typed_parts: list[str] = []

    def set_aside(part: str) -> str:
        typed_parts.append(part)
        return _SET_ASIDE.format(len(typed_parts) - 1)

    text = render_typed(marked, set_aside)
    text = _MENTION.sub(r"\1", text)
    text = _CHANNEL.sub(r"#\1", text)
    text = _SLASH_COMMAND.sub("", text)
    for escaped, plain in _ESCAPES:
        text = text.replace(escaped, plain)
    return _SET_ASIDE_MARK.sub(lambda m: typed_parts[int(m.group(1))], text)


def _plain(value: Param) -> str:
    if isinstance(value, Person):
        return value.id
    if isinstance(value, Place):
        return f"#{value.id}"
    if isinstance(value, Typed):
        return words.one_line(value.text)
    if isinstance(value, Sector):
        # The key, as a roster file and `--sector` are typed.
        return value.key
    if isinstance(value, Choices):
        return " or ".join(value.items)
    if isinstance(value, ConsensusError):
        return render(value)
    if isinstance(value, tuple | list):
        return words.people(_plain(item) for item in value)
    if isinstance(value, Enum) and value in words.PARAM_WORDS:
        return words.PARAM_WORDS[value]
    return str(value.value if isinstance(value, Enum) else value)
