"""Where a local image's bytes come from: a path, ``bytes``, a ``data:`` URI or bare base64.

Each is opened as a stream plus its byte size without reading it whole. A string that is neither a
URL nor data is classified for a useful error: another URL scheme, or a local path that should
have been a ``Path``. A path must name a regular file: a FIFO or device could block forever.
"""

from __future__ import annotations

import base64
import io
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO, Literal

__all__ = [
    "HEADER_BYTES",
    "Encoding",
    "LocalPathError",
    "NotRegularFileError",
    "decode_head",
    "decoded_length",
    "is_url",
    "open_local",
    "parse_data_uri",
]

Encoding = Literal["data_uri", "base64"]

_DATA_URI = re.compile(
    r"^data:(?P<mime>[\w.+-]+/[\w.+-]+)?(?P<params>(?:;[\w.+-]+=[^;,]*)*)(?P<b64>;base64)?,", re.ASCII
)
_BASE64_TEXT = re.compile(r"[A-Za-z0-9+/]*={0,2}")
#: Header bytes read to find an image's format and size (JPEG's size marker may follow EXIF data).
HEADER_BYTES = 1 << 16


def parse_data_uri(value: str) -> tuple[str | None, str]:
    """``(mime, base64 payload)`` of a base64 data URI; raises ValueError for anything else."""
    match = _DATA_URI.match(value)
    if match is None or not match.group("b64"):
        raise ValueError("a data: URI must look like data:<mime>;base64,<data>")
    return match.group("mime"), value[match.end() :]


def decoded_length(b64: str) -> int:
    length = len(b64)
    return length * 3 // 4 - (2 if b64.endswith("==") else 1 if b64.endswith("=") else 0)


def decode_head(b64: str) -> bytes:
    """Check a whole base64 payload and decode its first bytes; raises ValueError if it is not base64."""
    if len(b64) % 4 or _BASE64_TEXT.fullmatch(b64) is None:
        raise ValueError("not valid base64")
    return base64.b64decode(b64[: (HEADER_BYTES // 3) * 4])


def open_local(value: str | bytes | Path, encoding: Encoding) -> tuple[BinaryIO, int] | None:
    """A readable stream over a local image and its byte size; None for a remote URL."""
    if isinstance(value, bytes):
        return io.BytesIO(value), len(value)
    if isinstance(value, Path):
        return _open_regular(value)
    if value.startswith("data:"):
        _, payload = parse_data_uri(value)
        return io.BytesIO(decode_head(payload)), decoded_length(payload)
    if is_url(value):
        return None
    scheme = _OTHER_SCHEME.match(value)
    if scheme is not None:
        raise ValueError(f"URL scheme {scheme.group(1)!r} is not accepted")
    if encoding == "base64":
        try:
            return io.BytesIO(decode_head(value)), decoded_length(value)
        except ValueError:
            if not _looks_like_path(value):
                raise
    raise LocalPathError(value) if _looks_like_path(value) else ValueError("not a URL")


class LocalPathError(ValueError):
    """A string that names a local file: strings are URLs or data, files are passed as ``Path``."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(f"looks like a local file: pass Path({text!r})")


_PATH_LIKE = re.compile(r"(?:[/\\]|\.(?:png|jpe?g|webp|gif|bmp|tiff?)$)", re.IGNORECASE)


#: ``file:``, ``javascript:``, ``ftp:`` … (base64 never holds a colon; a drive letter ``C:`` is a path).
_OTHER_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]+):", re.IGNORECASE)
#: ``example.com/a.png``: a URL without its scheme, unless a file of that name exists here.
_HOST_FIRST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/", re.IGNORECASE)


def _looks_like_path(text: str) -> bool:
    """``photo.png``, ``./a``, ``~/b``, ``C:\\c`` — never an http(s) URL or a data: URI (checked before)."""
    if len(text) >= 4096 or "\n" in text or not _PATH_LIKE.search(text):
        return False
    return not _HOST_FIRST.match(text) or os.path.lexists(text)


class NotRegularFileError(OSError):
    """A FIFO, socket or device: opening or reading one can block forever, so it is never opened."""


def _open_regular(path: Path) -> tuple[BinaryIO, int]:
    """The file opened for reading, after ``stat`` proved it a regular file; and its size.

    ``O_NONBLOCK`` makes the open itself return at once should the path be swapped for a FIFO
    between the check and the open; the descriptor is then checked again.
    """
    if path.is_dir():
        raise IsADirectoryError(path)
    if not stat.S_ISREG(path.stat().st_mode):
        raise NotRegularFileError(f"{path} is not a regular file (a pipe, socket or device)")
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise NotRegularFileError(f"{path} is not a regular file (a pipe, socket or device)")
    if hasattr(os, "set_blocking"):
        os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb"), info.st_size


def is_url(value: str) -> bool:
    """http(s) in any case: URL schemes are case-insensitive (RFC 3986 §3.1)."""
    return value[:8].lower().startswith(("http://", "https://"))
