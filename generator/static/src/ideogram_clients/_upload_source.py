"""What an upload reads: bytes, a file on disk or an open binary file, with its name, type and size.

A source is re-readable by ranges (a retried request or a multipart part reads its bytes again)
and never held in memory whole unless it already was: a path is opened per range and read in
slices, ``bytes`` are sliced through a ``memoryview``. An open file object is read a slice at a
time under a lock (seeking first), because parts may be sent from several threads.
"""

from __future__ import annotations

import base64
import hashlib
import io
import mimetypes
import os
import stat
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ideogram_clients._files import EXTENSIONS, MIME_TYPES, sniff_format
from ideogram_clients._sources import NotRegularFileError, parse_data_uri

__all__ = ["UploadSource", "describe", "source_of"]

#: Bytes read from disk per slice of a streamed body.
SLICE = 1 << 20


@dataclass
class UploadSource:
    """A local file to upload: ``read(offset, length)`` yields its bytes in slices, as often as needed."""

    name: str
    content_type: str
    size: int
    label: str
    _data: memoryview | None = None
    _path: Path | None = None
    _file: BinaryIO | None = None
    _start: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    #: Called with each slice's size as it is handed to the transport (progress display).
    on_read: Callable[[int], object] | None = None

    def read(self, offset: int = 0, length: int | None = None) -> Iterator[bytes]:
        """The bytes ``[offset, offset + length)`` in slices of at most :data:`SLICE`, for sending."""
        for chunk in self._read(offset, length):
            if self.on_read is not None:
                self.on_read(len(chunk))
            yield chunk

    def _read(self, offset: int = 0, length: int | None = None) -> Iterator[bytes]:
        left = self.size - offset if length is None else length
        if self._data is not None:
            for start in range(offset, offset + left, SLICE):
                yield bytes(self._data[start : min(start + SLICE, offset + left)])
            return
        if self._path is not None:
            with self._path.open("rb") as stream:
                stream.seek(offset)
                yield from _slices(stream, left)
            return
        assert self._file is not None
        position = self._start + offset
        while left > 0:
            with self._lock:  # one reader at a time: the position is shared; one slice per turn
                self._file.seek(position)
                chunk = self._file.read(min(SLICE, left))
            if not chunk:
                raise OSError(f"{self.label} is shorter than when the upload started")
            position += len(chunk)
            left -= len(chunk)
            yield chunk

    def digest(self) -> str:
        """SHA-256 of the content (what identical uploads are recognised by)."""
        hasher = hashlib.sha256()
        for chunk in self._read():
            hasher.update(chunk)
        return hasher.hexdigest()


def source_of(
    data: bytes | bytearray | memoryview | str | os.PathLike[str] | BinaryIO,
    *,
    content_type: str | None = None,
    file_name: str | None = None,
) -> UploadSource:
    """An :class:`UploadSource` for what a caller passed; ``TypeError``/``OSError`` for what cannot be one."""
    if isinstance(data, str):
        if not data.startswith("data:"):
            raise TypeError(
                "upload() takes bytes, a pathlib.Path, a binary file or a data: URI; for a file name use Path"
            )
        mime, payload = parse_data_uri(data)
        raw = base64.b64decode(payload, validate=True)
        return _from_bytes(raw, content_type or mime, file_name, f"data: URI ({len(raw)} bytes)")
    if isinstance(data, bytes | bytearray | memoryview):
        raw_view = memoryview(data).cast("B")
        return _from_bytes(raw_view, content_type, file_name, f"{raw_view.nbytes} bytes")
    if isinstance(data, os.PathLike):
        return _from_path(Path(data), content_type, file_name)
    if not hasattr(data, "read") or isinstance(data, io.TextIOBase):  # type: ignore[unreachable]
        raise TypeError(f"upload() takes bytes, a pathlib.Path or a binary file, got {type(data).__name__}")
    return _from_file(data, content_type, file_name)


def _from_bytes(raw: bytes | memoryview, content_type: str | None, file_name: str | None, label: str) -> UploadSource:
    view = memoryview(raw)
    head = bytes(view[:16])
    kind = _content_type(content_type, head, file_name)
    return UploadSource(_name(file_name, kind), kind, view.nbytes, label, _data=view)


def _from_path(path: Path, content_type: str | None, file_name: str | None) -> UploadSource:
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a directory, not a file")
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFileError(f"{path} is not a regular file (a pipe, socket or device)")
    with path.open("rb") as stream:
        head = stream.read(16)
    name = file_name or path.name
    kind = _content_type(content_type, head, name)
    return UploadSource(_name(name, kind), kind, info.st_size, str(path), _path=path)


def _from_file(stream: BinaryIO, content_type: str | None, file_name: str | None) -> UploadSource:
    own_name = os.path.basename(str(getattr(stream, "name", "") or "")) or None
    name = file_name or own_name
    if not stream.seekable():  # a pipe or socket: read once, keep the bytes
        raw = stream.read()
        return _from_bytes(raw, content_type, name, f"{own_name or 'stream'} ({len(raw)} bytes)")
    start = stream.tell()
    head = stream.read(16)
    size = stream.seek(0, io.SEEK_END) - start
    stream.seek(start)
    kind = _content_type(content_type, head, name)
    return UploadSource(
        _name(name, kind), kind, size, own_name or f"file object ({size} bytes)", _file=stream, _start=start
    )


def _content_type(given: str | None, head: bytes, name: str | None) -> str:
    """The caller's type, else the image format the bytes start with, else the name's, else binary."""
    if given:
        if not given.isascii() or not given.isprintable() or "/" not in given:
            raise ValueError(f"content_type: expected a MIME type such as 'image/png', got {given!r}")
        return given
    sniffed = MIME_TYPES.get(sniff_format(head) or "")
    if sniffed:
        return sniffed
    guessed = mimetypes.guess_type(name)[0] if name else None
    return guessed or "application/octet-stream"


def _name(name: str | None, content_type: str) -> str:
    """A file name safe for the ``X-Fal-File-Name`` header (printable ASCII)."""
    base = os.path.basename(name) if name else ""
    safe = "".join(char if char.isascii() and char.isprintable() and char not in '"\\' else "_" for char in base)
    return safe or "upload" + EXTENSIONS.get(content_type, ".bin")


def describe(value: object) -> str:
    """How an error names a local image: its path, or its kind and size."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, bytes):
        return f"{len(value)} bytes"
    if isinstance(value, str) and value.startswith("data:"):
        return "a data: URI"
    return type(value).__name__


def _slices(stream: BinaryIO, left: int) -> Iterator[bytes]:
    while left > 0:
        chunk = stream.read(min(SLICE, left))
        if not chunk:
            raise OSError(f"{getattr(stream, 'name', 'file')} is shorter than when the upload started")
        left -= len(chunk)
        yield chunk
