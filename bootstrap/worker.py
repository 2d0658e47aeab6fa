"""The scheduler: APScheduler interval sweeps over due work stored in the database.

No job per round lives in memory: the database says what is due, and every process may
sweep (claims are atomic). `kick()` moves the sweep job's next run to now, e.g. right after
a round opens.

One sweep runs at a time in a process (a lock), and a running sweep loops until nothing
is due. A tick or kick that comes while it runs starts a second instance that only asks the
running one for another pass and returns, so APScheduler never has to skip a run (which it
logs as a warning that sets off operators' alerts).
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler

from bot.usecases.consensus_service import ConsensusService
from bot.usecases.delivery import Lane

log = logging.getLogger(__name__)
SWEEP_JOB = "sweep"
BULK_JOB = "sweep-bulk"


class _Lane:
    """One kind of sweep: at most one at a time in this process, and no kick lost."""

    def __init__(self, job_id: str, lane: Lane) -> None:
        self.job_id = job_id
        self.lane = lane
        self.kicked = threading.Event()
        self.running = threading.Lock()


class Worker:
    """Two lanes of sweeps: the work people wait for (round messages, outcomes, thread
    posts) never queues behind a paced reminder wave, which has a lane of its own."""

    def __init__(self, service: ConsensusService, interval: float = 5.0) -> None:
        self.service = service
        self._interval = interval
        self._scheduler: BackgroundScheduler | None = None
        self._lanes = (_Lane(SWEEP_JOB, Lane.INTERACTIVE), _Lane(BULK_JOB, Lane.BULK))
        self._stopping = threading.Event()

    def start(self) -> None:
        scheduler = BackgroundScheduler(
            timezone=UTC,
            # Two instances: the running sweep, and a tick that hands over to it at once.
            job_defaults={"coalesce": True, "max_instances": 2, "misfire_grace_time": None},
        )
        for lane in self._lanes:
            scheduler.add_job(
                self._sweep,
                "interval",
                args=[lane],
                seconds=self._interval,
                id=lane.job_id,
                next_run_time=datetime.now(UTC),  # catch up on what fell due while down
            )
        scheduler.start()
        self._scheduler = scheduler

    def stop(self) -> None:
        """Stop sweeping: a sweep in progress ends after its current delivery, and what this
        process had claimed but not delivered is handed back for others to take at once."""
        self._stopping.set()
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None
        try:
            released = self.service.release_claims()
        except Exception:
            log.exception("could not hand back claimed work; its lease will lapse")
        else:
            if released:
                log.info("handed back %d claimed deliveries", released)

    def kick(self) -> None:
        """Ask for sweeps now; a sweep in progress runs once more instead."""
        scheduler = self._scheduler
        for lane in self._lanes:
            lane.kicked.set()
            if scheduler is None:
                continue
            try:
                scheduler.modify_job(lane.job_id, next_run_time=datetime.now(UTC))
            except Exception:  # shutting down
                log.debug("kick ignored", exc_info=True)

    def sweep(self) -> None:
        """Run every lane's sweep now, one after the other (tests, tools).

        A sweep already running in this process is waited for, not merely asked for another
        pass, so whatever was due when this was called has been tried when it returns.
        """
        for lane in self._lanes:
            self._sweep(lane, wait=True)

    def _sweep(self, lane: _Lane, wait: bool = False) -> None:
        while True:
            # One sweep per lane at a time in this process. A tick or kick that lands during
            # a sweep sets the flag, and the loop runs again once the lock is released.
            if not lane.running.acquire(blocking=wait):
                lane.kicked.set()
                return
            try:
                lane.kicked.clear()
                self.service.run_due_work(lane=lane.lane, stopping=self._stopping.is_set)
            except Exception:
                log.exception("sweep failed; the next one retries")
            finally:
                lane.running.release()
            if not lane.kicked.is_set() or self._stopping.is_set():
                return
