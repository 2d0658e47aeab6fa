"""Two bot processes on one database: every vote counted once, every post made once.

Real OS processes (`python -m bootstrap.cli run --http`), one SlackEmulator in the test, one
database (a PostgreSQL schema, or one SQLite file). Times are moved by editing the stored
round and tasks (as if the deadline had come), so nothing here waits on a fixed delay: the
test polls until the expected state, then lets both replicas sweep a few more times to
show nothing is sent twice.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot.clock import SystemClock
from bot.domain.round import RoundDraft
from bot.ports import TaskKind
from bot.usecases.consensus_service import ConsensusService
from slack_emulator.client import SlackUserSimulator
from slack_emulator.server import SlackEmulator
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.store import SqlStore
from tests.databases import ENGINES, fresh_database
from tests.fakes import FixedDirectory, RecordingNotifier
from tests.replicas.processes import BotProcess, start_replicas

SECRET = "replica-signing-secret"
TOKEN = "xoxb-replica-token"
CHAIR = "U0CHAIR"
VOTERS = [CHAIR, *(f"U0P{i:02d}" for i in range(15))]
ABSENT = VOTERS[-4:]  # never vote: they are the ones reminded
PRESENT = VOTERS[:-4]


@pytest.fixture(scope="module", params=ENGINES)
def shared_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Engine]]:
    """One database per engine for this module's tests (they use separate channels)."""
    with fresh_database(request.param, tmp_path_factory.mktemp("replicas")) as url:
        engine = make_engine(url)
        upgrade(engine)
        yield url, engine
        engine.dispose()


@pytest.fixture(scope="module")
def module_emulator() -> Iterator[SlackEmulator]:
    emulator = SlackEmulator()
    for user in VOTERS:
        emulator.add_user(user, user.lower())
    with emulator:
        yield emulator


@pytest.fixture(scope="module")
def replicas(
    module_emulator: SlackEmulator, shared_database: tuple[str, Engine]
) -> Iterator[list[BotProcess]]:
    """Two bot processes started together; both migrate (a serialised no-op race)."""
    processes = start_replicas(
        2,
        api_url=module_emulator.api_url,
        database_url=shared_database[0],
        signing_secret=SECRET,
        bot_token=TOKEN,
        scheduler_interval=0.1,
    )
    yield processes
    for process in processes:
        process.stop()


@pytest.fixture
def engine(shared_database: tuple[str, Engine]) -> Engine:
    return shared_database[1]


@pytest.fixture
def emulator(module_emulator: SlackEmulator, replicas: list[BotProcess]) -> SlackEmulator:
    """The emulator with no calls recorded yet (the replicas are idle between tests)."""
    module_emulator.clear_calls()
    return module_emulator


@pytest.fixture
def channel(emulator: SlackEmulator) -> str:
    """A channel of this test's own, with everyone in it."""
    channel_id = f"C0R{uuid.uuid4().hex[:8].upper()}"
    emulator.add_channel(channel_id, channel_id.lower(), VOTERS)
    return channel_id


def wait_for(
    condition: Callable[[], bool], what: str, emulator: SlackEmulator, timeout: float = 20.0
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            sent = [(c.params.get("channel"), c.ok) for c in emulator.calls_to("chat.postMessage")]
            raise AssertionError(f"timed out waiting for {what}; chat.postMessage so far: {sent}")
        time.sleep(0.05)


def let_both_sweep() -> None:
    """Several sweep intervals of both replicas, so a duplicate would have time to appear."""
    time.sleep(1.0)


def open_round(
    engine: Engine, channel: str, voters: list[str], title: str = "Referral form"
) -> int:
    """Open a round as the bot would, far from its deadline and with no automatic reminders."""
    service = ConsensusService(
        lambda: SqlStore(engine), SystemClock(), RecordingNotifier(), FixedDirectory()
    )
    round_ = service.start_round(
        RoundDraft(
            workspace="T0REPLICA",
            channel=channel,
            chair=CHAIR,
            title=title,
            voters=tuple(voters),
            reminders=(),
            closes_at=datetime.now(UTC) + timedelta(days=1),
        )
    )
    return round_.id


def remind_now(engine: Engine, round_id: int) -> None:
    with SqlStore(engine) as store:
        store.add_task(TaskKind.REMIND_WAVE, round_id, "test-wave", datetime.now(UTC))


def reach_deadline(engine: Engine, round_id: int) -> None:
    with SqlStore(engine) as store:
        round_ = store.get_round(round_id, lock="update")
        assert round_ is not None
        store.save_round(replace(round_, closes_at=datetime.now(UTC)))


def posts(emulator: SlackEmulator, channel: str) -> Counter[str]:
    """chat.postMessage calls by kind: the round, its outcome, and a reminder per person."""
    kinds: Counter[str] = Counter()
    for call in emulator.calls_to("chat.postMessage"):
        if not call.ok:
            continue
        # Where it landed: a post to a person's id lands in their DM with the bot.
        to, text = call.response.get("channel"), str(call.params.get("text", ""))
        dm = emulator.channel(to)
        if dm is not None and dm.im_user:
            kinds[f"reminder:{dm.im_user}"] += 1
        elif to != channel:
            continue
        elif call.params.get("thread_ts"):
            kinds["thread"] += 1
        elif text.startswith("Proposal"):
            kinds["round"] += 1
        else:
            kinds["outcome"] += 1
    return kinds


def round_ts(emulator: SlackEmulator, channel: str) -> str:
    return next(m for m in emulator.messages(channel) if not m.thread_ts).ts


def test_a_round_voted_through_two_replicas_counts_each_vote_once_and_posts_once(
    emulator: SlackEmulator, engine: Engine, replicas: list[BotProcess], channel: str
) -> None:
    round_id = open_round(engine, channel, VOTERS)
    wait_for(lambda: posts(emulator, channel)["round"] >= 1, "the round message", emulator)
    ts = round_ts(emulator, channel)
    sims = [SlackUserSimulator(emulator, r.events_url, SECRET) for r in replicas]

    # Everyone present clicks at once, alternately through each replica (a load balancer).
    def click(i: int, voter: str, level: int) -> int:
        return sims[i % 2].click(voter, channel, ts, f"vote_{level}").status

    with ThreadPoolExecutor(len(PRESENT)) as pool:
        statuses = list(pool.map(lambda iv: click(iv[0], iv[1], 1), enumerate(PRESENT)))
    assert statuses == [200] * len(PRESENT)
    # Three change their minds through the other replica: still one stance each.
    for i, voter in enumerate(PRESENT[:3]):
        assert click(i + 1, voter, 3) == 200

    with SqlStore(engine) as store:
        stances = {s.voter: s.level for s in store.stances(round_id)}
    expected = {v: 3 if v in PRESENT[:3] else 1 for v in PRESENT}
    assert stances == expected  # no vote lost, none counted twice

    remind_now(engine, round_id)
    wait_for(
        lambda: sum(k.startswith("reminder:") for k in posts(emulator, channel)) == len(ABSENT),
        "reminders",
        emulator,
    )
    reach_deadline(engine, round_id)
    wait_for(lambda: posts(emulator, channel)["outcome"] >= 1, "the outcome", emulator)
    let_both_sweep()

    kinds = posts(emulator, channel)
    assert kinds == Counter({"round": 1, "outcome": 1, **{f"reminder:{v}": 1 for v in ABSENT}}), (
        kinds
    )
    outcome_text = [
        c.params for c in emulator.calls_to("chat.postMessage") if c.params["channel"] == channel
    ][-1]
    assert f"{len(PRESENT)} of {len(VOTERS)} responded" in str(outcome_text["blocks"])
    final = emulator.message(channel, ts)
    assert final is not None and f"{len(PRESENT)} of {len(VOTERS)} responded" in str(final.blocks)
    for replica in replicas:
        assert "Traceback" not in replica.log(), replica.log()


def test_two_replicas_sweeping_one_database_never_post_a_reminder_or_outcome_twice(
    emulator: SlackEmulator, engine: Engine, replicas: list[BotProcess], channel: str
) -> None:
    # Reminder DMs are paced per process, so a few people in a few rounds keep this quick.
    people = VOTERS[:3]
    rounds = [open_round(engine, channel, people, f"Proposal {n}") for n in range(5)]
    wait_for(
        lambda: posts(emulator, channel)["round"] >= len(rounds), "the round messages", emulator
    )
    # Every round is due for reminders and its deadline at the same moment, for both.
    for round_id in rounds:
        remind_now(engine, round_id)
    wait_for(
        lambda: (
            sum(n for k, n in posts(emulator, channel).items() if k.startswith("reminder:"))
            >= len(rounds) * len(people)
        ),
        "the reminders",
        emulator,
    )
    for round_id in rounds:
        reach_deadline(engine, round_id)
    wait_for(lambda: posts(emulator, channel)["outcome"] >= len(rounds), "the outcomes", emulator)
    let_both_sweep()

    kinds = posts(emulator, channel)
    assert kinds["round"] == len(rounds)
    assert kinds["outcome"] == len(rounds)
    # Each person is reminded once per round (one wave per round), never twice.
    assert {k: n for k, n in kinds.items() if k.startswith("reminder:")} == {
        f"reminder:{v}": len(rounds) for v in people
    }
