"""``SlackUserSimulator``: delivers people's actions to the bot exactly as Slack does.

Requests are signed (``X-Slack-Signature``/``X-Slack-Request-Timestamp``), payloads have the
real shapes, and the simulator only lets a person do what Slack's client would let them do:
click an element that is actually on a message they can see, submit a modal whose required
inputs are filled, and so on. Anything else raises ``SlackClientRefused``.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

from slack_emulator import limits as L
from slack_emulator.blockkit import TEXT_INPUTS, find_element, iter_elements
from slack_emulator.models import Ephemeral, View
from slack_emulator.server import SlackEmulator
from slack_emulator.socket_mode import EVENTS_API, INTERACTIVE, RETRY_REASON_TIMEOUT, SLASH_COMMANDS
from slack_emulator.workspace import SlackError

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

# The key under which each element type carries its value, in actions and in view state.
_VALUE_KEYS = {
    "static_select": "selected_option",
    "external_select": "selected_option",
    "radio_buttons": "selected_option",
    "overflow": "selected_option",
    "multi_static_select": "selected_options",
    "multi_external_select": "selected_options",
    "checkboxes": "selected_options",
    "users_select": "selected_user",
    "multi_users_select": "selected_users",
    "conversations_select": "selected_conversation",
    "multi_conversations_select": "selected_conversations",
    "channels_select": "selected_channel",
    "multi_channels_select": "selected_channels",
    "datepicker": "selected_date",
    "timepicker": "selected_time",
    "datetimepicker": "selected_date_time",
    "file_input": "files",
}
_INITIAL_KEYS = {
    "selected_option": "initial_option",
    "selected_options": "initial_options",
    "selected_user": "initial_user",
    "selected_users": "initial_users",
    "selected_conversation": "initial_conversation",
    "selected_conversations": "initial_conversations",
    "selected_channel": "initial_channel",
    "selected_channels": "initial_channels",
    "selected_date": "initial_date",
    "selected_time": "initial_time",
    "selected_date_time": "initial_date_time",
    "value": "initial_value",
}
_LIST_KEYS = frozenset(
    {"selected_options", "selected_users", "selected_conversations", "selected_channels", "files"}
)


class SlackClientRefused(Exception):
    """The person could not do this in Slack (no such button, required field empty, ...)."""


@dataclass
class SimResponse:
    """The bot's answer, plus what Slack's client made of it.

    Over HTTP: the status, headers and body of the response. Over Socket Mode: ``status``
    is 200 once the envelope was acknowledged in time (0 otherwise), ``body`` is the ack's
    payload as JSON ("" for a bare ack), and ``envelope`` is what was sent.
    """

    status: int
    headers: dict[str, str]
    body: str
    sent: dict[str, Any] = field(default_factory=dict)
    elapsed: float = 0.0
    trigger_id: str | None = None
    response_url: str | None = None
    errors: dict[str, str] | None = None  # response_action "errors" of a view submission
    ui_error: str | None = None  # what Slack would show as a failure, if anything
    envelope: dict[str, Any] | None = None  # Socket Mode: the envelope delivered

    def json(self) -> Any | None:
        try:
            return json.loads(self.body) if self.body else None
        except json.JSONDecodeError:
            return None

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.ui_error is None


def _options(element: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        found.extend(group.get("options") or [])
    return found


def _pick_options(element: dict[str, Any], wanted: list[Any]) -> list[dict[str, Any]]:
    if element.get("type", "").endswith("external_select"):
        # External options come from the app at run time; accept them as given.
        return [w if isinstance(w, dict) else {"text": _plain(str(w)), "value": w} for w in wanted]
    by_value = {o.get("value"): o for o in _options(element)}
    chosen = []
    for value in wanted:
        if value not in by_value:
            raise SlackClientRefused(
                f"{element.get('action_id')}: no option with value {value!r}"
                f" (offered: {sorted(map(str, by_value))})"
            )
        option = {k: v for k, v in by_value[value].items() if k in ("text", "value", "description")}
        chosen.append(copy.deepcopy(option))
    return chosen


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def element_value(element: dict[str, Any], value: Any) -> dict[str, Any]:
    """``{"type": ..., <value key>: ...}`` for ``element`` holding ``value`` (None = initial)."""
    kind = element.get("type", "")
    key = _VALUE_KEYS.get(kind, "value")
    state: dict[str, Any] = {"type": kind}
    if value is None:
        initial = copy.deepcopy(element.get(_INITIAL_KEYS.get(key, "")))
        state[key] = initial if initial is not None else ([] if key in _LIST_KEYS else None)
        return state
    if key in ("selected_option", "selected_options"):
        many = key == "selected_options"
        values = list(value) if many and isinstance(value, (list, tuple)) else [value]
        chosen = _pick_options(element, values)
        state[key] = chosen if many else chosen[0]
    elif key in _LIST_KEYS:
        state[key] = list(value) if isinstance(value, (list, tuple)) else [value]
    else:
        state[key] = value
    return state


def _is_empty(state: dict[str, Any]) -> bool:
    return all(v in (None, "", []) for k, v in state.items() if k != "type")


class SlackUserSimulator:
    """Plays the people in the workspace: slash commands, clicks, modal submissions.

    ``app_url`` is the bot's Request URL (``http://127.0.0.1:PORT/slack/events``). Requests
    are signed with ``signing_secret`` at ``signing_clock()`` (real time by default, since the
    bot checks timestamps against its own clock); trigger_ids and response_urls are issued by
    the emulator at the emulator's clock.

    With ``app_url=None`` the app runs in Socket Mode: the same payloads go in envelopes
    through the emulator's Socket Mode server (``emulator.socket_mode``) to the connected
    app, and its acks are the answers.
    """

    def __init__(
        self,
        emulator: SlackEmulator,
        app_url: str | None = None,
        signing_secret: str = "",
        team_id: str | None = None,
        api_app_id: str | None = None,
        *,
        timeout: float = 10.0,
        signing_clock: Callable[[], float] = time.time,
        http: httpx.Client | None = None,
    ) -> None:
        self.emulator = emulator
        self.app_url = app_url or ""
        self.socket_mode = app_url is None
        self.signing_secret = signing_secret
        self.team_id = team_id or emulator.team_id
        self.api_app_id = api_app_id or emulator.app_id
        self.signing_clock = signing_clock
        self._http = http or httpx.Client(timeout=timeout)
        self._owns_http = http is None
        self._event_serial = itertools.count(1)  # next() is atomic: safe across threads

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> SlackUserSimulator:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- transport ---------------------------------------------------------------------------
    def signed_headers(
        self, body: bytes, timestamp: int | None = None, content_type: str = FORM
    ) -> dict[str, str]:
        """Headers Slack would send with ``body``: v0 HMAC-SHA256 signature and timestamp."""
        ts = str(int(self.signing_clock()) if timestamp is None else timestamp)
        base = b"v0:" + ts.encode() + b":" + body
        digest = hmac.new(self.signing_secret.encode(), base, hashlib.sha256).hexdigest()
        return {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": f"v0={digest}",
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        }

    def send_raw(self, body: bytes, headers: dict[str, str]) -> SimResponse:
        """POST arbitrary bytes and headers to the app (for hostile-input tests)."""
        started = time.monotonic()
        answer = self._http.post(self.app_url, content=body, headers=headers)
        return SimResponse(
            status=answer.status_code,
            headers=dict(answer.headers),
            body=answer.text,
            elapsed=time.monotonic() - started,
        )

    def send_envelope(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        retry_attempt: int = 0,
        retry_reason: str = "",
        envelope_id: str | None = None,
    ) -> SimResponse:
        """Socket Mode: deliver ``payload`` in an envelope of type ``kind`` (any string, so
        types Slack may add later can be tried) and wait for the ack."""
        envelope = self.emulator.socket_mode.envelope(
            kind,
            payload,
            envelope_id=envelope_id,
            retry_attempt=retry_attempt,
            retry_reason=retry_reason,
        )
        return self._deliver(envelope)

    def _deliver(self, envelope: dict[str, Any]) -> SimResponse:
        if not self.socket_mode:
            raise SlackClientRefused("the app takes HTTP requests, not Socket Mode envelopes")
        delivery = self.emulator.socket_mode.deliver(envelope)
        answer = delivery.payload if envelope.get("accepts_response_payload") else None
        result = SimResponse(
            status=200 if delivery.acked else 0,
            headers={},
            body=json.dumps(answer) if answer is not None else "",
            sent=envelope["payload"],
            elapsed=delivery.elapsed,
            envelope=envelope,
        )
        if not delivery.acked or delivery.elapsed > L.ACK_DEADLINE_SECONDS:
            result.ui_error = "operation_timeout"
        return result

    def _send(self, payload: dict[str, Any], *, as_form_payload: bool) -> SimResponse:
        if self.socket_mode:
            if payload.get("type") == "url_verification":
                raise SlackClientRefused("Socket Mode apps have no Request URL to verify")
            kind = EVENTS_API if payload.get("type") == "event_callback" else INTERACTIVE
            return self.send_envelope(kind, payload)
        if as_form_payload:
            body = urlencode({"payload": json.dumps(payload)}).encode()
            content_type = FORM
        else:
            body = json.dumps(payload).encode()
            content_type = JSON
        result = self.send_raw(body, self.signed_headers(body, content_type=content_type))
        result.sent = payload
        if result.elapsed > L.ACK_DEADLINE_SECONDS:
            result.ui_error = "operation_timeout"
        elif result.status != 200:
            result.ui_error = f"http_error {result.status}"
        return result

    def redeliver(self, first: SimResponse) -> SimResponse:
        """Deliver an earlier request again, unchanged but freshly signed: a retry of the same
        HTTP request, or a double submit that Slack passes on. The body is what ``first``
        sent (same trigger_id, response_url, view id); a command's ack body is shown again.

        In Socket Mode: the same envelope (same ``envelope_id``) with ``retry_attempt`` one
        higher and ``retry_reason: "timeout"``, as Slack retries an envelope nobody
        acknowledged.
        """
        sent = dict(first.sent)
        if self.socket_mode and first.envelope is not None:
            envelope = {
                **first.envelope,
                "retry_attempt": int(first.envelope.get("retry_attempt") or 0) + 1,
                "retry_reason": RETRY_REASON_TIMEOUT,
            }
            result = self._deliver(envelope)
            result.trigger_id, result.response_url = first.trigger_id, first.response_url
            if envelope["type"] == SLASH_COMMANDS and result.ui_error is None and result.body:
                self._show_ack(str(sent["channel_id"]), str(sent["user_id"]), result)
            return result
        if "command" in sent:  # a slash command: form fields
            body = urlencode(sent).encode()
            result = self.send_raw(body, self.signed_headers(body))
            result.sent, result.trigger_id = sent, first.trigger_id
            result.response_url = first.response_url
            if result.elapsed > L.ACK_DEADLINE_SECONDS:
                result.ui_error = "operation_timeout"
            elif result.status != 200:
                result.ui_error = f"http_error {result.status}"
            elif result.body.strip():
                self._show_ack(str(sent["channel_id"]), str(sent["user_id"]), result)
            return result
        result = self._send(sent, as_form_payload=sent.get("type") != "event_callback")
        result.trigger_id, result.response_url = first.trigger_id, first.response_url
        return result

    # -- who and where ------------------------------------------------------------------------
    def mention(self, user_id: str) -> str:
        """How a mention arrives in a slash command's text (``should_escape: true``)."""
        user = self.emulator.user(user_id)
        return f"<@{user_id}|{user.name}>" if user else f"<@{user_id}>"

    def _user_obj(self, user_id: str) -> dict[str, Any]:
        user = self.emulator.user(user_id)
        if user is None:
            raise SlackClientRefused(f"unknown user {user_id}")
        # In an Enterprise Grid org, `user.team_id` reports the org (E…), not the workspace.
        team = user.enterprise_id or self._team_of(user_id)
        return {"id": user_id, "username": user.name, "name": user.name, "team_id": team}

    def _team_of(self, user_id: str) -> str:
        """The acting person's own workspace: the installing one (``self.team_id``) for its
        people, their own for people of another workspace sharing the channel."""
        user = self.emulator.user(user_id)
        if user is None or user.team_id == self.emulator.team_id:
            return self.team_id
        return user.team_id

    def _team(self, user_id: str) -> dict[str, Any]:
        team_id = self._team_of(user_id)
        team = self.emulator.team(team_id)
        found: dict[str, Any] = {"id": team_id, "domain": team.domain if team else ""}
        if team is not None and team.enterprise_id:
            found.update(enterprise_id=team.enterprise_id, enterprise_name=team.enterprise_name)
        return found

    def _enterprise(self, user_id: str) -> dict[str, Any] | None:
        team = self.emulator.team(self._team_of(user_id))
        if team is None or not team.enterprise_id:
            return None
        return {"id": team.enterprise_id, "name": team.enterprise_name}

    def _visible_channel(self, user: str, channel: str) -> tuple[str, str]:
        """``(channel_id, channel_name)`` if ``user`` can see it; a user id means their DM."""
        if self.emulator.user(channel) is not None:
            if channel != user:
                raise SlackClientRefused(f"{user} cannot see the DM of {channel}")
            return self.emulator.dm_channel(user), "directmessage"
        found = self.emulator.channel(channel)
        if found is None or user not in found.members:
            raise SlackClientRefused(f"{user} is not in channel {channel}")
        if found.is_im:
            return found.id, "directmessage"
        return found.id, found.name

    def _common(self, kind: str, user: str) -> dict[str, Any]:
        return {
            "type": kind,
            "user": self._user_obj(user),
            "api_app_id": self.api_app_id,
            "token": "emulator-verification-token",
            "team": self._team(user),
            "enterprise": self._enterprise(user),
            "is_enterprise_install": self.emulator.is_enterprise_install,
        }

    # -- slash commands -------------------------------------------------------------------------
    def slash_command(
        self, user: str, channel: str, command: str = "/consensus", text: str = ""
    ) -> SimResponse:
        """Type ``command text`` in ``channel``; the ack body is shown as Slack shows it.

        A person of another organisation (Slack Connect) cannot run the app's commands: only
        the installing workspace can, or its whole Grid org when installed org-wide.
        """
        channel_id, name = self._visible_channel(user, channel)
        found_user = self.emulator.user(user)
        if found_user is not None and found_user.team_id != self.emulator.team_id:
            same_org = self.emulator.same_organisation(user)
            if not (same_org and self.emulator.is_enterprise_install):
                raise SlackClientRefused(
                    f"{user} is from another workspace: {command} is the installing "
                    "workspace's command (or its Grid org's, when installed org-wide)"
                )
        if name != "directmessage":
            found = self.emulator.channel(channel_id)
            name = "privategroup" if found and found.is_private else name
        trigger_id = self.emulator.issue_trigger_id(user)
        response_url = self.emulator.issue_response_url(channel_id, user)
        team = self._team(user)
        fields = {
            "token": "emulator-verification-token",
            "team_id": team["id"],
            "team_domain": team["domain"],
            **(
                {"enterprise_id": team["enterprise_id"], "enterprise_name": team["enterprise_name"]}
                if "enterprise_id" in team
                else {}
            ),
            "channel_id": channel_id,
            "channel_name": name,
            "user_id": user,
            "user_name": self._user_obj(user)["name"],
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": str(self.emulator.is_enterprise_install).lower(),
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
        if self.socket_mode:
            result = self.send_envelope(SLASH_COMMANDS, fields)
            result.trigger_id, result.response_url = trigger_id, response_url
            if result.ui_error is None and result.body.strip():
                self._show_ack(channel_id, user, result)
            return result
        body = urlencode(fields).encode()
        result = self.send_raw(body, self.signed_headers(body))
        result.sent, result.trigger_id, result.response_url = fields, trigger_id, response_url
        if result.elapsed > L.ACK_DEADLINE_SECONDS:
            result.ui_error = "operation_timeout"
        elif result.status != 200:
            result.ui_error = f"http_error {result.status}"
        elif result.body.strip():
            self._show_ack(channel_id, user, result)
        return result

    def _show_ack(self, channel_id: str, user: str, result: SimResponse) -> None:
        parsed = result.json()
        message = parsed if isinstance(parsed, dict) else {"text": result.body}
        try:
            self.emulator.ui_ack_message(channel_id, user, message)
        except SlackError as exc:  # Slack shows the user a failure instead of the message
            result.ui_error = f"invalid ack body: {exc.error}"

    # -- block_actions ----------------------------------------------------------------------------
    def _action(self, block: dict[str, Any], element: dict[str, Any], value: Any) -> dict[str, Any]:
        kind = element.get("type", "")
        action: dict[str, Any] = {
            "type": kind,
            "action_id": element["action_id"],
            "block_id": block["block_id"],
            "action_ts": f"{self.emulator.clock():.6f}",
        }
        if kind in ("button", "workflow_button"):
            if value is not None and value != element.get("value"):
                raise SlackClientRefused(f"button {element['action_id']} has no value {value!r}")
            action["text"] = copy.deepcopy(element.get("text"))
            for key in ("value", "style", "url"):
                if key in element:
                    action[key] = element[key]
            return action
        if value is None and kind not in TEXT_INPUTS:
            raise SlackClientRefused(f"choose a value for {kind} {element['action_id']}")
        state = element_value(element, value)
        action.update({k: v for k, v in state.items() if k != "type"})
        return action

    def _locate(self, blocks: list[dict[str, Any]], action_id: str, where: str) -> tuple[Any, Any]:
        found = find_element(blocks, action_id)
        if found is None:
            shown = [el.get("action_id") for _, el in iter_elements(blocks)]
            raise SlackClientRefused(f"no element {action_id!r} in {where}; shown: {shown}")
        return found

    def click(
        self, user: str, channel: str, ts: str, action_id: str, value: Any = None
    ) -> SimResponse:
        """Click/choose ``action_id`` on the message at ``channel``/``ts`` (as ``user``)."""
        channel_id, name = self._visible_channel(user, channel)
        message = self.emulator.message(channel_id, ts)
        if message is None:
            raise SlackClientRefused(f"no message {ts} in {channel_id}")
        block, element = self._locate(message.blocks, action_id, f"message {ts}")
        trigger_id = self.emulator.issue_trigger_id(user)
        response_url = self.emulator.issue_response_url(channel_id, user, message_ts=ts)
        action = self._action(block, element, value)
        container: dict[str, Any] = {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        }
        if message.thread_ts:
            container["thread_ts"] = message.thread_ts
        payload = {
            **self._common("block_actions", user),
            "container": container,
            "trigger_id": trigger_id,
            "channel": {"id": channel_id, "name": name},
            "message": message.to_api(),
            "state": {"values": self._message_state(block, element, action)},
            "response_url": response_url,
            "actions": [action],
        }
        result = self._send(payload, as_form_payload=True)
        result.trigger_id, result.response_url = trigger_id, response_url
        return result

    @staticmethod
    def _message_state(
        block: dict[str, Any], element: dict[str, Any], action: dict[str, Any]
    ) -> dict[str, Any]:
        # Stateful elements (selects, pickers, inputs) report their value in state too.
        if element.get("type") in ("button", "workflow_button", "overflow"):
            return {}
        value = {k: v for k, v in action.items() if k not in ("action_id", "block_id", "action_ts")}
        return {block["block_id"]: {element["action_id"]: value}}

    def click_ephemeral(
        self, user: str, ephemeral: Ephemeral, action_id: str, value: Any = None
    ) -> SimResponse:
        """Click inside an ephemeral message shown to ``user``."""
        current = [
            e
            for e in self.emulator.ephemerals(user=user, channel=ephemeral.channel)
            if e.ts == ephemeral.ts
        ]
        if not current:
            raise SlackClientRefused(f"{user} does not see ephemeral {ephemeral.ts}")
        shown = current[0]
        block, element = self._locate(shown.blocks, action_id, f"ephemeral {shown.ts}")
        found = self.emulator.channel(shown.channel)
        name = "directmessage" if found is None or found.is_im else found.name
        trigger_id = self.emulator.issue_trigger_id(user)
        response_url = self.emulator.issue_response_url(
            shown.channel, user, message_ts=shown.ts, ephemeral=True
        )
        action = self._action(block, element, value)
        payload = {
            **self._common("block_actions", user),
            # Slack does not include the message itself for ephemerals.
            "container": {
                "type": "message",
                "message_ts": shown.ts,
                "channel_id": shown.channel,
                "is_ephemeral": True,
            },
            "trigger_id": trigger_id,
            "channel": {"id": shown.channel, "name": name},
            "state": {"values": self._message_state(block, element, action)},
            "response_url": response_url,
            "actions": [action],
        }
        result = self._send(payload, as_form_payload=True)
        result.trigger_id, result.response_url = trigger_id, response_url
        return result

    def _visible_view(self, user: str, view_id: str | None) -> View:
        if view_id is None:
            top = self.emulator.open_view(user)
            if top is None:
                raise SlackClientRefused(f"{user} has no modal open")
            return top
        stack = self.emulator.views.get(user, [])
        home = self.emulator.home_view(user)
        if stack and stack[-1].id == view_id:
            return stack[-1]
        if home is not None and home.id == view_id:
            return home
        raise SlackClientRefused(f"{user} is not looking at view {view_id}")

    def click_in_view(
        self, user: str, view_id: str | None, action_id: str, value: Any = None
    ) -> SimResponse:
        """Click/choose inside the modal (top of stack) or Home tab ``view_id``."""
        view = self._visible_view(user, view_id)
        block, element = self._locate(view.blocks, action_id, f"view {view.id}")
        action = self._action(block, element, value)
        state_value = self._message_state(block, element, action)
        if state_value:
            stored = state_value[block["block_id"]][element["action_id"]]
            self.emulator.ui_set_state(view.id, block["block_id"], element["action_id"], stored)
            view = self._visible_view(user, view.id)
        trigger_id = self.emulator.issue_trigger_id(user)
        payload = {
            **self._common("block_actions", user),
            "container": {"type": "view", "view_id": view.id},
            "trigger_id": trigger_id,
            "view": view.to_api(),
            "state": {"values": copy.deepcopy(view.state)},
            "actions": [action],
        }
        result = self._send(payload, as_form_payload=True)
        result.trigger_id = trigger_id
        return result

    # -- modals -----------------------------------------------------------------------------
    def submit_view(
        self,
        user: str,
        values: dict[str, dict[str, Any]] | None = None,
        *,
        view_id: str | None = None,
        inputs: dict[str, Any] | None = None,
    ) -> SimResponse:
        """Press Submit on the user's top modal.

        ``values`` is keyed ``{block_id: {action_id: value}}``; ``inputs`` is keyed by
        ``action_id`` alone (the block is looked up in the stored view). A value is a string for
        text inputs, an option ``value`` for selects/radios, a list for multi-selects and
        checkboxes, a user id for users_select, ``YYYY-MM-DD`` for datepickers.
        """
        view = self._visible_view(user, view_id)
        if view.type != "modal" or view.submit is None:
            raise SlackClientRefused(f"view {view.id} has no Submit button")
        wanted = self._wanted_values(view, values or {}, inputs or {})
        state = self._submission_state(view, wanted)
        trigger_id = self.emulator.issue_trigger_id(user)
        submitted = view.to_api()
        submitted["state"] = {"values": state}
        payload = {
            **self._common("view_submission", user),
            "trigger_id": trigger_id,
            "view": submitted,
            "response_urls": [],
        }
        result = self._send(payload, as_form_payload=True)
        result.trigger_id = trigger_id
        if result.ui_error is None:
            self._after_submission(user, view, result)
        return result

    def _wanted_values(
        self, view: View, values: dict[str, dict[str, Any]], inputs: dict[str, Any]
    ) -> dict[tuple[str, str], Any]:
        wanted: dict[tuple[str, str], Any] = {}
        for block_id, by_action in values.items():
            for action_id, value in by_action.items():
                wanted[(block_id, action_id)] = value
        for action_id, value in inputs.items():
            block, _ = self._locate(view.blocks, action_id, f"view {view.id}")
            wanted[(block["block_id"], action_id)] = value
        inputs_here = {
            (b["block_id"], el["action_id"])
            for b, el in iter_elements(view.blocks)
            if b.get("type") == "input"
        }
        unknown = sorted(set(wanted) - inputs_here)
        if unknown:
            raise SlackClientRefused(f"no such inputs in view {view.id}: {unknown}")
        return wanted

    def _submission_state(
        self, view: View, wanted: dict[tuple[str, str], Any]
    ) -> dict[str, dict[str, Any]]:
        """Slack's ``view.state.values``: every input, filled or not; checks what Slack checks."""
        state: dict[str, dict[str, Any]] = {}
        for block, element in iter_elements(view.blocks):
            if block.get("type") != "input":
                continue
            key = (block["block_id"], element["action_id"])
            if key in wanted:
                value = element_value(element, wanted[key])
            else:
                earlier = view.state.get(key[0], {}).get(key[1])
                value = copy.deepcopy(earlier) if earlier else element_value(element, None)
            label = (block.get("label") or {}).get("text", key[0])
            if not block.get("optional") and _is_empty(value):
                raise SlackClientRefused(f"required field {label!r} is empty")
            self._check_length(element, value, label)
            state.setdefault(key[0], {})[key[1]] = value
        return state

    @staticmethod
    def _check_length(element: dict[str, Any], value: dict[str, Any], label: str) -> None:
        text = value.get("value")
        if element.get("type") != "plain_text_input" or not text:
            return
        if len(text) < int(element.get("min_length", 0)):
            raise SlackClientRefused(f"{label!r} needs at least {element['min_length']} chars")
        if "max_length" in element and len(text) > int(element["max_length"]):
            raise SlackClientRefused(f"{label!r} allows at most {element['max_length']} chars")

    def _after_submission(self, user: str, view: View, result: SimResponse) -> None:
        answer = result.json()
        if not result.body.strip() or not isinstance(answer, dict):
            self.emulator.ui_close_view(user)
            return
        action = answer.get("response_action")
        if action == "errors":
            errors = answer.get("errors") or {}
            result.errors = errors if isinstance(errors, dict) else None
            inputs = {b["block_id"] for b in view.blocks if b.get("type") == "input"}
            unknown = sorted(set(result.errors or {}) - inputs)
            if result.errors is None or unknown:
                result.ui_error = f"errors must be keyed by input block_id; unknown: {unknown}"
        elif action == "update":
            problems = self.emulator.ui_update_view(view.id, answer.get("view"))
            result.ui_error = "; ".join(problems) or None
        elif action == "push":
            problems = self.emulator.ui_push_view(user, answer.get("view"))
            result.ui_error = "; ".join(problems) or None
        elif action == "clear":
            self.emulator.ui_close_view(user, clear=True)
        else:
            self.emulator.ui_close_view(user)

    def close_view(self, user: str) -> SimResponse | None:
        """Press Cancel/X on the top modal; notifies the app only if ``notify_on_close``."""
        view = self._visible_view(user, None)
        if view.clear_on_close:
            self.emulator.ui_close_view(user, clear=True)
        else:
            self.emulator.ui_close_view(user)
        if not view.notify_on_close:
            return None
        payload = {
            **self._common("view_closed", user),
            "view": view.to_api(),
            "is_cleared": view.clear_on_close,
        }
        return self._send(payload, as_form_payload=True)

    # -- events -------------------------------------------------------------------------------
    def _event_envelope(self, event: dict[str, Any]) -> dict[str, Any]:
        # An event goes to the installation: `authorizations` names it, whoever acted.
        serial = next(self._event_serial)
        now = self.emulator.clock()
        envelope: dict[str, Any] = {
            "token": "emulator-verification-token",
            "team_id": self.team_id,
            "api_app_id": self.api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": f"Ev{serial:010d}",
            "event_time": int(now),
            "authorizations": [
                {
                    "enterprise_id": self.emulator.enterprise_id,
                    "team_id": self.team_id,
                    "user_id": self.emulator.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": self.emulator.is_enterprise_install,
                }
            ],
            "is_ext_shared_channel": False,
        }
        if self.emulator.enterprise_id:
            envelope["enterprise_id"] = self.emulator.enterprise_id
        return envelope

    def open_app_home(self, user: str) -> SimResponse:
        """The user opens the app's Home tab: an ``app_home_opened`` event."""
        self._user_obj(user)
        event: dict[str, Any] = {
            "type": "app_home_opened",
            "user": user,
            "channel": self.emulator.dm_channel(user),
            "tab": "home",
            "event_ts": f"{self.emulator.clock():.6f}",
        }
        home = self.emulator.home_view(user)
        if home is not None:
            event["view"] = home.to_api()
        return self._send(self._event_envelope(event), as_form_payload=False)

    def invite(self, inviter: str, channel: str, user: str) -> SimResponse:
        """``inviter`` types ``/invite`` for ``user`` (the bot too) in ``channel``: Slack adds
        them and sends the app a ``member_joined_channel`` event."""
        self._user_obj(inviter)
        channel_id, _ = self._visible_channel(inviter, channel)
        self.emulator.join_channel(channel_id, user)
        found = self.emulator.channel(channel_id)
        event: dict[str, Any] = {
            "type": "member_joined_channel",
            "user": user,
            "channel": channel_id,
            "channel_type": "G" if found is not None and found.is_private else "C",
            "team": self.team_id,
            "inviter": inviter,
            "event_ts": f"{self.emulator.clock():.6f}",
        }
        return self._send(self._event_envelope(event), as_form_payload=False)

    def unarchive(self, user: str, channel: str) -> SimResponse:
        """``user`` unarchives ``channel``: Slack sends its members' apps ``channel_unarchive``."""
        self._user_obj(user)
        channel_id, _ = self._visible_channel(user, channel)
        event = {"type": "channel_unarchive", "channel": channel_id, "user": user}
        return self._send(self._event_envelope(event), as_form_payload=False)

    def url_verification(self, challenge: str = "emulator-challenge") -> SimResponse:
        """The handshake Slack does when a Request URL is saved."""
        payload = {
            "token": "emulator-verification-token",
            "challenge": challenge,
            "type": "url_verification",
        }
        return self._send(payload, as_form_payload=False)
