"""8. Batch throughput: jobs per second of a journaled ``batch`` run at ``--concurrency`` 1, 8 and 64.

The same emulator process as benchmark 6b (job duration 0, 64 workers, 64×64 PNG outputs). Each
run is ``arun_batch`` over a fresh JSON Lines file of ``fal-ai/ideogram/v3`` jobs into a fresh
folder: per job a SQLite journal row (added with all the others in one transaction, then committed
three times: submitting, fsynced before the submit; submitted; done), the submit, the SSE status
stream, the result, the output's download and its atomic write. No peer has a journaled batch; the detail
table sets each level beside plain ``AsyncFalClient.subscribe`` calls at the same concurrency in the
same run (no journal, no download, no file), which is what the journal and the saved outputs cost.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import time
from pathlib import Path

from bench._common import Config, Row, Samples, Section
from bench._emulator import emulator_process  # the same emulator process and options as benchmark 6b
from ideogram_clients import AsyncFalClient
from ideogram_clients.batch import arun_batch

__all__ = ["LEVELS", "run"]

LEVELS = (1, 8, 64)
ENDPOINT = "fal-ai/ideogram/v3"


def _jobs(concurrency: int, quick: bool) -> int:
    return max(20, 4 * concurrency) if quick else max(60, 8 * concurrency)


def _write_jobs(path: Path, count: int, tag: str) -> Path:
    lines = (
        json.dumps({"endpoint": ENDPOINT, "arguments": {"prompt": f"{tag} {n}", "image_size": "square"}})
        for n in range(count)
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def _plain(url: str, concurrency: int, count: int, tag: str) -> float:
    """Jobs/s of bare ``subscribe`` calls (``concurrency`` workers)."""
    numbers = iter(range(count))
    async with AsyncFalClient(api_key="bench-key", base_url=url) as client:

        async def worker() -> None:
            for number in numbers:
                await client.subscribe(ENDPOINT, {"prompt": f"{tag} {number}", "image_size": "square"})

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return count / (time.perf_counter() - started)


def _batch(url: str, work: Path, concurrency: int, count: int, tag: str) -> float:
    folder = work / tag.replace(" ", "-")
    folder.mkdir()
    jobs = _write_jobs(folder / "jobs.jsonl", count, tag)
    summary = asyncio.run(arun_batch(jobs, folder / "out", concurrency=concurrency, base_url=url))
    if not summary.ok:
        raise RuntimeError(f"batch at concurrency {concurrency} did not finish: {summary.errors}")
    return count / summary.seconds


def run(config: Config, work: Path) -> Section:
    os.environ.setdefault("FAL_KEY", "bench-key")
    repeats = config.repeats(3, 1)
    batch: dict[int, list[float]] = {level: [] for level in LEVELS}
    plain: dict[int, list[float]] = {level: [] for level in LEVELS}
    with emulator_process(work) as (url, _):
        for index in range(repeats):
            for concurrency in LEVELS:
                count = _jobs(concurrency, config.quick)
                tag = f"r{index} c{concurrency}"
                batch[concurrency].append(_batch(url, work, concurrency, count, f"batch {tag}"))
                plain[concurrency].append(asyncio.run(_plain(url, concurrency, count, f"plain {tag}")))
    rows = [
        Row(
            f"Batch throughput, concurrency {concurrency} (journaled `batch`, 0 s jobs, outputs saved)",
            Samples.of(batch[concurrency], "jobs/s", 0),
            None,
            better="higher",
            note="no peer has a journaled batch; plain `subscribe` in the detail",
        )
        for concurrency in LEVELS
    ]
    detail = (
        "Median jobs/s over runs.\n\n"
        "| concurrency | journaled batch | plain `subscribe` | batch ÷ plain |\n|---|---|---|---|\n"
    )
    for concurrency in LEVELS:
        ours, bare = statistics.median(batch[concurrency]), statistics.median(plain[concurrency])
        detail += f"| {concurrency} | {ours:.0f} | {bare:.0f} | {ours / bare:.2f} |\n"
    return Section("batch", "Batch throughput", rows=rows, detail=detail, method=__doc__ or "")
