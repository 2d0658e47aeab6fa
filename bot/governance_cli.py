"""`consensus-bot export` and `consensus-bot roster import`: the partnership's records offline.

Platform- and database-free: `bot.cli` opens the configured database and hands in the
governance service.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.domain.errors import ConsensusError
from bot.governance import EXPORT_COLUMNS, ROSTER_COLUMNS, GovernanceService, export_csv

CLI_ACTOR = "cli"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export",
        help="write one row per vote (" + ", ".join(EXPORT_COLUMNS) + ") for the records",
    )
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--since", help="only rounds opened on or after this date (YYYY-MM-DD)")
    export.add_argument("--workspace", help="only this Slack workspace (team id, T…)")
    export.add_argument("--output", help="write to this file instead of standard output")
    roster = sub.add_parser("roster", help="manage the partnership roster")
    roster_sub = roster.add_subparsers(dest="roster_action", required=True)
    imp = roster_sub.add_parser(
        "import",
        help="replace the roster with a CSV file (" + ",".join(ROSTER_COLUMNS) + ")",
    )
    imp.add_argument("file", help="the CSV file")
    imp.add_argument(
        "--workspace",
        required=True,
        help="the Slack workspace (team) id, e.g. T012AB3CD; `/consensus roster` shows it",
    )


def parse_since(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise ValueError(
            f"--since {text!r} is not a date; use YYYY-MM-DD, e.g. 2026-01-31"
        ) from None


def run_export(gov: GovernanceService, args: argparse.Namespace, out: TextIO) -> int:
    try:
        since = parse_since(args.since)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    rows = gov.export_rows(since, args.workspace)
    text = (
        export_csv(rows)
        if args.format == "csv"
        else json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    )
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {len(rows)} rows to {args.output}", file=sys.stderr)
    else:
        out.write(text)
    return 0


def run_roster_import(gov: GovernanceService, args: argparse.Namespace, out: TextIO) -> int:
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except OSError as error:
        print(f"cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    try:
        count = gov.import_roster(args.workspace, CLI_ACTOR, text)
    except ConsensusError as error:
        print(f"{args.file}: {error.message}\nNothing was imported.", file=sys.stderr)
        return 1
    out.write(f"Imported {count} people into the roster of {args.workspace}.\n")
    return 0
