"""The App Home tab: what waits for the person, and recent decisions."""

from __future__ import annotations

from typing import Any

from bot.domain.tally import Outcome
from bot.usecases.decision_log import HomeView
from handlers import messages
from handlers import slack_limits as limits
from handlers.block_kit import Block, context, divider, header, round_name, section, when
from handlers.messages import home as home_words
from handlers.messages.outcome import outcome_name
from handlers.mrkdwn import literal
from handlers.views.outcome import outcome_sentence
from handlers.views.standing import advisory_note, responded_count


def home_view(view: HomeView, language: str | None = None) -> dict[str, Any]:
    """The person's App Home tab, in their ``language``."""
    say, label = messages.say, messages.label
    blocks: list[Block] = [header(label(home_words.WAITING, language))]
    if not view.waiting and not view.votes_waiting:
        blocks.append(section(label(home_words.NOTHING_WAITING, language)))
    for rv in view.waiting[:15]:
        round_ = rv.round
        standing = view.standings.get(round_.id)
        advisory = advisory_note(round_, standing, language) if standing else ""
        blocks.append(
            section(
                say(
                    home_words.ROUND_WAITING_NOTE if advisory else home_words.ROUND_WAITING,
                    language,
                    round=round_name(round_, language),
                    title=literal(round_.title, 150),
                    channel=f"<#{round_.channel}>",
                    note=advisory,
                    closes=when(round_.closes_at, language=language),
                    responded=responded_count(rv.progress, language=language),
                )
            )
        )
    for vote in view.votes_waiting[:10]:
        blocks.append(
            section(
                say(
                    home_words.VOTE_WAITING,
                    language,
                    vote=vote.id,
                    title=literal(vote.title, 150),
                    channel=f"<#{vote.channel}>",
                    closes=when(vote.closes_at, language=language),
                )
            )
        )
    blocks += [divider(), header(label(home_words.RECENT, language))]
    if not view.recent:
        blocks.append(section(label(home_words.NO_DECISIONS, language)))
    for round_ in view.recent[:10]:
        outcome = label(outcome_name(round_.outcome), language) if round_.outcome else ""
        emoji = ":white_check_mark:" if round_.outcome == Outcome.CONSENSUS.value else ":x:"
        counted = view.recent_tallies.get(round_.id)
        decision = say(
            home_words.DECISION_CLOSED if round_.closed_at else home_words.DECISION,
            language,
            emoji=emoji,
            round=round_name(round_, language),
            title=literal(round_.title, 150),
            outcome=outcome,
            closed=when(round_.closed_at, "{date_short}") if round_.closed_at else "",
        )
        if counted:
            decision += f"\n{outcome_sentence(round_, counted, language)}"
        blocks.append(section(decision))
    blocks.append(context(say(home_words.HELP_HINT, language)))
    return {"type": "home", "blocks": blocks[: limits.VIEW_MAX_BLOCKS]}
