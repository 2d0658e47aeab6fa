"""The terminal's pictures of a round: lists of plain lines built from the core's views.

The terminal's counterpart of the Slack front end's block builders. An open round's view
carries nobody's level (the core keeps them hidden until the close); a person's own level
comes with their personal view.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.round import RoundStatus, Stance
from bot.domain.scale import LEVELS
from bot.domain.tally import Outcome
from bot.ports import EscalationView, LevelChange, RoundView, TaskKind
from bot.usecases.stances import PersonalView
from terminal import revision_details, words

INDENT = "  "


def round_posted(view: RoundView, zone: str) -> list[str]:
    round_ = view.round
    lines = [
        f"{words.round_heading(round_)} is open until {words.when(round_.closes_at, zone)}",
        INDENT + words.rules_line(round_, view.progress),
    ]
    lines.extend(INDENT + line for line in revision_details.details_lines(round_))
    lines.append(f"{INDENT}Voters: {words.people(round_.voters)}")
    lines.append(
        f"{INDENT}Answer with: {words.USAGE['level']}. Levels: "
        + "; ".join(words.button_text(round_.profile, level) for level in LEVELS)
    )
    return lines


def round_redrawn(view: RoundView, zone: str) -> list[str]:
    round_ = view.round
    if round_.status is RoundStatus.CANCELLED:
        return [f"Round #{round_.id} was cancelled by the chair. No outcome."]
    if round_.status is RoundStatus.CLOSED:
        closed = words.when(round_.closed_at, zone) if round_.closed_at else ""
        return [f"Round #{round_.id} closed {closed}. The outcome follows."]
    return [f"Round #{round_.id}: {words.progress(view.progress)}"]


def outcome(view: RoundView, zone: str) -> list[str]:
    round_, tally = view.round, view.final_tally
    headline = words.OUTCOME_WORDS[tally.outcome]
    closed = words.when(round_.closed_at, zone) if round_.closed_at else ""
    lines = [
        f"OUTCOME of {words.round_heading(round_)}: {headline}",
        f"{INDENT}{len(tally.stances)} of {tally.eligible} responded (quorum "
        f"{tally.quorum_needed}) · {words.PROFILE_NAMES[round_.profile_key]} · closed {closed}",
    ]
    if view.late_by_seconds:
        lines.append(f"{INDENT}Posted late: the bot was not running at the deadline.")
    names = {number: words.button_text(round_.profile, number) for number in LEVELS}
    width = max(len(name) for name in names.values())
    for number, name in names.items():
        lines.append(f"{INDENT}{name.ljust(width)}  {tally.distribution[number]}")
    for number, title in words.OUTCOME_SECTIONS:
        lines.extend(_named(title, tally.at_level(number)))
    lines.extend(_named("Reservations", tally.reservations))
    if tally.advisory:
        lines.extend(_named("Advisory (shown, not counted)", tally.advisory, levels=True))
    if tally.not_responded:
        lines.append(f"{INDENT}Did not respond: {words.people(tally.not_responded)}")
    return lines


def _named(title: str, stances: Sequence[Stance], *, levels: bool = False) -> list[str]:
    if not stances:
        return []
    lines = [f"{INDENT}{title}:"]
    for stance in stances:
        level = f" ({stance.level})" if levels else ""
        reason = f": {words.one_line(stance.reason)}" if stance.reason else ""
        lines.append(f"{INDENT * 2}{stance.voter}{level}{reason}")
    return lines


def explanation(view: RoundView, stance: Stance) -> str:
    profile, number = view.round.profile, stance.level
    return (
        f"{stance.voter} chose {words.button_text(profile, number)}. "
        f"{words.prompt(profile, number)} {words.one_line(stance.reason)}"
    )


def resolution(view: EscalationView) -> str:
    esc = view.escalation
    return words.RESOLVED.format(
        id=esc.id,
        round=view.round.round.id,
        by=esc.resolved_by,
        text=words.one_line(esc.resolution or ""),
    )


def level_change(change: LevelChange) -> str:
    # The new level is not said: levels stay private until the close.
    return words.LEVEL_CHANGED.format(
        person=change.voter, before=change.from_level, kind=change.kind.value
    )


def reminder(view: RoundView, zone: str) -> str:
    round_ = view.round
    late = " (sent late: the bot was not running)" if view.late_by_seconds else ""
    return (
        f"Reminder{late}: {words.round_heading(round_)} in #{round_.channel} is waiting for "
        f"your level; it closes {words.when(round_.closes_at, zone)}. {words.USAGE['level']}"
    )


def status(seen: PersonalView, reader: str, zone: str) -> list[str]:
    round_, progress = seen.view.round, seen.view.progress
    lines = [
        f"{words.round_heading(round_)} ({words.state_word(round_)})",
        INDENT + words.rules_line(round_, progress),
        INDENT + words.progress(progress),
    ]
    if not round_.is_open:
        shown = words.OUTCOME_WORDS[Outcome(round_.outcome)] if round_.outcome else "none"
        lines.append(f"{INDENT}Outcome: {shown}")
        return lines
    lines.append(
        f"{INDENT}Closes {words.when(round_.closes_at, zone)}; if it closed now: "
        f"{words.OUTCOME_WORDS[progress.outcome_if_closed_now]}"
    )
    if progress.not_responded:
        lines.append(f"{INDENT}Waiting for: {words.people(progress.not_responded)}")
    if seen.mine is not None:
        lines.append(f"{INDENT}Your level: {words.level_name(round_, seen.mine.level)}")
    elif round_.is_voter(reader):
        lines.append(f"{INDENT}You have not responded yet.")
    return lines


def escalation(view: EscalationView, zone: str) -> str:
    esc = view.escalation
    return (
        f"Escalated by {esc.opened_by}: {words.round_heading(view.round.round)} ended without "
        f"consensus; the steering committee is asked to address it by "
        f"{words.when(esc.due_at, zone)}."
    )


def escalation_reminder(view: EscalationView, zone: str) -> str:
    esc = view.escalation
    return (
        f"Reminder ({view.reminder or 'escalation'}): escalation {esc.id} of round "
        f"#{esc.round_id} is due {words.when(esc.due_at, zone)} and still open."
    )


def undelivered(view: RoundView, parked: Sequence[TaskKind], channel: str) -> str:
    what = ", ".join(dict.fromkeys(words.UNDELIVERED_WORDS[k] for k in parked))
    return f"Could not deliver {what} of round #{view.round.id} to #{channel}."
