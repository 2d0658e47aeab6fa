"""The `/consensus` subcommands: the one table behind help, usage lines and "did you mean".

Both grammars (``commands``, ``governance_commands`` beside it) quote it; it imports neither, so they
never import each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import Typed

# The slash command, named here once for the whole Slack front end (and the manifest test).
COMMAND = "/consensus"


@dataclass(frozen=True)
class Subcommand:
    name: str
    usage: str
    summary: str


# The one table behind `/consensus help` and the parser's "did you mean" answers.
SUBCOMMANDS: tuple[Subcommand, ...] = (
    Subcommand(
        "start",
        "start [proposal] [--deadline 3d|36h|90m|2026-12-01T17:00] [--voters @a @b] "
        "[--include-outside] [--quorum 75%] [--rule 1-4|1-5] [--remind 50%,90%|none]",
        "Open a round. Without a proposal, opens a form. Named voters must be people in this "
        "channel; --include-outside names people outside it on purpose (they cannot see the "
        "round's thread or outcome).",
    ),
    Subcommand("status", "status [round]", "Show how a round stands (privately)."),
    Subcommand("list", "list", "List the open rounds in this channel."),
    Subcommand("close", "close [round]", "Chair: close a round now and post the outcome."),
    Subcommand("extend", "extend [round] <deadline>", "Chair: move the deadline later."),
    Subcommand("remind", "remind [round]", "Chair: remind everyone who has not responded."),
    Subcommand("cancel", "cancel [round]", "Chair: cancel a round; no outcome is posted."),
    Subcommand(
        "escalate", "escalate [round]", "Chair: send an unresolved round to the steering channel."
    ),
    Subcommand("resolve", "resolve <escalation> <text>", "Record how an escalation was resolved."),
    Subcommand(
        "revise",
        "revise [round]",
        "Chair: after no consensus, re-run the proposal as a linked revision round.",
    ),
    Subcommand(
        "vote",
        "vote [round] [--deadline 3d] [--sector <sector>] | vote close <vote> | "
        'vote cancel <vote> --reason "<why>"',
        "Chair: after an impasse only, call a recorded vote (for/against/abstain, names kept). "
        "A vote called by mistake can be cancelled while open, with a reason for the record; "
        "the decision may then call another.",
    ),
    Subcommand("log", "log [round]", "Recent decisions here, or one decision's full record."),
    Subcommand(
        "roster",
        "roster [show] | roster set @person <organisation> <sector> voting|advisory|observer "
        "[speaker|alternate|member] [--new-sector] | roster remove @person",
        "Who is on the partnership: organisation, sector, tier, who speaks for a sector. "
        "Quote an organisation of several words; a sector must be a listed one or already on "
        "the roster, or add --new-sector to add it on purpose.",
    ),
    Subcommand(
        "config",
        "config steering #channel | config coordinators @a @b | config vote threshold 2/3 | "
        "config vote weights hospital=1 primary-care=2 | config vote protect on|off | "
        "config representation sector|organisation",
        "Coordinators (workspace admins and those they name): partnership settings.",
    ),
    Subcommand("help", "help", "Show this help."),
)
SUBCOMMAND_NAMES = tuple(s.name for s in SUBCOMMANDS)


def usage(name: str) -> Typed:
    """The usage line for one subcommand, to be shown literally (it holds `<placeholders>`)."""
    for sub in SUBCOMMANDS:
        if sub.name == name:
            return Typed(f"{COMMAND} {sub.usage}")
    raise KeyError(name)
