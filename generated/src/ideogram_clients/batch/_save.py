"""A job's output files on disk: deterministic names, atomic writes, nothing replaced silently.

Output ``i`` of job ``KEY`` is ``KEY-i.EXT``. A re-attached job (after a crash between writing its
files and recording ``done``) finds some of them already there: a file with the very same bytes is
its own earlier write and is kept; a different file is never replaced, the job fails with a message
instead. Temp files left by a killed process (``.partial-*``, see :mod:`ideogram_clients._outputs`)
are removed when a batch starts.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ideogram_clients._errors import OutputExistsError
from ideogram_clients._models import OutputFile
from ideogram_clients._outputs import write_output

__all__ = ["output_names", "remove_partials", "save_outputs"]


def output_names(key: str, files: list[OutputFile]) -> list[str]:
    return [f"{key}-{index}{Path(file.suggested_name).suffix or '.png'}" for index, file in enumerate(files)]


def save_outputs(folder: Path, names: list[str], contents: list[bytes]) -> None:
    """Write each file atomically; an existing identical file counts as written."""
    for name, data in zip(names, contents, strict=True):
        target = folder / name
        try:
            write_output(target, data, overwrite=False, new_name=False)
        except OutputExistsError:
            if not (target.is_file() and target.read_bytes() == data):
                raise OutputExistsError(
                    f"{target} exists with other content; it was not replaced (move it away and run again)"
                ) from None


def remove_partials(folder: Path) -> int:
    """Delete the temp files a killed run left behind; how many there were."""
    removed = 0
    for partial in folder.glob(".partial-*"):
        with contextlib.suppress(OSError):
            partial.unlink()
            removed += 1
    return removed
