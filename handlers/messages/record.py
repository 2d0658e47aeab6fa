"""The words for the decision record's entries that hold data (``bot.record_entries``).

Each template says what happened after the person who did it ("<@U…> voted For in recorded
vote 3"); ``handlers.views.decision_log`` fills in the entry's parameters, worded here and in the
outcome's and the recorded vote's catalogs.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.record_entries import EntryKind
from handlers.messages.marker import N_

ENTRY_WORDS: Mapping[EntryKind, str] = {
    EntryKind.ROUND_CLOSED: N_("closed it: {outcome}"),
    EntryKind.ESCALATED: N_("escalated it to the steering committee, due {due}"),
    EntryKind.VOTE_CALLED: N_("called recorded vote {vote}"),
    EntryKind.BALLOT: N_("voted {choice} in recorded vote {vote}"),
    EntryKind.VOTE_CLOSED: N_(
        "closed recorded vote {vote}: {result} (for {for_weight}, against {against_weight})"
    ),
    EntryKind.VOTE_CANCELLED: N_("cancelled recorded vote {vote}: {reason}"),
    EntryKind.ROSTER_IMPORTED: N_("imported a roster of {people} people"),
}
