"""The words of the decision log (``handlers.views.decision_log``): `/consensus log #N` (one
decision's rounds, recorded votes and record) and `/consensus log` (recent decisions).

Both are answered privately, in the reader's language. A record entry says what happened
after the person who did it: the entries that hold data are worded in
``handlers.messages.record``; the others, whose text is what a person typed (or an old entry
in a form no longer read), are worded here with that text as ``{detail}``.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.record_entries import EntryKind
from handlers.messages.marker import N_, Np_

DECISION_TITLE = N_("Decision record: {title}")  # a header: plain text
ROUND_LINE = N_("Round {number}: *{round}* {title} — {state}")
VOTE_LINE = N_("Recorded vote {vote} on #{round}: {state}")
NOTHING_RECORDED = N_("Nothing recorded yet.")
# The plain text of the replies, where Slack shows no blocks (a notification).
DECISION_RECORD_FALLBACK = N_("Decision record")
RECENT_FALLBACK = N_("Recent decisions")
APPEND_ONLY = N_("Append-only: nothing in this record is ever changed or deleted.")
# The same English for one and many, as the log has always said; a language chooses its own.
EARLIER_NOT_SHOWN = Np_(
    "{count} earlier entries not shown; `consensus-bot export` has all.",
    "{count} earlier entries not shown; `consensus-bot export` has all.",
)

# An entry whose text is what a person typed (or an old entry in a form no longer read),
# said after who did it; ``{detail}`` is that text, shown as typed (empty for some kinds).
TYPED_ENTRY_WORDS: Mapping[EntryKind, str] = {
    EntryKind.ROUND_OPENED: N_("opened the round {detail}"),
    EntryKind.STANCE: N_("stated level {detail}"),
    EntryKind.ROUND_CLOSED: N_("closed it {detail}"),
    EntryKind.ROUND_CANCELLED: N_("cancelled it {detail}"),
    EntryKind.ROUND_EXTENDED: N_("extended the deadline to {detail}"),
    EntryKind.REMIND_NOW: N_("sent reminders {detail}"),
    EntryKind.ESCALATED: N_("escalated it to the steering committee, {detail}"),
    EntryKind.ESCALATION_RESOLVED: N_("recorded the resolution: {detail}"),
    EntryKind.REVISED: N_("revised it as {detail}"),
    EntryKind.INFORMATION_ANSWERED: N_("answered the information requests: {detail}"),
    EntryKind.ALTERNATIVE_ADOPTED: N_("adopted the alternative of {detail}"),
    EntryKind.VOTE_CALLED: N_("called a recorded vote: {detail}"),
    EntryKind.BALLOT: N_("voted in {detail}"),
    EntryKind.VOTE_CLOSED: N_("closed {detail}"),
    EntryKind.VOTE_CANCELLED: N_("cancelled recorded {detail}"),
}
# A kind with no words of its own: its name (``{kind}``, e.g. "roster set") and its text.
OTHER_ENTRY = N_("{kind} {detail}")
# A level given with its reason, in an old entry or one whose text is the reason typed.
STATED_LEVEL = N_("stated level {level}")
STATED_LEVEL_REASON = N_("stated level {level} — {reason}")

# What the log says of a level or a ballot given while its round or vote is still open: who,
# never what (the core withholds the level and the text, ``Decision.withheld``).
WITHHELD_WORDS: Mapping[EntryKind, str] = {
    EntryKind.STANCE: N_("responded"),
    EntryKind.BALLOT: N_("cast a ballot"),
}
# Anything else the core withholds (no such kind today): that something was done.
WITHHELD_OTHER = N_("acted")

NO_DECISIONS = N_("No decisions here yet. Start one with `{command_line}`.")
RECENT_TITLE = N_("*Recent decisions here*")
RECENT_LINE = N_("• *{round}* {title} — {outcome}")
RECENT_LINE_CLOSED = N_("• *{round}* {title} — {outcome}, {closed}")
RECENT_LINE_REVISES = N_("• *{round}* {title} — {outcome} (revises #{parent})")
RECENT_LINE_CLOSED_REVISES = N_("• *{round}* {title} — {outcome}, {closed} (revises #{parent})")
RECENT_HINT = N_("`{command} log #N` shows one decision's full record.")
