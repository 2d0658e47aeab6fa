"""Errors a person can cause. Each message says what to do instead.

A message is written for Slack (mrkdwn: ``*bold*``, `` `code` ``, ``<@U…>``). Text the person
typed is quoted in it with ``typed(...)``, so that each surface can show it literally: Slack
escapes it (handlers.mrkdwn), while ``message`` (for a terminal, or a form's field error)
shows it as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Around typed text in a message. Control characters: no typed text can contain them
# (``clean_text`` and ``typed`` drop them), so the marks cannot be forged.
TYPED_START, TYPED_END = "\x02", "\x03"
_TYPED = re.compile(f"{TYPED_START}([^{TYPED_START}{TYPED_END}]*){TYPED_END}")


def typed(text: str) -> str:
    """Mark ``text`` to be shown exactly as written: what a person typed, or a usage line
    whose ``<placeholders>`` Slack would otherwise read as markup."""
    return TYPED_START + text.replace(TYPED_START, "").replace(TYPED_END, "") + TYPED_END


def render_typed(message: str, show: Callable[[str], str]) -> str:
    """``message`` with each typed part replaced by ``show(part)`` and the marks removed."""
    return _TYPED.sub(lambda match: show(match.group(1)), message)


class ConsensusError(Exception):
    """Base for errors whose message is shown to the person who caused them."""

    @property
    def marked(self) -> str:
        """The message with its typed parts marked (see ``typed``)."""
        return str(self.args[0]) if self.args else ""

    @property
    def message(self) -> str:
        """The message with typed text as typed."""
        return render_typed(self.marked, lambda part: part)

    def __str__(self) -> str:
        return self.message


class InvalidInput(ConsensusError):
    """The request is malformed or asks for something impossible."""


class NotAllowed(ConsensusError):
    """The person may not do this."""


class NotFound(ConsensusError):
    """The thing referred to does not exist here."""


class Conflict(ConsensusError):
    """The request does not fit the current state (e.g. the round is closed)."""
