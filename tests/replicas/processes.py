"""Real bot processes for replica tests and the benchmark: `python -m bootstrap.cli run --http`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class BotProcess:
    """One replica: its own OS process, HTTP port and log file, on a shared database."""

    def __init__(
        self,
        *,
        api_url: str,
        database_url: str,
        signing_secret: str,
        bot_token: str,
        scheduler_interval: float = 0.2,
        extra_env: dict[str, str] | None = None,
        module: str = "bootstrap.cli",
        args: tuple[str, ...] = ("run", "--http"),
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The child writes here for its whole life; stop() closes and removes it.
        self._log = tempfile.NamedTemporaryFile(prefix="replica-", suffix=".log", delete=False)  # noqa: SIM115
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "CONSENSUS_ENV_FILE": os.devnull,  # never read a developer's .env
            "SLACK_API_URL": api_url,
            "SLACK_BOT_TOKEN": bot_token,
            "SLACK_SIGNING_SECRET": signing_secret,
            "DATABASE_URL": database_url,
            "PORT": str(self.port),
            "SCHEDULER_INTERVAL_SECONDS": str(scheduler_interval),
            "LOG_LEVEL": "WARNING",
            **(extra_env or {}),
        }
        env.pop("SLACK_APP_TOKEN", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    @property
    def events_url(self) -> str:
        return self.url + "/slack/events"

    def wait_healthy(self, timeout: float = 30.0) -> BotProcess:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"replica exited with {self.process.returncode}:\n{self.log()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"replica did not become healthy:\n{self.log()}")

    def log(self) -> str:
        return Path(self._log.name).read_text(errors="replace")

    def peak_rss_mb(self) -> float:
        """The process's peak resident memory (VmHWM), in MiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log.close()
        Path(self._log.name).unlink(missing_ok=True)


def start_replicas(count: int, **kwargs: object) -> list[BotProcess]:
    """Start ``count`` replicas in parallel and wait until every one answers /healthz."""
    replicas = [BotProcess(**kwargs) for _ in range(count)]  # type: ignore[arg-type]
    try:
        for replica in replicas:
            replica.wait_healthy()
    except Exception:
        for replica in replicas:
            replica.stop()
        raise
    return replicas
