"""How a fal request carries local images: inline as data URIs, or uploaded to fal storage as URLs.

``files="inline"`` sends every local image (``bytes``, ``Path``, data URI, Pillow image) in the
JSON body; ``"upload"`` uploads each one first and sends its URL; ``"auto"`` (the default) uploads
those of at least :data:`AUTO_UPLOAD_BYTES` and inlines smaller ones (BENCHMARKS.md, "Inline or
upload", has the measurement behind the threshold). The policy is applied to a *validated* input:
every local check (format, per-file and list caps, same dimensions) has passed before anything is
uploaded, so a refused input uploads nothing.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeAlias, TypeVar

from pydantic_core import PydanticSerializationError

from ideogram_clients._errors import InputErrorDetail, InvalidInputError
from ideogram_clients._files import ImageField, local_size
from ideogram_clients._models import InputModel
from ideogram_clients._upload_source import describe

__all__ = [
    "AUTO_UPLOAD_BYTES", "FILE_POLICIES", "FilePlan", "FilePolicy", "PendingUpload", "check_policy", "encode_checked",
    "plan_files", "with_urls",
]  # fmt: skip

FilePolicy: TypeAlias = Literal["auto", "inline", "upload"]
FILE_POLICIES: tuple[FilePolicy, ...] = ("auto", "inline", "upload")
#: ``files="auto"`` uploads a local image of at least this many bytes (see the module docstring).
AUTO_UPLOAD_BYTES = 256 << 10
ModelT = TypeVar("ModelT", bound=InputModel)
EncodedT = TypeVar("EncodedT")


def check_policy(value: object, name: str = "files") -> FilePolicy:
    """``value`` if it is a file policy; else a ``ValueError`` naming the choices."""
    for policy in FILE_POLICIES:
        if value == policy and isinstance(value, str):
            return policy
    raise ValueError(f"{name}: expected 'auto', 'inline' or 'upload', got {value!r}")


@dataclass(frozen=True)
class PendingUpload:
    """One local image of a validated input that goes to fal storage: ``field[index]`` holds it."""

    field: str
    index: int | None
    value: bytes | Path | str

    @property
    def where(self) -> str:
        return self.field if self.index is None else f"{self.field}[{self.index}]"

    @property
    def label(self) -> str:
        return describe(self.value)


@dataclass(frozen=True)
class FilePlan:
    """How a validated input's local images travel: these uploaded, ``inline`` of them in the body."""

    uploads: list[PendingUpload]
    inline: int


def plan_files(target: str, model: InputModel, policy: FilePolicy) -> FilePlan:
    """The local images of ``model`` that ``policy`` uploads (in field order), and how many stay inline.

    An image file that can no longer be read (gone since validation) is refused here, before any
    upload, as :class:`InvalidInputError` naming its field.
    """
    uploads, inline, unreadable = [], 0, []
    for name, index, item in _images(model):
        size = local_size(item)
        if size is None:
            problem = _unreadable(name, index, item)
            if problem is not None:
                unreadable.append(problem)
        elif policy == "upload" or (policy == "auto" and size >= AUTO_UPLOAD_BYTES):
            uploads.append(PendingUpload(name, index, item))
        else:
            inline += 1
    if unreadable:
        raise InvalidInputError(target, unreadable)
    return FilePlan(uploads, inline)


def encode_checked(target: str, model: ModelT, encode: Callable[[ModelT], EncodedT]) -> EncodedT:
    """``encode(model)``, with a local image file that can no longer be read (moved, deleted or
    locked since the input was validated) refused as :class:`InvalidInputError` naming its field,
    instead of pydantic's serialisation error. Nothing has been sent when it is raised."""
    try:
        return encode(model)
    except PydanticSerializationError:
        problems = [problem for problem in (_unreadable(*image) for image in _images(model)) if problem is not None]
        if not problems:
            raise
        raise InvalidInputError(target, problems) from None


def _unreadable(name: str, index: int | None, item: object) -> InputErrorDetail | None:
    """Why the image file ``item`` cannot be opened now, or None (not a path, or readable)."""
    if not isinstance(item, Path):
        return None
    try:
        item.open("rb").close()
    except OSError as exc:
        reason = f"cannot read the file any more ({exc.strerror or exc}); it was readable when checked"
        return InputErrorDetail((name,) if index is None else (name, index), item, reason, "file_unreadable")
    return None


def _images(model: InputModel) -> Iterator[tuple[str, int | None, Any]]:
    """``(field, index or None, value)`` of every image ``model`` holds, in field order."""
    for name in image_fields(type(model)):
        if name in model.model_fields_set:
            value = getattr(model, name)
            if isinstance(value, list):
                for index, item in enumerate(value):
                    yield name, index, item
            else:
                yield name, None, value


def with_urls(model: InputModel, uploads: list[PendingUpload], urls: list[str]) -> InputModel:
    """``model`` with each uploaded image replaced by its URL (nothing is validated again)."""
    update: dict[str, Any] = {}
    for upload, url in zip(uploads, urls, strict=True):
        if upload.index is None:
            update[upload.field] = url
        else:
            items = update.setdefault(upload.field, list(getattr(model, upload.field)))
            items[upload.index] = url
    return model.model_copy(update=update) if update else model


@functools.cache
def image_fields(model: type[InputModel]) -> tuple[str, ...]:
    """The fields of ``model`` that hold images (alone or in a list), found by their ``ImageField`` marker."""
    return tuple(name for name, info in model.model_fields.items() if _holds_image(info.annotation, info.metadata))


def _holds_image(annotation: Any, metadata: list[Any]) -> bool:
    return any(isinstance(item, ImageField) for item in metadata) or any(
        isinstance(item, ImageField) for item in _markers(annotation)
    )


def _markers(annotation: Any) -> Iterator[Any]:
    """Every ``Annotated`` metadata item anywhere inside ``annotation``."""
    yield from getattr(annotation, "__metadata__", ())
    for arg in typing.get_args(annotation):
        if not isinstance(arg, ImageField):
            yield from _markers(arg)
