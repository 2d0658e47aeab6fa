"""People's names and message links from Slack, for `consensus-bot export --names`.

The export runs offline from the database, which keeps Slack ids only. With ``--names`` and
a bot token, each person is looked up once with ``users.info`` (display name, else real
name, else user name) and the workspace's address is read once with ``auth.test``, so
messages get a permalink of the documented shape
``https://<workspace>.slack.com/archives/<channel>/p<ts without the dot>``.
A person Slack cannot find keeps an empty name; the export never fails for a name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

log = logging.getLogger(__name__)


def slack_lookups(
    token: str, api_url: str | None = None
) -> tuple[Callable[[str], str], Callable[[str, str], str]]:
    """(names, permalink) answered by the Slack Web API."""
    client = WebClient(token=token, base_url=api_url or WebClient.BASE_URL, timeout=10)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=5))  # users.info
    try:
        base = str(client.auth_test().get("url") or "")
    except (SlackApiError, SlackClientError, OSError) as error:
        log.warning("auth.test failed (%s); exporting channel ids and ts only", error)
        base = ""

    def name(user: str) -> str:
        try:
            found = client.users_info(user=user).get("user") or {}
        except (SlackApiError, SlackClientError, OSError):
            return ""
        profile = found.get("profile") or {}
        return str(
            profile.get("display_name") or profile.get("real_name") or found.get("name") or ""
        )

    def permalink(channel: str, ts: str) -> str:
        if not base or not channel or not ts:
            return ""
        return f"{base.rstrip('/')}/archives/{channel}/p{ts.replace('.', '')}"

    return name, permalink


def installation(client: WebClient) -> str:
    """The workspace the bot is installed in (its Enterprise Grid org, when installed
    org-wide), as the bot's listeners name it; empty when Slack does not answer."""
    try:
        found = client.auth_test()
    except (SlackApiError, SlackClientError, OSError) as error:
        log.warning("auth.test failed (%s); the workspace must be given", error)
        return ""
    if found.get("is_enterprise_install") and found.get("enterprise_id"):
        return str(found["enterprise_id"])
    return str(found.get("team_id") or found.get("enterprise_id") or "")
