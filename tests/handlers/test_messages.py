"""The Slack front end's catalog: every problem the core reports has a message, rendered in
the reader's language with typed text shown as typed."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

import bot
from bot.deadline import DeadlineProblem
from bot.domain.errors import ConsensusError, InvalidInput, NotAllowed, Person, Problem, Typed
from handlers import messages


def _all_problems() -> list[Problem]:
    for module in pkgutil.walk_packages(bot.__path__, "bot."):
        importlib.import_module(module.name)
    found: list[Problem] = []
    pending = list(Problem.__subclasses__())
    while pending:
        kind = pending.pop()
        pending.extend(kind.__subclasses__())
        found.extend(kind)
    return found


def test_every_problem_the_core_can_report_has_a_message() -> None:
    problems = _all_problems()
    assert problems
    assert [p for p in problems if p not in messages.CATALOG] == []


def test_every_code_is_unique_and_names_its_concept() -> None:
    codes = [problem.value for problem in _all_problems()]
    assert len(codes) == len(set(codes))
    assert all("." in code for code in codes)


def test_a_problem_renders_from_the_catalog() -> None:
    text = messages.render(InvalidInput(DeadlineProblem.TOO_LONG))
    assert text == "A round can run for at most a year. Try `--deadline 30d`."


def test_people_become_mentions_and_typed_text_is_escaped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Sample(Problem):
        WHO = "sample.who"

    monkeypatch.setattr(messages, "CATALOG", {Sample.WHO: "{who} typed {what}"})
    error = NotAllowed(Sample.WHO, who=Person("U1"), what=Typed("<!channel> & co"))
    assert messages.render(error) == "<@U1> typed &lt;!channel&gt; &amp; co"
    assert messages.render_plain(error) == "@U1 typed <!channel> & co"


def test_a_cause_is_rendered_inside_its_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    class Sample(Problem):
        LINE = "sample.line"

    catalog = {Sample.LINE: "Line {line}: {cause}", **messages.CATALOG}
    monkeypatch.setattr(messages, "CATALOG", catalog)
    error = InvalidInput(Sample.LINE, line=3, cause=InvalidInput(DeadlineProblem.MISSING))
    assert messages.render(error).startswith("Line 3: Give a deadline")


def test_a_language_without_a_catalog_reads_english() -> None:
    assert messages.render(InvalidInput(DeadlineProblem.MISSING), "xx") == messages.render(
        InvalidInput(DeadlineProblem.MISSING)
    )


@pytest.fixture
def french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Installs a French catalog translating the missing-deadline problem as given."""

    def install(translation: str) -> None:
        catalog = Catalog(locale="fr")
        catalog.add(messages.CATALOG[DeadlineProblem.MISSING], translation)
        folder = tmp_path / "fr" / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with (folder / f"{messages.DOMAIN}.mo").open("wb") as mo:
            write_mo(mo, catalog)
        monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
        messages.translations.cache_clear()

    yield install
    messages.translations.cache_clear()


def test_a_translation_is_a_catalog_not_a_code_change(
    french: Callable[[str], None],
) -> None:
    french("Donnez une échéance comme `3d` ou `2026-12-01T17:00`.")
    text = messages.render(InvalidInput(DeadlineProblem.MISSING), "fr-CA")
    assert text == "Donnez une échéance comme `3d` ou `2026-12-01T17:00`."


def test_legacy_messages_still_render_until_converted() -> None:
    error = ConsensusError("Plain *words*")
    assert messages.render(error) == "Plain *words*"


def test_a_translation_that_names_a_wrong_field_falls_back_to_english(
    french: Callable[[str], None],
) -> None:
    french("Donnez {une} échéance.")
    text = messages.render(InvalidInput(DeadlineProblem.MISSING), "fr")
    assert text == "Give a deadline such as `3d` or `2026-12-01T17:00`."


def test_a_usage_line_reads_literally_in_slack_and_as_typed_in_plain_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Sample(Problem):
        USAGE = "sample.usage"

    template = "Type `{command} roster set @you &lt;organisation&gt;`."
    monkeypatch.setattr(messages, "CATALOG", {Sample.USAGE: template})
    error = InvalidInput(Sample.USAGE)
    assert messages.render(error) == "Type `/consensus roster set @you &lt;organisation&gt;`."
    assert messages.render_plain(error) == "Type `/consensus roster set @you <organisation>`."
