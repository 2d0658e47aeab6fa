"""`consensus-bot export`, `verify` and `roster import`: the partnership's records offline.

Platform- and database-free: `bootstrap.cli` opens the configured database and hands in the
governance service.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.audit import Audit, Scope
from bot.domain.eligibility import Ineligible, NotEligible
from bot.domain.errors import ConsensusError
from bot.domain.roster import parse_sector
from bot.usecases.governance_service import GovernanceService

# The terminal shows a problem the core reports in the Slack front end's words, as plain text.
from handlers.messages import render_plain, say
from handlers.messages.eligibility import PERSON_REASONS
from handlers.messages.verify import CatalogVerifyWords
from handlers.roster_file import ROSTER_FILE

# What `verify` finds, in the operator's words (the record and an exported file checked).
VERIFY_WORDS = CatalogVerifyWords()


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
        help="replace the roster with a CSV file (" + ",".join(ROSTER_FILE.columns) + ")",
    )
    imp.add_argument("file", help="the CSV file")
    imp.add_argument(
        "--workspace",
        help="the Slack workspace (team) id, e.g. T012AB3CD; default: the bot's own "
        "(asked of Slack with SLACK_BOT_TOKEN); `/consensus roster` shows it",
    )
    imp.add_argument(
        "--new-sector",
        action="append",
        default=[],
        metavar="SECTOR",
        help="a sector of the partnership's own, added on purpose (repeat for several); "
        "other sectors must be listed ones or already on the roster",
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
    out.write(VERIFY_WORDS.record(report) + "\n")
    if not report.intact:
        return 1
    if not args.export:
        return 0
    text = _read(args.export)
    if text is None:
        return 2
    check = audit.check_file(text, current=args.current)
    out.write(VERIFY_WORDS.verdict(args.export, check) + "\n")
    for finding in check.findings:
        out.write(f"  {VERIFY_WORDS.finding(finding)}\n")
    return 0 if check.ok else 1


def run_roster_import(
    gov: GovernanceService, args: argparse.Namespace, out: TextIO, own_workspace: str = ""
) -> int:
    """Import a roster file; ``own_workspace`` is the bot's installation (from Slack)."""
    workspace = roster_workspace(args.workspace, own_workspace)
    if workspace is None:
        return 2
    text = _read(args.file)
    if text is None:
        return 2
    try:
        new_sectors = [parse_sector(s) for s in getattr(args, "new_sector", None) or []]
        count = gov.import_roster_as_operator(workspace, text, ROSTER_FILE, new_sectors)
    except NotEligible as error:
        lines = [
            f"Line {n}: {say(PERSON_REASONS[p.why], person=p.user)}." for n, p in zip_lines(error)
        ]
        print(
            f"{args.file}: only people with an active Slack account of this workspace can be "
            "on the roster.\n" + "\n".join(lines) + "\nNothing was imported.",
            file=sys.stderr,
        )
        return 1
    except ConsensusError as error:
        print(f"{args.file}: {render_plain(error)}\nNothing was imported.", file=sys.stderr)
        return 1
    out.write(f"Imported {count} people into the roster of {workspace}.\n")
    return 0


def _read(path: str) -> str | None:
    """A file's text (a UTF-8 byte-order mark dropped), or None after saying why not."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        print(f"cannot read {path}: {error.strerror}", file=sys.stderr)
        return None


def zip_lines(error: NotEligible) -> list[tuple[int, Ineligible]]:
    return list(zip(error.lines, error.people, strict=True))


def roster_workspace(typed: str | None, own: str) -> str | None:
    """The workspace to import into: the one typed (any case), else the bot's own. A typed
    id that is not the bot's would write a roster no round reads, so it is refused."""
    if not typed:
        if not own:
            print(
                "Give --workspace T012AB3CD, or set SLACK_BOT_TOKEN so the bot's own "
                "workspace is used.",
                file=sys.stderr,
            )
            return None
        return own
    workspace = typed.strip().upper()
    if not (workspace[:1] in ("T", "E") and workspace.isalnum() and len(workspace) > 2):
        print(f"`{typed}` is not a Slack workspace id (like T012AB3CD).", file=sys.stderr)
        return None
    if own and workspace != own:
        print(
            f"The bot is installed in {own}, not {workspace}; a roster of {workspace} would "
            "never be read. Leave out --workspace to use the bot's own.",
            file=sys.stderr,
        )
        return None
    return workspace
