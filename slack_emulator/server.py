"""``SlackEmulator``: the workspace served over HTTP on 127.0.0.1, like slack.com/api/."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from slack_emulator import limits as L
from slack_emulator.faults import FaultInjector, FaultRule, RateLimiter
from slack_emulator.methods import ApiMethods
from slack_emulator.models import ApiCall
from slack_emulator.socket_mode import SocketModeServer

# Fields Slack documents as "JSON-based array/object, presented as a URL-encoded string".
_JSON_FIELDS = ("blocks", "attachments", "view", "metadata")


class _BadRequest(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


def _decode_body(content_type: str, body: bytes) -> tuple[dict[str, Any], bool]:
    """Parse a request body into params; returns ``(params, was_json)``."""
    if not body:
        return {}, False
    media = content_type.split(";")[0].strip().lower()
    if not media:
        raise _BadRequest("missing_post_type")
    if media == "application/json":
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _BadRequest("invalid_json") from exc
        if not isinstance(data, dict):
            raise _BadRequest("invalid_json")
        return data, True
    if media in ("application/x-www-form-urlencoded", "text/plain"):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _BadRequest("invalid_form_data") from exc
        return dict(parse_qsl(text, keep_blank_values=True)), False
    if media == "multipart/form-data":
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        parsed = BytesParser(policy=HTTP).parsebytes(head + body)
        params: dict[str, Any] = {}
        for part in parsed.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if isinstance(name, str) and isinstance(payload, bytes):
                params[name] = payload.decode("utf-8", "replace")
        return params, False
    raise _BadRequest("invalid_post_type")


def _decode_json_fields(params: dict[str, Any]) -> dict[str, Any]:
    for key in _JSON_FIELDS:
        value = params.get(key)
        if isinstance(value, str) and value.strip():
            # Left as a string when it is not JSON; the method then reports the bad format.
            with contextlib.suppress(json.JSONDecodeError):
                params[key] = json.loads(value)
    return params


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True
    emulator: SlackEmulator


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as slack.com offers
    # Headers and body go out in two writes; without TCP_NODELAY, Nagle's algorithm plus the
    # client's delayed ACK adds ~40 ms to every keep-alive request.
    disable_nagle_algorithm = True
    server: _Server
    timeout = 30  # idle keep-alive connections go away eventually

    def log_message(self, format: str, *args: Any) -> None:
        return None  # tests and the demo stay quiet

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        emulator = self.server.emulator
        if url.path.startswith("/api/"):
            reply = emulator.handle_api(
                unquote(url.path[len("/api/") :]),
                url.query,
                self.headers.get("Content-Type", ""),
                body,
                self.headers.get("Authorization", ""),
            )
        elif url.path.startswith("/response/"):
            reply = emulator.handle_response_url(
                url.path[len("/response/") :], self.headers.get("Content-Type", ""), body
            )
        else:
            reply = _Reply(404, {"ok": False, "error": "not_found"})
        if reply.drop:
            # A timeout fault: hang up without a byte, like a dead upstream.
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        data = json.dumps(reply.body).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class _Reply:
    def __init__(
        self,
        status: int,
        body: dict[str, Any],
        headers: dict[str, str] | None = None,
        drop: bool = False,
    ) -> None:
        self.status, self.body, self.headers, self.drop = status, body, headers or {}, drop


class SlackEmulator(ApiMethods):
    """A local Slack Web API for one workspace with one bot, served on 127.0.0.1.

    Point the bot at ``api_url`` (``WebClient(base_url=emulator.api_url)``); seed people with
    ``add_user``/``add_channel``; inspect ``messages()``, ``ephemerals()``, ``views``, ``calls``
    and ``transcript``; break things with ``faults`` and ``rate_limits``.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        bot_token_prefix: str = "xoxb-",
        *,
        seed: int = 0,
        **workspace: Any,
    ) -> None:
        super().__init__(clock, seed=seed, **workspace)
        self.bot_token_prefix = bot_token_prefix
        self.faults = FaultInjector(seed)
        self.rate_limits = RateLimiter(clock)
        # Started by the first apps.connections.open (or socket_mode.start()).
        self.socket_mode = SocketModeServer(self.app_id, seed=seed)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> SlackEmulator:
        if self._server is not None:
            return self
        server = _Server(("127.0.0.1", 0), _Handler)
        server.emulator = self
        self._server = server
        self._base_url = f"http://127.0.0.1:{server.server_address[1]}"
        # A short poll interval makes stop() quick, which keeps test teardown fast.
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.01,), name="slack-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        for rule in self.faults.rules:
            rule.release.set()  # a held lost_answer connection must not outlive the server
        self.socket_mode.stop()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> SlackEmulator:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the emulator is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (valid after ``start()``)."""
        self.port  # noqa: B018 - raises when not started
        return self._base_url

    @property
    def bot_token(self) -> str:
        """A token the emulator accepts (any token starting with ``bot_token_prefix`` works)."""
        return f"{self.bot_token_prefix}emulator-token"

    @property
    def app_token(self) -> str:
        """An app-level token (``xapp-``) for Socket Mode; any ``xapp-`` token works."""
        return f"{L.APP_TOKEN_PREFIX}1-{self.app_id}-emulator-token"

    @property
    def api_url(self) -> str:
        """What the bot uses as ``SLACK_API_URL`` / ``WebClient(base_url=...)``."""
        return f"{self.base_url}/api/"

    # -- request handling (called on server threads) -----------------------------------------
    def handle_api(
        self, method: str, query: str, content_type: str, body: bytes, authorization: str
    ) -> _Reply:
        params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
        # Slack no longer accepts tokens in the query string; drop one rather than honour it.
        params.pop("token", None)
        try:
            decoded, was_json = _decode_body(content_type, body)
        except _BadRequest as bad:
            return self._finish(method, params, {"ok": False, "error": bad.error})
        # Slack accepts the token as a header, or as a POST form field (not inside JSON).
        body_token = decoded.pop("token", None)
        token = None if was_json else body_token
        params.update(decoded)
        params = _decode_json_fields(params)
        if authorization.startswith("Bearer "):
            token = authorization[len("Bearer ") :].strip()
        app_level = method in L.APP_LEVEL_METHODS
        if method not in self.method_table() and not app_level:
            return self._finish(method, params, {"ok": False, "error": "unknown_method"})
        if not token:
            return self._finish(method, params, {"ok": False, "error": "not_authed"})
        refused = self._token_refusal(str(token), app_level)
        if refused:
            return self._finish(method, params, {"ok": False, "error": refused})
        fault = self.faults.pick(method)
        if fault is not None and fault.kind == "lost_answer":
            return self._lose_answer(method, params, fault)
        if fault is not None and fault.kind != "slow":
            return self._fault_reply(method, params, fault)
        if fault is not None:
            time.sleep(fault.delay)
        retry_after = self.rate_limits.check(method, params)
        if retry_after is not None:
            body_429 = {"ok": False, "error": "ratelimited"}
            reply = _Reply(429, body_429, {"Retry-After": str(retry_after)})
            return self._finish(method, params, body_429, reply=reply, fault="ratelimit")
        if app_level:
            return self._finish(
                method, params, {"ok": True, "url": self.socket_mode.connection_url()}
            )
        return self._finish(method, params, self.dispatch(method, params))

    def _token_refusal(self, token: str, app_level: bool) -> str | None:
        """Slack's error for a token of the wrong kind: app-level methods take only an
        app-level token, every other method only a bot token."""
        is_app_token = token.startswith(L.APP_TOKEN_PREFIX)
        is_bot_token = token.startswith(self.bot_token_prefix)
        if app_level == is_app_token:
            return None if is_app_token or is_bot_token else "invalid_auth"
        return "not_allowed_token_type" if is_app_token or is_bot_token else "invalid_auth"

    def handle_response_url(self, token: str, content_type: str, body: bytes) -> _Reply:
        try:
            decoded, _ = _decode_body(content_type or "application/json", body)
        except _BadRequest as bad:
            return self._finish("response_url", {}, {"ok": False, "error": bad.error}, status=400)
        params = _decode_json_fields(decoded)
        recorded = {"response_url_token": token, **params}
        fault = self.faults.pick("response_url")
        if fault is not None and fault.kind != "slow":
            return self._fault_reply("response_url", recorded, fault)
        if fault is not None:
            time.sleep(fault.delay)
        status, answer = self.respond(token, params)
        return self._finish("response_url", recorded, answer, status=status)

    def _lose_answer(self, method: str, params: dict[str, Any], fault: FaultRule) -> _Reply:
        """Apply the call, then hang up without answering (an ambiguous failure)."""
        answer = self.dispatch(method, params)
        self._finish(method, params, answer, fault="lost_answer")
        fault.applied.set()
        fault.release.wait(fault.delay)
        return _Reply(0, {}, drop=True)

    def _fault_reply(self, method: str, params: dict[str, Any], fault: FaultRule) -> _Reply:
        if fault.kind == "ratelimit":
            body = {"ok": False, "error": "ratelimited"}
            reply = _Reply(429, body, {"Retry-After": str(fault.retry_after)})
        elif fault.kind == "server_error":
            body = {"ok": False, "error": "internal_error"}
            reply = _Reply(500, body)
        elif fault.kind == "timeout":
            time.sleep(fault.delay)
            body = {}
            reply = _Reply(0, body, drop=True)
        else:
            body = {"ok": False, "error": fault.error}
            reply = _Reply(200, body)
        return self._finish(method, params, body, reply=reply, fault=fault.kind)

    def _finish(
        self,
        method: str,
        params: dict[str, Any],
        response: dict[str, Any],
        *,
        status: int = 200,
        reply: _Reply | None = None,
        fault: str | None = None,
    ) -> _Reply:
        reply = reply or _Reply(status, response)
        self._record(ApiCall(method, params, response, self.clock(), reply.status, fault))
        return reply
