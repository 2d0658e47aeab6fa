"""Asserting the problem the core reports, by its code (the core writes no sentences)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bot.domain.errors import ConsensusError, Param, Problem


@contextmanager
def raises_problem(
    problem: Problem, kind: type[ConsensusError] = ConsensusError, **params: Param
) -> Iterator[pytest.ExceptionInfo[ConsensusError]]:
    """Expect ``kind`` with code ``problem``, and with each of ``params`` as given."""
    with pytest.raises(kind) as caught:
        yield caught
    assert caught.value.problem is problem, caught.value.marked
    for key, value in params.items():
        assert caught.value.params.get(key) == value, (key, caught.value.params)


def shown(error: ConsensusError) -> str:
    """What the Slack front end shows for ``error``, as plain text."""
    from handlers.messages import render_plain  # the front end's words, for tests that read them

    return render_plain(error)
