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
from typing import Any

from dotenv import load_dotenv

from bot import governance_cli
from bot.config import ConfigError, Settings

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
    from bot.app import build, serve_http, serve_socket_mode

    bot = build(settings)
    if socket_mode:
        serve_socket_mode(bot)
    else:
        serve_http(bot, port=args.port)
    return 0


def _db(action: str) -> int:
    from bot.config import DEFAULT_DATABASE_URL
    from storage import migrate
    from storage.engine import make_engine

    engine = make_engine(os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL)
    try:
        if action == "upgrade":
            migrate.upgrade(engine)
            print(f"database is at revision {migrate.current(engine)}")
        elif action == "current":
            print(f"database: {migrate.current(engine) or 'not migrated'}; code: {migrate.head()}")
        else:
            diffs = migrate.schema_diffs(engine)
            for diff in diffs:
                print(diff)
            print("schema matches the code" if not diffs else f"{len(diffs)} difference(s)")
            return 1 if diffs else 0
    finally:
        engine.dispose()
    return 0


def _governance_command(args: argparse.Namespace) -> int:
    """Export, verify or roster import against DATABASE_URL (migrated first, as the bot
    would: an older database gets its chain computed by the migration)."""
    from bot.config import DEFAULT_DATABASE_URL
    from storage import migrate
    from storage.engine import make_engine

    engine = make_engine(os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL)
    try:
        migrate.upgrade(engine)
        if args.command == "export":
            return governance_cli.run_export(offline_audit(engine, args.names), args, sys.stdout)
        if args.command == "verify":
            return governance_cli.run_verify(offline_audit(engine, False), args, sys.stdout)
        gov = offline_governance(engine)
        return governance_cli.run_roster_import(gov, args, sys.stdout)
    finally:
        engine.dispose()


def offline_audit(engine: Any, names: bool) -> Any:
    """The export and checks over a database; with ``names``, people's names and message
    links come from Slack (SLACK_BOT_TOKEN, SLACK_API_URL)."""
    from bot.audit import Audit
    from bot.clock import SystemClock
    from bot.governance import neutralise_cell
    from storage.store import SqlStore

    audit = Audit(lambda: SqlStore(engine), SystemClock(), neutralise_cell)
    token = os.environ.get("SLACK_BOT_TOKEN", "").strip()
    if names:
        if not token:
            print("--names needs SLACK_BOT_TOKEN; exporting Slack ids only", file=sys.stderr)
        else:
            from handlers.names import slack_lookups

            api_url = os.environ.get("SLACK_API_URL", "").strip() or None
            audit.names, audit.permalink = slack_lookups(token, api_url)
    return audit


def offline_governance(engine: Any) -> Any:
    """The governance service over a database, with no chat platform behind it."""
    from bot.clock import SystemClock
    from bot.governance import GovernanceService
    from bot.services import ConsensusService
    from storage.store import SqlStore

    class _Offline:
        def __getattr__(self, name: str) -> Any:
            raise RuntimeError("the command line does not talk to Slack")

    rounds = ConsensusService(lambda: SqlStore(engine), SystemClock(), _Offline(), _Offline())
    return GovernanceService(lambda: SqlStore(engine), SystemClock(), rounds, _Offline())


if __name__ == "__main__":
    sys.exit(main())
