"""Surviving mutants that make no observable difference, with the reason (docs/TESTING.md).

Keyed by (file, function, original, mutant) so the entries survive edits elsewhere.
"""

from __future__ import annotations

EQUIVALENT: dict[tuple[str, str, str, str], str] = {}
