"""Every kind of due work the bot can fail to deliver has words in each front end, so the
chair's "not delivered" note can never fail on a kind added later."""

from __future__ import annotations

from bot.ports import TaskKind
from handlers.views.round import UNDELIVERED_LABELS
from terminal.words import UNDELIVERED_WORDS


def test_each_front_end_names_every_kind_of_due_work() -> None:
    assert set(UNDELIVERED_LABELS) == set(TaskKind)
    assert set(UNDELIVERED_WORDS) == set(TaskKind)
