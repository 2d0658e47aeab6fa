"""A local Slack for testing the bot: Web API server, simulated users, transcripts.

See docs/EMULATOR.md. Typical use::

    with SlackEmulator() as slack:
        slack.add_user("U1", "ana", tz="Europe/Lisbon")
        slack.add_channel("C1", "partnership", ["U1"])
        client = WebClient(token="xoxb-test", base_url=slack.api_url)
"""

from slack_emulator.blockkit import fill_ids, validate_message_blocks, validate_view
from slack_emulator.client import SimResponse, SlackClientRefused, SlackUserSimulator
from slack_emulator.faults import FaultInjector, FaultRule, RateLimiter
from slack_emulator.models import (
    ApiCall,
    Channel,
    Ephemeral,
    Message,
    MessageVersion,
    User,
    View,
)
from slack_emulator.server import SlackEmulator
from slack_emulator.socket_mode import Connection, Delivery, SocketModeServer
from slack_emulator.transcript import Transcript, TranscriptEntry, render_blocks, render_mrkdwn

__all__ = [
    "ApiCall",
    "Channel",
    "Connection",
    "Delivery",
    "Ephemeral",
    "FaultInjector",
    "FaultRule",
    "Message",
    "MessageVersion",
    "RateLimiter",
    "SimResponse",
    "SlackClientRefused",
    "SlackEmulator",
    "SlackUserSimulator",
    "SocketModeServer",
    "Transcript",
    "TranscriptEntry",
    "User",
    "View",
    "fill_ids",
    "render_blocks",
    "render_mrkdwn",
    "validate_message_blocks",
    "validate_view",
]
