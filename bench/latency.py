"""3. Requests and latency per job: a 3 s emulator job through ``subscribe``, ours (SSE) vs fal-client (polling).

One emulator (``job_duration=3``) serves both over plain HTTP on a loopback port, in this process
(``Emulator.serve()``, as the tests use it).
Ours: ``FalClient(queue_url=url)`` follows the SSE status stream. fal-client: its own ``subscribe``,
polling status every 0.1 s; it fixes the https scheme, so it gets a transport that rewrites
``https://queue.fal.run`` to the emulator's ``http://127.0.0.1:<port>`` (Host header included) under
its usual ``BackupDomainTransport`` — no TLS for either side, same server, same code path otherwise.
Requests are counted by the emulator (``stats.requests``, every route). Latency is the moment
``subscribe`` returns minus the job's scheduled end (both ``time.monotonic()`` in this process).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench._common import Config, Row, Samples, Section
from bench._peers import LoopbackRewrite, sync_peer
from ideogram_clients import FalClient
from ideogram_clients.emulator import Emulator

__all__ = ["JOB_SECONDS", "run"]

JOB_SECONDS = 3.0
ENDPOINT = "fal-ai/ideogram/v3"


def _requests(emulator: Emulator) -> Counter[str]:
    return Counter(emulator.stats.snapshot()["requests"])


def run(config: Config, work: Path) -> Section:
    del work
    repeats = config.repeats(3, 1)
    emulator = Emulator(job_duration=JOB_SECONDS, size_divisor=8, seed=3)
    requests: dict[str, list[float]] = {"ours": [], "peer": []}
    latency: dict[str, list[float]] = {"ours": [], "peer": []}
    routes: dict[str, Counter[str]] = {"ours": Counter(), "peer": Counter()}
    with emulator.serve() as url:
        ours = FalClient(api_key="bench-key", queue_url=url, run_url=url + "/fal-run")
        peer = sync_peer(LoopbackRewrite(url))

        def ours_subscribe(arguments: dict[str, Any]) -> object:
            return ours.subscribe(ENDPOINT, arguments)

        def peer_subscribe(arguments: dict[str, Any]) -> object:
            return peer.subscribe(ENDPOINT, arguments)

        subscribe = {"ours": ours_subscribe, "peer": peer_subscribe}
        for index in range(repeats):
            for name in ("ours", "peer") if index % 2 == 0 else ("peer", "ours"):
                before = _requests(emulator)
                subscribe[name]({"prompt": f"a fox, take {index} by {name}", "image_size": "square"})
                done = time.monotonic()
                job = emulator.jobs()[-1]
                spent = _requests(emulator) - before
                routes[name] += spent
                requests[name].append(float(sum(spent.values())))
                latency[name].append((done - job.end) * 1e3)
        ours.close()
    rows = [
        Row(
            f"HTTP requests per {JOB_SECONDS:g} s job (`subscribe`)",
            Samples.of(requests["ours"], "", 0),
            Samples.of(requests["peer"], "", 0),
            peer_label="fal-client: status polled every 0.1 s",
        ),
        Row(
            "Job completion → result in hand",
            Samples.of(latency["ours"], "ms", 1),
            Samples.of(latency["peer"], "ms", 1),
            peer_label="fal-client: next poll, then the result",
        ),
    ]
    detail = "Requests by route over all jobs (ours / fal-client):\n\n| route | ours | fal-client |\n|---|---|---|\n"
    for route in sorted(set(routes["ours"]) | set(routes["peer"])):
        detail += f"| `{route}` | {routes['ours'][route]} | {routes['peer'][route]} |\n"
    return Section("latency", "Requests and latency per job", rows=rows, detail=detail, method=__doc__ or "")
