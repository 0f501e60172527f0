"""`osallisuus serve` as a separate process: time from launch to `/healthz` 200, and the memory (PSS) of
gunicorn's master and worker after a burst of `status` commands.

It runs byte-compiled, as the installed wheel does (pip compiles it on install, as in the Dockerfile):
the bot's packages are compiled first, into their `__pycache__` folders (ignored by git), as any run
without PYTHONDONTWRITEBYTECODE leaves them. Where that is set (this machine, the image), every start
would otherwise compile the hundred modules a start loads from source again, about 65 ms of it.

The server binds the port `osallisuus serve` binds; the benchmark only ever speaks to it on 127.0.0.1.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import requests

START_TIMEOUT = 30.0
ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "commands", "config", "console", "participation", "schedules", "web")  # the wheel's


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """One `osallisuus serve` started from this repository's code, stopped with its process group."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-c", "from console.main import cli; cli()", "serve"]
        self.process = subprocess.Popen(
            command,
            env={**os.environ, **env, "PORT": str(self.port)},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def healthy_after(self) -> float:
        """Seconds from launch until `/healthz` answered 200 (polled every 10 ms, bounded)."""
        started = time.perf_counter()
        while time.perf_counter() - started < START_TIMEOUT:
            if self.process.poll() is not None:
                raise RuntimeError("osallisuus serve exited before it was healthy")
            try:
                if requests.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return time.perf_counter() - started
            except requests.RequestException:
                pass
            time.sleep(0.01)
        raise RuntimeError("osallisuus serve was not healthy in time")

    def pss_mib(self) -> float:
        """PSS of the gunicorn master and its children, from /proc/<pid>/smaps_rollup."""
        pids = [self.process.pid, *_children(self.process.pid)]
        return sum(_pss_kib(pid) for pid in pids) / 1024

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.extend(int(child) for child in text)
    return found


def _pss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def byte_compile() -> None:
    """The bot's packages compiled, as an installed wheel is; what is compiled already is left as is."""
    packages = [str(ROOT / name) for name in PACKAGES]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *packages], check=True, stdout=subprocess.DEVNULL
    )


def cold_start(env: dict[str, str], runs: int, burst: Callable[[str], None]) -> tuple[float, float]:
    """Median seconds to healthy over `runs` starts, and the PSS in MiB after `burst(url)` on the last."""
    times: list[float] = []
    pss = float("nan")
    byte_compile()
    for run in range(runs):
        served = Served(env)
        try:
            times.append(served.healthy_after())
            if run == runs - 1:
                burst(served.url)
                pss = served.pss_mib()
        finally:
            served.stop()
    return statistics.median(times), pss
