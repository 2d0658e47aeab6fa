"""An escalation to the steering committee: the post, its reminders and the resolution."""

from __future__ import annotations

from bot.ports import Audience, EscalationView
from handlers import messages
from handlers import mrkdwn as md
from handlers.block_kit import (
    FALLBACK_TEXT_MAX,
    Block,
    context,
    header,
    round_name,
    section,
    stance_lines,
    when,
)
from handlers.grammar.subcommands import COMMAND
from handlers.messages import escalation as escalation_words
from handlers.messages import round_message as round_words
from handlers.messages.outcome import outcome_name
from handlers.mrkdwn import literal
from handlers.views.outcome import distribution_text, reason_text


def escalation_message(view: EscalationView) -> tuple[str, list[Block]]:
    esc, round_view = view.escalation, view.round
    round_, tally = round_view.round, round_view.final_tally
    say, label = messages.say, messages.label
    text = say(
        escalation_words.ESCALATED,
        None,
        escalation=esc.id,
        round=round_name(round_),
        title=literal(round_.title, 150),
        outcome=label(outcome_name(round_.outcome)),
        channel=f"<#{round_.channel}>",
        due=when(esc.due_at, "{date_long}"),
    )
    blocks: list[Block] = [
        header(say(escalation_words.HEADER, None, escalation=esc.id, title=round_.title)),
        section(text),
        section(reason_text(round_, tally)),
        section(
            say(
                round_words.LEVELS_CHOSEN,
                None,
                distribution=distribution_text(round_.profile, tally),
            )
        ),
    ]
    titles = (
        (5, escalation_words.INFORMATION_REQUESTED),
        (6, escalation_words.ALTERNATIVES_OFFERED),
    )
    for level, title in titles:
        stances = tally.at_level(level)
        if stances:
            blocks.append(section(f"{label(title)}\n{stance_lines(stances)}"))
    blocks.append(
        context(
            say(
                escalation_words.ESCALATED_BY,
                None,
                person=f"<@{esc.opened_by}>",
                command_line=_resolve_command(esc.id),
            )
        )
    )
    return md.cut(text, FALLBACK_TEXT_MAX), blocks


def _resolve_command(escalation: int) -> str:
    return literal(f"{COMMAND} resolve {escalation} <what was agreed>")


def escalation_reminder(view: EscalationView) -> str:
    esc, round_ = view.escalation, view.round.round
    kind = escalation_words.REMINDER_KINDS.get(
        view.reminder or "", escalation_words.REMINDER_KIND_OTHER
    )
    return messages.say(
        escalation_words.REMINDER_LATE if view.round.late_by_seconds else escalation_words.REMINDER,
        None,
        kind=messages.label(kind),
        escalation=esc.id,
        round=round_name(round_),
        title=literal(round_.title, 150),
        due=when(esc.due_at, "{date_long}"),
        command_line=_resolve_command(esc.id),
    )


def resolution_message(view: EscalationView, audience: Audience) -> str:
    """How an escalation was resolved, as told to the partners and to the committee."""
    esc, round_ = view.escalation, view.round.round
    return md.cut(
        messages.say(
            escalation_words.RESOLVED[audience],
            None,
            escalation=esc.id,
            round=round_name(round_),
            title=literal(round_.title, 150),
            person=f"<@{esc.resolved_by}>",
            resolution=literal(esc.resolution),
        ),
        FALLBACK_TEXT_MAX,
    )
