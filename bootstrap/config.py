"""Settings from the environment (and `.env`), checked all at once."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///consensus.db"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """Start-up settings are missing or malformed; the message names every one."""


@dataclass(frozen=True)
class Settings:
    bot_token: str
    signing_secret: str
    app_token: str
    api_url: str
    database_url: str
    port: int
    log_level: str
    scheduler_interval: float
    auto_migrate: bool = True  # bring the database schema up to date on start-up
    task_lease: float = 120.0  # how long a claim on due work lasts before others may take it
    # The share of each of Slack's rate tiers the bot spends, together across replicas
    # (0: no shared budget, for a local emulator without limits).
    tier_share: float = 0.9
    reminders_per_minute: float = 240.0  # reminder DMs, out of chat.postMessage's budget

    def __repr__(self) -> str:  # secrets must never reach logs
        return (
            f"Settings(api_url={self.api_url!r}, database_url={_safe_url(self.database_url)!r}, "
            f"port={self.port}, log_level={self.log_level!r}, "
            f"socket_mode={bool(self.app_token)})"
        )

    @classmethod
    def from_env(cls, env: Mapping[str, str], *, mode: str = "http") -> Settings:
        """Read and check every setting; ``mode`` is "http", "socket" or "demo".

        Raises:
            ConfigError: naming every missing or malformed variable at once.
        """
        problems: list[str] = []

        def get(name: str, default: str = "") -> str:
            return env.get(name, default).strip()

        bot_token = get("SLACK_BOT_TOKEN")
        signing_secret = get("SLACK_SIGNING_SECRET")
        app_token = get("SLACK_APP_TOKEN")
        if mode != "demo":
            if not bot_token:
                problems.append(
                    "SLACK_BOT_TOKEN is missing (the xoxb- token from OAuth & Permissions)"
                )
            elif not bot_token.startswith("xoxb-"):
                problems.append("SLACK_BOT_TOKEN must start with xoxb-")
        if mode == "http" and not signing_secret:
            problems.append("SLACK_SIGNING_SECRET is missing (Basic Information → Signing Secret)")
        if mode == "socket" and not app_token:
            problems.append("SLACK_APP_TOKEN is missing (an xapp- token with connections:write)")
        if app_token and not app_token.startswith("xapp-"):
            problems.append("SLACK_APP_TOKEN must start with xapp-")
        api_url = get("SLACK_API_URL", DEFAULT_API_URL) or DEFAULT_API_URL
        if not api_url.startswith(("http://", "https://")):
            problems.append("SLACK_API_URL must be an http(s) URL, e.g. https://slack.com/api/")
        database_url = get("DATABASE_URL", DEFAULT_DATABASE_URL) or DEFAULT_DATABASE_URL
        if not database_url.startswith(("sqlite://", "postgresql")):
            problems.append(
                "DATABASE_URL must be sqlite:///file.db or postgresql+psycopg://user@host/db"
            )
        port = 0
        try:
            port = int(get("PORT", "3000") or "3000")
            if not 0 < port < 65536:
                raise ValueError
        except ValueError:
            problems.append("PORT must be a number from 1 to 65535")
        log_level = (get("LOG_LEVEL", "INFO") or "INFO").upper()
        if log_level not in LOG_LEVELS:
            problems.append(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
        interval = 5.0
        try:
            interval = float(get("SCHEDULER_INTERVAL_SECONDS", "5") or "5")
            if not 0.05 <= interval <= 3600:
                raise ValueError
        except ValueError:
            problems.append("SCHEDULER_INTERVAL_SECONDS must be a number of seconds, 0.05 to 3600")
        lease = 120.0
        try:
            lease = float(get("TASK_LEASE_SECONDS", "120") or "120")
            if not 1 <= lease <= 3600:
                raise ValueError
        except ValueError:
            problems.append("TASK_LEASE_SECONDS must be a number of seconds, 1 to 3600")
        tier_share = 0.9
        try:
            tier_share = float(get("SLACK_TIER_SHARE", "0.9") or "0.9")
            if not 0 <= tier_share <= 1:
                raise ValueError
        except ValueError:
            problems.append("SLACK_TIER_SHARE must be a fraction from 0 to 1 (0.9: 90%)")
        reminders_per_minute = 240.0
        try:
            reminders_per_minute = float(get("REMINDERS_PER_MINUTE", "240") or "240")
            if not 1 <= reminders_per_minute <= 6000:
                raise ValueError
        except ValueError:
            problems.append("REMINDERS_PER_MINUTE must be a number from 1 to 6000")
        auto_migrate = get("CONSENSUS_AUTO_MIGRATE", "1").lower()
        if auto_migrate not in ("0", "1", "true", "false", "yes", "no", "on", "off", ""):
            problems.append("CONSENSUS_AUTO_MIGRATE must be 1 or 0 (migrate the database on start)")
        if problems:
            raise ConfigError(
                "consensus-bot cannot start; fix these settings (in .env or the environment):\n"
                + "\n".join(f"  - {p}" for p in problems)
            )
        return cls(
            bot_token=bot_token,
            signing_secret=signing_secret,
            app_token=app_token,
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            database_url=database_url,
            port=port,
            log_level=log_level,
            scheduler_interval=interval,
            auto_migrate=auto_migrate not in ("0", "false", "no", "off"),
            task_lease=lease,
            tier_share=tier_share,
            reminders_per_minute=reminders_per_minute,
        )

    def configure_logging(self) -> None:
        logging.basicConfig(
            level=self.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )


def _safe_url(url: str) -> str:
    """Hide a password in a database URL."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url
