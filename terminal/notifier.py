"""The core's ``Notifier`` for a terminal: every post becomes lines on one stream.

A line says where it would be seen (the channel, a round's thread, or one person privately,
see ``words``); shared lines use the session's time zone, private ones the reader's.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import TextIO

from bot.domain.round import Stance
from bot.ports import (
    Abilities,
    Audience,
    Delivery,
    EscalationView,
    LevelChange,
    RoundView,
    TaskKind,
)
from terminal import views, words
from terminal.directory import TerminalDirectory


class TerminalNotifier:
    """Writes what the bot posts. Printed lines have no reference to redraw or reply to,
    and a ``Delivery`` that may have reached the screen earlier cannot be looked up: a
    retry after a crash mid-write could print a post twice (acceptable for a terminal)."""

    abilities = Abilities(refers_to_posts=False, finds_earlier_posts=False)

    def __init__(self, out: TextIO, directory: TerminalDirectory, zone: str = "UTC") -> None:
        self._out = out
        self._directory = directory
        self._zone = zone
        self._lock = threading.Lock()  # lines of one post stay together

    # ------------------------------------------------------------------ where lines go
    def to_channel(self, channel: str, lines: Sequence[str]) -> None:
        self._write(words.CHANNEL_LINE.format(channel=channel, text=line) for line in lines)

    def to_person(self, person: str, lines: Sequence[str]) -> None:
        self._write(words.PRIVATE_LINE.format(person=person, text=line) for line in lines)

    def to_typist(self, lines: Sequence[str]) -> None:
        self._write(words.TYPIST_LINE.format(text=line) for line in lines)

    def echo(self, typed: str) -> None:
        """A line as typed, kept on one line so it cannot pass for the bot's."""
        self._write([" / ".join(typed.splitlines())])

    def zone_of(self, person: str) -> str:
        return self._directory.timezone(person)

    def _write(self, lines: Iterable[str]) -> None:
        with self._lock:
            for line in lines:
                self._out.write(f"{line}\n")
            self._out.flush()

    # ------------------------------------------------------------------ the port
    def post_round(self, view: RoundView, delivery: Delivery) -> None:
        self.to_channel(view.round.channel, views.round_posted(view, self._zone))

    def update_round(self, view: RoundView) -> None:
        self.to_channel(view.round.channel, views.round_redrawn(view, self._zone))

    def post_outcome(self, view: RoundView, delivery: Delivery) -> None:
        self.to_channel(view.round.channel, views.outcome(view, self._zone))

    def post_explanation(self, view: RoundView, stance: Stance, delivery: Delivery) -> None:
        self._to_thread(view, views.explanation(view, stance))

    def find_explanation(self, view: RoundView, delivery: Delivery) -> None:
        """Never called: a stream of lines cannot be searched (``abilities``)."""

    def mark_explanation_changed(self, view: RoundView, ref: str, earlier: Stance) -> None:
        """Never called (no post has a reference): the level-change note says it instead."""

    def post_level_change(self, view: RoundView, change: LevelChange, delivery: Delivery) -> None:
        self._to_thread(view, views.level_change(change))

    def _to_thread(self, view: RoundView, text: str) -> None:
        line = words.THREAD_LINE.format(channel=view.round.channel, round=view.round.id, text=text)
        self._write([line])

    def remind_voter(self, view: RoundView, voter: str, delivery: Delivery) -> None:
        self.to_person(voter, [views.reminder(view, self.zone_of(voter))])

    def post_escalation(self, view: EscalationView, delivery: Delivery) -> None:
        self.to_channel(view.escalation.channel, [views.escalation(view, self._zone)])

    def remind_escalation(self, view: EscalationView, delivery: Delivery) -> None:
        self.to_channel(view.escalation.channel, [views.escalation_reminder(view, self._zone)])

    def post_resolution(self, view: EscalationView, audience: Audience, delivery: Delivery) -> None:
        channel = (
            view.escalation.channel if audience is Audience.STEERING else view.round.round.channel
        )
        self.to_channel(channel, [views.resolution(view)])

    def tell_chair_undelivered(
        self, view: RoundView, parked: Sequence[TaskKind], channel: str, delivery: Delivery
    ) -> None:
        self.to_person(view.round.chair, [views.undelivered(view, parked, channel)])
