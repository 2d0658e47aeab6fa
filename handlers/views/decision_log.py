"""The decision log: one decision's record (`/consensus log #N`), recent decisions, and what
each record entry says, in the reader's words (Slack mrkdwn).

The core hands over each entry's parameters (``bot.record_entries.entry_params``, which also
reads the entries written before they were data); the words are the catalog's
(``handlers.messages.record``). An entry whose form cannot be read is shown as written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.domain.recorded_vote import Choice, VoteResult
from bot.domain.round import Round
from bot.domain.tally import Outcome
from bot.ports import HistoryEntry
from bot.record_entries import FIELDS, EntryKind, entry_params
from bot.usecases.decision_log import Decision
from handlers import mrkdwn as md
from handlers.block_kit import Block, context, divider, header, round_name, section, when
from handlers.grammar.subcommands import COMMAND
from handlers.messages import translations
from handlers.messages.outcome import OUTCOME_NAMES, RESULT_NAMES, outcome_name, result_name
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


MAX_LOG_LINES = 40


HISTORY_LABELS = {
    "round_opened": "opened the round",
    "stance": "stated level",
    "round_closed": "closed it",
    "round_cancelled": "cancelled it",
    "round_extended": "extended the deadline to",
    "remind_now": "sent reminders",
    "escalated": "escalated it to the steering committee,",
    "escalation_resolved": "recorded the resolution:",
    "revised": "revised it as",
    "information_answered": "answered the information requests:",
    "alternative_adopted": "adopted the alternative of",
    "vote_called": "called a recorded vote:",
    "ballot": "voted in",
    "vote_closed": "closed",
    "vote_cancelled": "cancelled recorded",
}


def _entry_line(entry: HistoryEntry, decision: Decision) -> str:
    said = entry_words(entry.kind, entry.text)
    if said is None:  # typed text, or an old entry in a form no longer read: as written
        label = HISTORY_LABELS.get(entry.kind, entry.kind.replace("_", " "))
        detail = entry.text
        if entry.kind == "stance" and entry.level is not None:
            detail = f"{entry.level}" + (f" — {entry.text}" if entry.text else "")
        said = f"{label} {literal(detail, REASON_SHOWN)}"
    actor = entry.actor if entry.actor == "deadline" else f"<@{entry.actor}>"
    where = f"#{entry.round_id}" if entry.round_id else ""
    return f"{when(entry.at, '{date_short} {time}')} {where} {actor} {said}"


def decision_message(decision: Decision) -> list[Block]:
    first = decision.rounds[0]
    lines = [
        f"Round {i}: *{round_name(r)}* {literal(r.title, 100)} — "
        f"{outcome_name(r.outcome) or r.status.value}"
        for i, r in enumerate(decision.rounds, start=1)
    ]
    for vote in decision.votes:
        state = result_name(vote.result) if vote.result else vote.status.value
        lines.append(f"Recorded vote {vote.id} on #{vote.round_id}: {state}")
    entries = decision.entries[-MAX_LOG_LINES:]
    record = "\n".join(_entry_line(e, decision) for e in entries)
    more = len(decision.entries) - len(entries)
    blocks = [
        header(f"Decision record: {first.title}"),
        section("\n".join(lines)),
        divider(),
        section(md.cut(record, 2900) or "Nothing recorded yet."),
    ]
    footer = "Append-only: nothing in this record is ever changed or deleted."
    if more:
        footer = f"{more} earlier entries not shown; `consensus-bot export` has all. " + footer
    blocks.append(context(footer))
    return blocks


def recent_message(rounds: Sequence[Round]) -> list[Block]:
    if not rounds:
        return [
            section(
                f"No decisions here yet. Start one with `{literal(f'{COMMAND} start <proposal>')}`."
            )
        ]
    lines = [
        f"• *{round_name(r)}* {literal(r.title, 100)} — {outcome_name(r.outcome) if r.outcome else ''}"
        + (f", {when(r.closed_at, '{date_short}')}" if r.closed_at else "")
        + (f" (revises #{r.parent_id})" if r.parent_id else "")
        for r in rounds
    ]
    return [
        section("*Recent decisions here*\n" + "\n".join(lines)),
        context(f"`{COMMAND} log #N` shows one decision's full record."),
    ]
