"""`verify`'s words in the front end's catalog (handlers/messages/verify.py).

What `verify` prints for every kind of finding is pinned in tests/test_verify_words.py; these
check the catalog itself: its templates are plain text, and a language is a catalog file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from bot.audit import FileFinding, FindingCode, RowKey, RowKind
from bot.record import ChainBreak, ChainBreakCode
from handlers import messages
from handlers.messages import verify
from handlers.messages.verify import CatalogVerifyWords

TEMPLATES = [
    value for name, value in vars(verify).items() if name.isupper() and isinstance(value, str)
]


def test_the_templates_are_plain_text_for_a_terminal() -> None:
    assert len(TEMPLATES) > 20
    assert [
        t for t in TEMPLATES if any(mark in t for mark in ("&lt;", "&gt;", "&amp;", "<@"))
    ] == []


def test_only_the_first_ids_of_rows_outside_the_chain_are_listed() -> None:
    rows = tuple(range(1, verify.UNCHAINED_LISTED + 3))
    text = CatalogVerifyWords().chain_break(ChainBreak(ChainBreakCode.UNCHAINED, rows=rows))
    listed = ", ".join(str(i) for i in rows[: verify.UNCHAINED_LISTED])
    assert f"(ids {listed}{verify.UNLISTED})" in text


@pytest.fixture
def french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    catalog = Catalog(locale="fr")
    catalog.add(verify.HEAD_MISSING, "la tête de chaîne manque")
    catalog.add(verify.ROW_NOT_IN_FILE, "{row} est dans la base mais pas dans le fichier")
    catalog.add(verify.ROW_VOTE, "vote {vote} du tour {round}")
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{messages.DOMAIN}.mo").open("wb") as mo:
        write_mo(mo, catalog)
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    messages.translations.cache_clear()
    yield
    messages.translations.cache_clear()


def test_the_findings_can_be_worded_in_another_language_by_a_catalog(french: None) -> None:
    words = CatalogVerifyWords("fr")
    assert words.chain_break(ChainBreak(ChainBreakCode.HEAD_MISSING)) == "la tête de chaîne manque"
    missing = FileFinding(
        FindingCode.ROW_NOT_IN_FILE, key=RowKey(RowKind.VOTE, round="2", vote="1"), more=1
    )
    assert (
        words.finding(missing)
        == "vote 1 du tour 2 est dans la base mais pas dans le fichier (and 1 more)"
    )
