"""The batch's terminal view (needs rich, the ``[cli]`` extra): a live progress line and the summary table."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ideogram_clients.batch._summary import BatchSummary

__all__ = ["live_progress", "print_summary"]

#: Problems listed one by one under the table; the rest are counted.
MAX_LISTED = 50


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "--"
    minutes, rest = divmod(int(seconds + 0.5), 60)
    return f"{minutes}m{rest:02d}s" if minutes else f"{rest}s"


def progress_line(summary: BatchSummary) -> Text:
    """``done 120/200 · failed 2 · in flight 8 · 45.1 jobs/s · ETA 2s``."""
    done = summary.done + summary.done_before
    parts = [
        f"done {done}/{summary.total}",
        f"failed {summary.failed + summary.failed_before}",
        f"in flight {summary.in_flight}",
    ]
    if summary.unknown:
        parts.append(f"unknown {summary.unknown}")
    parts += [f"{summary.rate:.1f} jobs/s", f"ETA {_duration(summary.eta)}"]
    if summary.limit_cuts:
        parts.append(f"slowed down by 429s ×{summary.limit_cuts}")
    return Text(" · ".join(parts))


@contextmanager
def live_progress(console: Console, current: Callable[[], BatchSummary]) -> Iterator[None]:
    """Redraw the progress line a few times a second while the batch runs (gone when it ends)."""
    with Live(
        get_renderable=lambda: progress_line(current()),
        console=console,
        refresh_per_second=4,
        transient=True,
    ):
        yield


def print_summary(console: Console, summary: BatchSummary) -> None:
    """The end-of-run table, then every bad line and every job that is not done, with why."""
    table = Table(title="dry run: nothing was sent" if summary.dry_run else "batch summary", show_header=False)
    table.add_column("what")
    table.add_column("jobs", justify="right")
    rows: list[tuple[str, object]] = [("valid lines", summary.total), ("invalid lines (skipped)", len(summary.invalid))]
    if summary.dry_run:
        rows += [
            ("done earlier", summary.done_before),
            ("to submit", summary.planned_submits),
            ("to re-attach", summary.planned_attaches),
        ]
    else:
        rows += [
            ("done now", summary.done),
            ("done earlier", summary.done_before),
            ("submitted now", summary.submitted),
            ("re-attached", summary.reattached),
            ("still running (run again)", summary.running),
        ]
    rows += [
        ("failed now", summary.failed),
        ("failed earlier (not retried)", summary.failed_before),
        ("unknown (not resubmitted)", summary.unknown),
        ("changed since journaled (skipped)", summary.changed),
        ("journal rows no line names", summary.orphans),
    ]
    if not summary.dry_run:
        rows += [
            ("not started", summary.left),
            ("429 slow-downs", summary.limit_cuts),
            ("jobs/s", f"{summary.rate:.1f}"),
            ("time", _duration(summary.seconds)),
        ]
    for label, value in rows:
        table.add_row(label, str(value))
    console.print(table)
    problems = [str(error) for error in summary.invalid]
    problems += [f"{key}: {message}" for key, message in sorted(summary.errors.items())]
    for problem in problems[:MAX_LISTED]:
        console.print(f"  {escape(problem)}", highlight=False, soft_wrap=True)
    if len(problems) > MAX_LISTED:
        console.print(f"  … and {len(problems) - MAX_LISTED} more", highlight=False)
    if summary.stopped:
        console.print(f"[bold red]stopped early:[/] {escape(summary.stopped)}", highlight=False)
