"""Slack's roster files: the first column names each person by their Slack member id."""

from __future__ import annotations

from bot.usecases.roster import RosterFile

# Slack's longest member ids are well under this; anything longer is not one.
MAX_MEMBER_ID = 20


def read_member_id(text: str) -> str | None:
    """A member id as Slack writes it (``U012AB3CD``, ``W…`` on Enterprise Grid), whatever
    the case it was typed in: Slack's ids are upper case, and a lower-case copy would write a
    roster nobody matches. None if it is not one."""
    user = text.strip().upper()
    if (
        user[:1] in ("U", "W")
        and user[1:].isalnum()
        and user.isascii()
        and 2 < len(user) <= MAX_MEMBER_ID
    ):
        return user
    return None


# The heading existing files have always had.
ROSTER_FILE = RosterFile(id_column="slack_user_id", read_id=read_member_id)
