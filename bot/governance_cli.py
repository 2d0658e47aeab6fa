"""`consensus-bot export`, `verify` and `roster import`: the partnership's records offline.

Platform- and database-free: `bot.cli` opens the configured database and hands in the
governance service.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.audit import Audit, Scope
from bot.domain.errors import ConsensusError
from bot.governance import ROSTER_COLUMNS, GovernanceService

CLI_ACTOR = "cli"
# How an error the core reports reads in the terminal: the front end's catalog, handed in by
# the composition root (the core writes no sentences, issue 12).
Explain = Callable[[ConsensusError], str]


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export",
        help="write the decision record for an auditor: rounds, every stance change and "
        "whether it counted, non-responders, recorded votes, the chain head",
    )
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--since", help="only rounds opened on or after this date (YYYY-MM-DD)")
    export.add_argument("--workspace", help="only this Slack workspace (team id, T…)")
    export.add_argument("--output", help="write to this file instead of standard output")
    export.add_argument(
        "--names",
        action="store_true",
        help="look people's names and the workspace's address up in Slack (needs "
        "SLACK_BOT_TOKEN); without it the export has Slack ids, channel ids and message ts",
    )
    verify = sub.add_parser(
        "verify",
        help="recompute the decision record's hash chain; exit 1 naming the first entry "
        "altered or removed",
    )
    verify.add_argument(
        "--export",
        metavar="FILE",
        help="also check an exported file (CSV or JSON) against the database",
    )
    verify.add_argument(
        "--current",
        action="store_true",
        help="with --export: fail if the database has entries recorded after the export",
    )
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


def run_export(audit: Audit, args: argparse.Namespace, out: TextIO) -> int:
    try:
        since = parse_since(args.since)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    document = audit.export(Scope(since, args.workspace))
    text = audit.render(document, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        rounds = len(document["rounds"])
        head = document["chain_head"]["seq"]
        print(f"wrote {rounds} rounds to {args.output} (chain head: entry {head})", file=sys.stderr)
    else:
        out.write(text)
    return 0


def run_verify(audit: Audit, args: argparse.Namespace, out: TextIO) -> int:
    """Exit 0 when the record (and the file, if given) is intact, 1 when not, 2 on misuse."""
    report = audit.verify()
    if not report.intact:
        out.write(f"The decision record was altered: {report.problem}.\n")
        return 1
    out.write(
        f"The decision record is intact: {report.entries} entries, chain head entry "
        f"{report.head.seq} ({report.head.hash}).\n"
    )
    if not args.export:
        return 0
    try:
        text = Path(args.export).read_text(encoding="utf-8-sig")
    except OSError as error:
        print(f"cannot read {args.export}: {error.strerror}", file=sys.stderr)
        return 2
    check = audit.check_file(text, current=args.current)
    verdict = "matches the database" if check.ok else "does NOT match the database"
    out.write(f"{args.export} {verdict}:\n")
    for line in check.lines:
        out.write(f"  {line}\n")
    return 0 if check.ok else 1


def run_roster_import(
    gov: GovernanceService, args: argparse.Namespace, out: TextIO, explain: Explain
) -> int:
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except OSError as error:
        print(f"cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    try:
        count = gov.import_roster(args.workspace, CLI_ACTOR, text)
    except ConsensusError as error:
        print(f"{args.file}: {explain(error)}\nNothing was imported.", file=sys.stderr)
        return 1
    out.write(f"Imported {count} people into the roster of {args.workspace}.\n")
    return 0
