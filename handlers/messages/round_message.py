"""The words of a round's messages (``handlers.views``: ``round``, ``stance``, ``outcome``):
the round message and its buttons, the outcome, the thread's notes, the reminder,
`/consensus status` and `list`, and the chair's private replies. Channel posts read in the partnership's language (English for now);
what one person reads, in theirs.
"""

from __future__ import annotations

from bot.domain.scale import TextKind
from bot.ports import TaskKind
from handlers.messages.marker import N_, Np_

# The chair's private confirmation that a round is open ({round} is "#12").
OPENED = Np_(
    ":ballot_box_with_ballot: Proposal {round} is open for {count} voter until {closes}.",
    ":ballot_box_with_ballot: Proposal {round} is open for {count} voters until {closes}.",
)
OPENED_SEATS = Np_(
    ":ballot_box_with_ballot: Proposal {round} is open for {count} seat ({people} people "
    "asked) until {closes}.",
    ":ballot_box_with_ballot: Proposal {round} is open for {count} seats ({people} people "
    "asked) until {closes}.",
)
ASSUMED_ZONE = N_(
    ":globe_with_meridians: I found no time zone in your Slack profile, so I read times you "
    "type (and time your reminders) in *{zone}*. Set your time zone in your Slack profile, or "
    "give the deadline with an offset, e.g. `--deadline 2026-12-01T17:00-05:00`."
)
YOU_CHAIR = N_("You chair it: close, extend, remind or cancel from the round message.")

# The chair's controls on the round message.
CLOSE_NOW = N_("Close now")
CLOSE_CONFIRM_TITLE = N_("Close this round?")
CLOSE_CONFIRM_TEXT = N_("The outcome is posted now and nobody can change their level after.")
CLOSE_CONFIRM_YES = N_("Close and post")
EXTEND = N_("Extend")
REMIND_NOW = N_("Remind now")
CANCEL = N_("Cancel")
CANCEL_CONFIRM_TITLE = N_("Cancel this round?")
CANCEL_CONFIRM_TEXT = N_("No outcome will be posted. The round stays in the record as cancelled.")
CANCEL_CONFIRM_YES = N_("Cancel round")

# The chair's private replies to a control or its command.
ALREADY_CLOSED = N_("Proposal #{round} was already closed; its outcome is posted.")
CLOSED = N_("Closed proposal #{round}. The outcome is being posted in the channel.")
NOBODY_TO_REMIND = N_("Everyone has responded to proposal #{round}; nobody to remind.")
REMINDING = Np_(
    "Reminding {count} people who have not responded to #{round}.",
    "Reminding {count} people who have not responded to #{round}.",
)
CANCELLED_REPLY = N_("Cancelled proposal #{round}. No outcome will be posted.")
ESCALATED_REPLY = N_(
    "Escalated proposal #{round} to {channel} as escalation {escalation}, due {due}."
)
EXTENDED_REPLY = N_("Proposal #{round} now closes {closes}.")
ONLY_THE_CHAIR = {
    "extend": N_("Only the chair ({chair}) can extend round #{round}."),
    "revise": N_("Only the chair ({chair}) can revise round #{round}."),
}

# The round message.
TITLE = N_("Proposal {round}: {title}")
SUMMARY = N_("Chair {chair} · {profile} · quorum {quorum} ({needed} of {eligible})")
CLOSES = N_(":alarm_clock: Closes {closes}")
HINT = N_("Pick your level. 5 and 6 ask you to explain; you can change your level until the close.")
HINT_LEVELS_1_TO_5 = N_(
    "Pick your level. 6 asks for an alternative; you can change it until the close."
)
NEXT_REMINDER = N_("Next reminder to those who haven't responded: {when}")
CANCELLED_EARLY = N_(":no_entry_sign: Cancelled by the chair early. No outcome.")
CANCELLED_AT = N_(":no_entry_sign: Cancelled by the chair {when}. No outcome.")
CLOSED_LINE = N_("*Closed {when}* · {outcome} · {responded}. The outcome is below.")
FALLBACK = N_("Proposal {round}: {title} — {responded}")

# The outcome post.
OUTCOME_TITLE = N_("{outcome}: {title}")
CHAIRED_BY = N_(
    "Proposal {round}, chaired by {chair}.\n*{responded}* (quorum {needed}) · {profile}"
)
LEVELS_CHOSEN = N_("*Levels chosen*\n{distribution}")
POSTED_LATE = N_(":warning: Posted late: the bot was unavailable at the deadline.")
ACKNOWLEDGED = N_(":raised_hand: *Disagreement acknowledged* (level 4, will not block)")
LEVEL_5_TITLE = N_(":mag: *{name}* (level 5)")
ALTERNATIVES_TITLE = N_(":twisted_rightwards_arrows: *Alternatives offered* (level 6)")
RESERVATIONS_TITLE = N_(":memo: *Reservations*")
DID_NOT_RESPOND = N_("Did not respond: {people}")
ESCALATE_BUTTON = N_("Escalate to steering")
OUTCOME_FALLBACK = N_("{outcome}: {title} ({responded})")

# The round's thread.
EXPLAINED = N_("{voter} chose *{level}*.")
EXPLANATION_CHANGED = N_(
    ":arrows_counterclockwise: {voter} chose *{level}* earlier and has since changed their "
    "level (see below). What they wrote stays in the record:"
)
# What the text given with a level is called when it is kept after a level change, in the
# sentence that says so.
LEVEL_CHANGED: dict[TextKind, str] = {
    TextKind.NONE: N_(
        ":arrows_counterclockwise: {voter} has changed their level from {level}; their "
        "earlier explanation is kept in the record."
    ),
    TextKind.RESERVATION: N_(
        ":arrows_counterclockwise: {voter} has changed their level from {level}; their "
        "earlier reservation is kept in the record."
    ),
    TextKind.INFORMATION: N_(
        ":arrows_counterclockwise: {voter} has changed their level from {level}; their "
        "earlier request for information is kept in the record."
    ),
    TextKind.ALTERNATIVE: N_(
        ":arrows_counterclockwise: {voter} has changed their level from {level}; their "
        "earlier alternative is kept in the record."
    ),
}

# The reminder (a DM, in the voter's language).
REMINDER = N_(
    ":wave: {voter}, proposal {round} in {channel} is waiting for your level. It closes {closes}."
)
REMINDER_LATE = N_(
    ":wave: {voter}, proposal {round} in {channel} is waiting for your level (sent late: the "
    "bot was unavailable). It closes {closes}."
)

# `/consensus status` (private) and `list`.
STATUS_TITLE = N_("*Proposal {round}: {title}* ({state})")
STATES = {"open": N_("open"), "closed": N_("closed"), "cancelled": N_("cancelled")}
IF_CLOSED_NOW = N_("Closes {closes}; if it closed now: *{outcome}*.")
WAITING_FOR = N_("Waiting for: {people}")
YOUR_LEVEL = N_("Your level: *{level}*. {standing}")
NOT_RESPONDED_YET = N_("You have not responded yet. {standing}")
NO_OUTCOME = N_("Outcome: *none*")
NO_OPEN_ROUNDS = N_("No open rounds in this channel. Start one with `{command_line}`.")
OPEN_ROUNDS = N_("*Open rounds here*")
OPEN_ROUND_LINE = N_("• *{round}* {title} — {responded}, closes {closes}")
MORE = N_("…and {count} more")

# What each kind of due work is, in the words of a chair reading why it did not arrive.
UNDELIVERED_LABELS: dict[TaskKind, str] = {
    TaskKind.POST_ROUND: N_("the round message"),
    TaskKind.UPDATE_ROUND: N_("the latest count on the round message"),
    TaskKind.POST_OUTCOME: N_("the outcome"),
    TaskKind.POST_EXPLANATION: N_("an explanation in the round's thread"),
    TaskKind.POST_LEVEL_CHANGE: N_("a note of a level change in the round's thread"),
    TaskKind.REMIND_WAVE: N_("reminders"),
    TaskKind.REMIND_VOTER: N_("a reminder"),
    TaskKind.POST_ESCALATION: N_("the escalation to the steering channel"),
    TaskKind.ESCALATION_REMINDER: N_("a reminder in the steering channel"),
    TaskKind.POST_VOTE: N_("the recorded vote"),
    TaskKind.UPDATE_VOTE: N_("the latest count on the recorded vote"),
    TaskKind.POST_VOTE_RESULT: N_("the recorded vote's result"),
    TaskKind.TELL_CHAIR_UNDELIVERED: N_("a note to the chair"),
    TaskKind.POST_RESOLUTION: N_("how the escalation was resolved"),
}
NOT_DELIVERED = N_(":warning: Not delivered: {what}. I am not in the channel any more.")
UNDELIVERED = N_(
    ":warning: I could not post {what} for proposal {round} *{title}* in {channel}: I am not a "
    "member of that channel any more (or it was archived). Invite me back with `/invite "
    "@consensus` in {channel}, and I will post what was missed at once. Nothing is lost "
    "meanwhile: votes are kept."
)

# The forms a chair fills in.
EXTEND_INTRO = N_("Move the deadline of proposal #{round} later.")
EXTEND_LABEL = N_("Extend by, or new deadline")
EXTEND_HINT = N_("A duration added to the deadline (1d, 12h) or a new date and time.")
EXTEND_TITLE = N_("Extend the deadline")
EXTEND_SUBMIT = N_("Extend")

# The private answers to `/consensus` commands that are not a round's.
OPEN_ROUNDS_FALLBACK = N_("Open rounds")
STATUS_FALLBACK = N_("Proposal #{round}")
RESOLVED_REPLY = N_(":white_check_mark: Escalation {escalation} is resolved; reminders stop.")
COORDINATORS_SET = N_(
    "Coordinators: workspace admins and {people}. They manage the roster, the steering "
    "channel and the recorded-vote rules."
)
STEERING_SET = N_("Escalations will be posted in {channel}. Invite me there.")
DID_NOT_WORK = N_("Sorry, that did not work. Try `{command} help`.")

# The start form.
START_TITLE = N_("Start a consensus round")
START_SUBMIT = N_("Start round")
START_NOTICE_TITLE = N_("Start a round")
PROPOSAL = N_("Proposal")
DETAILS = N_("Details")
DETAILS_PLACEHOLDER = N_("Background, options, links")
VOTERS = N_("Voters")
VOTERS_PLACEHOLDER = N_("Everyone in this channel")
VOTERS_HINT = N_("Leave empty to ask everyone in the channel.")
DEADLINE = N_("Deadline")
DEADLINE_HINT = N_("A duration (3d, 36h, 90m) or a date and time in your zone (2026-12-01T17:00).")
QUORUM = N_("Quorum")
QUORUM_HINT = N_("Share of voters who must respond, e.g. 2/3 or 75%.")
RULE = N_("Rule profile")
REMINDERS = N_("Reminders")
REMINDERS_HINT = N_(
    "When to remind those who haven't responded, as shares of the window; 'none' for no reminders."
)
NO_TITLE = N_("Give the proposal a title.")
PICK_A_RULE = N_("Pick one of the rule profiles.")
CLOSE = N_("Close")

# A start in a channel the bot is not in (a refusal, and the start form's field error, which
# Slack shows as plain text), and a start already carried out.
NOT_IN_CHANNEL = N_(
    ":warning: I'm not a member of {channel}, so I cannot post a round there; no round was "
    "opened. Add me with `{invite}` in that channel, then run `{command} start` again."
)
NOT_IN_THIS_CHANNEL = N_(
    "I'm not a member of this channel, so I cannot post a round there; no round was opened. "
    "Add me with {invite} in that channel, then submit again."
)
ALREADY_OPEN = N_(
    ":information_source: Proposal {round} is already open — started {started}. See {where}."
)
ALREADY_STARTED = N_(
    ":information_source: Proposal {round} was already started — started {started}. See {where}."
)
THE_ROUND_MESSAGE = N_("the round message")

# Under a roster, the outcome's counts per sector and the advisory input
# (``handlers.views.outcome.outcome_extras``).
BY_SECTOR = N_(":busts_in_silhouette: *By sector*")
SECTOR_LINE = Np_(
    "• *{sector}*: {counted} of {count} seat counted ({levels})",
    "• *{sector}*: {counted} of {count} seats counted ({levels})",
)
SECTOR_LINE_ADVISORY = Np_(
    "• *{sector}*: {counted} of {count} seat counted ({levels}); advisory {advisory}",
    "• *{sector}*: {counted} of {count} seats counted ({levels}); advisory {advisory}",
)
LEVEL_TIMES = N_("{times}× level {level}")
NO_LEVELS = N_("none")
ADVISORY_INPUT = N_(":speech_balloon: *Advisory input* (shown, not counted)")
ADVISORY_LEVEL = N_("level {level}")
ADVISORY_LEVEL_REASON = N_("level {level} — {reason}")
REVISE_BUTTON = N_("Revise and re-run")
