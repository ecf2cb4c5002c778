"""``ideogram-clients upload FILE…``: local files to fal storage, one URL per line.

The URLs go into any ``*_url`` field (``--set image_url=URL``), so one upload serves many runs.
Files of :data:`PROGRESS_BYTES` or more get a progress bar on stderr; stdout holds only URLs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, cast

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from ideogram_clients._cli_common import BaseUrl, err, fail, reported
from ideogram_clients._clients import FalClient
from ideogram_clients._storage_core import Expiry, expiry_seconds

__all__ = ["register"]

#: Files at least this big show a progress bar while they upload.
PROGRESS_BYTES = 8 << 20


def upload(
    files: Annotated[list[Path], typer.Argument(help="Local files to upload.", show_default=False)],
    expires_in: Annotated[
        str | None, typer.Option(help="Ask fal to delete the files after this: seconds, or 1h, 1d, 7d, 30d, 1y, never.")
    ] = None,
    base_url: BaseUrl = None,
    api_key: Annotated[str | None, typer.Option(help="The fal API key (default: FAL_KEY).")] = None,
) -> None:
    """Upload files to fal storage and print their URLs (public until they expire)."""
    given = int(expires_in) if expires_in and expires_in.isdigit() else expires_in
    with reported():
        seconds = expiry_seconds(cast(Expiry | None, given))  # a bad value is refused before any upload
        for path in files:  # every file is checked before the first upload
            if not path.is_file():
                fail(f"{path}: not a file" if path.exists() else f"{path}: file not found")
        with FalClient(api_key, base_url=base_url) as fal:
            for path in files:
                print(_upload_one(fal, path, seconds), flush=True)


def _upload_one(fal: FalClient, path: Path, seconds: int | None) -> str:
    """One upload; a file of :data:`PROGRESS_BYTES` or more shows a progress bar while it goes."""
    size = path.stat().st_size
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=err, transient=True, disable=size < PROGRESS_BYTES) as progress:
        task = progress.add_task(path.name, total=size)
        return fal.upload(path, expires_in=seconds, on_progress=lambda sent: progress.advance(task, sent))


def register(app: typer.Typer) -> None:
    """Add ``upload`` to the ``ideogram-clients`` app."""
    app.command()(upload)
