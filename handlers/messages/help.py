"""The words of `/consensus help` (``handlers.views.help``). Each subcommand's
summary is written once, in ``handlers.grammar.subcommands``, and extracted from there
(``pybabel extract -k Subcommand:3``)."""

from __future__ import annotations

from handlers.messages.marker import N_

HOW_TO_USE = N_("How to use {command}")
UNKNOWN = N_("`{word}` is not a command I know. ")
COMMANDS = N_("*Consensus rounds* — what you can type:")
COMMAND_LINE = N_("• `{usage}` — {summary}")
SCALE = N_("*The scale*")
SCALE_LEVEL = N_("{level} — {meaning}")
SCALE_NOTE = N_(
    "Level 5 asks what information you need; level 6 asks for an alternative. Non-response "
    "is not agreement."
)
