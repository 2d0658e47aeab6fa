"""Pure Block Kit builders: domain objects in, Slack JSON out. No I/O, no Bolt.

Every text that could grow with user input is cut to Slack's limits with an ellipsis, so a
long proposal or reason is shortened, never rejected by Slack. Text people typed goes into
mrkdwn through ``literal`` (handlers.mrkdwn), so it is shown as typed and never becomes a
mention, a broadcast or a link; ``plain_text`` objects take it as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from bot.domain.eligibility import NotEligible
from bot.domain.errors import ConsensusError
from bot.domain.progress import Progress
from bot.domain.roster import ResponseStanding
from bot.domain.round import MAX_REASON, Round, RoundStatus, Stance
from bot.domain.scale import DEFAULT_PROFILE, LEVELS, PROFILES, Explanation
from bot.domain.tally import Outcome, tally
from bot.ports import Audience, EscalationView, LevelChange, RoundView, TaskKind
from bot.usecases.rounds import Opening
from handlers import eligibility_text, governance_blocks, ids, messages
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
    section,
    stance_lines,
)
from handlers.block_kit import input_block as _input
from handlers.block_kit import modal as _modal
from handlers.block_kit import (
    round_name as round_name,  # also used from here by the listeners
)
from handlers.block_kit import text_input as _text_input
from handlers.block_kit import (
    when as when,  # also used from here by the listeners
)
from handlers.grammar.subcommands import COMMAND, SUBCOMMANDS
from handlers.messages import escalation as escalation_words
from handlers.messages import help as help_words
from handlers.messages import round_message as round_words
from handlers.messages import scale as scale_words
from handlers.messages import stance as stance_words
from handlers.messages.outcome import outcome_name
from handlers.mrkdwn import literal
from handlers.outcome_text import distribution_text, outcome_sentence, reason_text
from handlers.revision_details import proposal_details
from handlers.standing import responded_count, standing_sentence

OUTCOME_EMOJI = {
    Outcome.CONSENSUS: ":white_check_mark:",
    Outcome.NO_CONSENSUS: ":x:",
    Outcome.NO_QUORUM: ":hourglass:",
}


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


# ----------------------------------------------------------------------------- the round
def level_buttons(round_: Round, language: str | None = None) -> Block:
    """The level buttons: in the channel's language on the round message, in the voter's in
    a reminder."""
    profile = round_.profile
    return {
        "type": "actions",
        "block_id": ids.round_block("vote", round_.id),
        "elements": [
            button(
                _button_text(profile.key, level.number, language),
                ids.vote_action(level.number, level.explanation is Explanation.REQUIRED),
                ids.pack(round_.id, profile.key),
            )
            for level in profile.levels
        ],
    }


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


# ----------------------------------------------------------------------------- the outcome


def outcome_message(view: RoundView) -> tuple[str, list[Block]]:
    """The outcome, posted in the channel (in the partnership's language)."""
    round_, tally, progress = view.round, view.final_tally, view.progress
    say, label = messages.say, messages.label
    outcome = Outcome(round_.outcome) if round_.outcome else tally.outcome
    blocks: list[Block] = [
        header(
            say(
                round_words.OUTCOME_TITLE,
                None,
                outcome=label(outcome_name(outcome)),
                title=round_.title,
            )
        ),
        section(f"{OUTCOME_EMOJI[outcome]} {outcome_sentence(round_, tally)}"),
        section(
            say(
                round_words.CHAIRED_BY,
                None,
                round=round_name(round_),
                chair=f"<@{round_.chair}>",
                responded=responded_count(progress, closed=True),
                needed=tally.quorum_needed,
                profile=label(scale_words.profile_name(round_.profile)),
            )
        ),
        section(
            say(
                round_words.LEVELS_CHOSEN,
                None,
                distribution=distribution_text(round_.profile, tally),
            )
        ),
    ]
    if view.late_by_seconds:
        blocks.append(context(label(round_words.POSTED_LATE)))
    profile = round_.profile
    sections = (
        (4, label(round_words.ACKNOWLEDGED)),
        (5, say(round_words.LEVEL_5_TITLE, None, name=label(scale_words.level_name(profile, 5)))),
        (6, label(round_words.ALTERNATIVES_TITLE)),
    )
    for level, title in sections:
        stances = tally.at_level(level)
        if stances:
            blocks.append(section(f"{title}\n{stance_lines(stances)}"))
    if tally.reservations:
        reservations = label(round_words.RESERVATIONS_TITLE)
        blocks.append(section(f"{reservations}\n{stance_lines(tally.reservations)}"))
    blocks.extend(governance_blocks.outcome_extras(round_, tally))
    if tally.not_responded:
        missing = say(round_words.DID_NOT_RESPOND, None, people=people(tally.not_responded))
        blocks.append(context(missing))
    if outcome is not Outcome.CONSENSUS:
        blocks.append(
            {
                "type": "actions",
                "block_id": ids.round_block("after", round_.id),
                "elements": [
                    governance_blocks.revise_button(round_),
                    button(
                        label(round_words.ESCALATE_BUTTON),
                        ids.ESCALATE_ACTION,
                        ids.pack(round_.id, round_.chair),
                    ),
                ],
            }
        )
    text = say(
        round_words.OUTCOME_FALLBACK,
        None,
        outcome=label(outcome_name(outcome)),
        title=literal(round_.title),
        responded=responded_count(progress, closed=True),
    )
    return md.cut(text, FALLBACK_TEXT_MAX), blocks


def explanation_message(view: RoundView, stance: Stance) -> str:
    profile, number = view.round.profile, stance.level
    chose = messages.say(
        round_words.EXPLAINED,
        None,
        voter=f"<@{stance.voter}>",
        level=_button_text(profile.key, number, None),
    )
    prompt = messages.label(scale_words.prompt(profile, number))
    return md.cut(f"{chose}\n>{prompt}\n{literal(stance.reason)}", FALLBACK_TEXT_MAX)


def explanation_changed_message(view: RoundView, earlier: Stance) -> str:
    """An explanation redrawn after its author changed level: it no longer reads as their
    position, and what they wrote stays readable."""
    profile, number = view.round.profile, earlier.level
    changed = messages.say(
        round_words.EXPLANATION_CHANGED,
        None,
        voter=f"<@{earlier.voter}>",
        level=_button_text(profile.key, number, None),
    )
    prompt = messages.label(scale_words.prompt(profile, number))
    return md.cut(f"{changed}\n>{prompt}\n{literal(earlier.reason)}", FALLBACK_TEXT_MAX)


def level_change_message(change: LevelChange) -> str:
    """Said in the thread when someone who explained a 5 or 6 changes level. The level they
    left was public (its explanation is in the thread); the new one is not said: levels stay
    private until the close."""
    return messages.say(
        round_words.LEVEL_CHANGED[change.kind],
        None,
        voter=f"<@{change.voter}>",
        level=change.from_level,
    )


def confirmation(
    round_: Round,
    stance: Stance,
    previous: int | None,
    standing: ResponseStanding,
    language: str | None = None,
) -> tuple[str, list[Block]]:
    """The private answer to a vote, in the voter's ``language``: what was recorded, whether
    it counts (and why not), the text it keeps, and until when it can change."""
    level = round_.profile.level(stance.level)
    recorded = messages.say(
        stance_words.RECORDED_CHANGED
        if previous and previous != stance.level
        else stance_words.RECORDED,
        language,
        round=round_name(round_, language),
        level=_button_text(round_.profile.key, stance.level, language),
        previous=previous,
        meaning=messages.label(scale_words.meaning(round_.profile, stance.level), language),
    )
    lines = [recorded, standing_sentence(round_, standing, language=language)]
    if stance.reason and level.explanation is Explanation.OPTIONAL:
        reservation = literal(stance.reason, 300)
        lines[-1] += "\n" + messages.say(
            stance_words.YOUR_RESERVATION, language, reservation=reservation
        )
    lines.append(
        messages.say(
            stance_words.CHANGE_UNTIL, language, closes=when(round_.closes_at, language=language)
        )
    )
    text = "\n".join(lines)
    blocks: list[Block] = [section(text)]
    if level.explanation is Explanation.OPTIONAL:
        blocks.append(
            {
                "type": "actions",
                "block_id": ids.round_block("reservation", round_.id),
                "elements": [
                    button(
                        messages.label(
                            stance_words.EDIT_RESERVATION
                            if stance.reason
                            else stance_words.ADD_RESERVATION,
                            language,
                        ),
                        ids.ADD_RESERVATION_ACTION,
                        ids.pack(round_.id, stance.level),
                    )
                ],
            }
        )
    return md.cut(text, FALLBACK_TEXT_MAX), blocks


def _button_text(profile_key: str, number: int, language: str | None) -> str:
    """A level as its button reads, in the reader's language: "3 Support with reservations"."""
    profile = PROFILES[profile_key]
    return f"{number} {messages.label(scale_words.level_name(profile, number), language)}"


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
                    level=_button_text(round_.profile.key, mine.level, language),
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


def help_message(unknown: str = "", language: str | None = None) -> list[Block]:
    """`/consensus help`, in the reader's ``language``."""
    say, label = messages.say, messages.label
    lines = [
        say(
            help_words.COMMAND_LINE,
            language,
            usage=literal(f"{COMMAND} {s.usage}"),
            summary=label(s.summary, language),
        )
        for s in SUBCOMMANDS
    ]
    intro = say(help_words.UNKNOWN, language, word=literal(unknown)) if unknown else ""
    levels = "\n".join(
        say(
            help_words.SCALE_LEVEL,
            language,
            level=_button_text(DEFAULT_PROFILE.key, lvl.number, language),
            meaning=label(scale_words.meaning(DEFAULT_PROFILE, lvl.number), language),
        )
        for lvl in DEFAULT_PROFILE.levels
    )
    commands = label(help_words.COMMANDS, language)
    scale = label(help_words.SCALE, language)
    note = label(help_words.SCALE_NOTE, language)
    return [
        section(f"{intro}{commands}\n" + "\n".join(lines)),
        section(f"{scale}\n{levels}\n{note}"),
    ]


def quorum_label(quorum: Fraction) -> str:
    """The share of seats a round's quorum needs, as shown: 2/3 → "67%"."""
    return f"{round(float(quorum) * 100)}%"


def error_text(error: ConsensusError | str, language: str | None = None) -> str:
    """A refusal as mrkdwn in the reader's ``language``: the bot's words as written, the
    person's typed words literally."""
    if isinstance(error, NotEligible):
        return eligibility_text.refusal(error, language)
    message = (
        messages.render(error, language)
        if isinstance(error, ConsensusError)
        else md.from_marked(error)
    )
    return f":warning: {message}"


# ----------------------------------------------------------------------------- escalation
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


def notice_modal(title: str, text: str, language: str | None = None) -> dict[str, Any]:
    """A modal with only a message: shown at once while a form loads, or to say why not."""
    return {
        "type": "modal",
        "title": plain(title, limits.MODAL_TITLE_MAX),
        "close": plain(messages.label(round_words.CLOSE, language), limits.MODAL_CLOSE_MAX),
        "blocks": [section(text)],
    }


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


def explain_modal(
    round_id: int,
    profile_key: str,
    level: int,
    channel: str,
    saved: str = "",
    language: str | None = None,
) -> dict[str, Any]:
    """The level-5/6 form, opened with what the person wrote for this kind of level before."""
    profile = PROFILES.get(profile_key) if level in LEVELS else None
    prompt = scale_words.prompt(profile, level) if profile else scale_words.UNKNOWN_PROMPT
    label = (
        _button_text(profile_key, level, language)
        if profile
        else messages.say(scale_words.UNKNOWN_LEVEL, language, level=level)
    )
    blocks = [
        section(messages.say(stance_words.CHOOSING, language, level=label, round=round_id)),
        _input(
            ids.REASON_BLOCK,
            messages.label(prompt, language),
            _text_input(saved, multiline=True, max_length=MAX_REASON),
            hint=messages.label(stance_words.KEPT_HINT, language) if saved else "",
        ),
    ]
    metadata = {"round": round_id, "level": level, "channel": channel}
    return _modal(
        ids.EXPLAIN_VIEW,
        messages.say(stance_words.LEVEL_TITLE, language, level=level),
        messages.label(stance_words.SUBMIT, language),
        blocks,
        metadata,
        language,
    )


def reservation_modal(
    round_id: int, level: int, channel: str, current: str = "", language: str | None = None
) -> dict[str, Any]:
    blocks = [
        _input(
            ids.REASON_BLOCK,
            messages.label(stance_words.RESERVATION_LABEL, language),
            _text_input(current, multiline=True, max_length=MAX_REASON),
            optional=True,
            hint=messages.label(stance_words.RESERVATION_HINT, language),
        )
    ]
    metadata = {"round": round_id, "level": level, "channel": channel}
    return _modal(
        ids.RESERVATION_VIEW,
        messages.label(stance_words.RESERVATION_TITLE, language),
        messages.label(stance_words.SAVE, language),
        blocks,
        metadata,
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
