"""A recorded vote: the post with its ballot buttons, the result, a cancellation, and
the private confirmation of a ballot.
"""

from __future__ import annotations

from bot.domain.recorded_vote import Choice, VoteResult, VoteStatus
from bot.record_entries import entry_params
from bot.usecases.recorded_votes import VoteView
from handlers import ids, messages
from handlers import mrkdwn as md
from handlers.block_kit import (
    FALLBACK_TEXT_MAX,
    Block,
    button,
    confirm_dialog,
    context,
    header,
    people,
    section,
    when,
)
from handlers.messages import label, say
from handlers.messages import recorded_vote as vote_words
from handlers.messages.outcome import result_name
from handlers.messages.recorded_vote import CHOICE_LABELS, describe_rules
from handlers.messages.roster import sector_label
from handlers.mrkdwn import literal

RESULT_EMOJI = {
    VoteResult.CARRIED: ":white_check_mark:",
    VoteResult.NOT_CARRIED: ":x:",
    VoteResult.NO_QUORUM: ":hourglass:",
    VoteResult.PROTECTED: ":shield:",
}


def _rules_line(view: VoteView) -> str:
    vote = view.vote
    rules = describe_rules(vote.rules).capitalize()
    if vote.affected_sector:
        sector = label(sector_label(vote.affected_sector))
        return say(vote_words.RULES_LINE_SECTOR, None, rules=rules, sector=sector)
    return say(vote_words.RULES_LINE, None, rules=rules)


def vote_message(view: VoteView) -> tuple[str, list[Block]]:
    """The recorded vote in the channel (in the partnership's language)."""
    vote, count = view.vote, view.count
    blocks: list[Block] = [
        header(say(vote_words.VOTE_TITLE, None, vote=vote.id, title=vote.title)),
        section(
            say(
                vote_words.VOTE_CALLED_INTRO,
                None,
                round=vote.round_id,
                chair=f"<@{vote.chair}>",
                rules=_rules_line(view),
            )
        ),
    ]
    voted = [*count.counted, *count.not_counted]
    progress = say(
        vote_words.SEATS_VOTED_WHO if voted else vote_words.SEATS_VOTED,
        None,
        voted=len(count.counted),
        seats=count.seats,
        people=people(b.voter for b in voted),
    )
    if vote.is_open:
        closes = say(vote_words.VOTE_CLOSES, None, closes=when(vote.closes_at), progress=progress)
        blocks.append(section(closes))
        blocks.append(
            {
                "type": "actions",
                "block_id": ids.round_block("ballot", vote.id),
                "elements": [
                    button(label(CHOICE_LABELS[c]), ids.ballot_action(c.value), str(vote.id))
                    for c in Choice
                ],
            }
        )
        blocks.append(
            {
                "type": "actions",
                "block_id": ids.round_block("vote_chair", vote.id),
                "elements": [
                    button(
                        label(vote_words.CLOSE_VOTE),
                        ids.CLOSE_VOTE_ACTION,
                        ids.pack(vote.id, vote.chair),
                        confirm=confirm_dialog(
                            label(vote_words.CLOSE_VOTE_TITLE),
                            label(vote_words.CLOSE_VOTE_TEXT),
                            label(vote_words.CLOSE_VOTE_YES),
                        ),
                    )
                ],
            }
        )
    elif vote.status is VoteStatus.CANCELLED:
        blocks.append(section(say(vote_words.VOTE_CANCELLED_LINE, None, progress=progress)))
    else:
        result = label(result_name(vote.result))
        closed = say(vote_words.VOTE_CLOSED_LINE, None, result=result, progress=progress)
        blocks.append(section(closed))
    text = say(vote_words.VOTE_TITLE, None, vote=vote.id, title=literal(vote.title))
    return md.cut(text, FALLBACK_TEXT_MAX), blocks


def vote_cancelled_message(view: VoteView) -> tuple[str, list[Block]]:
    """The channel learns that a vote was cancelled, by whom and why; nothing was decided."""
    vote, entry = view.vote, view.cancellation
    said = entry_params(entry.kind, entry.text) if entry else None
    reason = said["reason"] if said else ""
    who = f"<@{entry.actor}>" if entry else f"<@{vote.chair}>"
    text = say(
        vote_words.VOTE_CANCELLED_POST,
        None,
        vote=vote.id,
        round=vote.round_id,
        person=who,
        reason=literal(reason, 600),
    )
    return md.cut(text, FALLBACK_TEXT_MAX), [section(text)]


def vote_result_message(view: VoteView) -> tuple[str, list[Block]]:
    """The recorded vote's result in the channel (in the partnership's language)."""
    if view.vote.status is VoteStatus.CANCELLED:
        return vote_cancelled_message(view)
    vote, count = view.vote, view.count
    result = VoteResult(vote.result) if vote.result else count.result
    result_words = label(result_name(result))
    share = count.share
    share_text = f"{float(share):.0%}" if share is not None else label(vote_words.NO_VOTES_CAST)
    threshold = vote.rules.threshold
    blocks: list[Block] = [
        header(say(vote_words.RESULT_TITLE, None, result=result_words, title=vote.title)),
        section(
            say(
                vote_words.RESULT_LINE,
                None,
                emoji=RESULT_EMOJI[result],
                result=result_words,
                vote=vote.id,
                round=vote.round_id,
                for_weight=count.for_weight,
                against_weight=count.against_weight,
                share=share_text,
                threshold=f"{threshold.numerator}/{threshold.denominator}",
                voted=len(count.counted),
                seats=count.seats,
                quorum=count.quorum_needed,
            )
        ),
    ]
    sector_of = {m.user: m.sector for m in vote.members}
    for choice in Choice:
        names = [b.voter for b in count.counted if b.choice is choice]
        if names:
            listed = ", ".join(
                say(
                    vote_words.PERSON_SECTOR,
                    None,
                    person=f"<@{n}>",
                    sector=label(sector_label(sector_of[n])),
                )
                if sector_of.get(n)
                else f"<@{n}>"
                for n in names
            )
            choice_line = say(
                vote_words.CHOICE_LINE,
                None,
                choice=label(CHOICE_LABELS[choice]),
                people=md.cut(listed, 2800),
            )
            blocks.append(section(choice_line))
    if len(count.sectors) > 1 or any(s.weight != 1 for s in count.sectors):
        lines = [
            say(
                vote_words.SECTOR_TALLY,
                None,
                sector=label(sector_label(s.sector) if s.sector else vote_words.ALL_VOTERS),
                weight=s.weight,
                for_=s.for_,
                against=s.against,
                abstain=s.abstain,
            )
            for s in count.sectors
        ]
        blocks.append(section(label(vote_words.BY_SECTOR) + "\n" + "\n".join(lines)))
    if count.not_counted:
        ballots = ", ".join(f"<@{b.voter}> {b.choice.value}" for b in count.not_counted)
        blocks.append(context(say(vote_words.NOT_COUNTED, None, ballots=ballots)))
    if count.not_voted:
        blocks.append(context(say(vote_words.DID_NOT_VOTE, None, people=people(count.not_voted))))
    if result is VoteResult.PROTECTED:
        sector = label(sector_label(vote.affected_sector))
        blocks.append(context(say(vote_words.PROTECTED, None, sector=sector)))
    text = say(
        vote_words.RESULT_FALLBACK,
        None,
        result=result_words,
        vote=vote.id,
        title=literal(vote.title),
    )
    return md.cut(text, FALLBACK_TEXT_MAX), blocks


def ballot_confirmation(
    vote_id: int, choice: Choice, previous: Choice | None, language: str | None = None
) -> str:
    """The private answer to a ballot, in the voter's ``language``."""
    changed = previous is not None and previous is not choice
    return messages.say(
        vote_words.BALLOT_CHANGED if changed else vote_words.BALLOT_RECORDED,
        language,
        vote=vote_id,
        choice=messages.label(CHOICE_LABELS[choice], language),
        previous=messages.label(CHOICE_LABELS[previous], language) if previous else "",
    )
