"""What several views share: a refusal's text, the notice modal, a level as its button
reads, the quorum as shown.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from bot.domain.eligibility import NotEligible
from bot.domain.errors import ConsensusError
from bot.domain.scale import PROFILES
from handlers import messages
from handlers import mrkdwn as md
from handlers import slack_limits as limits
from handlers.block_kit import plain, section
from handlers.messages import round_message as round_words
from handlers.messages import scale as scale_words
from handlers.views import eligibility


def button_text(profile_key: str, number: int, language: str | None) -> str:
    """A level as its button reads, in the reader's language: "3 Support with reservations"."""
    profile = PROFILES[profile_key]
    return f"{number} {messages.label(scale_words.level_name(profile, number), language)}"


def quorum_label(quorum: Fraction) -> str:
    """The share of seats a round's quorum needs, as shown: 2/3 → "67%"."""
    return f"{round(float(quorum) * 100)}%"


def error_text(error: ConsensusError | str, language: str | None = None) -> str:
    """A refusal as mrkdwn in the reader's ``language``: the bot's words as written, the
    person's typed words literally."""
    if isinstance(error, NotEligible):
        return eligibility.refusal(error, language)
    message = (
        messages.render(error, language)
        if isinstance(error, ConsensusError)
        else md.from_marked(error)
    )
    return f":warning: {message}"


def notice_modal(title: str, text: str, language: str | None = None) -> dict[str, Any]:
    """A modal with only a message: shown at once while a form loads, or to say why not."""
    return {
        "type": "modal",
        "title": plain(title, limits.MODAL_TITLE_MAX),
        "close": plain(messages.label(round_words.CLOSE, language), limits.MODAL_CLOSE_MAX),
        "blocks": [section(text)],
    }
