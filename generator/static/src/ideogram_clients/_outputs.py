"""Writing output files to disk without losing any: safe names, new names, atomic writes.

A provider's ``file_name`` is untrusted text (``..``, ``a/../../b``, control characters), several
``sync_mode`` data URIs share no name at all, and a user who saves twice into one folder must not
lose the first result. So a name is reduced to one safe path component, a folder gets a fresh name
(``output.png``, ``output-1.png``, …) unless ``overwrite=True``, and every file is written to a
temporary file first and then linked (new name) or renamed (overwrite) into place: a reader never
sees half a file, and a crash leaves no truncated output.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import mimetypes
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

from ideogram_clients._errors import InvalidOutputError, OutputExistsError

__all__ = ["decode_data_uri", "is_directory_target", "make_folder", "output_name", "prepare_target", "write_output"]

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:]")
_MAX_NAME = 200
_MAX_TRIES = 10_000


def decode_data_uri(url: str) -> bytes | None:
    """The bytes of a ``data:`` URI, or None for any other URL; a malformed one is an error, not ``b""``."""
    if not url.startswith("data:"):
        return None
    header, comma, payload = url.partition(",")
    if not comma:
        raise InvalidOutputError("an output data: URI has no ',' before its data")
    if not header.endswith(";base64"):
        data = unquote_to_bytes(payload)
    else:
        try:
            data = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            raise InvalidOutputError("an output data: URI does not carry valid base64") from None
    if not data:
        raise InvalidOutputError("an output data: URI carries no data")
    return data


def output_name(url: str, file_name: object = None) -> str:
    """One safe file name for an output: the server's ``file_name``, the URL's last segment, or ``output.EXT``."""
    if url.startswith("data:"):
        mime = url[5:].split(";", 1)[0].split(",", 1)[0]
        fallback = "output" + (mimetypes.guess_extension(mime) or ".bin")
    else:
        fallback = "output"
    for candidate in (file_name, None if url.startswith("data:") else urlsplit(url).path):
        if isinstance(candidate, str):
            name = _UNSAFE.sub("_", re.split(r"[/\\]", candidate)[-1]).strip().lstrip(".")
            if name:
                return name[-_MAX_NAME:]
    return fallback


def is_directory_target(path: str | os.PathLike[str]) -> bool:
    """A trailing separator or an existing directory means "into this directory"."""
    text = os.fspath(path)
    return text.endswith(("/", os.sep)) or Path(text).is_dir()


def make_folder(path: str | os.PathLike[str]) -> Path:
    """``path`` as a directory, created with its parents if missing."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def prepare_target(path: str | os.PathLike[str], name: str, *, overwrite: bool) -> tuple[Path, bool]:
    """``(target, pick_new_name)``: creates the parents, and refuses an existing file before any download."""
    if is_directory_target(path):
        return make_folder(path) / name, not overwrite
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not overwrite:
        raise OutputExistsError(f"{target} exists; pass overwrite=True to replace it")
    return target, False


def write_output(target: Path, data: bytes, *, overwrite: bool, new_name: bool) -> Path:
    """Write ``data`` atomically to ``target`` (or the first free ``stem-N`` beside it); returns the path."""
    if target.is_dir():
        raise OutputExistsError(f"{target} is a directory")
    handle, temp = tempfile.mkstemp(prefix=".partial-", dir=target.parent)
    try:
        os.chmod(temp, 0o644)  # mkstemp's 0600 is for secrets; an image is an ordinary file
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if overwrite:
            os.replace(temp, target)
            return target
        for candidate in _candidates(target, new_name):
            if _claim(temp, candidate):
                return candidate
        raise OutputExistsError(f"{target} exists; pass overwrite=True to replace it")
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _claim(temp: str, candidate: Path) -> bool:
    """Put the finished temp file at ``candidate`` only if no file is there (a hard link cannot clobber)."""
    try:
        os.link(temp, candidate)
    except FileExistsError:
        return False
    except OSError:  # a filesystem without hard links: reserve the name exclusively, then rename onto it
        try:
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            return False
        os.replace(temp, candidate)
    return True


def _candidates(target: Path, new_name: bool) -> Iterator[Path]:
    yield target
    if new_name:
        for index in range(1, _MAX_TRIES):
            yield target.with_name(f"{target.stem}-{index}{target.suffix}")
