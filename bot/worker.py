"""The scheduler: APScheduler interval sweeps over due work stored in the database.

No job per round lives in memory: the database says what is due, and every process may
sweep (claims are atomic). `kick()` runs a sweep now, e.g. right after a round opens.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from typing import Any

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

    def start(self) -> None:
        scheduler = BackgroundScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
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
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None

    def kick(self) -> None:
        """Ask for a sweep now; a sweep in progress runs once more instead."""
        self._kicked.set()
        scheduler = self._scheduler
        if scheduler is None:
            return
        try:
            # Several kick jobs may overlap; the sweep lock inside keeps one sweep at a time.
            scheduler.add_job(
                self.sweep, id="kick", replace_existing=True, max_instances=8, **_now()
            )
        except Exception:  # shutting down
            log.debug("kick ignored", exc_info=True)

    def sweep(self) -> None:
        if self.service is None:
            return
        while True:
            # One sweep at a time in this process. A kick that lands during a sweep sets the
            # flag, and the loop runs again once the lock is released, so no kick is lost.
            if not self._running.acquire(blocking=False):
                return
            try:
                self._kicked.clear()
                self.service.run_due_work()
            except Exception:
                log.exception("sweep failed; the next one retries")
            finally:
                self._running.release()
            if not self._kicked.is_set():
                return


def _now() -> dict[str, Any]:
    return {"trigger": "date", "run_date": datetime.now(UTC)}
