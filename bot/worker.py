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

from bot.services import ConsensusService

log = logging.getLogger(__name__)
SWEEP_JOB = "sweep"


class Worker:
    def __init__(self, service: ConsensusService | None = None, interval: float = 5.0) -> None:
        self.service = service
        self._interval = interval
        self._scheduler: BackgroundScheduler | None = None
        self._kicked = threading.Event()
        self._running = threading.Lock()
        self._stopping = threading.Event()

    def start(self) -> None:
        scheduler = BackgroundScheduler(
            timezone=UTC,
            # Two instances: the running sweep, and a tick that hands over to it at once.
            job_defaults={"coalesce": True, "max_instances": 2, "misfire_grace_time": None},
        )
        scheduler.add_job(
            self.sweep,
            "interval",
            seconds=self._interval,
            id=SWEEP_JOB,
            next_run_time=datetime.now(UTC),  # start-up catches up on what fell due while down
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
        if self.service is not None:
            try:
                released = self.service.release_claims()
            except Exception:
                log.exception("could not hand back claimed work; its lease will lapse")
            else:
                if released:
                    log.info("handed back %d claimed deliveries", released)

    def kick(self) -> None:
        """Ask for a sweep now; a sweep in progress runs once more instead."""
        self._kicked.set()
        scheduler = self._scheduler
        if scheduler is None:
            return
        try:
            scheduler.modify_job(SWEEP_JOB, next_run_time=datetime.now(UTC))
        except Exception:  # shutting down
            log.debug("kick ignored", exc_info=True)

    def sweep(self) -> None:
        if self.service is None:
            return
        while True:
            # One sweep at a time in this process. A tick or kick that lands during a sweep
            # sets the flag, and the loop runs again once the lock is released: none is lost.
            if not self._running.acquire(blocking=False):
                self._kicked.set()
                return
            try:
                self._kicked.clear()
                self.service.run_due_work(stopping=self._stopping.is_set)
            except Exception:
                log.exception("sweep failed; the next one retries")
            finally:
                self._running.release()
            if not self._kicked.is_set() or self._stopping.is_set():
                return
