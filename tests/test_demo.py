"""`make demo` runs from a clone and shows what the README promises: a roster with sector
speakers and an advisory partner, the outcome in plain words, and the auditor's export."""

from __future__ import annotations

import pytest

from harness.demo import run_demo


def test_the_demo_runs_a_round_to_its_outcome_and_writes_the_export(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_demo() == 0
    shown = capsys.readouterr().out
    assert "voting — *speaker*" in shown
    assert "Advisory input* (shown, not counted)" in shown
    assert ":x: *No consensus*: " in shown and "Next step: " in shown
    assert "=== 7. The export (consensus-bot export --format csv) written to " in shown
    assert "\nround,T0001,1,Adopt one shared discharge-referral form" in shown
    assert "Traceback" not in shown
