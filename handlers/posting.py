"""Posting to Slack exactly once in effect.

``chat.postMessage`` is not idempotent: when its answer is lost (a dropped connection, a
5xx, a process killed after Slack applied the post), sending it again may post twice. So
every post the bot makes carries its delivery key in the message's ``metadata``, and a
delivery that may already have arrived (``Delivery.since`` is set) is first looked for in
the channel's history (``conversations.history``, or ``conversations.replies`` in a thread,
with ``include_all_metadata``). Only when it is not there is it sent again.

For the same reason the client never retries a post by itself after an ambiguous failure
(see ``retries_safely``): the due-work retry, which reconciles first, does.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.request import HttpRequest

from bot.ports import Delivery, NotDelivered, Undeliverable
from handlers.rate_tiers import Budget

# The metadata event type of every post the bot makes; its payload names the delivery.
DELIVERY_EVENT = "consensus_delivery"
# Slack's clock and ours may differ; look a little further back than the first attempt.
CLOCK_MARGIN = timedelta(minutes=10)
HISTORY_PAGE_SIZE = 200
HISTORY_MAX_PAGES = 10
# Slack's answers that mean the bot cannot post there until a person acts (invites it back,
# unarchives the channel): retrying would fail for ever.
NO_ACCESS_ERRORS = frozenset(
    {"not_in_channel", "channel_not_found", "is_archived", "channel_is_archived"}
)
# Methods whose repetition could show people something twice.
NOT_IDEMPOTENT = frozenset({"chat.postMessage"})


def retries_safely(request: HttpRequest) -> bool:
    """Whether the HTTP client may repeat this request after an ambiguous failure."""
    method = request.url.rstrip("/").rsplit("/", 1)[-1]
    return method not in NOT_IDEMPOTENT


def refusal(error: SlackApiError, channel: str) -> Exception:
    """What a Slack error on a post or update means for the due work that made it."""
    status = getattr(error.response, "status_code", 500)
    code = str(error.response.get("error", "")) if error.response is not None else ""
    if code in NO_ACCESS_ERRORS:
        return Undeliverable(channel, code)
    if status < 500:
        # Slack answered (ok: false, or 429 after the client's waits): nothing was applied.
        return NotDelivered(str(error))
    return error  # a 5xx: Slack may have applied it


def delivery_metadata(delivery: Delivery) -> dict[str, Any]:
    return {"event_type": DELIVERY_EVENT, "event_payload": {"delivery": delivery.key}}


def carries(message: dict[str, Any], delivery: Delivery) -> bool:
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    return bool(
        metadata.get("event_type") == DELIVERY_EVENT and payload.get("delivery") == delivery.key
    )


class Poster:
    """Sends posts with their delivery key, and finds them again after an ambiguous failure."""

    def __init__(self, client: WebClient, budget: Budget) -> None:
        self._client = client
        self._budget = budget

    def post(
        self,
        delivery: Delivery,
        *,
        workspace: str,
        channel: str,
        thread_ts: str | None = None,
        history_channel: str | None = None,
        **content: Any,
    ) -> str:
        """Post once; returns the message ts (of the earlier post, if one is found).

        ``history_channel`` is where to look when ``channel`` is a person's id (a DM is read
        by the DM channel's id); it is resolved only when a look is needed.
        """
        if delivery.since is not None:
            found = self.find(delivery, workspace, history_channel or channel, thread_ts)
            if found is not None:
                return found
        try:
            response = self._client.chat_postMessage(
                channel=channel,
                thread_ts=thread_ts,
                metadata=delivery_metadata(delivery),
                **content,
            )
        except SlackApiError as error:
            raise refusal(error, channel) from error
        return str(response["ts"])

    def update(
        self, workspace: str, channel: str, ts: str, text: str, blocks: list[dict[str, Any]]
    ) -> None:
        """Redraw a message in place (idempotent, so it needs no delivery key), within the
        workspace's chat.update budget."""
        self._budget.spend(workspace, "chat.update")
        try:
            self._client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        except SlackApiError as error:
            raise refusal(error, channel) from error

    def find(
        self, delivery: Delivery, workspace: str, channel: str, thread_ts: str | None
    ) -> str | None:
        """The ts of a message carrying this delivery, posted since its first attempt."""
        assert delivery.since is not None
        oldest = _slack_ts(delivery.since - CLOCK_MARGIN)
        cursor: str | None = None
        for _ in range(HISTORY_MAX_PAGES):
            arguments: dict[str, Any] = {
                "channel": channel,
                "oldest": oldest,
                "limit": HISTORY_PAGE_SIZE,
                "include_all_metadata": True,
            }
            if cursor:
                arguments["cursor"] = cursor
            if thread_ts:
                self._budget.spend(workspace, "conversations.replies")
                response = self._client.conversations_replies(ts=thread_ts, **arguments)
            else:
                self._budget.spend(workspace, "conversations.history")
                response = self._client.conversations_history(**arguments)
            for message in response.get("messages") or []:
                if carries(message, delivery):
                    return str(message["ts"])
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None


def _slack_ts(when: datetime) -> str:
    return f"{max(when.timestamp(), 0.0):.6f}"
