"""The words of the auditor's CSV export (``bot.audit``): the core lays out the rows in
codes, ids, numbers and UTC times, and each cell a person reads is worded here.

``consensus-bot verify --export`` checks a file exported earlier by exporting again and
comparing, so a change to the English words of a round or vote row (outcome, result, recount,
times) fails every file exported before it; tests/test_export_csv_words.py pins them all. The
CSV is plain text, not Slack: no template holds a character mrkdwn escapes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from bot.audit import ExportWhy
from bot.domain.recorded_vote import VoteResult
from bot.domain.roster import Standing
from bot.domain.scale import LEVELS_1_TO_4, LEVELS_1_TO_5
from bot.domain.tally import Outcome
from handlers.messages import translations
from handlers.messages.marker import N_
from handlers.messages.outcome import OUTCOME_NAMES, RESULT_NAMES
from handlers.messages.roster import sector_label

# Why a response (or ballot, or silence) counted or not, by the export's code; {group} is
# one of the groups below, {instead} who counted for it.
WHY: Mapping[str, str] = {
    Standing.OWN_SEAT: N_("counted: holds a seat of their own"),
    Standing.SPEAKER: N_("counted: speaks for the {group}"),
    Standing.ALTERNATE: N_("counted: alternate standing in for the {group}'s speaker"),
    Standing.ADVISORY_TIER: N_("not counted: advisory partner (shown, never counted)"),
    Standing.BEHIND_SPEAKER: N_(
        "not counted: behind the {group}'s speaker; {instead} counted for it"
    ),
    Standing.OBSERVER: N_("not counted: observer (no level)"),
    Standing.NOT_A_VOTER: N_("not counted: not a voter in this round"),
    ExportWhy.AFTER_CLOSE: N_("not counted: after the close"),
    ExportWhy.CANCELLED: N_("not counted: the round (or recorded vote) was cancelled"),
    ExportWhy.SUPERSEDED: N_("superseded by a later change"),
    ExportWhy.SEAT_UNANSWERED: N_("no response: the seat was not answered"),
    ExportWhy.SEAT_ANSWERED_BY_OTHER: N_("no response: {instead} answered for the {group}"),
}
# The group a seat belongs to, by the kind of its key (``sector:…`` or ``org:…``).
SECTOR_GROUP = N_("{sector} sector")
ORGANISATION_GROUP = N_("organisation {organisation}")
OTHER_GROUP = N_("group")
# Who counted instead: a name when the export looked names up, else the id; or nobody.
NAMED_PERSON = N_("{name} ({person})")
NOBODY = N_("nobody")

COUNTED = N_("yes")
NOT_COUNTED = N_("no")
# A UTC time, and the export row's description of the file.
TIME_FORMAT = N_("%Y-%m-%d %H:%M:%S UTC")
EXPORTED = N_("{export_format}, exported {at}")
# The rule profile by its key; one the catalog does not know is shown as its key.
PROFILES: Mapping[str, str] = {
    LEVELS_1_TO_4.key: N_("levels 1-4"),
    LEVELS_1_TO_5.key: N_("levels 1-5"),
}
RECOUNT_OPEN = N_("recount: {outcome} as things stand (still open)")
RECOUNT_CLOSED = N_("recount from the responses: {outcome} ({agreement})")
RECOUNT_MATCHES = N_("matches the outcome")
RECOUNT_DIFFERS = N_("differs from the outcome")
VOTE_COUNT = N_("threshold {threshold} of votes cast; for {for_weight}, against {against_weight}")
CANCELLED_BY = N_("cancelled by {person}")


class CatalogExportWords:
    """``bot.audit.ExportWords`` from this catalog, in the reader's language (English when
    there is no catalog for it)."""

    def __init__(self, language: str | None = None) -> None:
        self._word: Callable[[str], str] = translations(language).gettext

    def time(self, at: datetime) -> str:
        return at.strftime(self._word(TIME_FORMAT))

    def exported(self, export_format: str, at: datetime) -> str:
        return self._word(EXPORTED).format(export_format=export_format, at=self.time(at))

    def outcome(self, outcome: Outcome | str) -> str:
        return self._word(OUTCOME_NAMES[outcome]) if isinstance(outcome, Outcome) else outcome

    def result(self, result: VoteResult | str) -> str:
        return self._word(RESULT_NAMES[result]) if isinstance(result, VoteResult) else result

    def rule_profile(self, key: str) -> str:
        return self._word(PROFILES[key]) if key in PROFILES else key

    def recount(self, recount: Outcome | str, *, still_open: bool, agrees: bool) -> str:
        if still_open:
            return self._word(RECOUNT_OPEN).format(outcome=self.outcome(recount))
        agreement = self._word(RECOUNT_MATCHES if agrees else RECOUNT_DIFFERS)
        return self._word(RECOUNT_CLOSED).format(outcome=self.outcome(recount), agreement=agreement)

    def counted(self, counted: bool) -> str:
        return self._word(COUNTED if counted else NOT_COUNTED)

    def why(self, code: str, group: str | None, instead: str | None, instead_name: str) -> str:
        if code not in WHY:
            return code
        if instead and instead_name:
            who = self._word(NAMED_PERSON).format(name=instead_name, person=instead)
        else:
            who = instead or self._word(NOBODY)
        return self._word(WHY[code]).format(group=self._group(group), instead=who)

    def _group(self, group: str | None) -> str:
        kind, _, key = (group or "").partition(":")
        if kind == "sector":
            return self._word(SECTOR_GROUP).format(sector=self._word(sector_label(key)))
        if kind == "org":
            return self._word(ORGANISATION_GROUP).format(organisation=key)
        return self._word(OTHER_GROUP)

    def vote_count(self, threshold: str, for_weight: int, against_weight: int) -> str:
        return self._word(VOTE_COUNT).format(
            threshold=threshold, for_weight=for_weight, against_weight=against_weight
        )

    def cancelled_by(self, person: str) -> str:
        return self._word(CANCELLED_BY).format(person=person)
