"""`make bench`: the vote path against bare Bolt, on SQLite and on PostgreSQL (two replicas).

One run, one machine, one server stack (uvicorn + Starlette + AsyncApp), one Slack emulator.
Every server is its own OS process; so is the load generator (32 keep-alive connections).
For 200 and 500 distinct partners clicking a level at once it measures click → ack latency
and votes/s for the bot's real vote path and for a bare Bolt app that only acks; then lost
votes, `chat.update` calls per round, one scheduler sweep over 10,000 open rounds, and the
bot processes' peak memory. It prints one table and says which targets were missed.

PostgreSQL: CONSENSUS_BENCH_POSTGRES_URL or CONSENSUS_TEST_POSTGRES_URL, else the local
server at postgresql+psycopg://postgres@127.0.0.1:5432/test; a schema of its own is used
and dropped. Not a test: nothing here asserts; see docs/PERFORMANCE.md.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

from bot.clock import SystemClock
from bot.domain.round import RoundDraft
from bot.domain.scale import DEFAULT_PROFILE
from bot.usecases.consensus_service import ConsensusService
from slack_emulator.client import SimResponse, SlackUserSimulator
from slack_emulator.server import SlackEmulator
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.store import SqlStore
from storage.tables import RoundRow, TaskRow
from tests.bench import scale_bench
from tests.databases import postgres_schema
from tests.fakes import FixedDirectory, RecordingNotifier
from tests.replicas.processes import ROOT, BotProcess, start_replicas

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
CHAIR = "U0CHAIR"
SIZES = (200, 500)
OPEN_ROUNDS = 10_000
PARTNERS = [f"U0B{i:04d}" for i in range(max(SIZES))]
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass
class Burst:
    name: str
    partners: int
    p50: float = 0.0
    p99: float = 0.0
    worst: float = 0.0
    votes_per_s: float = 0.0
    failed: int = 0
    lost: int | None = None
    updates: int | None = None
    min_gap: float | None = None  # seconds between consecutive chat.update calls
    final_true: bool | None = None


@dataclass
class Report:
    bursts: list[Burst] = field(default_factory=list)
    sweeps: dict[str, tuple[float, float]] = field(default_factory=dict)
    memory: dict[str, float] = field(default_factory=dict)


class _Capture(SlackUserSimulator):
    """Builds exactly the signed requests Slack would send, without sending them."""

    captured: list[tuple[bytes, dict[str, str]]]

    def send_raw(self, body: bytes, headers: dict[str, str]) -> SimResponse:
        self.captured.append((body, headers))
        return SimResponse(status=200, headers={}, body="")


# ------------------------------------------------------------------------------- set-up
def seed_open_rounds(engine: Engine, count: int) -> None:
    """``count`` open, posted rounds with reminders due later: nothing for a sweep to do."""
    now = datetime.now(UTC)
    rounds = [
        {
            "workspace": "T0BENCH",
            "channel": f"C0SEED{i % 50}",
            "chair": CHAIR,
            "title": f"Seeded proposal {i}",
            "details": "",
            "voters": json.dumps([CHAIR, *PARTNERS[:8]]),
            "profile_key": DEFAULT_PROFILE.key,
            "quorum": "2/3",
            "reminders": '["1/2"]',
            "opened_at": now,
            "closes_at": now + timedelta(days=1 + i % 30),
            "status": "open",
            "message_ref": f"1700000000.{i:06d}",
            "revision": 1,
        }
        for i in range(count)
    ]
    with engine.begin() as connection:
        ids = connection.execute(insert(RoundRow).returning(RoundRow.id), rounds).scalars().all()  # type: ignore[arg-type]
        tasks = []
        for n, round_id in enumerate(ids):
            base = {"round_id": round_id, "escalation_id": None, "target": "", "payload": "{}"}
            tasks.append(
                {
                    **base,
                    "kind": "post_round",
                    "key": "",
                    "due_at": now,
                    "status": "done",
                    "attempts": 0,
                }
            )
            later = now + timedelta(hours=12 + n % 300)
            tasks.append(
                {
                    **base,
                    "kind": "remind_wave",
                    "key": f"at:{later.isoformat()}",
                    "due_at": later,
                    "status": "pending",
                    "attempts": 0,
                }
            )
        connection.execute(insert(TaskRow), tasks)


def time_sweeps(engine: Engine, runs: int = 7) -> tuple[float, float]:
    """One scheduler sweep with nothing due: (median, worst) in ms over ``runs`` sweeps."""
    service = ConsensusService(
        lambda: SqlStore(engine), SystemClock(), RecordingNotifier(), FixedDirectory()
    )
    service.run_due_work()  # connect, warm caches
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        report = service.run_due_work()
        times.append((time.perf_counter() - began) * 1000)
        assert report.done == report.closed == 0, report
    return statistics.median(times), max(times)


def open_round(
    engine: Engine, emulator: SlackEmulator, partners: int, tag: str
) -> tuple[int, str, str]:
    """A round for ``partners`` people in a channel of its own, once the bot has posted it."""
    channel = f"C0{tag.upper()}"
    voters = PARTNERS[:partners]  # the chair runs the round without a level of their own
    emulator.add_channel(channel, tag.lower(), [CHAIR, *voters])
    service = ConsensusService(
        lambda: SqlStore(engine), SystemClock(), RecordingNotifier(), FixedDirectory()
    )
    round_ = service.start_round(
        RoundDraft(
            workspace="T0BENCH",
            channel=channel,
            chair=CHAIR,
            title=f"Benchmark round {tag}",
            voters=tuple(voters),
            reminders=(),
            closes_at=datetime.now(UTC) + timedelta(days=2),
        )
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        posted = [m for m in emulator.messages(channel) if not m.thread_ts]
        if posted:
            return round_.id, channel, posted[0].ts
        time.sleep(0.05)
    raise RuntimeError(f"the round message for {tag} was never posted")


def click_requests(
    emulator: SlackEmulator, channel: str, ts: str, partners: int, urls: list[str]
) -> list[dict[str, Any]]:
    """One signed level click per partner, spread round-robin over ``urls``."""
    capture = _Capture(emulator, urls[0], SECRET)
    capture.captured = []
    for i in range(partners):
        capture.click(PARTNERS[i], channel, ts, f"vote_{1 + i % 4}")
    return [
        {"url": urls[i % len(urls)], "body": body.decode(), "headers": headers}
        for i, (body, headers) in enumerate(capture.captured)
    ]


def fire(requests: list[dict[str, Any]], workdir: Path) -> dict[str, Any]:
    source, sink = workdir / "requests.json", workdir / "results.json"
    source.write_text(json.dumps(requests))
    subprocess.run(
        [sys.executable, "-m", "tests.bench.load", str(source), str(sink)],
        cwd=ROOT,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return dict(json.loads(sink.read_text()))


def measure(name: str, partners: int, outcome: dict[str, Any]) -> Burst:
    results = outcome["results"]
    latencies = sorted((r["ended"] - r["began"]) * 1000 for r in results)
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return Burst(
        name=name,
        partners=partners,
        p50=q[49],
        p99=q[98],
        worst=latencies[-1],
        votes_per_s=len(results) / outcome["wall"],
        failed=sum(1 for r in results if r["status"] != 200),
    )


def check_round(
    burst: Burst,
    engine: Engine,
    emulator: SlackEmulator,
    round_id: int,
    channel: str,
    ts: str,
    outcome: dict[str, Any],
    began: float,
) -> None:
    """Lost votes, and the round message's redraws until it shows the true count."""
    acked = {PARTNERS[i] for i, r in enumerate(outcome["results"]) if r["status"] == 200}
    with SqlStore(engine) as store:
        stored = {s.voter for s in store.stances(round_id)}
    burst.lost = len(acked - stored)
    truth = f"{len(stored)} of {burst.partners} have responded"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        message = emulator.message(channel, ts)
        if message is not None and truth in json.dumps(message.blocks):
            break
        time.sleep(0.1)
    time.sleep(1.5)  # a redraw still queued would show up now
    message = emulator.message(channel, ts)
    burst.final_true = message is not None and truth in json.dumps(message.blocks)
    updates = sorted(
        c.at for c in emulator.calls_to("chat.update") if c.params.get("ts") == ts and c.at >= began
    )
    burst.updates = len(updates)
    # Recorded when each call finished, so a 1 s spacing of starts can look like 0.98 s.
    gaps = [b - a for a, b in pairwise(updates)]
    burst.min_gap = min(gaps) if gaps else None


# ------------------------------------------------------------------------------- servers
def bot_processes(count: int, emulator: SlackEmulator, database_url: str) -> list[BotProcess]:
    return start_replicas(
        count,
        api_url=emulator.api_url,
        database_url=database_url,
        signing_secret=SECRET,
        bot_token=TOKEN,
        scheduler_interval=5.0,
    )


@contextmanager
def running(processes: list[BotProcess]) -> Iterator[list[BotProcess]]:
    try:
        yield processes
    finally:
        for process in processes:
            process.stop()


def postgres_url() -> str:
    return (
        os.environ.get("CONSENSUS_BENCH_POSTGRES_URL")
        or os.environ.get("CONSENSUS_TEST_POSTGRES_URL")
        or DEFAULT_POSTGRES
    )


# ------------------------------------------------------------------------------- the run
def run() -> Report:
    report = Report()
    emulator = SlackEmulator()
    emulator.add_user(CHAIR, "chair")
    for partner in PARTNERS:
        emulator.add_user(partner, partner.lower())
    with (
        emulator,
        tempfile.TemporaryDirectory(prefix="bench-") as tmp,
        postgres_schema(postgres_url()) as pg_url,
    ):
        workdir = Path(tmp)
        databases = {"SQLite": f"sqlite:///{workdir / 'bench.db'}", "PostgreSQL": pg_url}
        engines = {name: make_engine(url) for name, url in databases.items()}
        for name, engine in engines.items():
            upgrade(engine)
            seed_open_rounds(engine, OPEN_ROUNDS)
            report.sweeps[name] = time_sweeps(engine)
            print(
                f"seeded {OPEN_ROUNDS} open rounds on {name}; sweep {report.sweeps[name][0]:.1f} ms"
            )

        bare = BotProcess(
            api_url=emulator.api_url,
            database_url=databases["SQLite"],
            signing_secret=SECRET,
            bot_token=TOKEN,
            module="tests.bench.bare_bolt",
            args=(),
        )
        with (
            running([bare.wait_healthy()]),
            running(bot_processes(1, emulator, databases["SQLite"])) as sqlite_bot,
            running(bot_processes(2, emulator, databases["PostgreSQL"])) as pg_bots,
        ):
            for partners in SIZES:
                # The bot on SQLite, one process.
                round_id, channel, ts = open_round(
                    engine := engines["SQLite"], emulator, partners, f"s{partners}"
                )
                requests = click_requests(
                    emulator, channel, ts, partners, [p.events_url for p in sqlite_bot]
                )
                began = time.time()
                outcome = fire(requests, workdir)
                burst = measure("bot · SQLite · 1 process", partners, outcome)
                check_round(burst, engine, emulator, round_id, channel, ts, outcome, began)
                # Bare Bolt: the same clicks (on the same message), only acked.
                bare_requests = click_requests(emulator, channel, ts, partners, [bare.events_url])
                bare_burst = measure(
                    "bare Bolt AsyncApp (ack only)", partners, fire(bare_requests, workdir)
                )
                # The bot on PostgreSQL, two replicas behind a round-robin balancer.
                round_id, channel, ts = open_round(
                    engine := engines["PostgreSQL"], emulator, partners, f"p{partners}"
                )
                requests = click_requests(
                    emulator, channel, ts, partners, [p.events_url for p in pg_bots]
                )
                began = time.time()
                outcome = fire(requests, workdir)
                pg_burst = measure("bot · PostgreSQL · 2 replicas", partners, outcome)
                check_round(pg_burst, engine, emulator, round_id, channel, ts, outcome, began)
                report.bursts += [bare_burst, burst, pg_burst]
                print(f"measured {partners} partners")
            for name, processes in (("SQLite", sqlite_bot), ("PostgreSQL", pg_bots)):
                report.memory[name] = max(p.peak_rss_mb() for p in processes)
        for engine in engines.values():
            engine.dispose()
    return report


# ------------------------------------------------------------------------------- output
def table(report: Report) -> tuple[str, list[str]]:
    lines = [
        "| server (uvicorn + Starlette + AsyncApp) | partners | p50 ms | p99 ms | max ms | votes/s | p50 × bare | votes/s ÷ bare | failed | lost | chat.update (closest two) | final count true |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    missed: list[str] = []
    bare = {b.partners: b for b in report.bursts if b.name.startswith("bare")}
    for b in report.bursts:
        base = bare[b.partners]
        ratio_p50 = b.p50 / base.p50 if base.p50 else float("nan")
        ratio_rate = b.votes_per_s / base.votes_per_s if base.votes_per_s else float("nan")
        is_bot = b.lost is not None
        gap = f"{b.min_gap:.2f} s" if b.min_gap is not None else "–"
        updates = f"{b.updates} ({gap})" if is_bot else "–"
        lines.append(
            f"| {b.name} | {b.partners} | {b.p50:.0f} | {b.p99:.0f} | {b.worst:.0f} | "
            f"{b.votes_per_s:.0f} | {ratio_p50:.2f} | {ratio_rate:.0%} | {b.failed} | "
            f"{b.lost if is_bot else '–'} | {updates} | "
            f"{('yes' if b.final_true else 'NO') if is_bot else '–'} |"
        )
        if not is_bot:
            continue
        where = f"{b.name}, {b.partners} partners"
        if ratio_p50 > 2:
            missed.append(f"{where}: p50 is {ratio_p50:.2f}× bare Bolt's (target ≤ 2×)")
        if ratio_rate < 0.5:
            missed.append(f"{where}: {ratio_rate:.0%} of bare Bolt's votes/s (target ≥ 50%)")
        if b.lost or b.failed:
            missed.append(f"{where}: {b.lost} lost, {b.failed} failed (target 0)")
        if b.worst >= 3000:
            missed.append(f"{where}: slowest answer {b.worst:.0f} ms (target < 3 s)")
        if b.min_gap is not None and b.min_gap < 0.9:
            missed.append(
                f"{where}: two chat.update calls {b.min_gap:.2f} s apart "
                "(target: at most 1 per second per round)"
            )
        if not b.final_true:
            missed.append(f"{where}: the round message did not end with the true count")
    lines.append("")
    lines.append(
        "| scheduler sweep, 10,000 open rounds, nothing due | median ms | worst of 7 ms | bot peak RSS MiB |"
    )
    lines.append("|---|---|---|---|")
    for name, (median, worst) in report.sweeps.items():
        memory = report.memory.get(name, float("nan"))
        lines.append(f"| {name} | {median:.1f} | {worst:.1f} | {memory:.0f} |")
        if median >= 50:
            missed.append(f"sweep on {name}: {median:.1f} ms (target < 50 ms)")
        if memory >= 150:
            missed.append(f"memory on {name}: {memory:.0f} MiB (target < 150 MB)")
    return "\n".join(lines), missed


def main() -> int:
    began = time.monotonic()
    report = run()
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        scale = scale_bench.run(Path(tmp))
    text, missed = table(report)
    missed += scale.missed
    print()
    print(f"consensus-bot benchmark · {os.cpu_count()} cores · Python {sys.version.split()[0]}")
    print(text)
    print()
    print(scale_bench.table(scale))
    print()
    if missed:
        print("Targets missed (docs/PERFORMANCE.md says why and what would fix it):")
        for line in missed:
            print(f"  - {line}")
    else:
        print("All targets met.")
    print(f"(benchmark took {time.monotonic() - began:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
