"""The terminal's pictures of recorded votes and of the decision record, as plain lines.

Ballots stay unnamed while a vote is open (who voted, never how), as levels do in a round;
the result names each ballot, since a recorded vote is for the record. In the record, a
response to a round still open shows no level either.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.recorded_vote import VoteResult, VoteRules
from bot.domain.round import Round
from bot.domain.tally import Outcome
from bot.ports import HistoryEntry
from bot.record_entries import EntryKind, entry_params
from bot.usecases.decision_log import Decision
from bot.usecases.recorded_votes import VoteView
from terminal import words
from terminal.views import INDENT
from terminal.words import entry_words

# The record's entries shown by `log #N`, the latest last; the export has every one.
MAX_LOG_ENTRIES = 40
# The record's kinds of entry for a level and a ballot (written by bot.usecases).


def vote_heading(view: VoteView) -> str:
    vote = view.vote
    return f"Recorded vote {vote.id} on round #{vote.round_id}: {words.one_line(vote.title)}"


def vote_posted(view: VoteView, zone: str) -> list[str]:
    vote, count = view.vote, view.count
    sector = f" · mainly {vote.affected_sector}'s issue" if vote.affected_sector else ""
    return [
        f"{vote_heading(view)} is open until {words.when(vote.closes_at, zone)}",
        f"{INDENT}chair {vote.chair} · {rules(vote.rules)} · quorum {count.quorum_needed} of "
        f"{count.seats} seats{sector}",
        f"{INDENT}Voters: {words.people(vote.voters)}",
        f"{INDENT}Vote with: {words.USAGE['ballot'].replace('<vote>', str(vote.id))}",
    ]


def vote_progress(view: VoteView) -> list[str]:
    """Who has voted, never how: the count is the result's, at the close."""
    if view.vote.closed_at is not None:
        return []
    voted = [b.voter for b in sorted(view.ballots, key=lambda b: (b.cast_at, b.voter))]
    return [words.BALLOTS_SO_FAR.format(vote=view.vote.id, people=words.people(voted))]


def vote_result(view: VoteView, zone: str) -> list[str]:
    vote, count = view.vote, view.count
    if view.cancellation is not None:
        params = entry_params(view.cancellation.kind, view.cancellation.text) or {}
        reason = str(params.get("reason", view.cancellation.text))
        return [
            f"{vote_heading(view)} was cancelled by {view.cancellation.actor}, for the record: "
            f"{words.one_line(reason)}. No result."
        ]
    result = words.RESULT_WORDS[VoteResult(vote.result)] if vote.result else ""
    closed = words.when(vote.closed_at, zone) if vote.closed_at else ""
    lines = [
        f"RESULT of {vote_heading(view)}: {result}",
        f"{INDENT}for {count.for_weight} · against {count.against_weight} · "
        f"{len(count.counted)} of {count.seats} seats voted (quorum {count.quorum_needed}) · "
        f"{rules(vote.rules)} · closed {closed}",
    ]
    if view.late_by_seconds:
        lines.append(f"{INDENT}Posted late: the bot was not running at the deadline.")
    if vote.members:
        for sector in count.sectors:
            lines.append(
                f"{INDENT}{sector.sector} (×{sector.weight}): for {sector.for_}, "
                f"against {sector.against}, abstain {sector.abstain}"
            )
    for ballot in count.counted:
        lines.append(f"{INDENT * 2}{ballot.voter}: {words.CHOICE_WORDS[ballot.choice]}")
    if count.not_counted:
        shown = words.people(
            f"{b.voter} ({words.CHOICE_WORDS[b.choice]})" for b in count.not_counted
        )
        lines.append(f"{INDENT}Advisory (shown, not counted): {shown}")
    if count.not_voted:
        lines.append(f"{INDENT}Did not vote: {words.people(count.not_voted)}")
    return lines


def rules(vote_rules: VoteRules) -> str:
    share = f"{vote_rules.threshold.numerator}/{vote_rules.threshold.denominator}"
    text = f"passes with {share} of votes cast"
    if vote_rules.weights:
        text += " · weights " + ", ".join(f"{s} ×{w}" for s, w in vote_rules.weights)
    if vote_rules.protect_sector:
        text += " · sectors protected"
    return text


def ended(round_: Round) -> str:
    """How a round ended, or its state while open."""
    if round_.outcome:
        return words.OUTCOME_WORDS[Outcome(round_.outcome)]
    return words.state_word(round_)


def decision(record: Decision, zone: str) -> list[str]:
    first = record.rounds[0]
    lines = [f"Decision record of {words.one_line(first.title)}"]
    for round_ in record.rounds:
        lines.append(f"{INDENT}{words.round_heading(round_)} — {ended(round_)}")
    for vote in record.votes:
        state = words.RESULT_WORDS[VoteResult(vote.result)] if vote.result else vote.status.value
        lines.append(f"{INDENT}Recorded vote {vote.id} on #{vote.round_id}: {state}")
    shown = record.entries[-MAX_LOG_ENTRIES:]
    if len(record.entries) > len(shown):
        lines.append(INDENT + words.LOG_EARLIER.format(count=len(record.entries) - len(shown)))
    first_shown = len(record.entries) - len(shown)
    lines.extend(
        INDENT + entry(e, first_shown + i in record.withheld, zone) for i, e in enumerate(shown)
    )
    return lines


def entry(item: HistoryEntry, hidden: bool, zone: str) -> str:
    where = f" #{item.round_id}" if item.round_id else ""
    start = f"{words.when(item.at, zone)}{where} {item.actor}"
    if hidden:
        return f"{start} {words.RESPONDED if item.kind == EntryKind.STANCE else words.BALLOT_CAST}"
    said = entry_words(item.kind, item.text)
    if said is not None:
        return f"{start} {said}"
    label = words.HISTORY_WORDS.get(item.kind, item.kind.replace("_", " "))
    detail = item.text
    if item.kind == EntryKind.STANCE and item.level is not None:
        detail = f"{item.level}" + (f" {words.one_line(item.text)}" if item.text else "")
    elif detail:
        detail = words.one_line(detail)
    return f"{start} {label} {detail}".rstrip()


def recent(rounds: Sequence[Round], zone: str) -> list[str]:
    if not rounds:
        return [words.NO_DECISIONS]
    lines = [words.RECENT_HEADING]
    for round_ in rounds:
        closed = f", closed {words.when(round_.closed_at, zone)}" if round_.closed_at else ""
        revises = f" (revises #{round_.parent_id})" if round_.parent_id else ""
        lines.append(f"{INDENT}{words.round_heading(round_)} — {ended(round_)}{closed}{revises}")
    return lines
