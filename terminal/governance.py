"""The governance commands of a terminal session: each calls the core's `GovernanceService`
(or the round service, for escalations) and answers the person privately.

What the channels see comes from the notifiers when the due work is delivered, as for
rounds. A roster file is read here, by the front end: the core takes its text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.domain.recorded_vote import VoteResult
from bot.requests import CallVote, CancelVote, CloseVote, Resolve, ShowLog
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.governance_service import GovernanceService
from terminal import governance_views, words
from terminal.governance_grammar import (
    CastBallot,
    Escalate,
    GovernanceCommand,
    ImportRoster,
    ReviseRound,
)
from terminal.notifier import TerminalNotifier
from terminal.roster_file import ROSTER_FILE


class GovernanceCommands:
    """One channel's governance commands, answered as the session answers round commands."""

    def __init__(
        self,
        governance: GovernanceService,
        rounds: ConsensusService,
        notifier: TerminalNotifier,
        *,
        workspace: str,
        channel: str,
    ) -> None:
        self._governance = governance
        self._rounds = rounds
        self._notifier = notifier
        self._workspace = workspace
        self._channel = channel

    def answer(self, person: str, command: GovernanceCommand) -> None:
        if isinstance(command, ReviseRound):
            self._revise(person, command)
        elif isinstance(command, ImportRoster):
            self._import_roster(person, command)
        elif isinstance(command, CallVote):
            self._call_vote(person, command)
        elif isinstance(command, CastBallot):
            self._ballot(person, command)
        elif isinstance(command, CloseVote):
            self._close_vote(person, command)
        elif isinstance(command, CancelVote):
            vote = self._governance.cancel_vote(command.vote_id, person, command.reason)
            self._reply(person, [words.VOTE_CANCELLED.format(vote=vote.id, round=vote.round_id)])
        elif isinstance(command, Escalate):
            self._escalate(person, command)
        elif isinstance(command, Resolve):
            escalation = self._rounds.resolve_escalation(
                command.escalation_id, person, command.text
            )
            self._reply(person, [words.RESOLUTION_RECORDED.format(escalation=escalation.id)])
        elif isinstance(command, ShowLog):
            self._log(person, command)
        else:
            self._rounds.set_steering_channel(self._workspace, command.channel, person)
            self._reply(person, [words.STEERING_SET.format(channel=command.channel)])

    def _revise(self, person: str, command: ReviseRound) -> None:
        # The form's checks and its choice of round (the latest without consensus here).
        form = self._governance.revision_form(
            self._workspace, self._channel, command.round_id, person
        )
        child = self._governance.revise_round(
            form.round.id,
            person,
            title="",  # the parent's title: the revision is the same proposal, changed
            details=command.details,
            answers=command.answers,
            adopted=command.adopt,
            deadline=command.deadline,
        )
        self._reply(person, [words.REVISED.format(round=form.round.id, revision=child.id)])

    def _import_roster(self, person: str, command: ImportRoster) -> None:
        try:
            text = Path(command.path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self._reply(
                person, [words.CANNOT_READ_FILE.format(file=command.path, why=words.NOT_TEXT)]
            )
            return
        except OSError as error:
            why = error.strerror or type(error).__name__
            self._reply(person, [words.CANNOT_READ_FILE.format(file=command.path, why=why)])
            return
        count = self._governance.import_roster(
            self._workspace, person, text, ROSTER_FILE, command.new_sectors
        )
        self._reply(person, [words.ROSTER_IMPORTED.format(file=command.path, count=count)])

    def _call_vote(self, person: str, command: CallVote) -> None:
        vote = self._governance.call_vote(
            self._workspace,
            self._channel,
            command.round_id,
            person,
            command.deadline,
            command.sector,
        )
        closes = words.when(vote.closes_at, self._notifier.zone_of(person))
        self._reply(
            person, [words.VOTE_CALLED.format(vote=vote.id, round=vote.round_id, closes=closes)]
        )

    def _ballot(self, person: str, command: CastBallot) -> None:
        result = self._governance.cast_ballot(command.vote_id, person, command.choice)
        was = result.previous
        changed = (
            words.BALLOT_WAS.format(choice=words.CHOICE_WORDS[was])
            if was is not None and was != command.choice
            else ""
        )
        closes = words.when(result.vote.closes_at, self._notifier.zone_of(person))
        self._reply(
            person,
            [
                words.BALLOT_RECORDED.format(
                    vote=result.vote.id,
                    choice=words.CHOICE_WORDS[command.choice],
                    changed=changed,
                    closes=closes,
                )
            ],
        )

    def _close_vote(self, person: str, command: CloseVote) -> None:
        vote, closed_now = self._governance.close_vote(command.vote_id, person)
        result = words.RESULT_WORDS[VoteResult(vote.result)] if vote.result else vote.status.value
        template = words.VOTE_CLOSED if closed_now else words.VOTE_ALREADY_CLOSED
        self._reply(person, [template.format(vote=vote.id, result=result)])

    def _escalate(self, person: str, command: Escalate) -> None:
        round_ = self._rounds.find_round(
            self._workspace, self._channel, command.round_id, reader=person, closed=True
        )
        escalation = self._rounds.escalate(round_.id, person)
        due = words.when(escalation.due_at, self._notifier.zone_of(person))
        self._reply(
            person,
            [
                words.ESCALATED.format(
                    round=round_.id,
                    channel=escalation.channel,
                    escalation=escalation.id,
                    due=due,
                )
            ],
        )

    def _log(self, person: str, command: ShowLog) -> None:
        zone = self._notifier.zone_of(person)
        if command.round_id is None:
            rounds = self._governance.recent_decisions(self._workspace, self._channel, person)
            self._reply(person, governance_views.recent(rounds, zone))
            return
        round_ = self._rounds.find_round(
            self._workspace, self._channel, command.round_id, reader=person
        )
        self._reply(person, governance_views.decision(self._governance.decision(round_.id), zone))

    def _reply(self, person: str, lines: Sequence[str]) -> None:
        self._notifier.to_person(person, lines)
