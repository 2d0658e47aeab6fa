"""A stance: the level buttons, the explain and reservation forms, the private
confirmation of a vote, and the thread's notes of an explanation and of a level change.
"""

from __future__ import annotations

from typing import Any

from bot.domain.roster import ResponseStanding
from bot.domain.round import MAX_REASON, Round, Stance
from bot.domain.scale import LEVELS, PROFILES, Explanation
from bot.ports import LevelChange, RoundView
from handlers import ids, messages
from handlers import mrkdwn as md
from handlers.block_kit import FALLBACK_TEXT_MAX, Block, button, round_name, section, when
from handlers.block_kit import input_block as _input
from handlers.block_kit import modal as _modal
from handlers.block_kit import text_input as _text_input
from handlers.messages import round_message as round_words
from handlers.messages import scale as scale_words
from handlers.messages import stance as stance_words
from handlers.mrkdwn import literal
from handlers.views.common import button_text
from handlers.views.standing import standing_sentence


def level_buttons(round_: Round, language: str | None = None) -> Block:
    """The level buttons: in the channel's language on the round message, in the voter's in
    a reminder."""
    profile = round_.profile
    return {
        "type": "actions",
        "block_id": ids.round_block("vote", round_.id),
        "elements": [
            button(
                button_text(profile.key, level.number, language),
                ids.vote_action(level.number, level.explanation is Explanation.REQUIRED),
                ids.pack(round_.id, profile.key),
            )
            for level in profile.levels
        ],
    }


def explanation_message(view: RoundView, stance: Stance) -> str:
    profile, number = view.round.profile, stance.level
    chose = messages.say(
        round_words.EXPLAINED,
        None,
        voter=f"<@{stance.voter}>",
        level=button_text(profile.key, number, None),
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
        level=button_text(profile.key, number, None),
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
        level=button_text(round_.profile.key, stance.level, language),
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
        button_text(profile_key, level, language)
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
