"""A terminal session: read ``<person>> <command>`` lines, call the core, print the answers.

The answer to a person is private (``(to ana) …``); what the bot posts for everyone comes
from the notifier. There is no scheduler: after each line, and whenever the session's owner
moves the clock, ``run_due_work`` delivers what is due (rounds, explanations, outcomes), so
the printed order is the order of the lines typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.errors import ConsensusError
from bot.domain.round import Round, RoundDraft
from bot.usecases.consensus_service import ConsensusService
from bot.usecases.governance_service import GovernanceService
from terminal import governance_grammar, grammar, views, words
from terminal.directory import TerminalDirectory
from terminal.errors import Mistake, render
from terminal.governance import GovernanceCommands
from terminal.notifier import TerminalNotifier


class TerminalSession:
    """One channel of one workspace, typed into by the people of the directory."""

    def __init__(
        self,
        service: ConsensusService,
        notifier: TerminalNotifier,
        directory: TerminalDirectory,
        *,
        governance: GovernanceService,
        workspace: str,
        channel: str,
    ) -> None:
        self._service = service
        self._governance = GovernanceCommands(
            governance, service, notifier, workspace=workspace, channel=channel
        )
        self._notifier = notifier
        self._directory = directory
        self._workspace = workspace
        self._channel = channel

    def type(self, line: str) -> None:
        """Echo ``line`` as typed, answer it, then deliver what it made due."""
        self._notifier.echo(line)
        try:
            person, text = grammar.speaker(line)
        except Mistake as mistake:
            self._notifier.to_typist([str(mistake)])
            return
        if self._directory.person(person) is None:
            known = words.people(p.id for p in self._directory.people)
            self._notifier.to_person(
                person, [words.NOT_A_PERSON.format(person=person, people=known)]
            )
            return
        try:
            governance_command = governance_grammar.parse(text)
            if governance_command is not None:
                self._governance.answer(person, governance_command)
            else:
                self._answer(person, grammar.parse(text))
        except Mistake as mistake:
            self._notifier.to_person(person, [str(mistake)])
        except ConsensusError as error:
            self._notifier.to_person(person, [render(error)])
        self.run_due_work()

    def run_due_work(self) -> None:
        """Close lapsed rounds and votes and deliver due posts (call it after moving the
        clock)."""
        self._service.run_due_work()

    # ------------------------------------------------------------------ commands
    def _answer(self, person: str, command: grammar.Command) -> None:
        if isinstance(command, grammar.Start):
            self._start(person, command)
        elif isinstance(command, grammar.Level):
            self._level(person, command)
        elif isinstance(command, grammar.OnRound):
            self._on_round(person, command)
        else:
            self._reply(person, [f"{words.INDENT_USAGE}{usage}" for usage in words.USAGE.values()])

    def _start(self, person: str, command: grammar.Start) -> None:
        draft = RoundDraft(
            workspace=self._workspace,
            channel=self._channel,
            chair=person,
            title=command.title,
        )
        round_ = self._service.start_round(draft, command.deadline)
        self._reply(person, [words.OPENED.format(round=round_.id, voters=len(round_.voters))])

    def _level(self, person: str, command: grammar.Level) -> None:
        round_ = self._round(person, command.round_id)
        result = self._service.cast_stance(round_.id, person, command.level, command.reason)
        was = result.previous_level
        changed = words.WAS.format(level=was) if was is not None and was != command.level else ""
        zone = self._notifier.zone_of(person)
        self._reply(
            person,
            [
                words.RECORDED.format(
                    round=round_.id,
                    level=words.level_name(round_, command.level),
                    changed=changed,
                    closes=words.when(round_.closes_at, zone),
                )
            ],
        )

    def _on_round(self, person: str, command: grammar.OnRound) -> None:
        round_ = self._round(person, command.round_id)
        if command.action == "status":
            seen = self._service.personal_view(round_.id, person)
            self._reply(person, views.status(seen, person, self._notifier.zone_of(person)))
        elif command.action == "close":
            _, closed_now = self._service.close_round(round_.id, person)
            template = words.CLOSED if closed_now else words.ALREADY_CLOSED
            self._reply(person, [template.format(round=round_.id)])
        else:
            self._service.cancel_round(round_.id, person)
            self._reply(person, [words.CANCELLED.format(round=round_.id)])

    def _round(self, person: str, round_id: int | None) -> Round:
        return self._service.find_round(self._workspace, self._channel, round_id, reader=person)

    def _reply(self, person: str, lines: Sequence[str]) -> None:
        self._notifier.to_person(person, lines)
