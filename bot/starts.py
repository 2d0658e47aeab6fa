"""One round per start: the keys under which a start is recorded, so a repeat opens nothing.

A start is recorded under two kinds of key, each unique in the database (not checked in
Python), so two processes can never both open the round:

* **the request** — the front end's id for what the person did once (a form, one
  invocation of a command). A second delivery of it, at any time, finds the same round,
  open or not.
* **the repeat** — the same chair asking for the same proposal in the same channel again
  within ``REPEAT_WINDOW``: a double click, a double submit, or a command typed again
  because the first answer was slow. It finds the earlier round while that is still open.
  Time is cut into windows and each start claims its own window and the next, so two
  starts less than one window apart always share a key; starts more than two windows
  apart never do.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.round import RoundDraft

REPEAT_WINDOW = timedelta(minutes=2)
MAX_KEY = 200  # the key column's length
REQUEST_PREFIX = "request:"
REPEAT_PREFIX = "repeat:"


@dataclass(frozen=True)
class StartKeys:
    request: str
    repeat: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return (self.request, *self.repeat)


def start_keys(draft: RoundDraft, title: str, now: datetime) -> StartKeys | None:
    """The keys of this start, or None for a round that no person's request asked for."""
    if not draft.request:
        return None
    request = REQUEST_PREFIX + draft.request
    if len(request) > MAX_KEY:
        request = REQUEST_PREFIX + _digest(draft.request)
    proposal = " ".join(title.casefold().split())
    same = _digest(draft.workspace, draft.channel, draft.chair, proposal)
    window = int(now.timestamp() // REPEAT_WINDOW.total_seconds())
    repeat = tuple(f"{REPEAT_PREFIX}{same}:{w}" for w in (window, window + 1))
    return StartKeys(request, repeat)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:48]
