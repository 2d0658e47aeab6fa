"""Messages for eligibility (``bot.domain.eligibility``).

A refusal names each person with the reason in its own words (``handlers.eligibility_text``);
this template is the short form, for where that fuller answer is not built.
"""

from __future__ import annotations

from bot.domain.eligibility import EligibilityProblem
from bot.domain.errors import Problem
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    EligibilityProblem.NOT_ELIGIBLE: N_("These people cannot take part: {people}."),
}
