"""Input images as pixels: data URIs, bare base64, or URLs this emulator served — never the network.

A remote URL is refused with a clear input error instead of being downloaded: the emulator must
run offline, and a test that silently fetched the internet would not be a test. Images whose
pixels are not needed (style or character references) are accepted without being fetched.
"""

from __future__ import annotations

import base64
import binascii
import io
import warnings

from PIL import Image, UnidentifiedImageError

from ideogram_clients.emulator._filestore import FileStore
from ideogram_clients.emulator._replies import Problem

__all__ = ["MAX_INPUT_PIXELS", "decode_image"]

#: Inputs larger than this are refused rather than decoded (a decompression-bomb guard).
MAX_INPUT_PIXELS = 50_000_000


def _raw_bytes(value: str, files: FileStore, base_url: str) -> bytes | str:
    """The encoded image bytes, or the reason they cannot be had."""
    if value.startswith("data:"):
        header, sep, payload = value.partition(",")
        if not sep or not header.endswith(";base64"):
            return "a data: URI must be base64 encoded (data:<mime>;base64,<data>)"
        value = payload
    elif value.lower().startswith(("http://", "https://")):
        served = files.resolve(value, base_url)
        if served is None:
            return (
                "the emulator does not download remote files; send the image as a data: URI or base64, "
                "or as a URL this emulator served"
            )
        return served
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return "not valid base64"


def decode_image(value: object, loc: tuple[str | int, ...], files: FileStore, base_url: str) -> Image.Image | Problem:
    """The fully decoded image at ``loc``, or the :class:`Problem` that explains why not."""
    if not isinstance(value, str):
        return Problem(loc, "expected an image as a data: URI, base64 or URL", "image_type")
    raw = _raw_bytes(value, files, base_url)
    if isinstance(raw, str):
        kind = "file_download_error" if value.lower().startswith("http") else "image_decode_error"
        return Problem(loc, raw, kind)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw))
            width, height = image.size
            if width * height > MAX_INPUT_PIXELS:
                message = f"image is {width}x{height}, over the emulator's {MAX_INPUT_PIXELS} pixels"
                return Problem(loc, message, "image_too_large")
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning) as exc:
        return Problem(loc, f"cannot decode the image: {exc}", "image_decode_error")
    return image
