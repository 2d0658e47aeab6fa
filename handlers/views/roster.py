"""The roster: `/consensus roster`, and the coordinators' confirmations of a roster entry
and of the partnership's settings.
"""

from __future__ import annotations

from bot.domain.roster import Role, RosterEntry, Tier
from bot.usecases.roster import Configured, RosterView
from handlers import messages
from handlers import slack_limits as limits
from handlers.block_kit import Block, context, header, section
from handlers.grammar.subcommands import COMMAND
from handlers.messages import label, say
from handlers.messages import roster as roster_words
from handlers.messages.recorded_vote import describe_rules
from handlers.messages.roster import describe, sector_label
from handlers.mrkdwn import literal


def roster_message(view: RosterView, workspace: str, language: str | None = None) -> list[Block]:
    """`/consensus roster`, in the reader's ``language``."""
    if not view.entries:
        set_line = literal(
            f"{COMMAND} roster set @person <organisation> <sector> "
            "voting|advisory|observer [speaker|alternate]"
        )
        import_line = f"consensus-bot roster import FILE.csv --workspace {workspace}"
        return [
            section(
                say(roster_words.NO_ROSTER, language, set_line=set_line, import_line=import_line)
            )
        ]
    by_sector: dict[str, list[RosterEntry]] = {}
    for entry in view.entries:
        by_sector.setdefault(entry.sector, []).append(entry)
    blocks: list[Block] = [
        header(label(roster_words.ROSTER_TITLE, language)),
        context(
            say(
                roster_words.REPRESENTATION_LINE[view.representation],
                language,
                rules=describe_rules(view.rules, lambda t: label(t, language)),
                workspace=workspace,
            )
        ),
    ]
    for sector, entries in list(by_sector.items())[:40]:
        lines = [
            say(
                roster_words.ENTRY_LINE if e.role is Role.MEMBER else roster_words.ENTRY_LINE_ROLE,
                language,
                person=f"<@{e.user}>",
                organisation=literal(e.organisation, 60),
                tier=e.tier.value,
                role=e.role.value,
            )
            for e in entries[:60]
        ]
        sector_name = label(sector_label(sector), language)
        blocks.append(section(f"*{sector_name}*\n" + "\n".join(lines)))
    tiers = " · ".join(label(roster_words.TIER_LABELS[t], language) for t in Tier)
    blocks.append(context(tiers))
    return blocks[: limits.MESSAGE_MAX_BLOCKS]


def roster_set_text(entry: RosterEntry, language: str | None = None) -> str:
    return messages.say(
        roster_words.ROSTER_SET, language, person=f"<@{entry.user}>", entry=literal(describe(entry))
    )


def configured_text(change: Configured, language: str | None = None) -> str:
    """The coordinator's confirmation of a partnership setting."""
    if change.representation is not None:
        return messages.label(roster_words.REPRESENTATION_SET[change.representation], language)
    rules = describe_rules(change.rules, lambda t: messages.label(t, language))
    return messages.say(roster_words.RULES_SET, language, rules=rules)
