"""The decision log: one decision's record (`/consensus log #N`), recent decisions, and what
each record entry says, in the reader's words (Slack mrkdwn).

The core hands over each entry's parameters (``bot.record_entries.entry_params``, which also
reads the entries written before they were data); the words are the catalog's
(``handlers.messages.record``, ``handlers.messages.decision_log``). An entry whose form
cannot be read is shown as written. A level or a ballot the core withholds (given while its
round or vote is open) says who, never what.
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
from handlers.messages import decision_log as log_words
from handlers.messages import label, say, say_n, translations
from handlers.messages.decision_log import TYPED_ENTRY_WORDS, WITHHELD_OTHER, WITHHELD_WORDS
from handlers.messages.outcome import OUTCOME_NAMES, RESULT_NAMES, outcome_name, result_name
from handlers.messages.record import ENTRY_WORDS
from handlers.messages.recorded_vote import CHOICE_LABELS
from handlers.messages.round_message import STATES
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


# The latest entries one answer shows; the export has them all.
MAX_LOG_LINES = 40
# How much of a title one line of the log shows.
TITLE_SHOWN = 100


def _entry_line(entry: HistoryEntry, withheld: bool, language: str | None = None) -> str:
    """One entry of the record: when, where, who, and what they did in the reader's words;
    of a level or ballot still ``withheld`` by the core, only that they gave one."""
    if withheld:
        said = label(WITHHELD_WORDS.get(EntryKind(entry.kind), WITHHELD_OTHER), language)
    else:
        said = entry_words(entry.kind, entry.text, language) or _typed_entry(entry, language)
    actor = entry.actor if entry.actor == "deadline" else f"<@{entry.actor}>"
    where = f"#{entry.round_id}" if entry.round_id else ""
    return f"{when(entry.at, '{date_short} {time}', language)} {where} {actor} {said}"


def _typed_entry(entry: HistoryEntry, language: str | None) -> str:
    """An entry whose text is what a person typed, or an old entry in a form no longer
    read: its text as written."""
    if entry.kind == EntryKind.STANCE and entry.level is not None:
        if not entry.text:
            return say(log_words.STATED_LEVEL, language, level=entry.level)
        # cut as the level, the dash and the reason together always were
        shown = REASON_SHOWN - len(f"{entry.level} — ")
        reason = literal(entry.text, shown)
        return say(log_words.STATED_LEVEL_REASON, language, level=entry.level, reason=reason)
    detail = literal(entry.text, REASON_SHOWN)
    if entry.kind in TYPED_ENTRY_WORDS:
        return say(TYPED_ENTRY_WORDS[EntryKind(entry.kind)], language, detail=detail)
    kind = entry.kind.replace("_", " ")
    return say(log_words.OTHER_ENTRY, language, kind=kind, detail=detail)


def _state(status: str, named: str, language: str | None) -> str:
    """An outcome or a result by its name, or else the round's or vote's state."""
    return label(named or STATES.get(status, status), language)


def decision_message(decision: Decision, language: str | None = None) -> list[Block]:
    """`/consensus log #N`: the decision's rounds, recorded votes and latest record entries,
    in the reader's ``language``."""
    first = decision.rounds[0]
    lines = [
        say(
            log_words.ROUND_LINE,
            language,
            number=i,
            round=round_name(r, language),
            title=literal(r.title, TITLE_SHOWN),
            state=_state(r.status.value, outcome_name(r.outcome), language),
        )
        for i, r in enumerate(decision.rounds, start=1)
    ]
    for vote in decision.votes:
        state = _state(vote.status.value, result_name(vote.result), language)
        lines.append(
            say(log_words.VOTE_LINE, language, vote=vote.id, round=vote.round_id, state=state)
        )
    first_shown = max(len(decision.entries) - MAX_LOG_LINES, 0)
    record = "\n".join(
        _entry_line(e, first_shown + i in decision.withheld, language)
        for i, e in enumerate(decision.entries[first_shown:])
    )
    blocks = [
        header(say(log_words.DECISION_TITLE, language, title=first.title)),
        section("\n".join(lines)),
        divider(),
        section(md.cut(record, 2900) or label(log_words.NOTHING_RECORDED, language)),
    ]
    footer = label(log_words.APPEND_ONLY, language)
    if first_shown:
        earlier = say_n(log_words.EARLIER_NOT_SHOWN, first_shown, language)
        footer = f"{earlier} {footer}"
    blocks.append(context(footer))
    return blocks


def recent_message(rounds: Sequence[Round], language: str | None = None) -> list[Block]:
    """`/consensus log`: the channel's recent decisions, in the reader's ``language``."""
    if not rounds:
        start = literal(f"{COMMAND} start <proposal>")
        return [section(say(log_words.NO_DECISIONS, language, command_line=start))]
    lines = [_recent_line(r, language) for r in rounds]
    return [
        section(label(log_words.RECENT_TITLE, language) + "\n" + "\n".join(lines)),
        context(say(log_words.RECENT_HINT, language)),
    ]


def _recent_line(round_: Round, language: str | None) -> str:
    if round_.closed_at:
        template = (
            log_words.RECENT_LINE_CLOSED_REVISES
            if round_.parent_id
            else log_words.RECENT_LINE_CLOSED
        )
    else:
        template = log_words.RECENT_LINE_REVISES if round_.parent_id else log_words.RECENT_LINE
    return say(
        template,
        language,
        round=round_name(round_, language),
        title=literal(round_.title, TITLE_SHOWN),
        outcome=label(outcome_name(round_.outcome), language) if round_.outcome else "",
        closed=when(round_.closed_at, "{date_short}", language) if round_.closed_at else "",
        parent=round_.parent_id,
    )
