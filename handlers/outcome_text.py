"""The outcome in words a lay reader understands: one sentence with the outcome, the rule
that decided it and the next step, and the distribution as text a screen reader reads well.

The core says why as data (bot.domain.outcome); every word of it is chosen here.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.outcome import Explained, NextStep, Reason, explain
from bot.domain.round import Round
from bot.domain.scale import RuleProfile
from bot.domain.tally import Tally
from handlers.grammar.subcommands import COMMAND
from handlers.messages import scale as scale_words
from handlers.messages.outcome import outcome_name
from handlers.mrkdwn import literal

# Between the levels of the accessible distribution: read as a pause, not as a drawing.
DISTRIBUTION_SEPARATOR = " · "


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def level_range(levels: Sequence[int]) -> str:
    """(1, 2, 3, 4) → "levels 1–4"; a gap is listed: (1, 2, 4) → "levels 1, 2 and 4"."""
    if not levels:
        return "no level"
    if list(levels) == list(range(levels[0], levels[-1] + 1)) and len(levels) > 1:
        return f"levels {levels[0]}–{levels[-1]}"
    if len(levels) == 1:
        return f"level {levels[0]}"
    return "levels " + ", ".join(str(n) for n in levels[:-1]) + f" and {levels[-1]}"


def _blocking(explained: Explained, profile: RuleProfile) -> str:
    parts = [
        f"{_plural(count, 'response is', 'responses are')} at level {level} "
        f"({scale_words.level_name(profile, level)})"
        for level, count in explained.blocking
    ]
    return " and ".join(parts) or "a response is at a level that blocks"


def _command(name: str, round_: Round) -> str:
    return f"`{literal(f'{COMMAND} {name} #{round_.id}')}`"


def next_steps_text(explained: Explained, round_: Round) -> str:
    """The next step(s) the decision model allows, with the command for each."""
    if explained.next_steps == (NextStep.IMPLEMENT,):
        return "Next step: the partners commit to implementing it."
    options = {
        NextStep.REVISE: f"revise the proposal and run it again ({_command('revise', round_)})",
        NextStep.ESCALATE: (
            f"escalate it to the steering committee ({_command('escalate', round_)})"
        ),
        NextStep.RECORDED_VOTE: f"call a recorded vote ({_command('vote', round_)})",
    }
    chosen = [options[step] for step in explained.next_steps if step in options]
    listed = chosen[-1] if len(chosen) == 1 else ", ".join(chosen[:-1]) + f", or {chosen[-1]}"
    return f"Next step: the chair may {listed}."


def outcome_sentence(round_: Round, tally: Tally) -> str:
    """One plain sentence (mrkdwn): the outcome, the rule that decided it, the next step."""
    explained = explain(round_, tally)
    return f"{_reason(explained, round_)} {next_steps_text(explained, round_)}"


def reason_text(round_: Round, tally: Tally) -> str:
    """The outcome and the rule that decided it, without the next step (mrkdwn)."""
    return _reason(explain(round_, tally), round_)


def _reason(explained: Explained, round_: Round) -> str:
    headline = f"*{outcome_name(explained.outcome)}*"
    responded = f"{explained.responded} of {explained.eligible} responded"
    consensus = level_range(explained.consensus_levels)
    if explained.reason is Reason.QUORUM_NOT_MET:
        return (
            f"{headline}: only {responded} and {explained.quorum_needed} were needed, so the "
            "levels chosen do not decide."
        )
    if explained.reason is Reason.BLOCKED:
        return (
            f"{headline}: {_blocking(explained, round_.profile)}; under this partnership's "
            f"rule, {consensus} are consensus."
        )
    return (
        f"{headline}: {responded} (quorum {explained.quorum_needed}) and every counted "
        f"response is at {consensus}, which are consensus under this partnership's rule."
    )


def distribution_text(profile: RuleProfile, tally: Tally) -> str:
    """How many counted responses chose each level, as words and numbers in one line."""
    return DISTRIBUTION_SEPARATOR.join(
        f"Level {level.number} {scale_words.level_name(profile, level.number)}: "
        f"{tally.distribution[level.number]}"
        for level in profile.levels
    )
