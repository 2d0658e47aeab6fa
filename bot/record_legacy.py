"""The legacy reading: record entries written before the record spoke in codes (issue 12).

Until then the use-cases wrote some entries' parameters as short English ("vote 3: for",
"due 2027-01-15", "12 people") and outcomes and results as their English keys ("No
consensus", "Not carried: sector protection"). Those entries are hashed into the chain, so
they are never rewritten; this is the one place that reads them. Each old form becomes the
parameters a new entry would hold as JSON (bot/record_entries.py decodes both the same way).
Nothing here is shown to anyone: the strings below are matched against stored text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# The English keys stored before the codes, as the codes they stand for.
LEGACY_OUTCOMES: Mapping[str, str] = {
    "Consensus reached": "consensus",
    "No consensus": "no_consensus",
    "No quorum": "no_quorum",
}
LEGACY_RESULTS: Mapping[str, str] = {
    "Carried": "carried",
    "Not carried": "not_carried",
    "No quorum": "no_quorum",
    "Not carried: sector protection": "not_carried_sector_protection",
}
# Each kind's old text, whole (by kind: the use-case that wrote it, until issue 12).
_FORMS: Mapping[str, re.Pattern[str]] = {
    # rounds.close: the outcome's key
    "round_closed": re.compile(r"(?P<outcome>.+)", re.S),
    # escalations.escalate: f"due {due.date()}"
    "escalated": re.compile(r"due (?P<due>\d{4}-\d{2}-\d{2})"),
    # recorded_votes: f"vote {vote.id}", f"vote {id}: {choice}", f"vote {id}: {result} (for
    # {for_weight}, against {against_weight})", f"vote {id}: {reason}"
    "vote_called": re.compile(r"vote (?P<vote>\d+)"),
    "ballot": re.compile(r"vote (?P<vote>\d+): (?P<choice>for|against|abstain)"),
    "vote_closed": re.compile(
        r"vote (?P<vote>\d+): (?P<result>.+) "
        r"\(for (?P<for_weight>\d+), against (?P<against_weight>\d+)\)",
        re.S,
    ),
    "vote_cancelled": re.compile(r"vote (?P<vote>\d+): (?P<reason>.*)", re.S),
    # roster.import_roster: f"{len(entries)} people"
    "roster_imported": re.compile(r"(?P<people>\d+) people"),
}
_KEYS: Mapping[str, Mapping[str, str]] = {"outcome": LEGACY_OUTCOMES, "result": LEGACY_RESULTS}


def read_legacy(kind: str, text: str) -> dict[str, Any] | None:
    """An old entry's parameters as its JSON would hold them (numbers as numbers, outcomes
    and results as codes); None when the text is not an old form of ``kind``."""
    form = _FORMS.get(kind)
    found = form.fullmatch(text) if form else None
    if found is None:
        return None
    params: dict[str, Any] = {}
    for name, value in found.groupdict().items():
        if name in _KEYS:
            if value not in _KEYS[name]:
                return None
            params[name] = _KEYS[name][value]
        else:
            params[name] = int(value) if value.isdigit() and name != "reason" else value
    return params
