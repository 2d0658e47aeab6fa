"""Messages for a roster file being imported (``bot.usecases.roster.parse_roster_csv``)."""

from __future__ import annotations

from bot.domain.errors import Problem
from bot.usecases.roster import RosterFileProblem
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    RosterFileProblem.EMPTY: N_("The roster file is empty. Its header is: {columns}"),
    RosterFileProblem.BAD_HEADER: N_(
        "Line {line}: the header must be exactly `{columns}`, not `{found}`."
    ),
    RosterFileProblem.TOO_MANY_ROWS: N_("The file has more than {limit} people; split it."),
    RosterFileProblem.WRONG_COLUMN_COUNT: N_(
        "Line {line}: expected {expected} columns ({columns}), found {found}."
    ),
    RosterFileProblem.NOT_A_USER_ID: N_(
        "Line {line}: `{found}` is not a Slack user id (like U012AB3CD; "
        "in Slack open the profile, ⋮ → Copy member ID)."
    ),
    RosterFileProblem.BAD_LINE: N_("Line {line}: {cause}"),
    RosterFileProblem.NOT_IMPORTED: N_("The file was not imported: {cause}"),
}
