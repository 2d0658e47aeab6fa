"""The words of the App Home tab (``handlers.views.home``): what waits for
the person and the recent decisions, in their language."""

from __future__ import annotations

from handlers.messages.marker import N_

WAITING = N_("Waiting for your level")
NOTHING_WAITING = N_(":white_check_mark: Nothing is waiting for you. Thank you!")
ROUND_WAITING = N_("*{round}* {title} in {channel}\nCloses {closes} · {responded}")
ROUND_WAITING_NOTE = N_("*{round}* {title} in {channel} _({note})_\nCloses {closes} · {responded}")
VOTE_WAITING = N_(
    ":ballot_box_with_ballot: *Recorded vote {vote}* {title} in {channel} — closes {closes}"
)
RECENT = N_("Recent decisions")
NO_DECISIONS = N_("No decisions yet.")
DECISION = N_("{emoji} *{round}* {title} — {outcome}")
DECISION_CLOSED = N_("{emoji} *{round}* {title} — {outcome}, {closed}")
HELP_HINT = N_("`{command} help` lists everything you can do.")
