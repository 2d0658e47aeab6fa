"""``N_`` and ``Np_``: mark templates for ``pybabel extract`` without translating them yet.

Templates are translated when rendered, in the reader's language, not when defined. A
sentence whose words change with a count is one ``Plural`` (``Np_``), extracted as a
singular and a plural (``-k Np_:1,2``), so each language chooses its own forms.
"""

from __future__ import annotations

from typing import NamedTuple


def N_(template: str) -> str:  # the gettext name for a deferred message
    return template


class Plural(NamedTuple):
    """A template with its plural form; ``{count}`` picks which one a language uses."""

    one: str
    many: str


def Np_(one: str, many: str) -> Plural:  # the deferred ngettext
    return Plural(one, many)
