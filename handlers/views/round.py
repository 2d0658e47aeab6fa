"""A round: the round message and the chair's buttons, the chair's confirmation, status and
list, the start and extend forms, reminders, and the chair's notice of what was not
delivered.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain.progress import Progress
from bot.domain.roster import ResponseStanding
from bot.domain.round import Round, RoundStatus, Stance
from bot.domain.scale import DEFAULT_PROFILE, PROFILES
from bot.domain.tally import tally
from bot.ports import RoundView, TaskKind
from bot.usecases.rounds import Opening
from handlers import ids, messages
from handlers import mrkdwn as md
from handlers import slack_limits as limits
from handlers.block_kit import (
    FALLBACK_TEXT_MAX,
    Block,
    button,
    confirm_dialog,
    context,
    header,
    people,
    plain,
    round_name,
    section,
    when,
)
from handlers.block_kit import input_block as _input
from handlers.block_kit import modal as _modal
from handlers.block_kit import text_input as _text_input
from handlers.grammar.subcommands import COMMAND
from handlers.messages import round_message as round_words
from handlers.messages import scale as scale_words
from handlers.messages.outcome import outcome_name
from handlers.mrkdwn import literal
from handlers.views.common import button_text, quorum_label
from handlers.views.outcome import distribution_text, outcome_sentence
from handlers.views.revision import proposal_details
from handlers.views.stance import level_buttons
from handlers.views.standing import responded_count, standing_sentence


def round_opened(round_: Round, language: str | None = None) -> str:
    """The chair's private confirmation that a round is open, counted as the round message
    counts ("k of n have responded" counts seats): with a roster, n is the seats, not the
    people asked."""
    seats, people = tally(round_, ()).eligible, len(round_.voters)
    return messages.say_n(
        round_words.OPENED if seats == people else round_words.OPENED_SEATS,
        seats,
        language,
        round=round_name(round_, language),
        people=people,
        closes=when(round_.closes_at, language=language),
    )


def opened_message(opening: Opening, language: str | None = None) -> str:
    """The chair's private confirmation, with the zone assumed if their profile has none."""
    opened = round_opened(opening.round, language)
    if not opening.assumed_zone:
        return opened
    zone = messages.say(round_words.ASSUMED_ZONE, language, zone=opening.assumed_zone)
    return f"{opened}\n{zone}"


def chair_controls(round_: Round) -> Block:
    """The chair's buttons on the round message (in the channel's language)."""
    value = ids.pack(round_.id, round_.chair)
    say = messages.label
    return {
        "type": "actions",
        "block_id": ids.round_block("chair", round_.id),
        "elements": [
            button(
                say(round_words.CLOSE_NOW),
                ids.CLOSE_ACTION,
                value,
                confirm=confirm_dialog(
                    say(round_words.CLOSE_CONFIRM_TITLE),
                    say(round_words.CLOSE_CONFIRM_TEXT),
                    say(round_words.CLOSE_CONFIRM_YES),
                ),
            ),
            button(say(round_words.EXTEND), ids.EXTEND_ACTION, value),
            button(say(round_words.REMIND_NOW), ids.REMIND_ACTION, value),
            button(
                say(round_words.CANCEL),
                ids.CANCEL_ACTION,
                value,
                style="danger",
                confirm=confirm_dialog(
                    say(round_words.CANCEL_CONFIRM_TITLE),
                    say(round_words.CANCEL_CONFIRM_TEXT),
                    say(round_words.CANCEL_CONFIRM_YES),
                ),
            ),
        ],
    }


def round_summary_line(round_: Round, progress: Progress, language: str | None = None) -> str:
    return messages.say(
        round_words.SUMMARY,
        language,
        chair=f"<@{round_.chair}>",
        profile=messages.label(scale_words.profile_name(round_.profile), language),
        quorum=quorum_label(round_.quorum),
        needed=progress.quorum_needed,
        eligible=progress.eligible,
    )


def progress_line(progress: Progress) -> str:
    text = f"*{responded_count(progress)}*"
    if progress.responded:  # in the order they did (the core shows no levels before the close)
        text += ": " + people(progress.responded)
    return text


def round_message(view: RoundView) -> tuple[str, list[Block]]:
    """The round message: open (buttons, chair controls) or in its final state. A channel
    post: in the partnership's language (the catalog's English)."""
    round_, progress = view.round, view.progress
    say = messages.say
    title = say(round_words.TITLE, None, round=round_name(round_), title=round_.title)
    blocks: list[Block] = [header(title)]
    if round_.details:
        blocks.append(section(proposal_details(round_)))
    blocks.append(context(round_summary_line(round_, progress)))
    if round_.is_open:
        blocks.append(section(say(round_words.CLOSES, None, closes=when(round_.closes_at))))
        blocks.append(section(progress_line(progress)))
        hint = round_words.HINT
        if round_.profile.key != DEFAULT_PROFILE.key:
            hint = round_words.HINT_LEVELS_1_TO_5
        notes = [messages.label(hint)]
        if view.next_reminder:
            notes.append(say(round_words.NEXT_REMINDER, None, when=when(view.next_reminder)))
        blocks.append(level_buttons(round_))
        blocks.append(context(*notes))
        blocks.append(chair_controls(round_))
    elif round_.status is RoundStatus.CANCELLED:
        cancelled = (
            say(round_words.CANCELLED_AT, None, when=when(round_.closed_at))
            if round_.closed_at
            else messages.label(round_words.CANCELLED_EARLY)
        )
        blocks.append(section(cancelled))
    else:
        closed = when(round_.closed_at) if round_.closed_at else ""
        blocks.append(
            section(
                say(
                    round_words.CLOSED_LINE,
                    None,
                    when=closed,
                    outcome=messages.label(outcome_name(round_.outcome)),
                    responded=responded_count(progress, closed=True),
                )
            )
        )
    text = say(
        round_words.FALLBACK,
        None,
        round=round_name(round_),
        title=literal(round_.title),
        responded=responded_count(progress),
    )
    return md.cut(text, FALLBACK_TEXT_MAX), blocks


def reminder_message(
    view: RoundView, voter: str, language: str | None = None
) -> tuple[str, list[Block]]:
    """The reminder a voter gets by DM, in their ``language``."""
    round_ = view.round
    text = messages.say(
        round_words.REMINDER_LATE if view.late_by_seconds else round_words.REMINDER,
        language,
        voter=f"<@{voter}>",
        round=round_name(round_, language),
        channel=f"<#{round_.channel}>",
        closes=when(round_.closes_at, language=language),
    )
    blocks: list[Block] = [
        section(text),
        section(
            f"*{literal(round_.title)}*"
            + (f"\n{proposal_details(round_)}" if round_.details else "")
        ),
        context(progress_line(view.progress).replace("*", "")),
        level_buttons(round_, language),
    ]
    return md.cut(text, FALLBACK_TEXT_MAX), blocks


# What each kind of due work is, in the words of a chair reading why it did not arrive.
UNDELIVERED_LABELS = round_words.UNDELIVERED_LABELS


def _undelivered(parked: Sequence[TaskKind], language: str | None) -> str:
    return ", ".join(dict.fromkeys(messages.label(UNDELIVERED_LABELS[k], language) for k in parked))


def undelivered_line(parked: Sequence[TaskKind], language: str | None = None) -> str:
    return messages.say(round_words.NOT_DELIVERED, language, what=_undelivered(parked, language))


def undelivered_message(
    view: RoundView, parked: Sequence[TaskKind], channel: str, language: str | None = None
) -> str:
    """The chair's DM when the bot lost access to a round's channel."""
    return messages.say(
        round_words.UNDELIVERED,
        language,
        what=_undelivered(parked, language),
        round=round_name(view.round, language),
        title=literal(view.round.title),
        channel=f"<#{channel}>",
    )


def status_message(
    view: RoundView,
    viewer: str,
    undelivered: Sequence[TaskKind] = (),
    standing: ResponseStanding | None = None,
    mine: Stance | None = None,
    language: str | None = None,
) -> list[Block]:
    """A round's state as ``viewer`` asks for it, in their ``language``: with their own
    level (``mine``, counted or not) and its ``standing``."""
    round_, progress = view.round, view.progress
    say, label = messages.say, messages.label
    state = round_words.STATES.get(round_.status.value, round_.status.value)
    lines = [
        say(
            round_words.STATUS_TITLE,
            language,
            round=round_name(round_, language),
            title=literal(round_.title),
            state=label(state, language),
        ),
        round_summary_line(round_, progress, language),
        progress_line(progress),
    ]
    if round_.is_open:
        lines.append(
            say(
                round_words.IF_CLOSED_NOW,
                language,
                closes=when(round_.closes_at, language=language),
                outcome=label(outcome_name(progress.outcome_if_closed_now), language),
            )
        )
        if progress.not_responded:
            waiting = people(progress.not_responded)
            lines.append(say(round_words.WAITING_FOR, language, people=waiting))
        if standing is None:
            pass
        elif mine is not None:
            lines.append(
                say(
                    round_words.YOUR_LEVEL,
                    language,
                    level=button_text(round_.profile.key, mine.level, language),
                    standing=standing_sentence(round_, standing, language=language),
                )
            )
        elif standing.may_respond:
            would = standing_sentence(round_, standing, given=False, language=language)
            lines.append(say(round_words.NOT_RESPONDED_YET, language, standing=would))
        else:
            lines.append(standing_sentence(round_, standing, language=language))
    else:
        tally = view.final_tally
        lines.append(
            outcome_sentence(round_, tally, language)
            if round_.outcome
            else label(round_words.NO_OUTCOME, language)
        )
        lines.append(distribution_text(round_.profile, tally, language))
    if undelivered:
        lines.append(undelivered_line(undelivered, language))
    return [section("\n".join(lines))]


def list_message(views: Sequence[RoundView], language: str | None = None) -> list[Block]:
    if not views:
        start = f"`{literal(f'{COMMAND} start <proposal>')}`"
        return [section(messages.say(round_words.NO_OPEN_ROUNDS, language, command_line=start))]
    lines = [
        messages.say(
            round_words.OPEN_ROUND_LINE,
            language,
            round=round_name(v.round, language),
            title=literal(v.round.title, 120),
            responded=responded_count(v.progress, closed=True, language=language),
            closes=when(v.round.closes_at, language=language),
        )
        for v in views[:40]
    ]
    if len(views) > 40:
        lines.append(messages.say(round_words.MORE, language, count=len(views) - 40))
    heading = messages.label(round_words.OPEN_ROUNDS, language)
    return [section(heading + "\n" + "\n".join(lines))]


def start_modal(channel: str, title: str = "", language: str | None = None) -> dict[str, Any]:
    """The start form, in the chair's ``language``."""

    def label(template: str) -> str:
        return messages.label(template, language)

    rule_options = [
        {
            "text": plain(label(scale_words.profile_name(p)), limits.OPTION_TEXT_MAX),
            "value": p.key,
        }
        for p in PROFILES.values()
    ]
    blocks = [
        _input(ids.TITLE_BLOCK, label(round_words.PROPOSAL), _text_input(title, max_length=200)),
        _input(
            ids.DETAILS_BLOCK,
            label(round_words.DETAILS),
            _text_input(
                multiline=True,
                max_length=2500,
                placeholder=label(round_words.DETAILS_PLACEHOLDER),
            ),
            optional=True,
        ),
        _input(
            ids.VOTERS_BLOCK,
            label(round_words.VOTERS),
            {
                "type": "multi_users_select",
                "placeholder": plain(label(round_words.VOTERS_PLACEHOLDER)),
            },
            optional=True,
            hint=label(round_words.VOTERS_HINT),
        ),
        _input(
            ids.DEADLINE_BLOCK,
            label(round_words.DEADLINE),
            _text_input("3d", max_length=40),
            hint=label(round_words.DEADLINE_HINT),
        ),
        _input(
            ids.QUORUM_BLOCK,
            label(round_words.QUORUM),
            _text_input("2/3", max_length=10),  # the same default as the one-line command
            hint=label(round_words.QUORUM_HINT),
        ),
        _input(
            ids.RULE_BLOCK,
            label(round_words.RULE),
            {
                "type": "static_select",
                "options": rule_options,
                "initial_option": rule_options[0],
            },
        ),
        _input(
            ids.REMIND_BLOCK,
            label(round_words.REMINDERS),
            _text_input("50%,90%", max_length=60),
            optional=True,
            hint=label(round_words.REMINDERS_HINT),
        ),
    ]
    return _modal(
        ids.START_VIEW,
        label(round_words.START_TITLE),
        label(round_words.START_SUBMIT),
        blocks,
        {"channel": channel},
        language,
    )


def extend_modal(round_id: int, channel: str, language: str | None = None) -> dict[str, Any]:
    label = messages.label
    blocks = [
        section(messages.say(round_words.EXTEND_INTRO, language, round=round_id)),
        _input(
            ids.DEADLINE_BLOCK,
            label(round_words.EXTEND_LABEL, language),
            _text_input("1d", max_length=40),
            hint=label(round_words.EXTEND_HINT, language),
        ),
    ]
    return _modal(
        ids.EXTEND_VIEW,
        label(round_words.EXTEND_TITLE, language),
        label(round_words.EXTEND_SUBMIT, language),
        blocks,
        {"round": round_id, "channel": channel},
        language,
    )
