"""The core holds no platform markup and no sentences for people (issue 12).

Modules being converted had an allowance: the number of user-facing strings they held. The
allowance could only shrink (adding one failed, and removing one without lowering the
allowance failed too), and now it is empty: no module of the core may hold one.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from bot.record_legacy import LEGACY_OUTCOMES, LEGACY_RESULTS
from tests.architecture.core_text import CORE, count_by_module, offenders, user_text

# Left to move to the front ends' catalogs, per module: none. Every module of the core speaks
# in data; a string found here is to be worded by a front end, not allowed for.
ALLOWANCE: dict[str, int] = {}


def test_no_core_module_gains_user_facing_text() -> None:
    grown = {
        module: (count, ALLOWANCE.get(module, 0))
        for module, count in count_by_module().items()
        if count > ALLOWANCE.get(module, 0)
    }
    detail = "\n".join(
        f"{module}:{line}: {text[:80]!r}"
        for module in grown
        for line, text in offenders(CORE.parent / module)
    )
    assert not grown, f"user-facing text in the core; render it in the front end:\n{detail}"


def test_the_allowance_shrinks_as_text_moves_out() -> None:
    counts = count_by_module()
    stale = {
        module: (allowed, counts.get(module, 0))
        for module, allowed in ALLOWANCE.items()
        if counts.get(module, 0) < allowed
    }
    assert not stale, f"lower ALLOWANCE to what is left (allowed, found): {stale}"


@pytest.mark.parametrize(
    "text",
    [
        "Only the chair (<@{chair}>) can close it.",
        "Type `/consensus start` alone.",
        "<!here> look",
        "Give the proposal a title, e.g. this one.",
        "Long-term care is not a sector",
        # Labels and clauses in lower case, as a CSV cell or a line of a report has them
        "counted: holds a seat of their own",
        "not counted: after the close",
        "no response: {instead} answered for the {group}",
        "recount from the responses:  (matches the outcome)",  # an f-string, values left out
        "the chain head is missing",
    ],
)
def test_markup_and_sentences_are_recognised(text: str) -> None:
    assert user_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "round.not_chair",
        "sqlite",
        "%Y-%m-%d",
        "%Y-%m-%d %H:%M:%S UTC",
        "primary-care",
        "home-and-community-care",
        "U123",
        "{date_long}",
        "sector:hospital",
        "org:lakeridge health",
        "vote {vote}: for",
        "consensus-bot-export/2",
        "not_carried_sector_protection",
        "SELECT seq, hash FROM history WHERE round_id = :round ORDER BY seq",
        "update task set attempts = 0 where id = ?",
    ],
)
def test_codes_formats_ids_and_sql_are_not_sentences(text: str) -> None:
    assert not user_text(text)


def test_the_legacy_reading_holds_only_keys_that_were_stored() -> None:
    """Its exemption covers only what rounds and votes held before migration 0010."""
    migration = importlib.import_module("storage.migrations.versions.0010_outcome_codes")
    assert dict(LEGACY_OUTCOMES) == migration.OUTCOMES
    assert dict(LEGACY_RESULTS) == migration.RESULTS


def test_log_lines_and_developer_errors_are_not_counted(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "import logging\n"
        "log = logging.getLogger(__name__)\n"
        "def f(x):\n"
        '    log.warning("delivering the round failed, retrying with backoff")\n'
        '    assert x, f"x must be given before the round is read {x}"\n'
        "    if x < 0:\n"
        '        raise ValueError(f"level must be one of the levels, not {x}")\n'
        '    return {"after_close": "not counted: after the close"}\n'
    )
    assert [text for _, text in offenders(module)] == ["not counted: after the close"]
