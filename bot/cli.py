"""`consensus-bot`: run the bot, or try it offline with `demo`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from dotenv import load_dotenv

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    load_dotenv(os.environ.get("CONSENSUS_ENV_FILE", ".env"))
    if args.command == "demo":
        from bot.demo import run_demo

        return run_demo()
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


if __name__ == "__main__":
    sys.exit(main())
