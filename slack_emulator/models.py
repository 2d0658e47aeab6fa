"""Records the emulator keeps: users, channels, messages, views and API calls.

``to_api()`` methods produce the JSON shapes Slack uses in API answers and payloads.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo


@dataclass
class User:
    """A workspace member (people and the bot itself)."""

    id: str
    name: str
    real_name: str
    # None: a profile without a time zone (Slack then answers "tz": null).
    tz: str | None = "America/Toronto"
    is_bot: bool = False
    team_id: str = "T0001"
    bot_id: str | None = None
    is_admin: bool = False  # a workspace admin (owners are admins too, in Slack)
    # Enterprise Grid: the org of the person's workspace, and whether they administer the org.
    enterprise_id: str | None = None
    enterprise_name: str = ""
    is_org_admin: bool = False
    deleted: bool = False  # a deactivated account: still listed, and still in its channels
    # The language the person chose in Slack; answered only when asked (include_locale).
    locale: str = "en-US"

    def tz_offset(self, at: float) -> int:
        offset = datetime.fromtimestamp(at, ZoneInfo(self.tz or "UTC")).utcoffset()
        return int(offset.total_seconds()) if offset else 0

    def to_api(self, at: float, *, include_locale: bool = False) -> dict[str, Any]:
        moment = datetime.fromtimestamp(at, ZoneInfo(self.tz or "UTC"))
        profile: dict[str, Any] = {
            "display_name": self.name,
            "display_name_normalized": self.name,
            "real_name": self.real_name,
            "real_name_normalized": self.real_name,
            "team": self.team_id,
        }
        if self.bot_id:
            profile["bot_id"] = self.bot_id
        data: dict[str, Any] = {
            "id": self.id,
            "team_id": self.team_id,
            "name": self.name,
            "deleted": self.deleted,
            "real_name": self.real_name,
            "tz": self.tz,
            "tz_label": (moment.tzname() or self.tz) if self.tz else None,
            "tz_offset": self.tz_offset(at),
            "profile": profile,
            "is_admin": self.is_admin,
            "is_owner": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": int(at),
        }
        if include_locale:
            data["locale"] = self.locale
        if self.enterprise_id:
            data["enterprise_user"] = {
                "id": self.id,
                "enterprise_id": self.enterprise_id,
                "enterprise_name": self.enterprise_name,
                "is_admin": self.is_org_admin,
                "is_owner": False,
                "teams": [self.team_id],
            }
        return data


@dataclass
class Channel:
    """A public/private channel, or a DM (``im_user`` set, id starting with ``D``)."""

    id: str
    name: str
    members: list[str]
    is_private: bool = False
    im_user: str | None = None
    created: int = 0

    @property
    def is_im(self) -> bool:
        return self.im_user is not None

    def to_api(self, bot_user_id: str) -> dict[str, Any]:
        if self.im_user is not None:
            return {
                "id": self.id,
                "created": self.created,
                "is_im": True,
                "is_org_shared": False,
                "user": self.im_user,
                "is_user_deleted": False,
            }
        return {
            "id": self.id,
            "name": self.name,
            "name_normalized": self.name,
            "created": self.created,
            "is_channel": not self.is_private,
            "is_group": False,
            "is_im": False,
            "is_mpim": False,
            "is_private": self.is_private,
            "is_archived": False,
            "is_general": False,
            "is_member": bot_user_id in self.members,
            "num_members": len(self.members),
        }


@dataclass(frozen=True)
class MessageVersion:
    """A message's content before an edit."""

    text: str
    blocks: list[dict[str, Any]]
    replaced_at: str  # the emulator ts at which this version was replaced


@dataclass
class Message:
    """A message stored in a channel or DM (as Slack stores it: ids filled in)."""

    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str | None = None
    user: str = "UBOT"
    bot_id: str | None = "B0001"
    app_id: str | None = "A0001"
    team: str = "T0001"
    edits: list[MessageVersion] = field(default_factory=list)
    metadata: dict[str, Any] | None = None

    @property
    def edited(self) -> bool:
        return bool(self.edits)

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": "message",
            "user": self.user,
            "text": self.text,
            "ts": self.ts,
            "team": self.team,
        }
        if self.bot_id:
            data.update({"bot_id": self.bot_id, "app_id": self.app_id})
        if self.blocks:
            data["blocks"] = copy.deepcopy(self.blocks)
        if self.thread_ts:
            data["thread_ts"] = self.thread_ts
        if self.edits:
            data["edited"] = {"user": self.user, "ts": self.edits[-1].replaced_at}
        if self.metadata:
            data["metadata"] = copy.deepcopy(self.metadata)
        return data


@dataclass
class Ephemeral:
    """An ephemeral message: only ``user`` sees it, and only in ``channel``."""

    channel: str
    user: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str | None = None
    deleted: bool = False
    edits: list[MessageVersion] = field(default_factory=list)


@dataclass
class View:
    """A modal or Home tab as Slack stores it (ids filled in, state tracked)."""

    id: str
    user: str
    type: str
    blocks: list[dict[str, Any]]
    hash: str
    team_id: str = "T0001"  # the workspace of the person it was opened for
    app_installed_team_id: str = "T0001"  # the workspace that installed the app
    app_id: str = "A0001"
    bot_id: str = "B0001"
    title: dict[str, Any] | None = None
    submit: dict[str, Any] | None = None
    close: dict[str, Any] | None = None
    callback_id: str = ""
    private_metadata: str = ""
    external_id: str = ""
    notify_on_close: bool = False
    clear_on_close: bool = False
    root_view_id: str | None = None
    previous_view_id: str | None = None
    state: dict[str, Any] = field(default_factory=dict)

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "team_id": self.team_id,
            "type": self.type,
            "blocks": copy.deepcopy(self.blocks),
            "private_metadata": self.private_metadata,
            "callback_id": self.callback_id,
            "state": {"values": copy.deepcopy(self.state)},
            "hash": self.hash,
            "clear_on_close": self.clear_on_close,
            "notify_on_close": self.notify_on_close,
            "close": copy.deepcopy(self.close),
            "submit": copy.deepcopy(self.submit),
            "previous_view_id": self.previous_view_id,
            "root_view_id": self.root_view_id or self.id,
            "app_id": self.app_id,
            "external_id": self.external_id,
            "app_installed_team_id": self.app_installed_team_id,
            "bot_id": self.bot_id,
        }
        if self.title is not None:
            data["title"] = copy.deepcopy(self.title)
        return data


@dataclass
class ApiCall:
    """One Web API call as the emulator saw and answered it."""

    method: str
    params: dict[str, Any]
    response: dict[str, Any]
    at: float
    status: int = 200
    fault: str | None = None

    @property
    def ok(self) -> bool:
        return bool(self.response.get("ok"))


@dataclass
class Trigger:
    """A trigger_id handed to the app with an interaction; usable once, for 3 s."""

    id: str
    user: str
    issued_at: float
    used: bool = False


@dataclass
class ResponseUrl:
    """A response_url: where it posts and what it may replace."""

    token: str
    channel: str
    user: str
    issued_at: float
    message_ts: str | None = None  # the message the interaction came from, if any
    ephemeral: bool = False  # that message is an ephemeral shown to ``user``
    uses: int = 0
