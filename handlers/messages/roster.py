"""Messages for the partnership's roster (``bot.domain.roster``), and its sectors' labels."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.errors import Problem
from bot.domain.roster import (
    UNLISTED_SECTOR,
    Representation,
    Role,
    RosterEntry,
    RosterProblem,
    Tier,
)
from handlers.messages.marker import N_

# The listed sectors' names, by the core's key. A sector a partnership added has no entry
# and reads as its key in words ("rural-health" → "Rural health").
SECTOR_LABELS: Mapping[str, str] = {
    "primary-care": N_("Primary care"),
    "hospital": N_("Hospital"),
    "home-and-community-care": N_("Home and community care"),
    "mental-health-and-addictions": N_("Mental health and addictions"),
    "long-term-care": N_("Long-term care"),
    "community-support": N_("Community support services"),
    "patient-family-caregiver": N_("Patient, family and caregiver"),
    "public-health": N_("Public health"),
    "indigenous-health": N_("Indigenous health"),
    "social-services": N_("Social services"),
    "other": N_("Other"),
    UNLISTED_SECTOR: N_("Not on the roster"),
}
NOT_ON_ROSTER = N_("not on the roster")


def sector_label(sector: str) -> str:
    """A sector's name for people: "Primary care"."""
    return SECTOR_LABELS.get(sector) or sector.replace("-", " ").capitalize()


def describe(entry: RosterEntry | None) -> str:
    """ "Riverside FHT · Primary care · voting, speaker" (or "not on the roster")."""
    if entry is None or entry.sector == UNLISTED_SECTOR:
        return NOT_ON_ROSTER
    role = "" if entry.role is Role.MEMBER else f", {entry.role.value}"
    return f"{entry.organisation} · {sector_label(entry.sector)} · {entry.tier.value}{role}"


MESSAGES: dict[Problem, str] = {
    RosterProblem.BAD_SECTOR: N_(
        "`{text}` is not a sector name. Use letters, digits and dashes, e.g. one of: {known}."
    ),
    RosterProblem.BAD_TIER: N_(
        "`{text}` is not a tier. Use `voting` (anchor/lead partners), `advisory` "
        "(associate partners: shown, not counted) or `observer` (no level)."
    ),
    RosterProblem.BAD_ROLE: N_(
        "`{text}` is not a role. Use `speaker` (speaks for the sector), "
        "`alternate` (counts when the speaker has not responded) or `member`."
    ),
    RosterProblem.NO_ORGANISATION: N_(
        "Give the person's organisation, e.g. `Riverside Family Health Team`."
    ),
    RosterProblem.ORGANISATION_TOO_LONG: N_("Keep the organisation name under {limit} characters."),
    RosterProblem.LEADER_NOT_VOTING: N_(
        "A {role} speaks for their group, so they must be `voting`, not `{tier}`. "
        "Make them `voting`, or give them the role `member`."
    ),
    RosterProblem.LISTED_TWICE: N_("{person} is listed twice; list each person once."),
    RosterProblem.TWO_SPEAKERS_IN_SECTOR: N_(
        "The {sector} sector would have two speakers ({first} and {second}). "
        "Name one speaker and make the other an `alternate`."
    ),
    RosterProblem.TWO_SPEAKERS_IN_ORGANISATION: N_(
        "Organisation '{organisation}' would have two speakers ({first} and {second}). "
        "Name one speaker and make the other an `alternate`."
    ),
    RosterProblem.NOBODY_HERE: N_(
        "Nobody here is on the partnership roster as a voting or advisory partner. Add people "
        "with `{command} roster set @person &lt;organisation&gt; &lt;sector&gt; voting`, "
        "or see `{command} roster`."
    ),
    RosterProblem.UNKNOWN_SECTOR: N_(
        "`{sector}` is not one of the partnership's sectors. Sectors: {known}. "
        "To add a new sector on purpose, add `{flag}`."
    ),
    RosterProblem.UNKNOWN_SECTOR_NEAR: N_(
        "`{sector}` is not one of the partnership's sectors. Did you mean {near}? "
        "Sectors: {known}. To add a new sector on purpose, add `{flag}`."
    ),
}

# A coordinator's private confirmations.
ROSTER_SET = N_(":busts_in_silhouette: {person}: {entry}. Rounds opened from now on use this.")
REPRESENTATION_SET: Mapping[Representation, str] = {
    Representation.SECTOR: N_(
        "A speaker now speaks for their sector. Rounds opened from now on use this."
    ),
    Representation.ORGANISATION: N_(
        "A speaker now speaks for their organisation. Rounds opened from now on use this."
    ),
}
RULES_SET = N_("Recorded votes now: {rules}.")
ROSTER_REMOVED = N_("Removed {person} from the roster. Rounds already open keep it.")
ROSTER_TITLE = N_("Partnership roster")

# `/consensus roster` (the reader's): the listing and what to do without one.
NO_ROSTER = N_(
    "*No roster yet*: every channel member votes individually.\nAdd people with "
    "`{set_line}`, or import a CSV file with `{import_line}`."
)
REPRESENTATION_LINE: Mapping[Representation, str] = {
    Representation.SECTOR: N_(
        "A speaker speaks for their sector. Recorded votes: {rules}. Workspace id {workspace}."
    ),
    Representation.ORGANISATION: N_(
        "A speaker speaks for their organisation. Recorded votes: {rules}. Workspace id "
        "{workspace}."
    ),
}
ENTRY_LINE = N_("• {person} {organisation} · {tier}")
ENTRY_LINE_ROLE = N_("• {person} {organisation} · {tier} — *{role}*")
# The tiers with the partner types of the partnership agreement they stand for.
TIER_LABELS: Mapping[Tier, str] = {
    Tier.VOTING: N_("Voting (anchor/lead partner)"),
    Tier.ADVISORY: N_("Advisory (associate partner: shown, not counted)"),
    Tier.OBSERVER: N_("Observer (sees rounds, no level)"),
}
