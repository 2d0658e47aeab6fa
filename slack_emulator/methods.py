"""Web API methods and response_url handling, answering with Slack's real shapes.

Each method validates first and mutates state last, so a rejected call leaves no trace.
"""

from __future__ import annotations

import base64
import binascii
import copy
from collections.abc import Callable
from typing import Any

from slack_emulator import limits as L
from slack_emulator.blockkit import fill_ids, validate_message_blocks, validate_view
from slack_emulator.models import Channel, Ephemeral, Message, MessageVersion, ResponseUrl, View
from slack_emulator.transcript import TranscriptEntry
from slack_emulator.workspace import SlackError, Workspace

Params = dict[str, Any]


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def _invalid(error: str, problems: list[str]) -> SlackError:
    messages = [f"[ERROR] {p}" for p in problems]
    return SlackError(error, errors=problems, response_metadata={"messages": messages})


def _required(params: Params, key: str, error: str | None = None) -> str:
    value = params.get(key)
    if value in (None, ""):
        if error:
            raise SlackError(error)
        raise _invalid("invalid_arguments", [f"missing required field: {key}"])
    return str(value)


def _page_start(cursor: Any, keys: list[str]) -> int:
    """Where a page starts: Slack's cursors are opaque; the emulator's name the first item."""
    if not cursor:
        return 0
    try:
        after = base64.b64decode(str(cursor), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise SlackError("invalid_cursor") from exc
    if after not in keys:
        raise SlackError("invalid_cursor")
    return keys.index(after)


def _next_cursor(keys: list[str], end: int) -> str:
    """The cursor of the page after ``end``, or "" at the end, as Slack answers."""
    return base64.b64encode(keys[end].encode()).decode() if end < len(keys) else ""


def _ts_key(message: Message) -> float:
    return float(message.ts)


class ApiMethods(Workspace):
    """Implements the supported Web API methods on top of the workspace state."""

    def dispatch(self, method: str, params: Params) -> dict[str, Any]:
        """Run ``method``; any failure is turned into Slack's ``ok: false`` answer."""
        handler = self.method_table().get(method)
        if handler is None:
            return {"ok": False, "error": "unknown_method", "req_method": method}
        try:
            with self.lock:
                return handler(params)
        except SlackError as exc:
            return exc.to_response()

    def method_table(self) -> dict[str, Callable[[Params], dict[str, Any]]]:
        return {
            "api.test": lambda p: {"ok": True, "args": p},
            "auth.test": self.auth_test,
            "chat.postMessage": self.chat_post_message,
            "chat.update": self.chat_update,
            "chat.delete": self.chat_delete,
            "chat.postEphemeral": self.chat_post_ephemeral,
            "chat.getPermalink": self.chat_get_permalink,
            "conversations.history": self.conversations_history,
            "conversations.replies": self.conversations_replies,
            "conversations.members": self.conversations_members,
            "conversations.open": self.conversations_open,
            "conversations.info": self.conversations_info,
            "users.info": self.users_info,
            "users.list": self.users_list,
            "views.open": self.views_open,
            "views.update": self.views_update,
            "views.push": self.views_push,
            "views.publish": self.views_publish,
        }

    # -- shared checks -----------------------------------------------------------------------
    def _content(self, params: Params, *, required: bool = True) -> tuple[str | None, Any]:
        """Validated ``(text, blocks)``; ``None`` means the caller did not send that field."""
        text = params.get("text")
        blocks = params.get("blocks")
        if text is not None and not isinstance(text, str):
            text = str(text)
        if isinstance(blocks, str):
            # Still a string after decoding the form: it was not a JSON array.
            raise SlackError("invalid_blocks_format")
        has_attachments = bool(params.get("attachments"))
        if required and not text and not blocks and not has_attachments:
            raise SlackError("no_text")
        if text is not None and len(text) > L.MESSAGE_TEXT_MAX:
            raise SlackError("msg_too_long")
        if blocks is not None:
            problems = validate_message_blocks(blocks)
            if problems:
                raise _invalid("invalid_blocks", problems)
            blocks = fill_ids(blocks, self.rng)
        return text, blocks

    def _target(self, channel: str | None, *, allow_user: bool) -> Channel:
        if not channel:
            raise SlackError("channel_not_found")
        if channel in self._users and allow_user:
            return self._open_dm(channel)
        found = self._channels.get(channel)
        if found is None:
            by_name = channel.lstrip("#")
            found = next((c for c in self._channels.values() if c.name == by_name), None)
        if found is None or (found.is_private and self.bot_user_id not in found.members):
            raise SlackError("channel_not_found")
        return found

    def _bot_must_be_member(self, channel: Channel) -> None:
        if not channel.is_im and self.bot_user_id not in channel.members:
            raise SlackError("not_in_channel")

    def _user(self, user_id: str | None) -> str:
        if not user_id or user_id not in self._users:
            raise SlackError("user_not_found")
        return user_id

    def _record_transcript(self, kind: str, **fields: Any) -> None:
        fields.setdefault("text", "")
        fields.setdefault("at", self.clock())
        self.transcript.record(TranscriptEntry(kind=kind, **fields))

    def _store_message(
        self, channel: Channel, text: str, blocks: list[Any], thread_ts: str | None
    ) -> Message:
        message = Message(
            channel=channel.id,
            ts=self.next_ts(),
            text=text,
            blocks=blocks,
            thread_ts=thread_ts,
            user=self.bot_user_id,
            bot_id=self.bot_id,
            app_id=self.app_id,
            team=self.team_id,
        )
        self._messages.setdefault(channel.id, {})[message.ts] = message
        self._record_transcript(
            "message",
            channel=channel.id,
            recipient=None,
            author=self.bot_user_id,
            text=text,
            blocks=copy.deepcopy(blocks),
            ts=message.ts,
        )
        return message

    def _thread_parent(self, channel: Channel, thread_ts: Any) -> str | None:
        if thread_ts in (None, ""):
            return None
        parent = self._messages.get(channel.id, {}).get(str(thread_ts))
        if parent is None:
            raise SlackError("thread_not_found")
        # A reply's ts is accepted and mapped to its parent, as Slack does.
        return parent.thread_ts or parent.ts

    # -- auth / chat -------------------------------------------------------------------------
    def auth_test(self, params: Params) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{self.team_domain}.slack.com/",
            "team": self.team_domain,
            "user": self.bot_name,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": self.is_enterprise_install,
            **({"enterprise_id": self.enterprise_id} if self.enterprise_id else {}),
        }

    def chat_post_message(self, params: Params) -> dict[str, Any]:
        channel = self._target(params.get("channel"), allow_user=True)
        self._bot_must_be_member(channel)
        thread_ts = self._thread_parent(channel, params.get("thread_ts"))
        text, blocks = self._content(params)
        message = self._store_message(channel, text or "", blocks or [], thread_ts)
        if isinstance(params.get("metadata"), dict):
            message.metadata = copy.deepcopy(params["metadata"])
        return {"ok": True, "channel": channel.id, "ts": message.ts, "message": message.to_api()}

    def chat_update(self, params: Params) -> dict[str, Any]:
        channel = self._target(params.get("channel"), allow_user=False)
        ts = _required(params, "ts", "message_not_found")
        message = self._messages.get(channel.id, {}).get(ts)
        if message is None:
            raise SlackError("message_not_found")
        if message.user != self.bot_user_id:
            raise SlackError("cant_update_message")
        text, blocks = self._content(params)
        self._replace_message(message, text, blocks, keep_blocks=True)
        return {
            "ok": True,
            "channel": channel.id,
            "ts": ts,
            "text": message.text,
            "message": message.to_api(),
        }

    def _replace_message(
        self, message: Message, text: str | None, blocks: Any, *, keep_blocks: bool
    ) -> None:
        # chat.update keeps the old blocks when none are sent (Slack's documented behaviour);
        # a response_url replace_original replaces the whole message.
        new_blocks = blocks if blocks is not None or not keep_blocks else message.blocks
        message.edits.append(MessageVersion(message.text, message.blocks, self.next_ts()))
        message.text = text if text is not None else message.text
        message.blocks = list(new_blocks or [])
        self._record_transcript(
            "update",
            channel=message.channel,
            recipient=None,
            author=self.bot_user_id,
            text=message.text,
            blocks=copy.deepcopy(message.blocks),
            ts=message.ts,
        )

    def chat_delete(self, params: Params) -> dict[str, Any]:
        channel = self._target(params.get("channel"), allow_user=False)
        ts = _required(params, "ts", "message_not_found")
        message = self._messages.get(channel.id, {}).get(ts)
        if message is None:
            raise SlackError("message_not_found")
        if message.user != self.bot_user_id:
            raise SlackError("cant_delete_message")
        self._delete_message(message)
        return {"ok": True, "channel": channel.id, "ts": ts}

    def _delete_message(self, message: Message) -> None:
        del self._messages[message.channel][message.ts]
        self._record_transcript(
            "delete",
            channel=message.channel,
            recipient=None,
            author=self.bot_user_id,
            ts=message.ts,
        )

    def chat_post_ephemeral(self, params: Params) -> dict[str, Any]:
        channel = self._target(params.get("channel"), allow_user=False)
        user = self._user(params.get("user"))
        if user not in channel.members:
            raise SlackError("user_not_in_channel")
        self._bot_must_be_member(channel)
        text, blocks = self._content(params)
        thread_ts = params.get("thread_ts") or None
        ephemeral = self._store_ephemeral(channel.id, user, text or "", blocks or [], thread_ts)
        return {"ok": True, "message_ts": ephemeral.ts}

    def _store_ephemeral(
        self, channel: str, user: str, text: str, blocks: list[Any], thread_ts: str | None
    ) -> Ephemeral:
        ephemeral = Ephemeral(channel, user, self.next_ts(), text, blocks, thread_ts)
        self._ephemerals.append(ephemeral)
        self._record_transcript(
            "ephemeral",
            channel=channel,
            recipient=user,
            author=self.bot_user_id,
            text=text,
            blocks=copy.deepcopy(blocks),
            ts=ephemeral.ts,
        )
        return ephemeral

    def chat_get_permalink(self, params: Params) -> dict[str, Any]:
        channel = self._target(params.get("channel"), allow_user=False)
        ts = _required(params, "message_ts", "message_not_found")
        message = self._messages.get(channel.id, {}).get(ts)
        if message is None:
            raise SlackError("message_not_found")
        link = f"https://emulator.slack/archives/{channel.id}/p{ts.replace('.', '')}"
        if message.thread_ts and message.thread_ts != ts:
            link += f"?thread_ts={message.thread_ts}&cid={channel.id}"
        return {"ok": True, "channel": channel.id, "permalink": link}

    # -- conversations / users ---------------------------------------------------------------
    def conversations_members(self, params: Params) -> dict[str, Any]:
        channel = self._target(params.get("channel"), allow_user=False)
        try:
            limit = int(params.get("limit") or L.MEMBERS_DEFAULT_LIMIT)
        except (TypeError, ValueError) as exc:
            raise _invalid("invalid_arguments", ["limit must be an integer"]) from exc
        if limit < 1:
            raise SlackError("invalid_limit")
        limit = min(limit, L.MEMBERS_MAX_LIMIT)
        keys = [f"user:{m}" for m in channel.members]
        start = _page_start(params.get("cursor"), keys)
        page = channel.members[start : start + limit]
        next_cursor = _next_cursor(keys, start + limit)
        return {"ok": True, "members": page, "response_metadata": {"next_cursor": next_cursor}}

    def conversations_history(self, params: Params) -> dict[str, Any]:
        """Top-level messages, newest first; metadata only with ``include_all_metadata``."""
        channel = self._target(params.get("channel"), allow_user=False)
        self._bot_must_be_member(channel)
        messages = [
            m
            for m in self._messages.get(channel.id, {}).values()
            if not m.thread_ts or m.thread_ts == m.ts
        ]
        return self._message_page(params, sorted(messages, key=_ts_key, reverse=True))

    def conversations_replies(self, params: Params) -> dict[str, Any]:
        """A thread: its parent, then the replies oldest first."""
        channel = self._target(params.get("channel"), allow_user=False)
        self._bot_must_be_member(channel)
        ts = _required(params, "ts", "thread_not_found")
        stored = self._messages.get(channel.id, {})
        parent = stored.get(ts)
        if parent is None:
            raise SlackError("thread_not_found")
        root = parent.thread_ts or parent.ts
        thread = [m for m in stored.values() if m.ts == root or m.thread_ts == root]
        return self._message_page(params, sorted(thread, key=_ts_key))

    def _message_page(self, params: Params, messages: list[Message]) -> dict[str, Any]:
        inclusive = _truthy(params.get("inclusive"))
        try:
            oldest = float(params.get("oldest") or 0)
            latest = float(params.get("latest") or "inf")
            limit = int(params.get("limit") or L.HISTORY_DEFAULT_LIMIT)
        except (TypeError, ValueError) as exc:
            raise _invalid("invalid_arguments", ["oldest, latest and limit are numbers"]) from exc
        limit = max(1, min(limit, L.HISTORY_MAX_LIMIT))

        def within(message: Message) -> bool:
            at = _ts_key(message)
            if inclusive:
                return oldest <= at <= latest
            return oldest < at < latest

        selected = [m for m in messages if within(m)]
        keys = [f"ts:{m.ts}" for m in selected]
        start = _page_start(params.get("cursor"), keys)
        page = selected[start : start + limit]
        with_metadata = _truthy(params.get("include_all_metadata"))
        found = []
        for message in page:
            data = message.to_api()
            if not with_metadata:
                data.pop("metadata", None)
            found.append(data)
        next_cursor = _next_cursor(keys, start + limit)
        return {
            "ok": True,
            "messages": found,
            "has_more": bool(next_cursor),
            "response_metadata": {"next_cursor": next_cursor},
        }

    def conversations_open(self, params: Params) -> dict[str, Any]:
        if params.get("channel"):
            channel = self._target(params.get("channel"), allow_user=False)
            return {"ok": True, "no_op": True, "already_open": True, "channel": {"id": channel.id}}
        users = [u.strip() for u in str(params.get("users") or "").split(",") if u.strip()]
        if not users:
            raise SlackError("users_list_not_supplied")
        if len(users) > 1:
            raise SlackError("not_supported_by_emulator")
        user = self._user(users[0])
        existed = any(c.im_user == user for c in self._channels.values())
        channel = self._open_dm(user)
        body: dict[str, Any] = {"id": channel.id}
        if _truthy(params.get("return_im")):
            body = channel.to_api(self.bot_user_id)
        return {"ok": True, "no_op": existed, "already_open": existed, "channel": body}

    def conversations_info(self, params: Params) -> dict[str, Any]:
        channel = self._target(params.get("channel"), allow_user=False)
        return {"ok": True, "channel": channel.to_api(self.bot_user_id)}

    def users_info(self, params: Params) -> dict[str, Any]:
        """A person; their locale only with ``include_locale`` and only for the installing
        workspace's people (another organisation's profile comes reduced, as in Slack)."""
        user = self._users[self._user(params.get("user"))]
        asked = _truthy(params.get("include_locale")) and user.team_id == self.team_id
        return {"ok": True, "user": user.to_api(self.clock(), include_locale=asked)}

    def users_list(self, params: Params) -> dict[str, Any]:
        """The installing workspace's people (and bots), in pages; people of other workspaces
        (Slack Connect) are not listed, as in Slack."""
        try:
            limit = int(params.get("limit") or 0)
        except (TypeError, ValueError) as exc:
            raise _invalid("invalid_arguments", ["limit must be an integer"]) from exc
        people = [u for u in self._users.values() if u.team_id == self.team_id]
        limit = min(limit, L.USERS_LIST_MAX_LIMIT) if limit > 0 else len(people) or 1
        keys = [f"user:{u.id}" for u in people]
        start = _page_start(params.get("cursor"), keys)
        page = people[start : start + limit]
        now = self.clock()
        asked = _truthy(params.get("include_locale"))
        next_cursor = _next_cursor(keys, start + limit)
        return {
            "ok": True,
            "members": [u.to_api(now, include_locale=asked) for u in page],
            "cache_ts": int(now),
            "response_metadata": {"next_cursor": next_cursor},
        }

    # -- views -------------------------------------------------------------------------------
    def _check_trigger(self, params: Params) -> str:
        trigger = self._triggers.get(str(params.get("trigger_id") or ""))
        if trigger is None:
            raise SlackError("invalid_trigger_id")
        if trigger.used:
            raise SlackError("exchanged_trigger_id")
        if self.clock() - trigger.issued_at > L.TRIGGER_ID_TTL_SECONDS:
            raise SlackError("expired_trigger_id")
        return trigger.id

    def _view_arg(self, params: Params, kind: str) -> dict[str, Any]:
        view = params.get("view")
        if not isinstance(view, dict):
            raise _invalid("invalid_arguments", ["view must be a JSON object [json-pointer:/view]"])
        problems = validate_view(view)
        if not problems and view.get("type") != kind:
            problems = [f"must be {kind} [json-pointer:/view/type]"]
        if problems:
            raise _invalid("invalid_arguments", problems)
        external_id = view.get("external_id")
        if external_id:
            owner = self._external_id_owner(str(external_id))
            if owner is not None and owner.id != params.get("view_id"):
                raise SlackError("duplicate_external_id")
        return view

    def _external_id_owner(self, external_id: str) -> View | None:
        every = [v for s in self._stacks.values() for v in s] + list(self._homes.values())
        return next((v for v in every if v.external_id == external_id), None)

    def _build_view(self, user: str, view: dict[str, Any], view_id: str | None = None) -> View:
        viewer = self._users.get(user)
        return View(
            id=view_id or self._random_id("V"),
            user=user,
            type=str(view["type"]),
            blocks=fill_ids(view.get("blocks") or [], self.rng),
            hash=self.new_hash(),
            team_id=viewer.team_id if viewer else self.team_id,
            app_installed_team_id=self.team_id,
            app_id=self.app_id,
            bot_id=self.bot_id,
            title=copy.deepcopy(view.get("title")),
            submit=copy.deepcopy(view.get("submit")),
            close=copy.deepcopy(view.get("close")),
            callback_id=str(view.get("callback_id") or ""),
            private_metadata=str(view.get("private_metadata") or ""),
            external_id=str(view.get("external_id") or ""),
            notify_on_close=bool(view.get("notify_on_close", False)),
            clear_on_close=bool(view.get("clear_on_close", False)),
        )

    def _record_view(self, kind: str, view: View) -> None:
        title = (view.title or {}).get("text") if view.type == "modal" else None
        self._record_transcript(
            kind,
            channel=None,
            recipient=view.user,
            author=self.bot_user_id,
            blocks=copy.deepcopy(view.blocks),
            title=title,
        )

    def views_open(self, params: Params) -> dict[str, Any]:
        trigger_id = self._check_trigger(params)
        view = self._view_arg(params, "modal")
        trigger = self._triggers[trigger_id]
        trigger.used = True
        stored = self._build_view(trigger.user, view)
        # A fresh views.open starts a new stack for the user.
        self._stacks[trigger.user] = [stored]
        self._record_view("modal", stored)
        return {"ok": True, "view": stored.to_api()}

    def views_push(self, params: Params) -> dict[str, Any]:
        trigger_id = self._check_trigger(params)
        view = self._view_arg(params, "modal")
        trigger = self._triggers[trigger_id]
        stack = self._stacks.get(trigger.user) or []
        if not stack:
            raise _invalid("invalid_arguments", ["no modal is open to push onto"])
        if len(stack) >= L.VIEW_STACK_MAX:
            raise SlackError("push_limit_reached")
        trigger.used = True
        stored = self._build_view(trigger.user, view)
        stored.previous_view_id = stack[-1].id
        stored.root_view_id = stack[0].id
        stack.append(stored)
        self._record_view("modal", stored)
        return {"ok": True, "view": stored.to_api()}

    def views_update(self, params: Params) -> dict[str, Any]:
        if params.get("view_id"):
            current = self._find_view(str(params["view_id"]))
        elif params.get("external_id"):
            current = self._external_id_owner(str(params["external_id"]))
        else:
            raise _invalid("invalid_arguments", ["view_id or external_id is required"])
        if current is None:
            raise SlackError("not_found")
        params = {**params, "view_id": current.id}
        view = self._view_arg(params, current.type)
        if params.get("hash") and params["hash"] != current.hash:
            raise SlackError("hash_conflict")
        self.replace_view(current, view)
        self._record_view("modal_update" if current.type == "modal" else "home", current)
        return {"ok": True, "view": current.to_api()}

    def replace_view(self, current: View, view: dict[str, Any]) -> None:
        """Swap a view's content in place (same id); keep input state still present."""
        fresh = self._build_view(current.user, view, view_id=current.id)
        fresh.previous_view_id, fresh.root_view_id = current.previous_view_id, current.root_view_id
        still_there = {b["block_id"] for b in fresh.blocks}
        fresh.state = {k: v for k, v in current.state.items() if k in still_there}
        current.__dict__.update(fresh.__dict__)

    def views_publish(self, params: Params) -> dict[str, Any]:
        user = self._user(params.get("user_id"))
        view = self._view_arg(params, "home")
        current = self._homes.get(user)
        if current is not None and params.get("hash") and params["hash"] != current.hash:
            raise SlackError("hash_conflict")
        stored = self._build_view(user, view, view_id=current.id if current else None)
        self._homes[user] = stored
        self._record_view("home", stored)
        return {"ok": True, "view": stored.to_api()}

    # -- response_url ------------------------------------------------------------------------
    def respond(self, token: str, body: Params) -> tuple[int, dict[str, Any]]:
        """Handle a POST to a response_url; returns ``(http_status, json_body)``."""
        with self.lock:
            rurl = self._response_urls.get(token)
            if rurl is None:
                return 404, {"ok": False, "error": "no_service"}
            if self.clock() - rurl.issued_at > L.RESPONSE_URL_TTL_SECONDS:
                return 404, {"ok": False, "error": "expired_url"}
            if rurl.uses >= L.RESPONSE_URL_MAX_USES:
                return 404, {"ok": False, "error": "used_url"}
            try:
                self.apply_response(rurl, body)
            except SlackError as exc:
                return 400, exc.to_response()
            rurl.uses += 1
            return 200, {"ok": True}

    def apply_response(self, rurl: ResponseUrl, body: Params) -> None:
        """Apply a message response (response_url body or a slash command's ack body)."""
        if _truthy(body.get("delete_original")):
            self._delete_original(rurl)
            return
        text, blocks = self._content(body)
        if _truthy(body.get("replace_original")):
            self._replace_original(rurl, text, blocks)
            return
        channel = self._channels.get(rurl.channel)
        if channel is None:
            raise SlackError("channel_not_found")
        thread_ts = body.get("thread_ts") or None
        if body.get("response_type") == "in_channel":
            self._store_message(channel, text or "", blocks or [], thread_ts)
        else:
            self._store_ephemeral(channel.id, rurl.user, text or "", blocks or [], thread_ts)

    def _original(self, rurl: ResponseUrl) -> Message | Ephemeral:
        if rurl.message_ts is None:
            raise SlackError("no_original_message")
        if rurl.ephemeral:
            for ephemeral in self._ephemerals:
                if (ephemeral.ts, ephemeral.user) == (rurl.message_ts, rurl.user):
                    if ephemeral.deleted:
                        break
                    return ephemeral
        else:
            message = self._messages.get(rurl.channel, {}).get(rurl.message_ts)
            if message is not None:
                return message
        raise SlackError("message_not_found")

    def _replace_original(self, rurl: ResponseUrl, text: str | None, blocks: Any) -> None:
        original = self._original(rurl)
        if isinstance(original, Message):
            self._replace_message(original, text, blocks, keep_blocks=False)
            return
        original.edits.append(MessageVersion(original.text, original.blocks, self.next_ts()))
        original.text, original.blocks = text or "", list(blocks or [])
        self._record_transcript(
            "ephemeral",
            channel=original.channel,
            recipient=original.user,
            author=self.bot_user_id,
            text=original.text,
            blocks=copy.deepcopy(original.blocks),
            ts=original.ts,
        )

    def _delete_original(self, rurl: ResponseUrl) -> None:
        original = self._original(rurl)
        if isinstance(original, Message):
            self._delete_message(original)
        else:
            original.deleted = True

    # -- what Slack's client does on the user's side (used by SlackUserSimulator) -----------
    def ui_ack_message(self, channel: str, user: str, body: Params) -> None:
        """Show a slash command's ack body the way Slack does (ephemeral unless in_channel)."""
        with self.lock:
            context = ResponseUrl("ack", channel, user, self.clock())
            self.apply_response(context, body)

    def ui_set_state(self, view_id: str, block_id: str, action_id: str, value: Params) -> None:
        with self.lock:
            view = self._find_view(view_id)
            if view is not None:
                view.state.setdefault(block_id, {})[action_id] = copy.deepcopy(value)

    def ui_close_view(self, user: str, *, clear: bool = False) -> View | None:
        """Close the top modal (or all of them); returns the closed top view."""
        with self.lock:
            stack = self._stacks.get(user) or []
            if not stack:
                return None
            top = stack[-1]
            if clear:
                stack.clear()
            else:
                stack.pop()
            return copy.deepcopy(top)

    def ui_update_view(self, view_id: str, view: Any) -> list[str]:
        """Apply ``response_action: update``; returns the problems Slack would refuse it for."""
        with self.lock:
            current = self._find_view(view_id)
            if current is None:
                return ["view is no longer open"]
            try:
                checked = self._view_arg({"view": view, "view_id": view_id}, "modal")
            except SlackError as exc:
                return list(exc.extra.get("errors") or [exc.error])
            self.replace_view(current, checked)
            self._record_view("modal_update", current)
            return []

    def ui_push_view(self, user: str, view: Any) -> list[str]:
        """Apply ``response_action: push``; returns problems, if any."""
        with self.lock:
            stack = self._stacks.get(user) or []
            if len(stack) >= L.VIEW_STACK_MAX:
                return ["push_limit_reached"]
            try:
                checked = self._view_arg({"view": view}, "modal")
            except SlackError as exc:
                return list(exc.extra.get("errors") or [exc.error])
            stored = self._build_view(user, checked)
            if stack:
                stored.previous_view_id, stored.root_view_id = stack[-1].id, stack[0].id
            self._stacks.setdefault(user, []).append(stored)
            self._record_view("modal", stored)
            return []
