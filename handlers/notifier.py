"""The Slack implementation of the core's Notifier and Directory ports.

Runs in worker threads with a synchronous WebClient whose retry handlers wait out 429s
(`Retry-After`), retry 5xx and dropped connections; what still fails is raised so the due
work is retried later with backoff.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.domain.eligibility import Standing
from bot.domain.round import Stance
from bot.ports import (
    Abilities,
    Audience,
    Delivery,
    EscalationView,
    LevelChange,
    NotDelivered,
    RoundView,
    TaskKind,
)
from handlers.posting import Poster, retries_safely
from handlers.rate_tiers import BULK_POSTS, Budget
from handlers.views import escalation as escalation_view
from handlers.views import outcome as outcome_view
from handlers.views import round as round_view
from handlers.views import stance as stance_view

# How long a channel's member list answers "may this person read its rounds?" (see
# SlackDirectory), and how old it must be before a person missing from it is looked up again.
# The workspace's people (users.list, Tier 2) are read in bulk and kept this long: a start
# in a channel of 1,000 needs a handful of calls instead of one users.info (Tier 4) each.
PEOPLE_TTL_SECONDS = 15 * 60.0
PEOPLE_PAGE_SIZE = 200  # Slack suggests pages of at most 200
MEMBERS_PAGE_SIZE = 1000  # conversations.members allows up to 1,000 a page
MEMBERS_TTL_SECONDS = 60.0
MEMBERS_RECHECK_SECONDS = 5.0
# chat.update answers for a message that is no longer there to redraw.
GONE_MESSAGE_ERRORS = ("message_not_found", "cant_update_message")
SLACKBOT = "USLACKBOT"
# What users.info answers for an id that is no account of the workspace.
UNKNOWN_USER_ERRORS = frozenset({"user_not_found", "user_not_visible"})
Sleep = Callable[[float], None]
log = logging.getLogger(__name__)


class _NoRepeatedPosts(RetryHandler):
    """A retry handler that never repeats a post by itself (handlers.posting): the due-work
    retry does, looking for it first, and waits a 429's Retry-After outside the claim."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return retries_safely(request) and super()._can_retry(
            state=state, request=request, response=response, error=error
        )


class RetryAfterHandler(_NoRepeatedPosts, RateLimitErrorRetryHandler):
    """slack_sdk's 429 handler — Retry-After plus up to a second of jitter, so replicas that
    were limited together do not come back together — with the sleep and the jitter
    injectable, so tests need not wait."""

    def __init__(
        self,
        max_retry_count: int = 5,
        sleep: Sleep = time.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self._sleep = sleep
        self._jitter = jitter
        self.waits: list[float] = []

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error or RuntimeError("rate limited without a response")
        state.next_attempt_requested = True
        retry_after = next(
            (v for k, v in response.headers.items() if k.lower() == "retry-after"), ["1"]
        )
        try:
            wait = max(0.0, float(retry_after[0]))
        except (TypeError, ValueError):
            wait = 1.0
        wait += self._jitter()
        self.waits.append(wait)
        self._sleep(wait)
        state.increment_current_attempt()


class _SafeConnectionRetry(_NoRepeatedPosts, ConnectionErrorRetryHandler):
    """Retries a dropped connection, except an ambiguous post."""


class _SafeServerErrorRetry(_NoRepeatedPosts, ServerErrorRetryHandler):
    """Retries a 5xx, except an ambiguous post."""


def make_web_client(
    token: str, base_url: str, timeout: int = 15, sleep: Sleep = time.sleep
) -> WebClient:
    """A client that waits out rate limits and retries passing faults (not ambiguous posts)."""
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=timeout,
        retry_handlers=[
            _SafeConnectionRetry(max_retry_count=2),
            RetryAfterHandler(max_retry_count=5, sleep=sleep),
            _SafeServerErrorRetry(max_retry_count=2),
        ],
    )


class SlackNotifier:
    """Posts and updates the bot's messages, each post exactly once in effect."""

    # A message has a ts (redrawn in place, replied to in its thread), and a post's delivery
    # key travels in its metadata, where a retry finds it (handlers.posting).
    abilities = Abilities(refers_to_posts=True, finds_earlier_posts=True)

    def __init__(
        self,
        client: WebClient,
        budget: Budget,
        languages: Callable[[str], str | None] = lambda _user: None,
    ) -> None:
        """``languages``: a person's language (``SlackDirectory.language``) for the DMs only
        they read; posts to a channel read in the partnership's language."""
        self._client = client
        self._budget = budget
        self._languages = languages
        self._poster = Poster(client, budget)
        self._dm_channels: dict[str, str] = {}
        self._lock = threading.Lock()

    def post_round(self, view: RoundView, delivery: Delivery) -> str:
        text, body = round_view.round_message(view)
        return self._poster.post(
            delivery,
            workspace=view.round.workspace,
            channel=view.round.channel,
            text=text,
            blocks=body,
            unfurl_links=False,
        )

    def update_round(self, view: RoundView) -> None:
        round_ = view.round
        if not round_.message_ref:
            return
        text, body = round_view.round_message(view)
        self._poster.update(round_.workspace, round_.channel, round_.message_ref, text, body)

    def post_outcome(self, view: RoundView, delivery: Delivery) -> str:
        text, body = outcome_view.outcome_message(view)
        return self._poster.post(
            delivery,
            workspace=view.round.workspace,
            channel=view.round.channel,
            text=text,
            blocks=body,
            unfurl_links=False,
        )

    def post_explanation(self, view: RoundView, stance: Stance, delivery: Delivery) -> str:
        return self._poster.post(
            delivery,
            workspace=view.round.workspace,
            channel=view.round.channel,
            thread_ts=view.round.message_ref,
            text=stance_view.explanation_message(view, stance),
        )

    def find_explanation(self, view: RoundView, delivery: Delivery) -> str | None:
        return self._poster.find(
            delivery, view.round.workspace, view.round.channel, view.round.message_ref
        )

    def mark_explanation_changed(self, view: RoundView, ref: str, earlier: Stance) -> None:
        text = stance_view.explanation_changed_message(view, earlier)
        try:
            self._poster.update(view.round.workspace, view.round.channel, ref, text, [])
        except NotDelivered as refused:
            # A post someone deleted cannot mislead any more; the note still goes out.
            cause = refused.__cause__
            answer = cause.response if isinstance(cause, SlackApiError) else None
            if answer is None or answer.get("error") not in GONE_MESSAGE_ERRORS:
                raise
            log.info("explanation %s in round %s is gone; not redrawn", ref, view.round.id)

    def post_level_change(self, view: RoundView, change: LevelChange, delivery: Delivery) -> None:
        self._poster.post(
            delivery,
            workspace=view.round.workspace,
            channel=view.round.channel,
            thread_ts=view.round.message_ref,
            text=stance_view.level_change_message(change),
        )

    def remind_voter(self, view: RoundView, voter: str, delivery: Delivery) -> None:
        text, body = round_view.reminder_message(view, voter, self._languages(voter))
        # A post to a person's id lands in the app's DM with them: no conversations.open
        # (Tier 3) per reminder. The DM's channel id is needed only to look for an earlier
        # attempt, which is rare.
        workspace = view.round.workspace
        history = self.dm_channel(workspace, voter) if delivery.since is not None else None
        # Reminders are bulk work: they spend a share of the workspace's posts that leaves
        # room for the posts people wait for, on every replica together.
        self._budget.spend(workspace, BULK_POSTS)
        self._poster.post(
            delivery,
            workspace=workspace,
            channel=voter,
            history_channel=history,
            text=text,
            blocks=body,
        )

    def post_escalation(self, view: EscalationView, delivery: Delivery) -> str:
        text, body = escalation_view.escalation_message(view)
        return self._poster.post(
            delivery,
            workspace=view.escalation.workspace,
            channel=view.escalation.channel,
            text=text,
            blocks=body,
        )

    def remind_escalation(self, view: EscalationView, delivery: Delivery) -> None:
        self._poster.post(
            delivery,
            workspace=view.escalation.workspace,
            channel=view.escalation.channel,
            text=escalation_view.escalation_reminder(view),
            thread_ts=view.escalation.message_ref,
            reply_broadcast=True,
        )

    def post_resolution(self, view: EscalationView, audience: Audience, delivery: Delivery) -> None:
        esc, round_ = view.escalation, view.round.round
        if audience is Audience.PARTNERS:
            channel, thread = round_.channel, round_.message_ref
        else:
            channel, thread = esc.channel, esc.message_ref
        self._poster.post(
            delivery,
            workspace=esc.workspace,
            channel=channel,
            thread_ts=thread,
            text=escalation_view.resolution_message(view, audience),
            reply_broadcast=thread is not None,
        )

    def tell_chair_undelivered(
        self, view: RoundView, parked: Sequence[TaskKind], channel: str, delivery: Delivery
    ) -> None:
        chair, workspace = view.round.chair, view.round.workspace
        history = self.dm_channel(workspace, chair) if delivery.since is not None else None
        self._poster.post(
            delivery,
            workspace=workspace,
            channel=chair,
            history_channel=history,
            text=round_view.undelivered_message(view, parked, channel, self._languages(chair)),
        )

    def dm_channel(self, workspace: str, user: str) -> str:
        with self._lock:
            cached = self._dm_channels.get(user)
        if cached:
            return cached
        self._budget.spend(workspace, "conversations.open")
        response = self._client.conversations_open(users=user)
        channel = str(response["channel"]["id"])
        with self._lock:
            self._dm_channels[user] = channel
        return channel


def _in_a_thread(work: Callable[[], None]) -> None:
    threading.Thread(target=work, name="people-read", daemon=True).start()


class SlackDirectory:
    """People, time zones and channel members, cached: they change rarely and look-ups cost
    rate limit.

    Channel members are kept for ``MEMBERS_TTL_SECONDS``. A person not found in a list older
    than ``MEMBERS_RECHECK_SECONDS`` makes one fresh look-up, so someone who has just joined
    is recognised at once; someone who has just left may still be found for up to the TTL.

    People are read in bulk with ``users.list`` (with their language: ``include_locale``) and
    kept for ``PEOPLE_TTL_SECONDS``; only someone the list does not have (a person of another workspace in a shared channel, or
    someone who joined since) costs a ``users.info``.
    """

    def __init__(
        self,
        client: WebClient,
        monotonic: Callable[[], float] = time.monotonic,
        in_background: Callable[[Callable[[], None]], None] = _in_a_thread,
    ) -> None:
        self._client = client
        self._monotonic = monotonic
        self._in_background = in_background
        self._refreshing = False  # a background read of the people is under way
        self._users: dict[str, tuple[float, dict[str, Any]]] = {}
        self._listed_at = float("-inf")
        self._members: dict[str, tuple[float, frozenset[str]]] = {}
        self._lock = threading.Lock()
        self._listing = threading.Lock()  # one users.list at a time, however many ask

    def _user(self, user: str) -> dict[str, Any]:
        found = self._cached_user(user)
        if found is not None:
            return found
        self._list_people()
        found = self._cached_user(user)
        if found is not None:
            return found
        info = dict(self._client.users_info(user=user, include_locale=True)["user"])
        with self._lock:
            self._users[user] = (self._monotonic(), info)
        return info

    def _cached_user(self, user: str) -> dict[str, Any] | None:
        with self._lock:
            fetched_at, info = self._users.get(user, (float("-inf"), {}))
        return info if self._monotonic() - fetched_at < PEOPLE_TTL_SECONDS else None

    def _list_people(self) -> None:
        """Read the workspace's people with users.list, unless a fresh list is at hand."""
        with self._listing:
            if self._monotonic() - self._listed_at < PEOPLE_TTL_SECONDS:
                return  # someone else just read it (or the person is not in it)
            listed: dict[str, dict[str, Any]] = {}
            cursor = None
            try:
                while True:
                    response = self._client.users_list(
                        limit=PEOPLE_PAGE_SIZE, cursor=cursor, include_locale=True
                    )
                    listed.update({str(m["id"]): dict(m) for m in response["members"]})
                    cursor = (response.get("response_metadata") or {}).get("next_cursor")
                    if not cursor:
                        break
            except Exception as error:  # users.info one by one still works
                log.warning("could not list the workspace's people: %s", type(error).__name__)
                return
            now = self._monotonic()
            with self._lock:
                self._users.update({uid: (now, info) for uid, info in listed.items()})
            self._listed_at = now

    def _channel_members(self, channel: str) -> list[str]:
        members: list[str] = []
        cursor = None
        while True:
            response = self._client.conversations_members(
                channel=channel, limit=MEMBERS_PAGE_SIZE, cursor=cursor
            )
            members.extend(response["members"])
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        with self._lock:
            self._members[channel] = (self._monotonic(), frozenset(members))
        return members

    def human_members(self, channel: str) -> list[str]:
        members = self._channel_members(channel)
        return [m for m in members if not self._user(m).get("is_bot") and m != SLACKBOT]

    def standing(self, user: str) -> Standing:
        """From the bulk cache of people; users.info only for someone not in it."""
        try:
            info = self._user(user)
        except SlackApiError as error:
            if error.response.get("error") in UNKNOWN_USER_ERRORS:
                return Standing.UNKNOWN
            log.warning("could not look %s up: %s", user, error.response.get("error"))
            return Standing.PERSON  # cannot tell: refuse nobody, as before the check
        except Exception as error:  # a timeout, a dropped connection
            log.warning("could not look %s up: %s", user, type(error).__name__)
            return Standing.PERSON
        if info.get("deleted"):
            return Standing.DEACTIVATED
        if info.get("is_bot") or info.get("is_app_user") or user == SLACKBOT:
            return Standing.BOT
        return Standing.PERSON

    def channel_people(self, channel: str) -> frozenset[str] | None:
        with self._lock:
            fetched_at, members = self._members.get(channel, (float("-inf"), frozenset()))
        if self._monotonic() - fetched_at < MEMBERS_RECHECK_SECONDS:
            return members
        try:
            return frozenset(self._channel_members(channel))
        except Exception as error:  # cannot tell: nobody is refused for being outside
            log.warning("could not list the members of %s: %s", channel, type(error).__name__)
            return None

    def is_member(self, channel: str, user: str) -> bool:
        with self._lock:
            fetched_at, members = self._members.get(channel, (float("-inf"), frozenset()))
        age = self._monotonic() - fetched_at
        if user in members and age < MEMBERS_TTL_SECONDS:
            return True
        if age < MEMBERS_RECHECK_SECONDS:
            return False
        try:
            return user in self._channel_members(channel)
        except Exception as error:  # fail closed: an unanswered look-up shows nothing
            log.warning("could not list the members of %s: %s", channel, type(error).__name__)
            return False

    def timezone(self, user: str) -> str | None:
        try:
            zone = self._user(user).get("tz")
        except Exception:  # unreadable: the core assumes its default zone and says so
            return None
        return str(zone) if zone else None

    def language(self, user: str) -> str | None:
        """The language the person chose in Slack (``fr-CA``), for what only they read; None
        when Slack does not say (a person of another organisation) or cannot be asked.

        It goes into answers that Slack waits 3 seconds for, so someone already read is
        answered from what is at hand, even past its time; that case reads the people again
        in the background, for the next answer. Only someone never read waits for Slack."""
        with self._lock:
            fetched_at, info = self._users.get(user, (float("-inf"), None))
        if info is None:
            try:
                info = self._user(user)
            except Exception:  # unreadable: the front end's default language
                return None
        elif self._monotonic() - fetched_at >= PEOPLE_TTL_SECONDS:
            self._read_again_later(user)
        locale = info.get("locale")
        return str(locale) if locale else None

    def _read_again_later(self, user: str) -> None:
        """One background read at a time (it lists everyone: one is enough)."""
        with self._lock:
            if self._refreshing:
                return
            self._refreshing = True

        def read_again() -> None:
            try:
                self._user(user)
            except Exception as error:
                log.warning("could not read the people again: %s", type(error).__name__)
            finally:
                with self._lock:
                    self._refreshing = False

        try:
            self._in_background(read_again)
        except Exception as error:  # no thread to be had: the next answer asks again
            log.warning("could not start reading the people again: %s", type(error).__name__)
            with self._lock:
                self._refreshing = False

    def is_admin(self, user: str, workspace: str) -> bool:
        # Slack owners are admins too. A person of another workspace (Slack Connect, or a
        # sibling workspace of an Enterprise Grid org) may administer theirs, not this one;
        # an org-wide installation is administered by the org's admins.
        info = self._user(user)
        if info.get("team_id") == workspace:
            return bool(info.get("is_admin") or info.get("is_owner"))
        org = info.get("enterprise_user") or {}
        if org.get("enterprise_id") == workspace:
            return bool(org.get("is_admin") or org.get("is_owner"))
        return False
