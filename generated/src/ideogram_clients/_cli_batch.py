"""CLI command ``batch``: run a JSON Lines file of jobs, journaled, resumable (:mod:`ideogram_clients.batch`).

Keys come from ``FAL_KEY`` / ``MAGNIFIC_API_KEY`` (a batch may use both providers; a key on the
command line would also show in the process list). Exit status: 0 when every line is done, 1 when
some job is not (failed, unknown, still running, or a bad line was skipped), 2 when the jobs file or
the output folder cannot be used, or a dry run found bad lines; 130 when stopped by Ctrl-C or SIGTERM
(the first one stops gracefully: every request id sent is recorded; run the command again to resume).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ideogram_clients._cli_common import BaseUrl, err, fail, out
from ideogram_clients._file_policy import FilePolicy

if TYPE_CHECKING:
    from ideogram_clients.batch._summary import BatchSummary

__all__ = ["register"]


def batch(
    jobs: Annotated[
        Path,
        typer.Argument(help='JSON Lines, one job a line: {"endpoint", "arguments", "files": {field: path}, "output"}.'),
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Where outputs and the journal are saved.")] = Path("out"),
    concurrency: Annotated[int, typer.Option(min=1, help="Jobs in flight at most (halved on 429s).")] = 8,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate every line and plan; send nothing.")] = False,
    resubmit_unknown: Annotated[
        bool,
        typer.Option("--resubmit-unknown", help="Submit again jobs whose first submit may exist (may bill twice)."),
    ] = False,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Submit again jobs that failed.")] = False,
    timeout: Annotated[
        float | None, typer.Option(help="Stop waiting for a job after this many seconds (it stays resumable).")
    ] = None,
    base_url: BaseUrl = None,
    files: Annotated[
        FilePolicy,
        typer.Option(help="fal: local images inline, uploaded to fal storage (each distinct file once), or auto."),
    ] = "auto",
) -> None:
    """Run many jobs from a JSON Lines file; run it again to resume after a crash, without paying twice."""
    # imported here: the batch machinery (sqlite3, the journal, rich.live) costs every other command ~15 ms
    from ideogram_clients.batch._api import arun_batch
    from ideogram_clients.batch._display import live_progress, print_summary
    from ideogram_clients.batch._lock import BatchLockedError
    from ideogram_clients.batch._summary import BatchSummary

    latest = BatchSummary()

    def track(current: BatchSummary) -> None:
        nonlocal latest
        latest = current

    async def run() -> BatchSummary:
        # first Ctrl-C (or SIGTERM): stop gracefully, recording every request id; second: stop at once
        stop, loop, main = asyncio.Event(), asyncio.get_running_loop(), asyncio.current_task()

        def on_signal() -> None:
            if stop.is_set() and main is not None:
                main.cancel()
                return
            stop.set()
            err.print("stopping: waiting jobs stay resumable (Ctrl-C again to stop at once)", highlight=False)

        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows' loop
            for number in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(number, on_signal)
        try:
            return await arun_batch(
                jobs,
                out_dir,
                concurrency=concurrency,
                dry_run=dry_run,
                resubmit_unknown=resubmit_unknown,
                retry_failed=retry_failed,
                base_url=base_url,
                timeout=timeout,
                fal_options={"files": files},
                on_progress=track,
                stop=stop,
            )
        finally:
            with contextlib.suppress(NotImplementedError):
                for number in (signal.SIGINT, signal.SIGTERM):
                    loop.remove_signal_handler(number)

    try:
        with contextlib.nullcontext() if dry_run else live_progress(err, lambda: latest):
            summary = asyncio.run(run())
    except (KeyboardInterrupt, asyncio.CancelledError):
        err.print("interrupted: run the same command again to resume", highlight=False)
        raise typer.Exit(130) from None
    except (OSError, ValueError, BatchLockedError) as error:
        fail(str(error))
    print_summary(out, summary)
    if summary.stopped == "interrupted":
        raise typer.Exit(130)
    if dry_run:
        raise typer.Exit(2 if summary.invalid else 0)
    raise typer.Exit(0 if summary.ok else 1)


def register(app: typer.Typer) -> None:
    """Add ``batch`` to the ``ideogram-clients`` app."""
    app.command()(batch)
