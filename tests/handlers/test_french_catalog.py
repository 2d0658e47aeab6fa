"""The French catalog shipped as a .po: read with no compile step, every translation fits
the fields its template fills in, and none is left for a template the code no longer has."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from handlers import messages
from handlers.messages import stance
from handlers.messages.marker import Np_

HANDLERS = Path(messages.__file__).parents[1]
FRENCH = messages.LOCALE_DIR / "fr" / "LC_MESSAGES" / f"{messages.DOMAIN}.po"


def _catalog() -> list[tuple[str | tuple[str, ...], str | tuple[str, ...]]]:
    with FRENCH.open("rb") as po:
        return [(m.id, m.string) for m in read_po(po) if m.id]


def _templates() -> set[str]:
    keywords = {"N_": None, "Np_": (1, 2), "Subcommand": (3,)}
    found = extract_from_dir(str(HANDLERS), keywords=keywords)
    return {message if isinstance(message, str) else message[0] for _, _, message, *_ in found}


def test_every_translation_fills_only_the_fields_its_english_fills() -> None:
    misfits = []
    for english, french in _catalog():
        pairs = (
            zip(english, french, strict=True) if isinstance(english, tuple) else [(english, french)]
        )
        for source, translated in pairs:
            if translated and not messages.fields(translated) <= messages.fields(source):
                misfits.append(translated)
    assert misfits == []


def test_the_catalog_holds_no_template_the_code_no_longer_has() -> None:
    templates = _templates()
    stale = [e for e, _ in _catalog() if (e if isinstance(e, str) else e[0]) not in templates]
    assert stale == []


def test_the_vote_confirmation_and_the_level_names_are_translated() -> None:
    recorded = messages.say(stance.RECORDED, "fr", round="#1", level="1", meaning="")
    assert recorded.startswith(":ballot_box_with_ballot: Enregistré pour la proposition #1")
    assert messages.label("Full support", "fr-CA") == "Appui total"


def test_french_chooses_the_singular_for_zero_and_one_and_english_keeps_its_own() -> None:
    responded = Np_("{count} of {total} have responded", "{count} of {total} have responded")
    assert messages.say_n(responded, 0, "fr", total=3) == "0 sur 3 a répondu"
    assert messages.say_n(responded, 2, "fr", total=3) == "2 sur 3 ont répondu"
    assert messages.say_n(responded, 1, None, total=3) == "1 of 3 have responded"


def test_a_regional_language_without_its_own_catalog_reads_the_languages() -> None:
    assert messages.label("No consensus", "fr-FR") == "Pas de consensus"
    assert messages.label("No consensus", "en-GB") == "No consensus"
