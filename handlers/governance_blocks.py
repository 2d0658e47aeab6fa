"""Block Kit for governance: roster, revision modal, recorded votes, the log, the Home tab.

Pure builders (domain objects in, Slack JSON out), using the primitives of handlers.block_kit.
Typed text (titles, reasons, organisations, log entries) goes into mrkdwn through ``literal``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from bot.domain.recorded_vote import Choice, VoteResult, VoteStatus
from bot.domain.roster import Role, RosterEntry, Tier
from bot.domain.round import Round, Stance
from bot.domain.tally import Outcome, Tally
from bot.ports import HistoryEntry
from bot.record_entries import entry_params
from bot.usecases.decision_log import Decision, HomeView
from bot.usecases.recorded_votes import VoteView
from bot.usecases.revisions import RevisionForm
from bot.usecases.roster import Configured, RosterView
from handlers import ids, messages
from handlers import mrkdwn as md
from handlers import slack_limits as limits
from handlers.block_kit import (
    FALLBACK_TEXT_MAX,
    Block,
    button,
    confirm_dialog,
    context,
    divider,
    header,
    people,
    plain,
    round_name,
    section,
    stance_lines,
    when,
)
from handlers.block_kit import input_block as _input
from handlers.block_kit import modal as _modal
from handlers.block_kit import text_input as _text_input
from handlers.grammar.subcommands import COMMAND
from handlers.messages import home as home_words
from handlers.messages import label, say
from handlers.messages import recorded_vote as vote_words
from handlers.messages import revision as revision_words
from handlers.messages import roster as roster_words
from handlers.messages import round_message as round_words
from handlers.messages.outcome import outcome_name, result_name
from handlers.messages.recorded_vote import CHOICE_LABELS, describe_rules
from handlers.messages.roster import describe, sector_label
from handlers.mrkdwn import literal
from handlers.outcome_text import outcome_sentence
from handlers.record_lines import REASON_SHOWN, entry_words
from handlers.revision_details import details_as_written
from handlers.standing import advisory_note, responded_count

MAX_LOG_LINES = 40
RESULT_EMOJI = {
    VoteResult.CARRIED: ":white_check_mark:",
    VoteResult.NOT_CARRIED: ":x:",
    VoteResult.NO_QUORUM: ":hourglass:",
    VoteResult.PROTECTED: ":shield:",
}
HISTORY_LABELS = {
    "round_opened": "opened the round",
    "stance": "stated level",
    "round_closed": "closed it",
    "round_cancelled": "cancelled it",
    "round_extended": "extended the deadline to",
    "remind_now": "sent reminders",
    "escalated": "escalated it to the steering committee,",
    "escalation_resolved": "recorded the resolution:",
    "revised": "revised it as",
    "information_answered": "answered the information requests:",
    "alternative_adopted": "adopted the alternative of",
    "vote_called": "called a recorded vote:",
    "ballot": "voted in",
    "vote_closed": "closed",
    "vote_cancelled": "cancelled recorded",
}


# ----------------------------------------------------------------------------- outcome extras
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


def revise_button(round_: Round) -> dict[str, Any]:
    label = messages.label(round_words.REVISE_BUTTON)
    return button(label, ids.REVISE_ACTION, ids.pack(round_.id, round_.chair))


def outcome_extras(round_: Round, tally: Tally) -> list[Block]:
    return [*sector_counts(tally), *advisory_stances(tally)]


# ----------------------------------------------------------------------------- roster
def roster_message(view: RosterView, workspace: str, language: str | None = None) -> list[Block]:
    """`/consensus roster`, in the reader's ``language``."""
    if not view.entries:
        set_line = literal(
            f"{COMMAND} roster set @person <organisation> <sector> "
            "voting|advisory|observer [speaker|alternate]"
        )
        import_line = f"consensus-bot roster import FILE.csv --workspace {workspace}"
        return [
            section(
                say(roster_words.NO_ROSTER, language, set_line=set_line, import_line=import_line)
            )
        ]
    by_sector: dict[str, list[RosterEntry]] = {}
    for entry in view.entries:
        by_sector.setdefault(entry.sector, []).append(entry)
    blocks: list[Block] = [
        header(label(roster_words.ROSTER_TITLE, language)),
        context(
            say(
                roster_words.REPRESENTATION_LINE[view.representation],
                language,
                rules=describe_rules(view.rules, lambda t: label(t, language)),
                workspace=workspace,
            )
        ),
    ]
    for sector, entries in list(by_sector.items())[:40]:
        lines = [
            say(
                roster_words.ENTRY_LINE if e.role is Role.MEMBER else roster_words.ENTRY_LINE_ROLE,
                language,
                person=f"<@{e.user}>",
                organisation=literal(e.organisation, 60),
                tier=e.tier.value,
                role=e.role.value,
            )
            for e in entries[:60]
        ]
        sector_name = label(sector_label(sector), language)
        blocks.append(section(f"*{sector_name}*\n" + "\n".join(lines)))
    tiers = " · ".join(label(roster_words.TIER_LABELS[t], language) for t in Tier)
    blocks.append(context(tiers))
    return blocks[: limits.MESSAGE_MAX_BLOCKS]


def roster_set_text(entry: RosterEntry, language: str | None = None) -> str:
    return messages.say(
        roster_words.ROSTER_SET, language, person=f"<@{entry.user}>", entry=literal(describe(entry))
    )


def configured_text(change: Configured, language: str | None = None) -> str:
    """The coordinator's confirmation of a partnership setting."""
    if change.representation is not None:
        return messages.label(roster_words.REPRESENTATION_SET[change.representation], language)
    rules = describe_rules(change.rules, lambda t: messages.label(t, language))
    return messages.say(roster_words.RULES_SET, language, rules=rules)


# ----------------------------------------------------------------------------- revision
def revise_modal(form: RevisionForm, channel: str, language: str | None = None) -> dict[str, Any]:
    """The chair's revise form, in their ``language``."""
    round_ = form.round

    def label(template: str) -> str:
        return messages.label(template, language)

    intro = messages.say(
        revision_words.REVISE_INTRO,
        language,
        round=round_name(round_, language),
        outcome=label(outcome_name(round_.outcome)),
    )
    blocks: list[Block] = [section(intro)]
    if form.requests:
        requested = label(revision_words.INFORMATION_REQUESTED)
        blocks.append(section(f"{requested}\n{stance_lines(form.requests, 1500)}"))
    if form.alternatives:
        offered = label(revision_words.ALTERNATIVES_OFFERED)
        blocks.append(section(f"{offered}\n{stance_lines(form.alternatives, 1500)}"))
    blocks += [
        _input(
            ids.TITLE_BLOCK,
            label(revision_words.PROPOSAL),
            _text_input(round_.title, max_length=200),
        ),
        _input(
            ids.DETAILS_BLOCK,
            label(revision_words.DETAILS),
            _text_input(details_as_written(round_), multiline=True, max_length=2500),
            optional=True,
        ),
        _input(
            ids.ANSWERS_BLOCK,
            label(revision_words.ANSWERS),
            _text_input(multiline=True, max_length=2000),
            optional=not form.requests,
            hint=label(revision_words.ANSWERS_HINT),
        ),
    ]
    if form.alternatives:
        keep = {
            "text": plain(label(revision_words.KEEP), limits.OPTION_TEXT_MAX),
            "value": ids.KEEP_PROPOSAL,
        }
        options = [keep] + [
            {
                "text": plain(
                    messages.say(revision_words.ADOPT, language, alternative=s.reason),
                    limits.OPTION_TEXT_MAX,
                ),
                "value": s.voter,
            }
            for s in form.alternatives[: limits.SELECT_OPTIONS_MAX - 1]
        ]
        blocks.append(
            _input(
                ids.ADOPT_BLOCK,
                label(revision_words.ADOPT_LABEL),
                {"type": "static_select", "options": options, "initial_option": keep},
            )
        )
    blocks.append(
        _input(
            ids.DEADLINE_BLOCK,
            label(revision_words.DEADLINE),
            _text_input("3d", max_length=40),
            hint=label(revision_words.DEADLINE_HINT),
        )
    )
    return _modal(
        ids.REVISE_VIEW,
        label(revision_words.REVISE_TITLE),
        label(revision_words.REVISE_SUBMIT),
        blocks,
        {"round": round_.id, "channel": channel},
        language,
    )


# ----------------------------------------------------------------------------- recorded votes
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


# ----------------------------------------------------------------------------- the log
def _entry_line(entry: HistoryEntry, decision: Decision) -> str:
    said = entry_words(entry.kind, entry.text)
    if said is None:  # typed text, or an old entry in a form no longer read: as written
        label = HISTORY_LABELS.get(entry.kind, entry.kind.replace("_", " "))
        detail = entry.text
        if entry.kind == "stance" and entry.level is not None:
            detail = f"{entry.level}" + (f" — {entry.text}" if entry.text else "")
        said = f"{label} {literal(detail, REASON_SHOWN)}"
    actor = entry.actor if entry.actor == "deadline" else f"<@{entry.actor}>"
    where = f"#{entry.round_id}" if entry.round_id else ""
    return f"{when(entry.at, '{date_short} {time}')} {where} {actor} {said}"


def decision_message(decision: Decision) -> list[Block]:
    first = decision.rounds[0]
    lines = [
        f"Round {i}: *{round_name(r)}* {literal(r.title, 100)} — "
        f"{outcome_name(r.outcome) or r.status.value}"
        for i, r in enumerate(decision.rounds, start=1)
    ]
    for vote in decision.votes:
        state = result_name(vote.result) if vote.result else vote.status.value
        lines.append(f"Recorded vote {vote.id} on #{vote.round_id}: {state}")
    entries = decision.entries[-MAX_LOG_LINES:]
    record = "\n".join(_entry_line(e, decision) for e in entries)
    more = len(decision.entries) - len(entries)
    blocks = [
        header(f"Decision record: {first.title}"),
        section("\n".join(lines)),
        divider(),
        section(md.cut(record, 2900) or "Nothing recorded yet."),
    ]
    footer = "Append-only: nothing in this record is ever changed or deleted."
    if more:
        footer = f"{more} earlier entries not shown; `consensus-bot export` has all. " + footer
    blocks.append(context(footer))
    return blocks


def recent_message(rounds: Sequence[Round]) -> list[Block]:
    if not rounds:
        return [
            section(
                f"No decisions here yet. Start one with `{literal(f'{COMMAND} start <proposal>')}`."
            )
        ]
    lines = [
        f"• *{round_name(r)}* {literal(r.title, 100)} — {outcome_name(r.outcome) if r.outcome else ''}"
        + (f", {when(r.closed_at, '{date_short}')}" if r.closed_at else "")
        + (f" (revises #{r.parent_id})" if r.parent_id else "")
        for r in rounds
    ]
    return [
        section("*Recent decisions here*\n" + "\n".join(lines)),
        context(f"`{COMMAND} log #N` shows one decision's full record."),
    ]


# ----------------------------------------------------------------------------- App Home
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
