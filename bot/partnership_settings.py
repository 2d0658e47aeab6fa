"""The partnership's settings: their keys (stored per workspace) and the stored forms."""

from __future__ import annotations

from bot.domain.recorded_vote import parse_weights

VOTE_THRESHOLD = "vote_threshold"
VOTE_WEIGHTS = "vote_weights"
VOTE_PROTECT = "vote_protect"
REPRESENTATION = "representation"


def parse_weight_setting(value: str | None) -> tuple[tuple[str, int], ...]:
    """The stored `sector=w,…` form back into pairs."""
    if not value:
        return ()
    return parse_weights(value)


def weight_setting(weights: tuple[tuple[str, int], ...]) -> str:
    """Pairs into the stored `sector=w,…` form."""
    return ",".join(f"{sector}={weight}" for sector, weight in weights)
