"""Image inputs: an http(s) URL, a ``data:`` URI, ``bytes`` or a :class:`pathlib.Path`.

Validation never loads a whole file: sizes come from ``len``, ``stat`` or the base64 length, the
format from the first bytes (magic numbers) and the dimensions from the image header (Pillow reads
headers lazily). Encoding happens once, when the payload is serialised: a data URI for fal, bare
base64 for Magnific. Remote URLs are passed through untouched and never downloaded.
"""

from __future__ import annotations

import base64
import binascii
import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeAlias
from urllib.parse import urlsplit

from pydantic import GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from ideogram_clients._sources import (
    HEADER_BYTES,
    Encoding,
    LocalPathError,
    NotRegularFileError,
    decoded_length,
    is_url,
    open_local,
    parse_data_uri,
)

__all__ = [
    "IgnoredItemsWarning",
    "ImageField",
    "ImageInfo",
    "ImageInput",
    "ImageList",
    "image_info",
    "local_size",
    "sniff_format",
]

#: What an image field accepts (a Pillow ``Image`` too: it is encoded as an image file first).
ImageInput: TypeAlias = str | bytes | Path


MIME_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}
#: A file name extension for each image MIME type (uploads name their files by it).
EXTENSIONS = {mime: ".jpg" if name == "jpeg" else f".{name}" for name, mime in MIME_TYPES.items()}
_FORMAT_NAMES = {"jpeg": "JPEG", "png": "PNG", "webp": "WebP", "gif": "GIF", "bmp": "BMP", "tiff": "TIFF"}
#: Bytes encoded per slice: a multiple of 3, so the slices' base64 joins without inner padding.
_ENCODE_CHUNK = 3 << 16


class IgnoredItemsWarning(UserWarning):
    """More items were given than the provider uses; the rest are ignored server-side."""


def sniff_format(head: bytes) -> str | None:
    """The image format named by the magic bytes at the start of ``head``."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"BM"):
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return None


@dataclass(frozen=True)
class ImageInfo:
    """What the header of a local image says."""

    format: str | None
    nbytes: int
    size: tuple[int, int] | None


def local_size(value: object) -> int | None:
    """Byte size of a local image without reading it; None for URLs or unknown values."""
    try:
        if isinstance(value, bytes):
            return len(value)
        if isinstance(value, Path):
            return value.stat().st_size
        if isinstance(value, str) and value.startswith("data:"):
            return decoded_length(parse_data_uri(value)[1])
        if isinstance(value, str) and not is_url(value):
            return decoded_length(value)
    except (OSError, ValueError):
        return None
    return None


def image_info(value: object, encoding: Encoding = "base64") -> ImageInfo | None:
    """Format, byte size and dimensions of a local image, read from its header; None for URLs."""
    if not isinstance(value, str | bytes | Path) or (isinstance(value, str) and is_url(value)):
        return None
    try:
        opened = open_local(value, encoding)
    except (OSError, ValueError):
        return None
    if opened is None:
        return None
    stream, nbytes = opened
    with stream:
        head = stream.read(HEADER_BYTES)
        return ImageInfo(format=sniff_format(head), nbytes=nbytes, size=_size(value, encoding, head, stream))


def _size(value: ImageInput, encoding: Encoding, head: bytes, stream: BinaryIO) -> tuple[int, int] | None:
    """An image's dimensions as validation and the rules both read them: from the header bytes and
    the stream, else from the whole decoded data: URI / base64 (so a size validation found is never
    missing when a rule such as ``same_dimensions`` asks for it)."""
    return _dimensions(head, stream) or _full_dimensions(value, encoding)


def _dimensions(head: bytes, stream: BinaryIO) -> tuple[int, int] | None:
    from PIL import Image, UnidentifiedImageError

    for source in (io.BytesIO(head), stream):
        try:
            source.seek(0)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(source) as image:
                    return image.size
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            continue
    return None


#: Spellings of a declared media type that name the sniffed format (``image/jpg`` is common in the wild).
_DECLARED = {"jpeg": ("image/jpeg", "image/jpg", "image/pjpeg"), "png": ("image/png",), "webp": ("image/webp",)}


def _check_declared_type(value: str, found: str) -> None:
    """A data: URI's media type must be an image type naming the format its bytes are."""
    declared = (parse_data_uri(value)[0] or "").lower()
    if declared not in _DECLARED.get(found, (MIME_TYPES.get(found),)):
        shown = repr(declared) if declared else "no media type"
        expected = MIME_TYPES[found]
        raise _fail(f"data: URI declares {shown} but holds {_FORMAT_NAMES[found]} data; use data:{expected};base64,...")


def _full_dimensions(value: ImageInput, encoding: Encoding) -> tuple[int, int] | None:
    """Dimensions from the whole decoded data (a data: URI or base64 whose size marker lies past the
    header bytes, e.g. a JPEG after a large EXIF block); None for files and bytes, already read whole."""
    if not isinstance(value, str):
        return None
    payload = parse_data_uri(value)[1] if value.startswith("data:") else value
    data = base64.b64decode(payload) if encoding == "base64" or value.startswith("data:") else b""
    if len(data) <= HEADER_BYTES:
        return None
    stream = io.BytesIO(data)
    return _dimensions(data[:HEADER_BYTES], stream)


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("image", message)


def _human(nbytes: int) -> str:
    return f"{nbytes / (1 << 20):g} MB" if nbytes % (1 << 20) == 0 else f"{nbytes} bytes"


#: Pillow format names of what the providers accept; any other image is saved as PNG (lossless).
_PIL_KEPT = {"JPEG", "PNG", "WEBP"}


def pil_to_bytes(value: Any) -> Any:
    """A Pillow image as the bytes of an image file (its own JPEG/PNG/WebP format, else PNG);
    anything else unchanged. Pillow is imported only when a caller already passed one of its images."""
    if not type(value).__module__.startswith("PIL."):
        return value
    from PIL import Image

    if not isinstance(value, Image.Image):
        return value
    fmt = value.format if value.format in _PIL_KEPT else "PNG"
    image = value if fmt != "JPEG" or value.mode in ("RGB", "L", "CMYK") else value.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"quality": 95} if fmt == "JPEG" else {"lossless": True} if fmt == "WEBP" else {}))
    return buffer.getvalue()


@dataclass(frozen=True)
class ImageField:
    """``Annotated`` marker for an image field: validation rules and the provider's encoding."""

    encoding: Encoding
    formats: tuple[str, ...] | None = None
    max_bytes: int | None = None
    schemes: tuple[str, ...] = ("http", "https")

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        checked = core_schema.with_info_after_validator_function(self.validate, handler(source))
        return core_schema.no_info_before_validator_function(
            pil_to_bytes,
            checked,
            serialization=core_schema.plain_serializer_function_ser_schema(self.encode, when_used="always"),
        )

    def _describe(self) -> str:
        kinds = "an http(s) URL" if "http" in self.schemes else "an https URL"
        extra = ", a base64 string" if self.encoding == "base64" else ""
        return f"{kinds}, a data: URI{extra}, bytes or a pathlib.Path"

    def validate(self, value: ImageInput, info: core_schema.ValidationInfo) -> ImageInput:
        if isinstance(value, str) and is_url(value):
            parts = urlsplit(value)
            if parts.scheme.lower() not in self.schemes:
                raise _fail(f"URL scheme {parts.scheme!r} is not accepted here; use {' or '.join(self.schemes)}")
            if not parts.hostname:
                raise _fail("URL has no host")
            return value
        try:
            opened = open_local(value, self.encoding)
        except FileNotFoundError:
            raise _fail("file not found") from None
        except IsADirectoryError:
            raise _fail("path is a directory, not an image file") from None
        except NotRegularFileError:
            raise _fail("not a regular file (a pipe, socket or device); pass an image file") from None
        except OSError as exc:
            raise _fail(f"cannot read file: {exc.strerror or exc}") from None
        except LocalPathError as exc:
            field = info.field_name or "FIELD"
            raise _fail(f"{exc} (CLI: --file {field}={exc.text})") from None
        except ValueError as exc:
            raise _fail(f"expected {self._describe()} ({exc})") from None
        assert opened is not None  # URLs returned above
        stream, nbytes = opened
        with stream:
            head = stream.read(HEADER_BYTES)
            if self.max_bytes is not None and nbytes > self.max_bytes:
                limit = f"{_human(self.max_bytes)} limit ({self.max_bytes} bytes)"
                raise _fail(f"image is {nbytes} bytes, over the {limit}")
            found = sniff_format(head)
            if self.formats is not None and found not in self.formats:
                allowed = ", ".join(_FORMAT_NAMES[name] for name in self.formats)
                shown = _FORMAT_NAMES.get(found or "", "not a recognised image")
                raise _fail(f"image format {shown} is not accepted; use {allowed}")
            if found is None:
                raise _fail("not a recognised image (JPEG, PNG or WebP expected)")
            if isinstance(value, str) and value.startswith("data:"):
                _check_declared_type(value, found)
            # a rule such as same_dimensions needs the size: an image whose header cannot be read is refused
            if _size(value, self.encoding, head, stream) is None:
                raise _fail(f"cannot read the image's dimensions: truncated or corrupt {_FORMAT_NAMES[found]} data")
        return value

    def encode(self, value: ImageInput) -> str:
        """The wire form: URLs as given; local data as a data URI (fal) or bare base64 (Magnific)."""
        if isinstance(value, str):
            if is_url(value):
                return value
            if value.startswith("data:"):
                return value if self.encoding == "data_uri" else parse_data_uri(value)[1]
            return value
        return _encode_local(value, self.encoding)


def _encode_local(value: bytes | Path, encoding: Encoding) -> str:
    """Bare base64 or a data URI of local bytes, in one ``str`` built with a single full-size buffer.

    The file is read and encoded in slices into a pre-sized ``bytearray`` that is then decoded once,
    so the peak is that buffer plus the final string (~2.7x the file size), never the raw file,
    its encoding and copies of both. Exactly the validated number of bytes is encoded.
    """
    opened = open_local(value, encoding)
    assert opened is not None  # bytes and paths are always local
    stream, size = opened
    with stream:
        prefix = b""
        if encoding == "data_uri":
            mime = MIME_TYPES.get(sniff_format(stream.read(16)) or "", "application/octet-stream")
            prefix = b"data:" + mime.encode("ascii") + b";base64,"
            stream.seek(0)
        buffer = bytearray(len(prefix) + 4 * ((size + 2) // 3))
        buffer[: len(prefix)] = prefix
        end, left = len(prefix), size
        while left > 0 and (chunk := stream.read(min(_ENCODE_CHUNK, left))):
            piece = binascii.b2a_base64(chunk, newline=False)
            buffer[end : end + len(piece)] = piece
            end += len(piece)
            left -= len(chunk)
    del buffer[end:]
    return buffer.decode("ascii")


@dataclass(frozen=True)
class ImageList:
    """``Annotated`` marker for a list of images: the aggregate byte cap and the used-items note."""

    total_max_bytes: int | None = None
    used_items: int | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.validate, handler(source))

    def validate(self, value: Sequence[object]) -> Any:
        if self.total_max_bytes is not None:
            total = sum(local_size(item) or 0 for item in value)
            if total > self.total_max_bytes:
                raise _fail(
                    f"images total {total} bytes, over the {_human(self.total_max_bytes)} limit "
                    f"across the list ({self.total_max_bytes} bytes)"
                )
        if self.used_items is not None and len(value) > self.used_items:
            warnings.warn(
                f"{len(value)} items given but only the first {self.used_items} will be used; "
                "the provider ignores the rest",
                IgnoredItemsWarning,
                stacklevel=2,
            )
        return value
