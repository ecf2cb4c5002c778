"""Reading a jobs file: one JSON object per line, each checked with the generated models.

A line is ``{"endpoint": ID, "arguments": {...}, "files": {FIELD: PATH | [PATH, ...]}, "output": NAME}``;
only ``endpoint`` is required. ``files`` carries local paths (JSON has no path type, and a path-like
string in ``arguments`` is refused by the models): relative paths are read from the jobs file's
folder and handed to the client as :class:`pathlib.Path` values, so the client decides how to send
them (inline, or uploaded once and shared). ``output`` is the stem of the job's output files and,
when given, the job's identity in the journal; without it the identity is the line number.

Every bad line becomes :class:`LineError` values (line, field, message), never an exception, so a
dry run reports all of them at once and a real run skips them and carries on.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ideogram_clients._endpoint import Endpoint
from ideogram_clients._endpoints import ENDPOINTS
from ideogram_clients._errors import InvalidInputError, short_repr

__all__ = ["JobSpec", "JobsFile", "LineError", "read_jobs"]

_KEYS = frozenset({"endpoint", "arguments", "files", "output"})
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


@dataclass(frozen=True)
class LineError:
    """One problem of one line of the jobs file."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class JobSpec:
    """One valid line: what to run and under which name its outputs are saved."""

    line: int
    key: str  #: the job's identity in the journal (``output``, else ``line-N``)
    endpoint: Endpoint[Any, Any]
    arguments: dict[str, Any]  #: as the client takes them: local files are ``Path`` values
    digest: str  #: sha256 of the line's content and of every local file it names


@dataclass
class JobsFile:
    """Every valid job and every bad line of one jobs file, in line order."""

    path: Path
    jobs: list[JobSpec] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)

    @property
    def bad_lines(self) -> list[int]:
        return sorted({error.line for error in self.errors})


def read_jobs(path: Path) -> JobsFile:
    """Parse and validate every line of ``path`` (UTF-8 JSON Lines; blank lines are skipped; a line
    that is not UTF-8 is a bad line, never decoded into something else).

    Raises :class:`OSError` only when the file itself cannot be read.
    """
    data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")  # a UTF-8 BOM some editors write
    result = JobsFile(path)
    keys: dict[str, int] = {}
    base = path.resolve().parent
    file_digests: dict[Path, str] = {}
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            raw = line.decode("utf-8")
        except UnicodeDecodeError as error:
            result.errors.append(LineError(number, "(line)", f"not valid UTF-8: {error.reason} at byte {error.start}"))
            continue
        if not raw.strip():
            continue
        found: list[JobSpec] = []
        errors = list(_check_line(number, raw, base, file_digests, found))
        if errors:
            result.errors += errors
            continue
        job = found[0]
        if job.key in keys:
            result.errors.append(LineError(number, "output", f"{job.key!r} is already used by line {keys[job.key]}"))
            continue
        keys[job.key] = number
        result.jobs.append(job)
    return result


def _check_line(
    number: int, raw: str, base: Path, file_digests: dict[Path, str], found: list[JobSpec]
) -> Iterator[LineError]:
    """Errors of one line; its :class:`JobSpec` is appended to ``found`` when its arguments are valid."""
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError) as error:
        yield LineError(number, "(line)", f"not valid JSON: {error}")
        return
    if not isinstance(record, dict):
        yield LineError(number, "(line)", f"expected a JSON object, got {type(record).__name__}")
        return
    for extra in sorted(set(record) - _KEYS):
        yield LineError(number, extra, f"unknown key; a line may have {', '.join(sorted(_KEYS))}")
    endpoint_id = record.get("endpoint")
    endpoint = ENDPOINTS.get(endpoint_id) if isinstance(endpoint_id, str) else None
    if endpoint is None:
        shown = "missing" if endpoint_id is None else f"unknown endpoint {short_repr(endpoint_id)}"
        yield LineError(number, "endpoint", f"{shown}; `ideogram-clients endpoints` lists them")
    arguments = record.get("arguments", {})
    if not isinstance(arguments, dict):
        yield LineError(number, "arguments", f"expected a JSON object, got {type(arguments).__name__}")
        arguments = {}
    arguments = dict(arguments)
    yield from _add_files(number, record.get("files", {}), base, arguments)
    output = record.get("output")
    if output is not None and not (isinstance(output, str) and _STEM.match(output)):
        yield LineError(number, "output", f"{short_repr(output)} is not a plain file name stem (letters, digits, ._-)")
    if endpoint is None:
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "only the first reference is used": the run warns once
            endpoint.validate(arguments)
    except InvalidInputError as error:
        for detail in error.errors:
            yield LineError(number, f"arguments.{detail.field}", str(detail).partition(": ")[2] or detail.message)
        return
    except (ValueError, TypeError, OSError) as error:
        yield LineError(number, "arguments", str(error))
        return
    digest = _digest(record, arguments, file_digests)
    key = output if isinstance(output, str) else f"line-{number}"
    found.append(JobSpec(number, key, endpoint, arguments, digest))


def _add_files(number: int, files: object, base: Path, arguments: dict[str, Any]) -> Iterator[LineError]:
    if not isinstance(files, dict):
        yield LineError(number, "files", f"expected an object of field: path, got {type(files).__name__}")
        return
    for name, value in files.items():
        if name in arguments:
            yield LineError(number, f"files.{name}", "also set in arguments; give a field in one place")
        elif isinstance(value, str):
            arguments[name] = base / value
        elif isinstance(value, list) and value and all(isinstance(item, str) for item in value):
            arguments[name] = [base / item for item in value]
        else:
            yield LineError(number, f"files.{name}", f"expected a path or a list of paths, got {short_repr(value)}")


def _digest(record: Mapping[str, Any], arguments: Mapping[str, Any], file_digests: dict[Path, str]) -> str:
    """The line's identity of content: its JSON (keys sorted) and the bytes of every file it names."""
    hasher = hashlib.sha256(json.dumps(record, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    for value in arguments.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Path):
                hasher.update(_file_digest(item, file_digests).encode("ascii"))
    return hasher.hexdigest()


def _file_digest(path: Path, cache: dict[Path, str]) -> str:
    if path not in cache:
        with path.open("rb") as stream:
            cache[path] = hashlib.file_digest(stream, "sha256").hexdigest()
    return cache[path]
