"""The Slack implementation of bot.usecases.recorded_votes.GovernanceNotifier: recorded-vote messages."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot.ports import Delivery
from bot.usecases.recorded_votes import VoteView
from handlers.posting import Poster
from handlers.rate_tiers import Budget
from handlers.views import recorded_vote as vote_view


class SlackGovernanceNotifier:
    def __init__(self, client: WebClient, budget: Budget) -> None:
        self._poster = Poster(client, budget)

    def post_vote(self, view: VoteView, delivery: Delivery) -> str:
        return self._post(view, delivery, *vote_view.vote_message(view))

    def update_vote(self, view: VoteView) -> None:
        vote = view.vote
        if not vote.message_ref:
            return
        text, body = vote_view.vote_message(view)
        self._poster.update(vote.workspace, vote.channel, vote.message_ref, text, body)

    def post_vote_result(self, view: VoteView, delivery: Delivery) -> str:
        return self._post(view, delivery, *vote_view.vote_result_message(view))

    def _post(
        self, view: VoteView, delivery: Delivery, text: str, body: list[dict[str, Any]]
    ) -> str:
        vote = view.vote
        return self._poster.post(
            delivery,
            workspace=vote.workspace,
            channel=vote.channel,
            text=text,
            blocks=body,
            unfurl_links=False,
        )
