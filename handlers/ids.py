"""Every action, view and block identifier the Slack front end uses, defined once."""

from __future__ import annotations

import re

# Level buttons. `vote_N` records the level at once; `explain_N` opens the modal first
# (the button itself says which, so no database read stands between a click and views.open).
VOTE_PREFIX = "vote_"
EXPLAIN_PREFIX = "explain_"
# Whatever follows the prefix is taken, so that a forged level ("vote_7") is refused in words by
# the core's reading of levels (bot.domain.scale.read_level), not dropped without a word.
LEVEL_ACTION = re.compile(f"^({VOTE_PREFIX}|{EXPLAIN_PREFIX})(.*)", re.DOTALL)

# Chair controls on the round message; their value is "<round id>|<chair id>".
CLOSE_ACTION = "round_close"
EXTEND_ACTION = "round_extend"
REMIND_ACTION = "round_remind"
CANCEL_ACTION = "round_cancel"
CHAIR_ACTIONS = (CLOSE_ACTION, EXTEND_ACTION, REMIND_ACTION, CANCEL_ACTION)

# Follow-ups.
ADD_RESERVATION_ACTION = "add_reservation"
ESCALATE_ACTION = "round_escalate"
OPEN_START_ACTION = "open_start_form"

# Modals (callback ids).
START_VIEW = "start_round"
EXPLAIN_VIEW = "explain_level"
RESERVATION_VIEW = "add_reservation"
EXTEND_VIEW = "extend_round"

# Input blocks; each holds one element whose action id is the same name + "_input".
TITLE_BLOCK = "title"
DETAILS_BLOCK = "details"
VOTERS_BLOCK = "voters"
DEADLINE_BLOCK = "deadline"
QUORUM_BLOCK = "quorum"
RULE_BLOCK = "rule"
REMIND_BLOCK = "remind"
REASON_BLOCK = "reason"


def input_action(block_id: str) -> str:
    return f"{block_id}_input"


def vote_action(level: int, explain: bool) -> str:
    return f"{EXPLAIN_PREFIX if explain else VOTE_PREFIX}{level}"


def round_block(kind: str, round_id: int) -> str:
    """Block ids carry the round so a payload names what it is about."""
    return f"{kind}:{round_id}"


def pack(*parts: object) -> str:
    return "|".join(str(p) for p in parts)


def unpack(value: str | None, count: int) -> list[str]:
    """Split a packed button value; raises ValueError on anything malformed."""
    if value is not None and not isinstance(value, str):
        raise ValueError(f"malformed value {value!r}")  # a forged payload: not even a string
    parts = (value or "").split("|")
    if len(parts) != count or not all(parts):
        raise ValueError(f"malformed value {value!r}")
    return parts


# Governance (roster, revisions, recorded votes).
REVISE_ACTION = "round_revise"  # value "<round id>|<chair id>", like the chair controls
BALLOT_PREFIX = "ballot_"
BALLOT_ACTION = re.compile(r"^ballot_(for|against|abstain)$")  # value "<vote id>"
CLOSE_VOTE_ACTION = "recorded_vote_close"  # value "<vote id>|<chair id>"
REVISE_VIEW = "revise_round"
ANSWERS_BLOCK = "answers"
ADOPT_BLOCK = "adopt"
KEEP_PROPOSAL = "-"  # the "adopt no alternative" option of ADOPT_BLOCK


def ballot_action(choice: str) -> str:
    return f"{BALLOT_PREFIX}{choice}"
