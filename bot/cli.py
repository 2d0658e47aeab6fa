"""`consensus-bot`: run the bot, or try it offline with `demo`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from dotenv import load_dotenv

from bot import governance_cli
from bot.config import ConfigError, Settings


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
    sub.add_parser("demo", help="run a scripted round against the built-in Slack emulator")
    governance_cli.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    load_dotenv(os.environ.get("CONSENSUS_ENV_FILE", ".env"))
    if args.command == "demo":
        from bot.demo import run_demo

        return run_demo()
    if args.command in ("export", "roster"):
        return _governance_command(args)
    socket_mode = bool(args.socket or (os.environ.get("SLACK_APP_TOKEN") and not args.http))
    try:
        settings = Settings.from_env(os.environ, mode="socket" if socket_mode else "http")
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    settings.configure_logging()
    from bot.app import build, serve_http, serve_socket_mode

    bot = build(settings)
    if socket_mode:
        serve_socket_mode(bot)
    else:
        serve_http(bot, port=args.port)
    return 0


def _governance_command(args: argparse.Namespace) -> int:
    """Export or roster import against DATABASE_URL (migrated first, as the bot would)."""
    from bot.config import DEFAULT_DATABASE_URL
    from storage import migrate
    from storage.engine import make_engine

    engine = make_engine(os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL)
    try:
        migrate.upgrade(engine)
        gov = offline_governance(engine)
        if args.command == "export":
            return governance_cli.run_export(gov, args, sys.stdout)
        return governance_cli.run_roster_import(gov, args, sys.stdout)
    finally:
        engine.dispose()


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
