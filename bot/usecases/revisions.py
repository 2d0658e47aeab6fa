"""Revisions: a round that ended without consensus re-run as a linked child, with the adopted
alternative and the answers to information requests.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.deadline import Deadline
from bot.domain.errors import Conflict, InvalidInput, NotFound, Problem
from bot.domain.round import (
    MAX_DETAILS,
    ChairAction,
    Round,
    RoundDraft,
    RoundStatus,
    Stance,
    clean_text,
)
from bot.domain.tally import Outcome
from bot.ports import HistoryEntry
from bot.record_entries import EntryKind
from bot.usecases.context import no_such_round
from bot.usecases.governance_context import GovernanceContext, GovernanceStore

# How a revision's details mark the paragraph of the adopted alternative (with its author's
# id) and the paragraph of the answers: data, which each front end renders as a heading. The
# text after each mark is what people typed. Paragraphs are separated by a blank line.
ADOPTED_HEADING = "[[adopted:{voter}]] "
ANSWERS_HEADING = "[[answers]] "


class RevisionProblem(Problem):
    """Revising a round that ended without consensus."""

    NOTHING_TO_REVISE = "revision.nothing_to_revise"  # no such round in this channel
    STILL_OPEN = "revision.still_open"
    CANCELLED = "revision.cancelled"
    REACHED_CONSENSUS = "revision.reached_consensus"
    ALREADY_REVISED = "revision.already_revised"
    ALTERNATIVE_GONE = "revision.alternative_gone"
    TOO_LONG = "revision.too_long"


@dataclass(frozen=True)
class RevisionForm:
    """What the revise modal is prefilled with."""

    round: Round
    requests: tuple[Stance, ...]  # level 5: information or discussion asked for
    alternatives: tuple[Stance, ...]  # level 6: alternatives offered


class Revisions(GovernanceContext):
    """Revising a round that ended without consensus."""

    def revision_form(
        self, workspace: str, channel: str, round_id: int | None, actor: str
    ) -> RevisionForm:
        """Check a revision may be made, and gather what the chair needs to answer."""
        with self._store() as store:
            round_ = self._target(store, workspace, channel, round_id)
        self._rounds.require_readable(round_, actor)
        with self._store() as store:
            self._check_revisable(store, round_, actor)
            stances = store.stances(round_.id)
        return RevisionForm(
            round_,
            tuple(s for s in stances if s.level == 5 and s.reason),
            tuple(s for s in stances if s.level == 6 and s.reason),
        )

    def revise_round(
        self,
        parent_id: int,
        actor: str,
        title: str,
        details: str,
        answers: str = "",
        adopted: str = "",
        deadline: Deadline | None = None,
    ) -> Round:
        """Open a revision round linked to a round that ended without consensus.

        ``answers`` (to the information requests) and the adopted alternative, if any, go in
        the new round's details so everyone reads them before responding again.
        """
        now = self._clock.now()
        with self._store() as store:
            parent = self._rounds._require_round(store, parent_id)
            self._check_revisable(store, parent, actor)
            alternative = None
            if adopted:
                alternative = next(
                    (s for s in store.stances(parent_id) if s.voter == adopted and s.level == 6),
                    None,
                )
                if alternative is None:
                    raise InvalidInput(RevisionProblem.ALTERNATIVE_GONE)
        parts = [clean_text(details)]
        answers = clean_text(answers)
        if alternative is not None:
            parts.append(ADOPTED_HEADING.format(voter=alternative.voter) + alternative.reason)
        if answers:
            parts.append(ANSWERS_HEADING + answers)
        body = "\n\n".join(p for p in parts if p)
        if len(body) > MAX_DETAILS:
            raise InvalidInput(RevisionProblem.TOO_LONG, length=len(body), limit=MAX_DETAILS)
        draft = RoundDraft(
            workspace=parent.workspace,
            channel=parent.channel,
            chair=parent.chair,
            title=title or parent.title,
            details=body,
            voters=() if parent.members else parent.voters,
            # The parent's named voters were accepted when it opened, outside ones on purpose.
            include_outside=True,
            quorum=parent.quorum,
            profile_key=parent.profile_key,
            reminders=parent.reminders,
            parent_id=parent.id,
            duration=parent.closes_at - parent.opened_at if deadline is None else None,
        )
        child = self._rounds.start_round(draft, deadline)
        with self._store() as store:
            store.record(
                HistoryEntry(now, parent.id, EntryKind.REVISED, actor, text=f"#{child.id}"),
                parent.workspace,
            )
            if answers:
                store.record(
                    HistoryEntry(
                        now, child.id, EntryKind.INFORMATION_ANSWERED, actor, text=answers
                    ),
                    parent.workspace,
                )
            if alternative is not None:
                store.record(
                    HistoryEntry(
                        now,
                        child.id,
                        EntryKind.ALTERNATIVE_ADOPTED,
                        actor,
                        level=6,
                        text=f"{alternative.voter}: {alternative.reason}",
                    ),
                    parent.workspace,
                )
        return child

    def _check_revisable(self, store: GovernanceStore, round_: Round, actor: str) -> None:
        round_.require_chair(actor, ChairAction.REVISE)
        if round_.is_open:
            raise Conflict(RevisionProblem.STILL_OPEN, round=round_.id)
        if round_.status is RoundStatus.CANCELLED:
            raise Conflict(RevisionProblem.CANCELLED, round=round_.id)
        if round_.outcome == Outcome.CONSENSUS.value:
            raise Conflict(RevisionProblem.REACHED_CONSENSUS, round=round_.id)
        children = store.child_rounds(round_.id)
        if children:
            raise Conflict(
                RevisionProblem.ALREADY_REVISED, round=round_.id, revision=children[-1].id
            )

    def _target(
        self, store: GovernanceStore, workspace: str, channel: str, round_id: int | None
    ) -> Round:
        """The round named, or the latest unrevised round here that ended without consensus."""
        if round_id is not None:
            round_ = store.get_round(round_id)
            if round_ is None or round_.workspace != workspace:
                raise no_such_round(round_id)
            return round_
        for round_ in store.closed_rounds(workspace, channel, limit=20):
            if round_.outcome != Outcome.CONSENSUS.value and not store.child_rounds(round_.id):
                return round_
        raise NotFound(RevisionProblem.NOTHING_TO_REVISE)
