"""Real sizes under Slack's rate tiers: part of `make bench` (see docs/PERFORMANCE.md).

Each number is printed beside a floor measured in the same run, on the same emulator with
the same limits enforced:

- **Start in a channel of 1,000**: from `/consensus start` to the round message, against the
  floor of making the same Slack calls directly (the member list, the people, one post).
- **Outcome during a 1,000-DM reminder wave**: how long a chair who closes another round
  waits for its outcome while the wave goes out, and the wave's duration against the floor
  the reminder budget allows (1,000 ÷ REMINDERS_PER_MINUTE).
- **chat.update per minute per workspace**: five busy rounds on two replicas, against
  Slack's Tier 3 (50 a minute).

Not a test: nothing here asserts.
"""

from __future__ import annotations

import concurrent.futures
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from slack_sdk import WebClient

from slack_emulator.client import SlackUserSimulator
from slack_emulator.server import SlackEmulator
from tests.replicas.processes import BotProcess

SECRET = "scale-bench-secret"
TOKEN = "xoxb-scale-bench"
CHAIR = "U0SCHAIR"
BIG = 1000
# Reminders fast enough for a wave of 1,000 to take 10 s, so the bench stays short; the
# emulator's per-channel postMessage limit still applies to every DM.
BENCH_REMINDERS_PER_MINUTE = 6000
BUSY_ROUNDS = 5
BUSY_SECONDS = 40.0
TIER_3_PER_MINUTE = 50


@dataclass
class ScaleReport:
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> float:
    """Poll until ``condition`` holds; the monotonic time it first held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(0.01)
    raise RuntimeError(f"timed out waiting for {what}")


def bot(emulator: SlackEmulator, database: str, **env: str) -> BotProcess:
    return BotProcess(
        api_url=emulator.api_url,
        database_url=database,
        signing_secret=SECRET,
        bot_token=TOKEN,
        scheduler_interval=1.0,
        extra_env=env,
    ).wait_healthy()


def people(emulator: SlackEmulator, prefix: str, count: int) -> list[str]:
    ids = [f"U{prefix}{i:05d}" for i in range(count)]
    for user in ids:
        emulator.add_user(user, user.lower())
    return ids


def start_in_a_big_channel(workdir: Path, report: ScaleReport) -> None:
    with SlackEmulator() as emulator:
        emulator.add_user(CHAIR, "chair")
        members = [CHAIR, *people(emulator, "S", BIG - 1)]
        emulator.add_channel("C0BIG", "everyone", members)
        emulator.add_channel("C0FLOOR", "floor", members)
        emulator.rate_limits.enable()
        # The floor: the same calls, made directly, one after the other.
        client = WebClient(token=TOKEN, base_url=emulator.api_url)
        began = time.monotonic()
        cursor = None
        while True:
            page = client.conversations_members(channel="C0FLOOR", limit=1000, cursor=cursor)
            cursor = page["response_metadata"]["next_cursor"]
            if not cursor:
                break
        while True:
            page = client.users_list(limit=200, cursor=cursor)
            cursor = page["response_metadata"]["next_cursor"]
            if not cursor:
                break
        client.chat_postMessage(channel="C0FLOOR", text="floor")
        floor = time.monotonic() - began
        emulator.rate_limits.enable()  # a fresh minute for the bot

        process = bot(emulator, f"sqlite:///{workdir / 'big.db'}")
        try:
            sim = SlackUserSimulator(emulator, process.events_url, SECRET)
            began = time.monotonic()
            answered = sim.slash_command(CHAIR, "C0BIG", text="start Extend clinic hours")
            acked = time.monotonic() - began
            posted = wait_for(lambda: emulator.messages("C0BIG"), 30, "the round message") - began
        finally:
            process.stop()
    report.rows.append(
        (
            f"`/consensus start` in a channel of {BIG}, tiers enforced",
            f"{posted:.2f} s to the round message (chair answered in {acked * 1000:.0f} ms, "
            f"HTTP {answered.status})",
            f"{floor:.2f} s (the same Slack calls, direct)",
            f"{posted / floor:.1f}×",
        )
    )
    if posted > 3:
        report.missed.append(f"round posted {posted:.2f} s after start (target ≤ 3 s)")


def outcome_during_a_wave(workdir: Path, report: ScaleReport) -> None:
    with SlackEmulator() as emulator:
        emulator.add_user(CHAIR, "chair")
        crowd = people(emulator, "W", BIG - 1)  # and the chair: 1,000 voters
        emulator.add_channel("C0WAVE", "wave", [CHAIR, *crowd])
        emulator.add_channel("C0OTHER", "other", [CHAIR, *crowd[:5]])
        emulator.rate_limits.enable()
        process = bot(
            emulator,
            f"sqlite:///{workdir / 'wave.db'}",
            REMINDERS_PER_MINUTE=str(BENCH_REMINDERS_PER_MINUTE),
        )
        try:
            sim = SlackUserSimulator(emulator, process.events_url, SECRET)
            sim.slash_command(CHAIR, "C0WAVE", text="start Share one intake form --remind none")
            sim.slash_command(CHAIR, "C0OTHER", text="start Adopt the referral form")
            wait_for(lambda: emulator.messages("C0WAVE"), 30, "the wave's round")
            wait_for(lambda: emulator.messages("C0OTHER"), 30, "the other round")
            ts = emulator.messages("C0WAVE")[0].ts

            def dms() -> int:
                return sum(
                    1
                    for c in emulator.calls_to("chat.postMessage")
                    if c.ok and str(c.params.get("channel", "")).startswith("U")
                )

            began = time.monotonic()
            sim.click(CHAIR, "C0WAVE", ts, "round_remind")
            wait_for(lambda: dms() >= 10, 60, "the wave to start")
            closed = time.monotonic()
            sim.slash_command(CHAIR, "C0OTHER", text="close")
            outcome = (
                wait_for(lambda: len(emulator.messages("C0OTHER")) >= 2, 60, "the outcome") - closed
            )
            in_flight = dms() < BIG  # the outcome came while the wave was still going out
            done = wait_for(lambda: dms() >= BIG, 300, "the whole wave")
        finally:
            process.stop()
    wave = done - began
    floor = BIG / (BENCH_REMINDERS_PER_MINUTE / 60)
    report.rows.append(
        (
            f"outcome while a {BIG}-DM reminder wave goes out",
            f"{outcome:.2f} s from close to outcome"
            + ("" if in_flight else " (the wave had already ended)"),
            "–",
            "–",
        )
    )
    report.rows.append(
        (
            f"the {BIG}-DM wave ({BENCH_REMINDERS_PER_MINUTE}/min budget)",
            f"{wave:.1f} s",
            f"{floor:.1f} s (what the budget allows)",
            f"{wave / floor:.2f}×",
        )
    )
    if outcome > 5:
        report.missed.append(f"outcome {outcome:.2f} s after close during a wave (target ≤ 5 s)")
    if wave / floor > 1.2:
        report.missed.append(f"wave took {wave / floor:.2f}× its floor (target ≤ 1.2×)")


def updates_with_busy_rounds(workdir: Path, report: ScaleReport) -> None:
    with SlackEmulator() as emulator:
        emulator.add_user(CHAIR, "chair")
        crowd = people(emulator, "V", 400)
        channels = [f"C0BUSY{i}" for i in range(BUSY_ROUNDS)]
        for channel in channels:
            emulator.add_channel(channel, channel.lower(), [CHAIR, *crowd])
        database = f"sqlite:///{workdir / 'busy.db'}"
        replicas = [bot(emulator, database), bot(emulator, database)]
        try:
            sims = [SlackUserSimulator(emulator, r.events_url, SECRET) for r in replicas]
            for channel in channels:
                sims[0].slash_command(CHAIR, channel, text="start Busy round --remind none")
            for channel in channels:
                wait_for(lambda c=channel: emulator.messages(c), 30, f"round in {channel}")
            messages = {c: emulator.messages(c)[0].ts for c in channels}
            emulator.clear_calls()
            began = time.monotonic()
            clicks = [(voter, channel) for voter in crowd for channel in channels]
            interval = BUSY_SECONDS / len(clicks)

            def click(i: int) -> None:
                voter, channel = clicks[i]
                time.sleep(max(0.0, began + i * interval - time.monotonic()))
                sims[i % 2].click(voter, channel, messages[channel], "vote_2")

            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                list(pool.map(click, range(len(clicks))))
            elapsed = time.monotonic() - began
            updates = sorted(c.at for c in emulator.calls_to("chat.update"))
        finally:
            for replica in replicas:
                replica.stop()
    window = max(
        (sum(1 for u in updates if start <= u < start + 60) for start in updates), default=0
    )
    per_minute = len(updates) / elapsed * 60
    report.rows.append(
        (
            f"chat.update, {BUSY_ROUNDS} busy rounds on 2 replicas, {elapsed:.0f} s",
            f"{per_minute:.0f} a minute ({len(updates)} calls; {window} in the busiest 60 s)",
            f"{TIER_3_PER_MINUTE} a minute (Tier 3)",
            f"{per_minute / TIER_3_PER_MINUTE:.2f}×",
        )
    )
    if per_minute > TIER_3_PER_MINUTE or window > TIER_3_PER_MINUTE:
        report.missed.append(f"{per_minute:.0f} chat.update a minute (target ≤ Tier 3, 50)")


def run(workdir: Path) -> ScaleReport:
    report = ScaleReport()
    for scenario in (start_in_a_big_channel, outcome_during_a_wave, updates_with_busy_rounds):
        scenario(workdir, report)
        print(f"measured: {scenario.__name__.replace('_', ' ')}")
    return report


def table(report: ScaleReport) -> str:
    lines = [
        "| real sizes, Slack's tiers enforced | measured | floor (same run) | ratio |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in report.rows]
    return "\n".join(lines)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
        result = run(Path(tmp))
    print(table(result))
    for line in result.missed:
        print("  -", line)
