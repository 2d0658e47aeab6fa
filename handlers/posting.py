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
# A person the bot cannot send a direct message to: no later event will change that.
UNREACHABLE_PERSON_ERRORS = frozenset(
    {*NO_ACCESS_ERRORS, "user_not_found", "user_disabled", "cannot_dm_bot"}
)
# ok: false answers after which, Slack's method docs say, some of the call may have taken
# effect: treated like a lost answer, so the retry looks before posting.
MAYBE_APPLIED_ERRORS = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
# Methods whose repetition could show people something twice. The HTTP client never repeats
# them itself — not after a lost answer, nor after a 429 (the wait is the due work's, so a
# claim never outlives its lease while the client sleeps).
NOT_IDEMPOTENT = frozenset({"chat.postMessage"})
PERSON_ID_PREFIXES = ("U", "W")  # user ids; a post to one lands in the app's DM with them


def retries_safely(request: HttpRequest) -> bool:
    """Whether the HTTP client may repeat this request by itself."""
    method = request.url.rstrip("/").rsplit("/", 1)[-1]
    return method not in NOT_IDEMPOTENT


def refusal(error: SlackApiError, channel: str) -> Exception:
    """What a Slack error on a post or update means for the due work that made it."""
    status = getattr(error.response, "status_code", 500)
    code = str(error.response.get("error", "")) if error.response is not None else ""
    to_person = channel.startswith(PERSON_ID_PREFIXES)
    if to_person and code in UNREACHABLE_PERSON_ERRORS:
        return Undeliverable(channel, code, resumable=False)
    if code in NO_ACCESS_ERRORS:
        return Undeliverable(channel, code)
    if status >= 500 or code in MAYBE_APPLIED_ERRORS:
        return error  # Slack may have applied it: the retry looks first
    # Slack answered that it did not apply it (a refusal, or a 429).
    return NotDelivered(str(error), retry_after=_retry_after(error) if status == 429 else 0.0)


def _retry_after(error: SlackApiError) -> float:
    headers = getattr(error.response, "headers", None) or {}
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), "1")
    if isinstance(value, list):
        value = value[0] if value else "1"
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return 1.0


def lookup_failure(error: SlackApiError, channel: str) -> Exception:
    """A failed look-up for an earlier post: lost access parks the work; anything else
    leaves it open whether the post arrived, so the task keeps looking next time."""
    code = str(error.response.get("error", "")) if error.response is not None else ""
    if code in NO_ACCESS_ERRORS:
        return Undeliverable(channel, code)
    return error


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
            where = history_channel or channel
            try:
                found = self.find(delivery, workspace, where, thread_ts)
            except SlackApiError as error:
                raise lookup_failure(error, channel) from error
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
        # The post, if it arrived, was made by one of the attempts since the first began
        # (a later attempt may have been the one applied): look from then to now.
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
        # Not read to the end: it is still unknown whether the post arrived.
        raise LookupIncomplete(f"over {HISTORY_MAX_PAGES} pages around {delivery.key}")


class LookupIncomplete(Exception):
    """The look-up for an earlier post did not read its whole window."""


def _slack_ts(when: datetime) -> str:
    return f"{max(when.timestamp(), 0.0):.6f}"
