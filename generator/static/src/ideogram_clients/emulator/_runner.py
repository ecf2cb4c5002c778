"""The emulated model runner: what each endpoint computes from its validated input.

The kind of work is read from the input model's fields (a mask → edit; an input image and a size →
remix or reframe; an input image only → background replacement; otherwise generation), so a new
endpoint spec gets sensible behaviour without code here. Inputs are fully decoded when a job is
accepted, so a job never fails on bad pixels later: only injected failures and cancellations end
a job in error. Results are rendered once, on first need, and must fit the endpoint's output model.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PIL import Image

from ideogram_clients._endpoint import Endpoint
from ideogram_clients._models import InputModel
from ideogram_clients.emulator import _render
from ideogram_clients.emulator._filestore import FileStore
from ideogram_clients.emulator._images import decode_image
from ideogram_clients.emulator._jobs import Job
from ideogram_clients.emulator._options import EmulatorOptions
from ideogram_clients.emulator._replies import Problem, Refused

__all__ = ["Inputs", "Kind", "kind_of", "load_inputs", "magnific_task", "render_result"]

_IMAGE_FIELDS = ("image_url", "image")
_MASK_FIELDS = ("mask_url", "mask")


class Kind(Enum):
    EDIT = "edit"
    GENERATE = "generate"
    REMIX = "remix"
    REFRAME = "reframe"
    BACKGROUND = "background"


def _field(endpoint: Endpoint[Any, Any], names: tuple[str, ...]) -> str | None:
    return next((name for name in names if name in endpoint.input_model.model_fields), None)


def kind_of(endpoint: Endpoint[Any, Any]) -> Kind:
    fields = endpoint.input_model.model_fields
    if _field(endpoint, _MASK_FIELDS):
        return Kind.EDIT
    if _field(endpoint, _IMAGE_FIELDS):
        if "image_size" in fields:
            return Kind.REMIX if "strength" in fields else Kind.REFRAME
        return Kind.BACKGROUND
    return Kind.GENERATE


@dataclass(frozen=True)
class Inputs:
    """The decoded pixels a job needs, and the size of the images it will draw."""

    image: Image.Image | None
    mask: Image.Image | None
    size: tuple[int, int]


def _requested_size(arguments: InputModel, options: EmulatorOptions) -> tuple[int, int] | None:
    size = getattr(arguments, "image_size", None)
    if isinstance(size, str):
        return _render.preset_size(size, options.size_divisor)
    width, height = getattr(size, "width", None), getattr(size, "height", None)
    if isinstance(width, int) and isinstance(height, int):
        return width, height
    return None


def load_inputs(
    endpoint: Endpoint[Any, Any], arguments: InputModel, files: FileStore, base_url: str, options: EmulatorOptions
) -> Inputs:
    """Decode what the job draws from; raises :class:`Refused` naming each unusable field."""
    problems: list[Problem] = []
    decoded: dict[str, Image.Image | None] = {}
    for role, names in (("image", _IMAGE_FIELDS), ("mask", _MASK_FIELDS)):
        name = _field(endpoint, names)
        value = getattr(arguments, name, None) if name else None
        decoded[role] = None
        if name is None or value is None:
            continue
        result = decode_image(value, (name,), files, base_url)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            decoded[role] = result
    image, mask = decoded["image"], decoded["mask"]
    if image is not None and mask is not None and image.size != mask.size:
        name = _field(endpoint, _MASK_FIELDS) or "mask"
        shown = f"mask is {mask.width}x{mask.height} but the image is {image.width}x{image.height}"
        problems.append(Problem((name,), f"{shown}; they must have the exact same dimensions", "same_dimensions"))
    size = _requested_size(arguments, options) or (image.size if image is not None else (1, 1))
    if max(size) > options.max_image_side:
        limit = f"{size[0]}x{size[1]} is over the emulator's {options.max_image_side} px side limit"
        problems.append(Problem(("image_size",), limit, "image_size"))
    if problems:
        raise Refused("Invalid request parameters", problems=problems)
    return Inputs(image, mask, size)


def _draw(kind: Kind, inputs: Inputs, arguments: InputModel, key: bytes) -> Image.Image:
    image = inputs.image
    if kind is Kind.EDIT and image is not None and inputs.mask is not None:
        return _render.edit(image, inputs.mask, key)
    if kind is Kind.REMIX and image is not None:
        strength = getattr(arguments, "strength", 0.8)
        return _render.remix(image, inputs.size, float(strength), key)
    if kind is Kind.REFRAME and image is not None:
        return _render.reframe(image, inputs.size, key)
    if kind is Kind.BACKGROUND and image is not None:
        return _render.replace_background(image, key)
    return _render.generate(inputs.size, key)


def _render_pngs(job: Job, files: FileStore, options: EmulatorOptions) -> list[bytes]:
    kind = kind_of(job.endpoint)
    inputs = load_inputs(job.endpoint, job.arguments, files, job.base_url, options)
    prompt = getattr(job.arguments, "prompt", "")
    count = job.num_images if job.endpoint.provider == "fal" else 1
    keys = [_render.digest(kind.value, prompt, job.seed, index) for index in range(count)]
    return [_render.to_png(_draw(kind, inputs, job.arguments, key)) for key in keys]


def render_result(job: Job, files: FileStore, options: EmulatorOptions) -> dict[str, Any]:
    """The job's output JSON (rendered on first call, then cached); blocking — run it in a thread."""
    with job.lock:
        if job.result is not None:
            return job.result
        pngs = _render_pngs(job, files, options)
        sync = bool(getattr(job.arguments, "sync_mode", False))
        urls: list[str] = []
        for index, data in enumerate(pngs):
            name = f"{job.id}-{index}.png"
            if sync:
                urls.append("data:image/png;base64," + base64.b64encode(data).decode("ascii"))
            else:
                files.put(name, data)
                urls.append(FileStore.url(job.base_url, name))
        job.outputs = urls
        if job.endpoint.provider == "magnific":
            result: dict[str, Any] = {"task_id": job.id, "status": "COMPLETED", "generated": urls}
        else:
            images = [
                {"url": url, "content_type": "image/png", "file_name": f"{job.id}-{index}.png", "file_size": len(data)}
                for index, (url, data) in enumerate(zip(urls, pngs, strict=True))
            ]
            result = {"images": images, "seed": job.seed}
        job.endpoint.parse_output(result)
        job.result = result
        return result


def magnific_task(job: Job, status: str) -> dict[str, Any]:
    """The Magnific task object (without the ``data`` wrapper) for ``status``."""
    generated = list(job.outputs) if status == "COMPLETED" else []
    return {"task_id": job.id, "status": status, "generated": generated}
