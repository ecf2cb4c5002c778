"""Test images: small real PNG/JPEG/WebP (and refused GIF/BMP/text) files, in every input form.

Cases carry an :class:`Img` marker rather than bytes, so a 10 MB boundary case costs nothing until
it runs and test ids stay readable. :func:`materialize` turns markers into what a user passes:
``bytes``, a ``pathlib.Path``, a ``data:`` URI or a bare base64 string. An exact byte count is
reached by padding a PNG with a private ancillary chunk (``prVt``), which decoders skip, so the
file stays a valid image of the same dimensions.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from PIL import Image

__all__ = [
    "ACCEPTED_FORMATS",
    "MIME",
    "Form",
    "Img",
    "image_bytes",
    "local_bytes",
    "materialize",
    "nbytes_of",
    "sniff",
]

Form = Literal["bytes", "path", "data_uri", "base64", "fifo", "mislabelled", "truncated"]
#: Formats a spec may list (jpeg, png, webp); the others exist to be refused.
ACCEPTED_FORMATS = ("jpeg", "png", "webp")
MIME = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif", "bmp": "image/bmp"}
_PIL_NAMES = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP", "gif": "GIF", "bmp": "BMP"}
_SUFFIX = {"png": ".png", "jpeg": ".jpg", "webp": ".webp", "gif": ".gif", "bmp": ".bmp", "text": ".txt"}
DEFAULT_SIZE = (8, 8)


@dataclass(frozen=True)
class Img:
    """A local image to be made at run time.

    ``size`` None takes the case's shared size (so ``same_dimensions`` holds unless a case says
    otherwise); ``nbytes`` pads the file to exactly that many bytes (PNG only).
    """

    fmt: str = "png"
    form: Form = "bytes"
    size: tuple[int, int] | None = None
    nbytes: int | None = None

    def __repr__(self) -> str:
        size = f" {self.size[0]}x{self.size[1]}" if self.size else ""
        count = f" {self.nbytes}B" if self.nbytes is not None else ""
        return f"<{self.fmt} {self.form}{size}{count}>"

    def sized(self, size: tuple[int, int]) -> Img:
        return self if self.size is not None else replace(self, size=size)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


@lru_cache(maxsize=64)
def _plain(fmt: str, size: tuple[int, int]) -> bytes:
    if fmt == "text":
        return b"this is not an image, just some text"
    buffer = io.BytesIO()
    color = (size[0] * 7 % 256, size[1] * 13 % 256, 99)
    Image.new("RGB", size, color).save(buffer, _PIL_NAMES[fmt])
    return buffer.getvalue()


@lru_cache(maxsize=8)
def image_bytes(fmt: str, size: tuple[int, int] = DEFAULT_SIZE, nbytes: int | None = None) -> bytes:
    """The file's bytes; with ``nbytes``, a PNG padded to exactly that length."""
    data = _plain(fmt, size)
    if nbytes is None or nbytes == len(data):
        return data
    if fmt != "png":
        raise ValueError("exact byte counts are made by padding PNG files")
    if nbytes < len(data):
        raise ValueError(f"a {size[0]}x{size[1]} PNG needs at least {len(data)} bytes")
    pad = nbytes - len(data)
    end = data.rindex(b"IEND") - 4  # the IEND chunk starts with its 4-byte length
    if pad >= 12:
        return data[:end] + _chunk(b"prVt", bytes(pad - 12)) + data[end:]
    return data + bytes(pad)  # too little room for a chunk: trailing bytes after IEND


def nbytes_of(img: Img) -> int:
    """The byte size the marker will have once made."""
    if img.nbytes is not None:
        return img.nbytes
    return len(image_bytes(img.fmt, img.size or DEFAULT_SIZE))


def sniff(data: bytes) -> str | None:
    """The format of ``data`` by magic number (our own reading, independent of the package's)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def _path_for(data: bytes, fmt: str, folder: Path) -> Path:
    path = folder / f"{hashlib.sha1(data).hexdigest()[:20]}{_SUFFIX[fmt]}"
    if not path.exists() or path.stat().st_size != len(data):
        temp = path.with_suffix(".part")
        temp.write_bytes(data)
        temp.replace(path)
    return path


def _fifo(fmt: str, folder: Path) -> Path:
    """A named pipe with an image's name: opening it for reading would block until a writer comes."""
    path = folder / f"pipe{_SUFFIX[fmt]}"
    if not path.exists():
        os.mkfifo(path)
    return path


def _make(img: Img, size: tuple[int, int], folder: Path) -> bytes | Path | str:
    if img.form == "fifo":
        return _fifo(img.fmt, folder)
    data = image_bytes(img.fmt, img.size or size, img.nbytes)
    if img.form == "truncated":  # the signature and a cut-off header: the format sniffs, the size cannot be read
        return data[:20]
    if img.form == "mislabelled":  # a real image under a declared type that is not an image type
        return f"data:text/plain;base64,{base64.b64encode(data).decode('ascii')}"
    if img.form == "bytes":
        return data
    if img.form == "path":
        return _path_for(data, img.fmt, folder)
    encoded = base64.b64encode(data).decode("ascii")
    if img.form == "base64":
        return encoded
    return f"data:{MIME.get(img.fmt, 'application/octet-stream')};base64,{encoded}"


def local_bytes(value: Any) -> int:
    """Total bytes of the image markers in ``value`` (to spare big cases some repetitions)."""
    if isinstance(value, Img):
        return nbytes_of(value)
    if isinstance(value, Mapping):
        return sum(local_bytes(item) for item in value.values())
    if isinstance(value, list | tuple):
        return sum(local_bytes(item) for item in value)
    return 0


def materialize(value: Any, size: tuple[int, int], folder: Path) -> Any:
    """``value`` with every :class:`Img` replaced by real data (lists and dicts are rebuilt; tuples kept)."""
    if isinstance(value, Img):
        return _make(value, size, folder)
    if isinstance(value, Mapping):
        return {key: materialize(item, size, folder) for key, item in value.items()}
    if isinstance(value, list):
        return [materialize(item, size, folder) for item in value]
    if isinstance(value, tuple):
        return tuple(materialize(item, size, folder) for item in value)
    return value
