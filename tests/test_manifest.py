"""manifest.yml and the code agree: commands, events, scopes and the Messages tab.

The Messages tab is read-only: the bot sends reminders there but reads nothing people write,
so it asks for no `message.im` event. (`im:history` is there only so that, after a lost
answer, the bot can find its own reminder again instead of sending it twice.)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from slack_sdk.web.async_client import AsyncWebClient

from handlers.channel_access import BOT_NAME
from handlers.grammar.subcommands import COMMAND

ROOT = Path(__file__).resolve().parent.parent
MANIFEST: dict[str, Any] = yaml.safe_load((ROOT / "manifest.yml").read_text())
SOURCES = sorted([*(ROOT / "handlers").rglob("*.py"), *(ROOT / "bot").rglob("*.py")])

# The bot scopes each Web API method needs (Slack's method reference). A method the code
# calls that is missing here fails the test: add it with its scopes.
METHOD_SCOPES: dict[str, set[str]] = {
    "auth.test": set(),
    "chat.getPermalink": set(),
    "chat.postEphemeral": {"chat:write"},
    "chat.postMessage": {"chat:write"},
    "chat.update": {"chat:write"},
    # public and private channels (DMs would need im:read, which the bot does not use)
    "conversations.info": {"channels:read", "groups:read"},
    # finding the bot's own posts after a lost answer: channels, private channels, DMs
    "conversations.history": {"channels:history", "groups:history", "im:history"},
    "conversations.replies": {"channels:history", "groups:history", "im:history"},
    "conversations.members": {"channels:read", "groups:read"},
    "conversations.open": {"im:write"},
    "users.info": {"users:read"},
    "users.list": {"users:read"},
    "views.open": set(),
    "views.publish": set(),
    "views.update": set(),
}
# Scopes that come with a feature rather than a method.
FEATURE_SCOPES = {"commands"}  # slash commands

CALL = re.compile(r"\.([a-z]+_[A-Za-z_]+)\(")
EVENT_LISTENER = re.compile(r"""@app\.event\(\s*["']([a-z_.]+)["']""")


def called_methods() -> set[str]:
    """Every Web API method the bot's code calls through slack_sdk's client."""
    methods = set()
    for path in SOURCES:
        for name in CALL.findall(path.read_text()):
            if callable(getattr(AsyncWebClient, name, None)) and name != "api_call":
                methods.add(name.replace("_", "."))
    return methods


def manifest_scopes() -> set[str]:
    return set(MANIFEST["oauth_config"]["scopes"]["bot"])


def bot_events() -> list[str]:
    return list(MANIFEST["settings"]["event_subscriptions"]["bot_events"])


def test_the_scan_finds_the_methods_the_bot_is_known_to_call() -> None:
    assert {"chat.postMessage", "conversations.info", "views.open"} <= called_methods()


def test_every_method_the_code_calls_has_its_scopes_in_the_manifest() -> None:
    unknown = called_methods() - METHOD_SCOPES.keys()
    assert not unknown, f"add these methods and their scopes to METHOD_SCOPES: {unknown}"
    needed = set().union(*(METHOD_SCOPES[m] for m in called_methods()))
    assert needed <= manifest_scopes(), f"missing scopes: {needed - manifest_scopes()}"


def test_the_manifest_asks_for_no_scope_the_code_does_not_use() -> None:
    needed = set().union(*(METHOD_SCOPES[m] for m in called_methods())) | FEATURE_SCOPES
    assert manifest_scopes() <= needed, f"unused scopes: {manifest_scopes() - needed}"


def test_the_messages_tab_is_read_only_so_nothing_people_write_there_is_read() -> None:
    home = MANIFEST["features"]["app_home"]
    assert home["messages_tab_enabled"] is True  # reminders arrive there
    assert home["messages_tab_read_only_enabled"] is True
    assert "message.im" not in bot_events()
    assert not any(re.search(r"@app\.message\(", p.read_text()) for p in SOURCES)


def test_every_event_listener_is_subscribed_in_the_manifest() -> None:
    listened = {e for p in SOURCES for e in EVENT_LISTENER.findall(p.read_text())}
    assert listened == set(bot_events())


def test_the_command_and_the_bot_name_are_the_ones_the_code_uses() -> None:
    commands = [c["command"] for c in MANIFEST["features"]["slash_commands"]]
    assert commands == [COMMAND]
    assert MANIFEST["features"]["bot_user"]["display_name"] == BOT_NAME
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
