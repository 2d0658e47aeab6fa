"""`/consensus help`: the commands and the scale."""

from __future__ import annotations

from bot.domain.scale import DEFAULT_PROFILE
from handlers import messages
from handlers.block_kit import Block, section
from handlers.grammar.subcommands import COMMAND, SUBCOMMANDS
from handlers.messages import help as help_words
from handlers.messages import scale as scale_words
from handlers.mrkdwn import literal
from handlers.views.common import button_text


def help_message(unknown: str = "", language: str | None = None) -> list[Block]:
    """`/consensus help`, in the reader's ``language``."""
    say, label = messages.say, messages.label
    lines = [
        say(
            help_words.COMMAND_LINE,
            language,
            usage=literal(f"{COMMAND} {s.usage}"),
            summary=label(s.summary, language),
        )
        for s in SUBCOMMANDS
    ]
    intro = say(help_words.UNKNOWN, language, word=literal(unknown)) if unknown else ""
    levels = "\n".join(
        say(
            help_words.SCALE_LEVEL,
            language,
            level=button_text(DEFAULT_PROFILE.key, lvl.number, language),
            meaning=label(scale_words.meaning(DEFAULT_PROFILE, lvl.number), language),
        )
        for lvl in DEFAULT_PROFILE.levels
    )
    commands = label(help_words.COMMANDS, language)
    scale = label(help_words.SCALE, language)
    note = label(help_words.SCALE_NOTE, language)
    return [
        section(f"{intro}{commands}\n" + "\n".join(lines)),
        section(f"{scale}\n{levels}\n{note}"),
    ]
