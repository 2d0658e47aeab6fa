"""The listeners' look-up of a person's language: the directory's answer, and English when
it cannot answer, so nobody is left without a reply."""

from __future__ import annotations

import asyncio
from typing import Any, cast

from handlers.listeners.deps import Deps
from tests.fakes import FixedDirectory


def _deps(languages: Any) -> Deps:
    return Deps(cast(Any, None), FixedDirectory(), languages=languages)


def test_the_persons_language_is_the_directorys_answer() -> None:
    deps = _deps({"U1": "fr-CA"}.get)
    assert asyncio.run(deps.language_of("U1")) == "fr-CA"
    assert asyncio.run(deps.language_of("U2")) is None


def test_a_look_up_that_fails_answers_in_the_default_language() -> None:
    def unreachable(user: str) -> str | None:
        raise ConnectionError(user)

    assert asyncio.run(_deps(unreachable).language_of("U1")) is None


def test_without_a_directory_of_languages_everyone_reads_the_default() -> None:
    deps = Deps(cast(Any, None), FixedDirectory())
    assert asyncio.run(deps.language_of("U1")) is None
