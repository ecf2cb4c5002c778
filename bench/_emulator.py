"""The shipped emulator CLI in a child process, for measurements that must not share its memory or CPU."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench._common import PYTHON, ROOT

__all__ = ["THROUGHPUT_OPTIONS", "emulator_process"]

#: Instant jobs and many workers: the emulator is never the bottleneck of a throughput run.
THROUGHPUT_OPTIONS = ("--job-duration", "0", "--workers", "64", "--size-divisor", "8")


@contextmanager
def emulator_process(work: Path, options: tuple[str, ...] = THROUGHPUT_OPTIONS) -> Iterator[tuple[str, int]]:
    """``python -m ideogram_clients.emulator`` on a free loopback port; yields its URL and pid."""
    ready = work / "emulator.url"
    ready.unlink(missing_ok=True)
    command = [PYTHON, "-m", "ideogram_clients.emulator", "--port", "0", "--log-level", "warning",
               "--ready-file", str(ready), *options]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        deadline = time.monotonic() + 30
        while not ready.exists() or not ready.read_text().strip():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the emulator did not start")
            time.sleep(0.05)
        yield ready.read_text().strip(), process.pid
    finally:
        process.terminate()
        process.wait(10)
