"""What a record entry of the decision log says, in the reader's words (Slack mrkdwn).

The core hands over each entry's parameters (``bot.record_entries.entry_params``, which also
reads the entries written before they were data); the words are the catalog's
(``handlers.messages.record``). An entry whose form cannot be read is shown as written.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.domain.recorded_vote import Choice, VoteResult
from bot.domain.tally import Outcome
from bot.record_entries import FIELDS, EntryKind, entry_params
from handlers.messages import translations
from handlers.messages.outcome import OUTCOME_NAMES, RESULT_NAMES
from handlers.messages.record import ENTRY_WORDS
from handlers.messages.recorded_vote import CHOICE_LABELS
from handlers.mrkdwn import literal

# How much of a typed reason one log line shows (the record keeps it whole).
REASON_SHOWN = 200


def entry_words(kind: str, text: str, language: str | None = None) -> str | None:
    """What an entry of a kind that holds data says, after who did it; None for any other
    kind, and for an entry whose text this cannot read (the caller shows it as written)."""
    if kind not in FIELDS:
        return None
    params = entry_params(kind, text)
    if params is None:
        return None
    gettext = translations(language).gettext
    values = {name: _word(value, gettext) for name, value in params.items()}
    return gettext(ENTRY_WORDS[EntryKind(kind)]).format(**values)


def _word(value: object, gettext: Callable[[str], str]) -> str:
    if isinstance(value, Outcome):
        return gettext(OUTCOME_NAMES[value])
    if isinstance(value, VoteResult):
        return gettext(RESULT_NAMES[value])
    if isinstance(value, Choice):
        return gettext(CHOICE_LABELS[value])
    if isinstance(value, str):  # typed by a person
        return literal(value, REASON_SHOWN)
    return str(value)  # a number, or a date (ISO 8601)
