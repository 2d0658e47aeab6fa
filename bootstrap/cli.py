"""`consensus-bot`: run the bot, migrate its database, export or check the record.

The offline demo is not part of the installed bot: it runs the bot against the Slack emulator,
which is test support. `consensus-bot demo` only says how to run it from a clone.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace

from dotenv import load_dotenv

from bootstrap import governance_cli
from bootstrap.config import ConfigError, Settings

# The demo runs the bot against the Slack emulator, test support that is not installed.
DEMO_HINT = (
    "The offline demo runs from a clone of the repository: `make demo` "
    "(or `python -m harness.demo` in its environment)."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="consensus-bot", description="Consensus rounds for health-care partnerships."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="connect to Slack (Socket Mode if SLACK_APP_TOKEN is set)")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument("--http", action="store_true", help="serve HTTP even if an app token is set")
    mode.add_argument("--socket", action="store_true", help="use Socket Mode")
    run.add_argument("--port", type=int, help="HTTP port (default: PORT or 3000)")
    run.add_argument(
        "--no-migrate",
        action="store_true",
        help="do not migrate the database on start (also CONSENSUS_AUTO_MIGRATE=0); "
        "refuse to start if it is not up to date",
    )
    db = sub.add_parser("db", help="database schema migrations (uses DATABASE_URL)")
    db.add_argument(
        "action",
        choices=["upgrade", "current", "check"],
        help="upgrade: migrate to the latest revision; current: show the revision; "
        "check: exit 1 if the schema differs from the code's tables",
    )
    sub.add_parser("demo", help="how to run the offline demo (from a clone: make demo)")
    governance_cli.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    load_dotenv(os.environ.get("CONSENSUS_ENV_FILE", ".env"))
    if args.command == "demo":
        print(DEMO_HINT, file=sys.stderr)
        return 2
    if args.command == "db":
        return _db(args.action)
    if args.command in ("export", "roster", "verify"):
        return _governance_command(args)
    socket_mode = bool(args.socket or (os.environ.get("SLACK_APP_TOKEN") and not args.http))
    try:
        settings = Settings.from_env(os.environ, mode="socket" if socket_mode else "http")
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    if args.no_migrate:
        settings = replace(settings, auto_migrate=False)
    settings.configure_logging()
    from bootstrap.app import build, serve_http, serve_socket_mode

    bot = build(settings)
    if socket_mode:
        serve_socket_mode(bot)
    else:
        serve_http(bot, port=args.port)
    return 0


def _db(action: str) -> int:
    from bootstrap.app import database_command

    return database_command(action, sys.stdout)


def _governance_command(args: argparse.Namespace) -> int:
    from bootstrap.app import governance_command

    return governance_command(args, sys.stdout, sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
