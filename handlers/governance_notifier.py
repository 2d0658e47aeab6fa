"""The Slack implementation of bot.governance.GovernanceNotifier: recorded-vote messages."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.governance import VoteView
from bot.ports import Delivery
from handlers import governance_blocks
from handlers.posting import Poster, refusal
from handlers.rate_tiers import Budget


class SlackGovernanceNotifier:
    def __init__(self, client: WebClient, budget: Budget) -> None:
        self._client = client
        self._budget = budget
        self._poster = Poster(client, budget)

    def post_vote(self, view: VoteView, delivery: Delivery) -> str:
        text, body = governance_blocks.vote_message(view)
        return self._poster.post(
            delivery,
            workspace=view.vote.workspace,
            channel=view.vote.channel,
            text=text,
            blocks=body,
            unfurl_links=False,
        )

    def update_vote(self, view: VoteView) -> None:
        if not view.vote.message_ref:
            return
        text, body = governance_blocks.vote_message(view)
        self._budget.spend(view.vote.workspace, "chat.update")
        try:
            self._client.chat_update(
                channel=view.vote.channel, ts=view.vote.message_ref, text=text, blocks=body
            )
        except SlackApiError as error:
            raise refusal(error, view.vote.channel) from error

    def post_vote_result(self, view: VoteView, delivery: Delivery) -> str:
        text, body = governance_blocks.vote_result_message(view)
        return self._poster.post(
            delivery,
            workspace=view.vote.workspace,
            channel=view.vote.channel,
            text=text,
            blocks=body,
            unfurl_links=False,
        )
