"""Hypothesis profiles for the domain tests.

``mutation`` (set by ``make mutation``): the same examples every run and no example
database, so a mutant is judged by the same inputs each time and leaves nothing behind.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("mutation", derandomize=True, database=None)
if os.environ.get("HYPOTHESIS_PROFILE") == "mutation":
    settings.load_profile("mutation")
