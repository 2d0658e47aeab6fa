"""The core's ``GovernanceNotifier`` for a terminal: recorded votes as lines in the channel.

Built on the terminal's notifier (``TerminalNotifier.to_channel``), so a vote's lines go to
the same stream, marked with the same channel, as a round's.
"""

from __future__ import annotations

from bot.ports import Delivery
from bot.usecases.recorded_votes import VoteView
from terminal import governance_views
from terminal.notifier import TerminalNotifier


class TerminalGovernanceNotifier:
    def __init__(self, notifier: TerminalNotifier, zone: str = "UTC") -> None:
        self._notifier = notifier
        self._zone = zone

    # A stream of lines has no references to posts (bot.ports.Abilities): None.
    def post_vote(self, view: VoteView, delivery: Delivery) -> None:
        self._notifier.to_channel(view.vote.channel, governance_views.vote_posted(view, self._zone))

    def update_vote(self, view: VoteView) -> None:
        lines = governance_views.vote_progress(view)
        if lines:
            self._notifier.to_channel(view.vote.channel, lines)

    def post_vote_result(self, view: VoteView, delivery: Delivery) -> None:
        self._notifier.to_channel(view.vote.channel, governance_views.vote_result(view, self._zone))
