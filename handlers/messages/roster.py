"""Messages for the partnership's roster (``bot.domain.roster``)."""

from __future__ import annotations

from bot.domain.errors import Problem
from bot.domain.roster import RosterProblem
from handlers.messages.marker import N_

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
