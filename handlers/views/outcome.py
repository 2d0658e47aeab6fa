"""The outcome: its post in the channel (with the counts by sector and the advisory input),
and its words a lay reader understands: one sentence with the outcome, the rule that decided
it and the next step, and the distribution as text a screen reader reads well.

The core says why as data (bot.domain.outcome); every word of it is the catalog's
(``handlers.messages.outcome``), in the reader's ``language`` (the channel's for a post).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.domain.outcome import Explained, NextStep, Reason, explain
from bot.domain.round import Round, Stance
from bot.domain.scale import RuleProfile
from bot.domain.tally import Outcome, Tally
from bot.ports import RoundView
from handlers import ids, messages
from handlers import mrkdwn as md
from handlers.block_kit import (
    FALLBACK_TEXT_MAX,
    Block,
    button,
    context,
    header,
    people,
    round_name,
    section,
    stance_lines,
)
from handlers.grammar.subcommands import COMMAND
from handlers.messages import label, say, say_n
from handlers.messages import outcome as words
from handlers.messages import round_message as round_words
from handlers.messages import scale as scale_words
from handlers.messages.outcome import outcome_name
from handlers.messages.roster import sector_label
from handlers.mrkdwn import literal
from handlers.views.revision import revise_button
from handlers.views.standing import responded_count

# Between the levels of the accessible distribution: read as a pause, not as a drawing.
DISTRIBUTION_SEPARATOR = " · "
# Between the numbers of a list of levels ("levels 1, 2 and 4").
NUMBER_SEPARATOR = ", "
NEXT_STEP_WORDS = {
    NextStep.REVISE: (words.NEXT_REVISE, "revise"),
    NextStep.ESCALATE: (words.NEXT_ESCALATE, "escalate"),
    NextStep.RECORDED_VOTE: (words.NEXT_VOTE, "vote"),
}


def level_range(levels: Sequence[int], language: str | None = None) -> str:
    """(1, 2, 3, 4) → "levels 1–4"; a gap is listed: (1, 2, 4) → "levels 1, 2 and 4"."""
    if not levels:
        return label(words.NO_LEVEL, language)
    if len(levels) == 1:
        return say(words.ONE_LEVEL, language, level=levels[0])
    if list(levels) == list(range(levels[0], levels[-1] + 1)):
        return say(words.LEVEL_SPAN, language, first=levels[0], last=levels[-1])
    listed = NUMBER_SEPARATOR.join(str(n) for n in levels[:-1])
    return say(words.LEVEL_LIST, language, listed=listed, last=levels[-1])


def _blocking(explained: Explained, profile: RuleProfile, language: str | None) -> str:
    parts = [
        say_n(
            words.BLOCKING,
            count,
            language,
            level=level,
            name=label(scale_words.level_name(profile, level), language),
        )
        for level, count in explained.blocking
    ]
    separator = label(words.BLOCKING_SEPARATOR, language)
    return separator.join(parts) or label(words.BLOCKING_UNKNOWN, language)


def _command(name: str, round_: Round) -> str:
    return f"`{literal(f'{COMMAND} {name} #{round_.id}')}`"


def next_steps_text(explained: Explained, round_: Round, language: str | None = None) -> str:
    """The next step(s) the decision model allows, with the command for each."""
    if explained.next_steps == (NextStep.IMPLEMENT,):
        return label(words.NEXT_IMPLEMENT, language)
    chosen = [
        say(template, language, command_line=_command(name, round_))
        for template, name in (
            NEXT_STEP_WORDS[step] for step in explained.next_steps if step in NEXT_STEP_WORDS
        )
    ]
    return say(
        words.NEXT_STEPS[len(chosen)],
        language,
        **dict(zip(("first", "second", "third"), chosen, strict=False)),
    )


def outcome_sentence(round_: Round, tally: Tally, language: str | None = None) -> str:
    """One plain sentence (mrkdwn): the outcome, the rule that decided it, the next step."""
    explained = explain(round_, tally)
    return f"{_reason(explained, round_, language)} {next_steps_text(explained, round_, language)}"


def reason_text(round_: Round, tally: Tally, language: str | None = None) -> str:
    """The outcome and the rule that decided it, without the next step (mrkdwn)."""
    return _reason(explain(round_, tally), round_, language)


def _reason(explained: Explained, round_: Round, language: str | None) -> str:
    template = {
        Reason.QUORUM_NOT_MET: words.BECAUSE_QUORUM,
        Reason.BLOCKED: words.BECAUSE_BLOCKED,
    }.get(explained.reason, words.BECAUSE_CONSENSUS)
    blocking = (
        _blocking(explained, round_.profile, language) if explained.reason is Reason.BLOCKED else ""
    )
    return say(
        template,
        language,
        outcome=label(outcome_name(explained.outcome), language),
        responded=explained.responded,
        eligible=explained.eligible,
        needed=explained.quorum_needed,
        blocking=blocking,
        consensus=level_range(explained.consensus_levels, language),
    )


def distribution_text(profile: RuleProfile, tally: Tally, language: str | None = None) -> str:
    """How many counted responses chose each level, as words and numbers in one line."""
    return DISTRIBUTION_SEPARATOR.join(
        say(
            words.DISTRIBUTION_LEVEL,
            language,
            level=level.number,
            name=label(scale_words.level_name(profile, level.number), language),
            count=tally.distribution[level.number],
        )
        for level in profile.levels
    )


OUTCOME_EMOJI = {
    Outcome.CONSENSUS: ":white_check_mark:",
    Outcome.NO_CONSENSUS: ":x:",
    Outcome.NO_QUORUM: ":hourglass:",
}


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
    blocks.extend(outcome_extras(round_, tally))
    if tally.not_responded:
        missing = say(round_words.DID_NOT_RESPOND, None, people=people(tally.not_responded))
        blocks.append(context(missing))
    if outcome is not Outcome.CONSENSUS:
        blocks.append(
            {
                "type": "actions",
                "block_id": ids.round_block("after", round_.id),
                "elements": [
                    revise_button(round_),
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


def _levels(levels: Sequence[int]) -> str:
    counts = Counter(levels)
    listed = ", ".join(
        messages.say(round_words.LEVEL_TIMES, None, times=n, level=lvl)
        for lvl, n in sorted(counts.items())
    )
    return listed or messages.label(round_words.NO_LEVELS)


def sector_counts(tally: Tally) -> list[Block]:
    """Per-sector counts under a roster, so nobody can say their sector was drowned out."""
    if not tally.sectors:
        return []
    lines = [
        messages.say_n(
            round_words.SECTOR_LINE_ADVISORY if s.advisory else round_words.SECTOR_LINE,
            s.seats,
            None,
            sector=messages.label(sector_label(s.sector)),
            counted=len(s.counted),
            levels=_levels(s.counted),
            advisory=_levels(s.advisory),
        )
        for s in tally.sectors
    ]
    return [section(messages.label(round_words.BY_SECTOR) + "\n" + "\n".join(lines))]


def advisory_stances(tally: Tally) -> list[Block]:
    if not tally.advisory:
        return []
    shown = [
        Stance(
            s.voter,
            s.level,
            messages.say(
                round_words.ADVISORY_LEVEL_REASON if s.reason else round_words.ADVISORY_LEVEL,
                None,
                level=s.level,
                reason=s.reason,
            ),
        )
        for s in tally.advisory
    ]
    title = messages.label(round_words.ADVISORY_INPUT)
    return [section(f"{title}\n{stance_lines(shown)}")]


def outcome_extras(round_: Round, tally: Tally) -> list[Block]:
    return [*sector_counts(tally), *advisory_stances(tally)]
