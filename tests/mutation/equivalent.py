"""Surviving mutants that make no observable difference, with the reason (docs/TESTING.md).

Keyed by (file, function, original, mutant) so the entries survive edits elsewhere. An
entry here only matters when the mutant survives; a test that starts killing it wins.
"""

from __future__ import annotations

_VOTERS_FILTER = (
    "defensive filter: resolve() counts only seat holders and lists as advisory only people "
    "among the voters, so a response from anyone else is dropped there anyway"
)
_YEAR_GUARD = (
    "the early two-year guard is redundant: every caller of resolve_deadline runs "
    "validate_window next, which refuses anything over one year with the same message, and "
    "no duration the parser can produce (each part is capped at 10**6 units) overflows a date"
)
_GUARD = "if deadline.duration > MAX_DURATION * 2:"
_RAISE = "raise InvalidInput('A round can run for at most a year. Try `--deadlin"
_REMOVED = "pass  (statement removed)"

EQUIVALENT: dict[tuple[str, str, str, str], str] = {
    ("bot/domain/tally.py", "tally", "s.voter in voters", "(filter removed)"): _VOTERS_FILTER,
    (
        "bot/domain/recorded_vote.py",
        "count_vote",
        "b.voter in vote.voters",
        "(filter removed)",
    ): _VOTERS_FILTER,
    ("bot/deadline.py", "resolve_deadline", _GUARD, _REMOVED): _YEAR_GUARD,
    ("bot/deadline.py", "resolve_deadline", _RAISE, _REMOVED): _YEAR_GUARD,
    ("bot/deadline.py", "resolve_deadline", "2", "3"): _YEAR_GUARD,
    ("bot/deadline.py", "resolve_deadline", "2", "1"): _YEAR_GUARD,
    (
        "bot/deadline.py",
        "resolve_deadline",
        "deadline.duration > MAX_DURATION * 2",
        "deadline.duration >= MAX_DURATION * 2",
    ): _YEAR_GUARD,
}
