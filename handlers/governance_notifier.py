"""The Slack implementation of bot.governance.GovernanceNotifier: recorded-vote messages."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.governance import VoteView
from handlers import governance_blocks


class SlackGovernanceNotifier:
    def __init__(self, client: WebClient) -> None:
        self._client = client

    def post_vote(self, view: VoteView) -> str:
        text, body = governance_blocks.vote_message(view)
        response = self._client.chat_postMessage(
            channel=view.vote.channel, text=text, blocks=body, unfurl_links=False
        )
        return str(response["ts"])

    def update_vote(self, view: VoteView) -> None:
        if not view.vote.message_ref:
            return
        text, body = governance_blocks.vote_message(view)
        self._client.chat_update(
            channel=view.vote.channel, ts=view.vote.message_ref, text=text, blocks=body
        )

    def post_vote_result(self, view: VoteView) -> str:
        text, body = governance_blocks.vote_result_message(view)
        response = self._client.chat_postMessage(
            channel=view.vote.channel, text=text, blocks=body, unfurl_links=False
        )
        return str(response["ts"])
