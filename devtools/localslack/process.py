"""The stand-in started as a separate process (`python -m devtools.localslack`), for benchmarks: it
answers the same as in-process, but on its own interpreter, so it takes no time from the code measured.
Nothing of it can be inspected from here (its calls are in the other process)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devtools.localslack.server import LOCAL_TOKEN

_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class RemoteStandIn:
    token: str
    api_url: str


@contextmanager
def standin_process(token: str = LOCAL_TOKEN) -> Iterator[RemoteStandIn]:
    """The stand-in in a child process for the block; stopped (SIGTERM, then SIGKILL) when it ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "devtools.localslack", "--token", token],
        cwd=_ROOT,
        env={**os.environ, "PYTHONPATH": str(_ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        api_url = process.stdout.readline().strip()
        if not api_url.startswith("http://"):
            raise RuntimeError("the stand-in process did not start")
        yield RemoteStandIn(token, api_url)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
