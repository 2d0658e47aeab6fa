"""The emulated workspace's state: people, channels, messages, views, issued ids.

Everything is guarded by one re-entrant lock, because the HTTP server answers each request on
its own thread while tests read state from theirs. Readers get deep copies (snapshots), so a
test can never observe a half-applied update.
"""

from __future__ import annotations

import copy
import hashlib
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_emulator.models import (
    ApiCall,
    Channel,
    Ephemeral,
    Message,
    ResponseUrl,
    Trigger,
    User,
    View,
)
from slack_emulator.transcript import Transcript

_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


class SlackError(Exception):
    """Raised inside an API method; becomes ``{"ok": false, "error": ..., **extra}``."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra

    def to_response(self) -> dict[str, Any]:
        return {"ok": False, "error": self.error, **self.extra}


@dataclass(frozen=True)
class Team:
    """A workspace whose people can be in the app's channels (Grid sibling, Slack Connect)."""

    id: str
    domain: str
    enterprise_id: str | None = None
    enterprise_name: str = ""


class Workspace:
    """State of one emulated Slack workspace with one installed bot.

    The bot is installed in ``team_id``; with ``enterprise_id`` that workspace belongs to an
    Enterprise Grid org, and ``is_enterprise_install`` makes it an org-wide installation.
    People of other workspaces (``add_team``, then ``add_user(team_id=...)``) can share its
    channels: a workspace of the same org (Grid), or of another organisation (Slack Connect).
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        *,
        team_id: str = "T0001",
        team_domain: str = "emulator",
        bot_user_id: str = "UBOT",
        bot_id: str = "B0001",
        app_id: str = "A0001",
        bot_name: str = "consensus",
        seed: int = 0,
        enterprise_id: str | None = None,
        enterprise_name: str = "",
        is_enterprise_install: bool = False,
    ) -> None:
        self.clock = clock
        self.team_id = team_id
        self.team_domain = team_domain
        self.enterprise_id = enterprise_id
        self.enterprise_name = enterprise_name
        self.is_enterprise_install = is_enterprise_install
        self._teams: dict[str, Team] = {
            team_id: Team(team_id, team_domain, enterprise_id, enterprise_name)
        }
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.app_id = app_id
        self.bot_name = bot_name
        self.lock = threading.RLock()
        self.rng = random.Random(seed)
        self.calls: list[ApiCall] = []
        self.transcript = Transcript(self)
        self._base_url = "http://127.0.0.1:0"
        self._users: dict[str, User] = {}
        self._channels: dict[str, Channel] = {}
        self._messages: dict[str, dict[str, Message]] = {}
        self._ephemerals: list[Ephemeral] = []
        self._stacks: dict[str, list[View]] = {}
        self._homes: dict[str, View] = {}
        self._triggers: dict[str, Trigger] = {}
        self._response_urls: dict[str, ResponseUrl] = {}
        self._last_ts_micros = 0
        self._serial = 0
        self._users[bot_user_id] = User(
            bot_user_id, bot_name, bot_name, "UTC", is_bot=True, team_id=team_id, bot_id=bot_id
        )

    # -- seeding -----------------------------------------------------------------------------
    def add_team(
        self,
        team_id: str,
        domain: str,
        *,
        enterprise_id: str | None = None,
        enterprise_name: str = "",
    ) -> Team:
        """Another workspace: of this org when ``enterprise_id`` is the installation's (Grid),
        else of another organisation (Slack Connect)."""
        team = Team(team_id, domain, enterprise_id, enterprise_name)
        with self.lock:
            self._teams[team_id] = team
        return team

    def add_user(
        self,
        user_id: str,
        name: str,
        real_name: str | None = None,
        tz: str | None = "America/Toronto",
        is_bot: bool = False,
        *,
        is_admin: bool = False,
        team_id: str | None = None,
        is_org_admin: bool = False,
        deleted: bool = False,
        locale: str = "en-US",
    ) -> User:
        """Add a person (or another bot); ``is_admin``: an admin of their own workspace,
        ``team_id``: that workspace (default: the installing one; see ``add_team``),
        ``is_org_admin``: an admin of their Enterprise Grid org; ``deleted``: deactivated;
        ``locale``: the language chosen in Slack (e.g. "fr-CA")."""
        with self.lock:
            team = self._teams.get(team_id or self.team_id)
        if team is None:
            raise ValueError(f"add team {team_id} first")
        user = User(
            user_id,
            name,
            real_name or name,
            tz,
            is_bot=is_bot,
            team_id=team.id,
            is_admin=is_admin,
            enterprise_id=team.enterprise_id,
            enterprise_name=team.enterprise_name,
            is_org_admin=is_org_admin,
            deleted=deleted,
            locale=locale,
        )
        with self.lock:
            self._users[user_id] = user
        return copy.deepcopy(user)

    def add_channel(
        self,
        channel_id: str,
        name: str,
        members: list[str],
        *,
        is_private: bool = False,
        include_bot: bool = True,
    ) -> Channel:
        """Add a channel. The bot is a member unless ``include_bot=False``, as after /invite.

        Like real Slack, ``conversations.members`` then lists the bot user too.
        """
        with self.lock:
            unknown = [m for m in members if m not in self._users]
            if unknown:
                raise ValueError(f"add these users first: {unknown}")
            everyone = list(dict.fromkeys(members))
            if include_bot and self.bot_user_id not in everyone:
                everyone.append(self.bot_user_id)
            channel = Channel(channel_id, name, everyone, is_private, created=int(self.clock()))
            self._channels[channel_id] = channel
            self._messages.setdefault(channel_id, {})
        return copy.deepcopy(channel)

    def join_channel(self, channel_id: str, user_id: str) -> None:
        """``user_id`` joins (or is invited to) a channel."""
        with self.lock:
            if user_id not in self._users or channel_id not in self._channels:
                raise ValueError(f"unknown user {user_id} or channel {channel_id}")
            members = self._channels[channel_id].members
            if user_id not in members:
                members.append(user_id)

    def leave_channel(self, channel_id: str, user_id: str) -> None:
        """``user_id`` leaves (or is removed from) a channel."""
        with self.lock:
            members = self._channels[channel_id].members
            if user_id in members:
                members.remove(user_id)

    # -- the transcript's Directory protocol ------------------------------------------------
    def display_name(self, object_id: str) -> str | None:
        with self.lock:
            if object_id in self._users:
                return self._users[object_id].name
            channel = self._channels.get(object_id)
            if channel is None:
                return None
            if channel.im_user is not None:
                return "@" + self._users[channel.im_user].name
            return channel.name

    def timezone(self, user_id: str) -> str | None:
        with self.lock:
            user = self._users.get(user_id)
            return user.tz if user else None

    def can_see(self, user_id: str, channel_id: str) -> bool:
        with self.lock:
            channel = self._channels.get(channel_id)
            return channel is not None and user_id in channel.members

    # -- readers (snapshots) ----------------------------------------------------------------
    def user(self, user_id: str) -> User | None:
        with self.lock:
            return copy.deepcopy(self._users.get(user_id))

    def team(self, team_id: str) -> Team | None:
        with self.lock:
            return self._teams.get(team_id)

    def same_organisation(self, user_id: str) -> bool:
        """Whether the person belongs to the installing workspace or to its Grid org."""
        with self.lock:
            user = self._users.get(user_id)
        if user is None:
            return False
        return user.team_id == self.team_id or (
            self.enterprise_id is not None and user.enterprise_id == self.enterprise_id
        )

    def channel(self, channel_id: str) -> Channel | None:
        with self.lock:
            return copy.deepcopy(self._channels.get(channel_id))

    def messages(self, channel: str) -> list[Message]:
        """Every message in a channel/DM (a user id means that user's DM), oldest first."""
        with self.lock:
            channel_id = self._channel_id_for_reading(channel)
            return copy.deepcopy(list(self._messages.get(channel_id, {}).values()))

    def message(self, channel: str, ts: str) -> Message | None:
        with self.lock:
            channel_id = self._channel_id_for_reading(channel)
            return copy.deepcopy(self._messages.get(channel_id, {}).get(ts))

    def replies(self, channel: str, thread_ts: str) -> list[Message]:
        return [m for m in self.messages(channel) if m.thread_ts == thread_ts and m.ts != thread_ts]

    def dm_channel(self, user: str) -> str:
        """The stable DM channel id between the bot and ``user`` (opened on first use)."""
        with self.lock:
            if user not in self._users:
                raise KeyError(f"unknown user {user}")
            return self._open_dm(user).id

    def ephemerals(self, user: str | None = None, channel: str | None = None) -> list[Ephemeral]:
        """Ephemeral messages still showing, optionally for one user and/or channel."""
        with self.lock:
            channel_id = self._channel_id_for_reading(channel) if channel else None
            return copy.deepcopy(
                [
                    e
                    for e in self._ephemerals
                    if not e.deleted
                    and (user is None or e.user == user)
                    and (channel_id is None or e.channel == channel_id)
                ]
            )

    @property
    def views(self) -> dict[str, list[View]]:
        """Open modal stacks per user (bottom first)."""
        with self.lock:
            return copy.deepcopy({u: list(s) for u, s in self._stacks.items() if s})

    def open_view(self, user: str) -> View | None:
        """The modal ``user`` is looking at (top of the stack), if any."""
        with self.lock:
            stack = self._stacks.get(user) or []
            return copy.deepcopy(stack[-1]) if stack else None

    def home_view(self, user: str) -> View | None:
        with self.lock:
            return copy.deepcopy(self._homes.get(user))

    def view(self, view_id: str) -> View | None:
        with self.lock:
            found = self._find_view(view_id)
            return copy.deepcopy(found)

    def calls_to(self, method: str) -> list[ApiCall]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def clear_calls(self) -> None:
        with self.lock:
            self.calls.clear()

    # -- ids Slack hands out ----------------------------------------------------------------
    def next_ts(self) -> str:
        """A message ts: ``seconds.micros`` from the clock, strictly increasing."""
        with self.lock:
            micros = max(int(self.clock() * 1_000_000), self._last_ts_micros + 1)
            self._last_ts_micros = micros
            return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _random_id(self, prefix: str, length: int = 10) -> str:
        return prefix + "".join(self.rng.choice(_ALNUM) for _ in range(length))

    def new_hash(self) -> str:
        with self.lock:
            return f"{int(self.clock())}.{self.rng.getrandbits(32):08x}"

    def issue_trigger_id(self, user: str) -> str:
        """Register a trigger_id for ``user`` at the current emulator time."""
        with self.lock:
            self._serial += 1
            trigger = f"{int(self.clock())}.{self._serial}.{self.rng.getrandbits(64):016x}"
            self._triggers[trigger] = Trigger(trigger, user, self.clock())
            return trigger

    def issue_response_url(
        self, channel: str, user: str, message_ts: str | None = None, ephemeral: bool = False
    ) -> str:
        """Register a response_url that posts into ``channel`` on behalf of ``user``'s action."""
        with self.lock:
            token = f"{self.team_id}/{self._serial + 1}/{self.rng.getrandbits(96):024x}"
            self._serial += 1
            self._response_urls[token] = ResponseUrl(
                token, channel, user, self.clock(), message_ts, ephemeral
            )
            return f"{self._base_url}/response/{token}"

    # -- internal helpers (callers hold the lock) --------------------------------------------
    def _channel_id_for_reading(self, channel: str) -> str:
        if channel in self._users:
            return self._open_dm(channel).id
        return channel

    def _open_dm(self, user: str) -> Channel:
        # Derived from the user id so the same user always gets the same DM id, run after run.
        dm_id = "D" + hashlib.sha1(user.encode()).hexdigest()[:10].upper()
        if dm_id not in self._channels:
            members = [user, self.bot_user_id]
            self._channels[dm_id] = Channel(
                dm_id, dm_id, members, im_user=user, created=int(self.clock())
            )
            self._messages.setdefault(dm_id, {})
        return self._channels[dm_id]

    def _find_view(self, view_id: str) -> View | None:
        for stack in self._stacks.values():
            for view in stack:
                if view.id == view_id:
                    return view
        for view in self._homes.values():
            if view.id == view_id:
                return view
        return None

    def _record(self, call: ApiCall) -> None:
        with self.lock:
            self.calls.append(call)
