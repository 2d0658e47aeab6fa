"""The Slack front end's words for every problem the core can report: a message catalog.

The core raises errors as codes with parameters (``bot.domain.errors``). Here each code has
one English template, written in Slack mrkdwn (so a literal ``<`` is written ``&lt;``) and marked with ``N_`` so that
``pybabel extract -k N_`` collects it. Rendering first looks the template up in the reader's
translations (gettext catalogs loaded with Babel; English when there is none), then fills in
the parameters the Slack way: a person as a mention, a channel as a link, typed text escaped
so it shows exactly as typed. A second language is a catalog file, not a code change.

Each concept has its catalog module beside this one; ``CATALOG`` joins them, and a test
checks that every problem code in the core has a template here.
"""

from __future__ import annotations

import gettext
import logging
import string
from collections.abc import Callable, Mapping
from enum import Enum
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot.domain.errors import (
    Choices,
    ConsensusError,
    Param,
    Person,
    Place,
    Problem,
    Sector,
    Typed,
)
from handlers import mrkdwn as md
from handlers.grammar.subcommands import COMMAND
from handlers.messages import (
    coordinator,
    deadline,
    eligibility,
    escalation,
    grammar,
    outcome,
    recorded_vote,
    revision,
    roster,
    roster_change,
    roster_file,
    scale,
    vote_call,
)
from handlers.messages import round as round_messages  # not the builtin
from handlers.messages.marker import N_, Plural

CATALOG: Mapping[Problem, str] = {
    **deadline.MESSAGES,
    **eligibility.MESSAGES,
    **round_messages.MESSAGES,
    **roster.MESSAGES,
    **recorded_vote.MESSAGES,
    **escalation.MESSAGES,
    **coordinator.MESSAGES,
    **revision.MESSAGES,
    **roster_change.MESSAGES,
    **roster_file.MESSAGES,
    **vote_call.MESSAGES,
    **grammar.MESSAGES,
    **scale.MESSAGES,
}
# Words for codes the core passes as parameters (e.g. what only the chair may do); an enum
# member without one is shown by its value.
LABELS: Mapping[Enum, str] = {
    **outcome.LABELS,
    **round_messages.LABELS,
    **coordinator.LABELS,
    **scale.LABELS,
}
# Between the items of a list parameter (several people, several sector keys).
LIST_SEPARATOR = ", "
# Between alternatives offered (``Choices``), each shown as code: "`a` or `b`".
CHOICE_SEPARATOR = N_(" or ")

log = logging.getLogger(__name__)
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "consensus"
# Filled in for every template, so the command's name is written in one place.
_ALWAYS = {"command": COMMAND}


@lru_cache(maxsize=16)
def translations(language: str | None) -> gettext.NullTranslations:
    """The catalog for ``language`` (e.g. ``fr``, ``fr-CA``, Slack's spelling): the regional
    one if there is one, else the language's; English when there is none.

    A compiled ``.mo`` is used when present; otherwise the ``.po`` in the repository is read
    with Babel when first asked for, so the package needs no compile step to install."""
    if not language:
        return gettext.NullTranslations()
    regional = language.replace("-", "_")
    for name in dict.fromkeys((regional, regional.partition("_")[0])):
        folder = LOCALE_DIR / name / "LC_MESSAGES"
        compiled, source = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
        if compiled.is_file():
            with compiled.open("rb") as mo:
                return Translations(mo, DOMAIN)
        if source.is_file():
            return _compiled(source)
    return gettext.NullTranslations()


def _compiled(source: Path) -> Translations:
    with source.open("rb") as po:
        catalog = read_po(po, domain=DOMAIN)
    mo = BytesIO()
    write_mo(mo, catalog)  # leaves fuzzy (unreviewed) entries out, as msgfmt does
    mo.seek(0)
    return Translations(mo, DOMAIN)


def label(template: str, language: str | None = None) -> str:
    """A catalog label with no fields (a level's name, a sector, a button) in the reader's
    language, as written: nothing in it is filled in."""
    return translations(language).gettext(template)


def say(template: str, language: str | None = None, /, **params: object) -> str:
    """A catalog template (``N_``) in the reader's language, its named fields filled in
    with ``params`` as given (already mrkdwn: mentions, escaped text, other sentences)."""
    return _format(translations(language).gettext(template), template, params)


def say_n(template: Plural, count: int, language: str | None = None, /, **params: object) -> str:
    """A template whose words change with ``count`` (``Np_``), in the form the reader's
    language uses for that number; ``{count}`` is filled in with it."""
    english = template.one if count == 1 else template.many
    chosen = translations(language).ngettext(template.one, template.many, count)
    return _format(chosen, english, {"count": count, **params})


def _format(chosen: str, english: str, params: Mapping[str, object]) -> str:
    """``chosen`` filled in; if a translation names a field the builder does not pass, the
    English; a person is never left without an answer."""
    for template in dict.fromkeys((chosen, english)):
        try:
            return template.format(**{**_ALWAYS, **params})
        except (KeyError, IndexError, ValueError):
            log.error("the words %r do not fit their parameters", template)
    return english


def render(error: ConsensusError, language: str | None = None) -> str:
    """``error`` as Slack mrkdwn in the reader's language."""
    if error.problem is None:  # a message not yet converted to a code (issue 12)
        return md.from_marked(error.marked)
    values = {k: _slack(v, language) for k, v in error.params.items()}
    return _fill(error.problem, language, values)


def render_plain(error: ConsensusError, language: str | None = None) -> str:
    """``error`` as plain text (a form field's error, a terminal): typed text as typed."""
    if error.problem is None:
        return error.message
    values = {k: _plain(v, language) for k, v in error.params.items()}
    return _fill(error.problem, language, values, md.unescape)  # plain text has no escapes


def _fill(
    problem: Problem,
    language: str | None,
    values: Mapping[str, str],
    adapt: Callable[[str], str] = lambda template: template,
) -> str:
    """The reader's template filled in; if a translation names a field the code does not
    pass, the English one; a person is never left without an answer."""
    english = CATALOG[problem]
    for template in dict.fromkeys((translations(language).gettext(english), english)):
        try:
            return adapt(template).format(**_ALWAYS, **values)
        except (KeyError, IndexError, ValueError):
            log.error("the words for %s (%s) do not fit its parameters", problem.value, language)
    return problem.value


def _slack(value: Param, language: str | None) -> str:
    if isinstance(value, Person):
        return f"<@{value.id}>"
    if isinstance(value, Place):
        return f"<#{value.id}>"
    if isinstance(value, Sector):
        return md.escape(translations(language).gettext(roster.sector_label(value.key)))
    if isinstance(value, ConsensusError):
        return render(value, language)
    if isinstance(value, Typed):
        return md.escape(value.text)
    if isinstance(value, Choices):
        word = translations(language).gettext(CHOICE_SEPARATOR)
        return word.join(f"`{md.escape(item)}`" for item in value.items)
    if isinstance(value, Enum) and value in LABELS:
        return translations(language).gettext(LABELS[value])  # a template: already mrkdwn
    if isinstance(value, tuple | list):
        return LIST_SEPARATOR.join(_slack(item, language) for item in value)
    return md.escape(str(value.value if isinstance(value, Enum) else value))


def _plain(value: Param, language: str | None) -> str:
    if isinstance(value, Person):
        return f"@{value.id}"
    if isinstance(value, Place):
        return f"#{value.id}"
    if isinstance(value, Sector):
        return translations(language).gettext(roster.sector_label(value.key))
    if isinstance(value, ConsensusError):
        return render_plain(value, language)
    if isinstance(value, Typed):
        return value.text
    if isinstance(value, Choices):
        word = translations(language).gettext(CHOICE_SEPARATOR)
        return word.join(f"`{item}`" for item in value.items)
    if isinstance(value, Enum) and value in LABELS:
        return md.unescape(translations(language).gettext(LABELS[value]))
    if isinstance(value, tuple | list):
        return LIST_SEPARATOR.join(_plain(item, language) for item in value)
    return str(value.value if isinstance(value, Enum) else value)


def fields(template: str) -> set[str]:
    """The parameters a template fills in (for the catalog's own checks)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
