"""The outcome in words a lay reader understands: one sentence with the outcome, the rule
that decided it and the next step, and the distribution as text a screen reader reads well.

The core says why as data (bot.domain.outcome); every word of it is the catalog's
(``handlers.messages.outcome``), in the reader's ``language`` (the channel's for a post).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.outcome import Explained, NextStep, Reason, explain
from bot.domain.round import Round
from bot.domain.scale import RuleProfile
from bot.domain.tally import Tally
from handlers.grammar.subcommands import COMMAND
from handlers.messages import label, say, say_n
from handlers.messages import outcome as words
from handlers.messages import scale as scale_words
from handlers.messages.outcome import outcome_name
from handlers.mrkdwn import literal

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
