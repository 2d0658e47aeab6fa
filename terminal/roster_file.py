"""The terminal's roster files: the first column names each person as they type their name."""

from __future__ import annotations

import re

from bot.usecases.roster import RosterFile
from terminal.grammar import PERSON_ID

_PERSON = re.compile(PERSON_ID)


def read_person(text: str) -> str | None:
    """A person's id as the session knows them (``ana``), or None if it cannot be one."""
    person = text.strip()
    return person if _PERSON.fullmatch(person) else None


ROSTER_FILE = RosterFile(id_column="person", read_id=read_person)
