"""A real slack_bolt App, served over HTTP, driven end to end through the emulator.

This checks that the simulator's payloads are what Bolt expects (routing by command,
callback_id and action_id, signature verification) and that the bot's answers are accepted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from slack_bolt import Ack, App, BoltRequest, Respond
from slack_sdk import WebClient

from slack_emulator import SlackEmulator, SlackUserSimulator
from tests.emulator.conftest import SECRET


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


REASON_MODAL = {
    "type": "modal",
    "callback_id": "vote_reason",
    "title": plain("Why?"),
    "submit": plain("Send"),
    "blocks": [
        {
            "type": "input",
            "block_id": "reason_block",
            "label": plain("Reason"),
            "element": {"type": "plain_text_input", "action_id": "reason"},
        }
    ],
}
VOTE: list[dict[str, Any]] = [
    {"type": "section", "text": {"type": "mrkdwn", "text": "Vote now"}},
    {
        "type": "actions",
        "elements": [{"type": "button", "action_id": "vote_1", "text": plain("1"), "value": "1"}],
    },
]


def build_app(slack: SlackEmulator) -> App:
    client = WebClient(token="xoxb-bolt", base_url=slack.api_url)
    app = App(client=client, signing_secret=SECRET, process_before_response=True)

    @app.command("/consensus")
    def start(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=REASON_MODAL)

    @app.view("vote_reason")
    def submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        reason = view["state"]["values"]["reason_block"]["reason"]["value"]
        if len(reason) < 10:
            ack(response_action="errors", errors={"reason_block": "Say a bit more"})
            return
        ack()
        user = body["user"]["id"]
        client.chat_postMessage(channel="CPART", text=f"<@{user}>: {reason}", blocks=VOTE)

    @app.action("vote_1")
    def voted(ack: Ack, respond: Respond) -> None:
        ack()
        respond(replace_original=True, text="Thanks, vote recorded")

    @app.event("app_home_opened")
    def home(event: dict[str, Any], client: WebClient) -> None:
        view = {"type": "home", "blocks": [{"type": "section", "text": plain("No open rounds")}]}
        client.views_publish(user_id=event["user"], view=view)

    return app


@pytest.fixture
def bolt_url(slack: SlackEmulator) -> Iterator[str]:
    bolt = build_app(slack)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return None

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            headers: dict[str, str | Sequence[str]] = {
                k.lower(): [v] for k, v in self.headers.items()
            }
            answer = bolt.dispatch(BoltRequest(body=raw, headers=headers))
            data = answer.body.encode()
            self.send_response(answer.status)
            for name, values in answer.headers.items():
                if name.lower() != "content-length":
                    for value in values:
                        self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/slack/events"
    server.shutdown()
    server.server_close()


def test_command_modal_submission_and_vote_round_trip(bolt_url: str, slack: SlackEmulator) -> None:
    with SlackUserSimulator(slack, bolt_url, SECRET) as sim:
        assert sim.slash_command("UANA", "CPART").ok
        assert slack.open_view("UANA") is not None

        rejected = sim.submit_view("UANA", inputs={"reason": "short"})
        assert rejected.errors == {"reason_block": "Say a bit more"}
        assert slack.open_view("UANA") is not None

        accepted = sim.submit_view("UANA", inputs={"reason": "the date suits everyone"})
        assert accepted.ok
        assert slack.open_view("UANA") is None
        (posted,) = slack.messages("CPART")
        assert posted.text == "<@UANA>: the date suits everyone"

        assert sim.click("UBEN", "CPART", posted.ts, "vote_1").ok
        assert slack.message("CPART", posted.ts).text == "Thanks, vote recorded"  # type: ignore[union-attr]

        assert sim.open_app_home("UBEN").ok
        assert slack.home_view("UBEN") is not None

    assert "ben" in slack.transcript.format()


def test_bolt_rejects_a_bad_signature(bolt_url: str, slack: SlackEmulator) -> None:
    with SlackUserSimulator(slack, bolt_url, "wrong-secret") as sim:
        result = sim.slash_command("UANA", "CPART")
    assert result.status == 401
    assert slack.open_view("UANA") is None
