"""The words for an outcome and a recorded vote's result.

The core's ``Outcome`` and ``VoteResult`` values are codes: they are stored on rounds and
votes and in the hash-chained decision record's entries, so they cannot change with a
reader's language. What a person reads comes from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from bot.domain.recorded_vote import VoteResult
from bot.domain.tally import Outcome
from handlers.messages.marker import N_, Np_

OUTCOME_NAMES: Mapping[Outcome, str] = {
    Outcome.CONSENSUS: N_("Consensus reached"),
    Outcome.NO_CONSENSUS: N_("No consensus"),
    Outcome.NO_QUORUM: N_("No quorum"),
}
RESULT_NAMES: Mapping[VoteResult, str] = {
    VoteResult.CARRIED: N_("Carried"),
    VoteResult.NOT_CARRIED: N_("Not carried"),
    VoteResult.NO_QUORUM: N_("No quorum"),
    VoteResult.PROTECTED: N_("Not carried: sector protection"),
}

# The same words for an outcome or result passed as a problem's parameter.
LABELS: Mapping[Enum, str] = {
    key: words for names in (OUTCOME_NAMES, RESULT_NAMES) for key, words in names.items()
}


def outcome_name(outcome: Outcome | str | None) -> str:
    """An outcome as people read it (a stored outcome arrives as its key; none: "")."""
    return OUTCOME_NAMES[Outcome(outcome)] if outcome else ""


def result_name(result: VoteResult | str | None) -> str:
    """A recorded vote's result as people read it (a stored result arrives as its key;
    none yet: "")."""
    return RESULT_NAMES[VoteResult(result)] if result else ""


# Why an outcome, as one plain sentence (``handlers.views.outcome``): the outcome's name, the
# rule that decided it and the counts, each reason a whole sentence.
BECAUSE_QUORUM = N_(
    "*{outcome}*: only {responded} of {eligible} responded and {needed} were needed, so the "
    "levels chosen do not decide."
)
BECAUSE_BLOCKED = N_(
    "*{outcome}*: {blocking}; under this partnership's rule, {consensus} are consensus."
)
BECAUSE_CONSENSUS = N_(
    "*{outcome}*: {responded} of {eligible} responded (quorum {needed}) and every counted "
    "response is at {consensus}, which are consensus under this partnership's rule."
)
# One level that blocked, with how many responses chose it.
BLOCKING = Np_(
    "{count} response is at level {level} ({name})",
    "{count} responses are at level {level} ({name})",
)
BLOCKING_UNKNOWN = N_("a response is at a level that blocks")
# Between the levels that blocked.
BLOCKING_SEPARATOR = N_(" and ")

# The levels a rule counts as consensus.
NO_LEVEL = N_("no level")
ONE_LEVEL = N_("level {level}")
LEVEL_SPAN = N_("levels {first}–{last}")
LEVEL_LIST = N_("levels {listed} and {last}")

# The next step the decision model allows, with the command for each.
NEXT_IMPLEMENT = N_("Next step: the partners commit to implementing it.")
NEXT_REVISE = N_("revise the proposal and run it again ({command_line})")
NEXT_ESCALATE = N_("escalate it to the steering committee ({command_line})")
NEXT_VOTE = N_("call a recorded vote ({command_line})")
NEXT_STEPS: Mapping[int, str] = {
    1: N_("Next step: the chair may {first}."),
    2: N_("Next step: the chair may {first}, or {second}."),
    3: N_("Next step: the chair may {first}, {second}, or {third}."),
}

# One level of the accessible distribution: "Level 3 Support with reservations: 2".
DISTRIBUTION_LEVEL = N_("Level {level} {name}: {count}")
