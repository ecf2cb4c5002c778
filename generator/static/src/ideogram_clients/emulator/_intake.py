"""Turning a request into validated input: size cap, JSON, the generated models, decodable images.

Provider-neutral: every refusal is a :class:`Refused` that the provider's route renders in its own
shape. A body over ``max_body_bytes`` is answered 413; the rest of it is read and thrown away first
(up to four times the cap), so a client still writing its upload reads the answer instead of a
reset connection.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from typing import Any, cast

import anyio.to_thread
from starlette.requests import Request

from ideogram_clients._endpoint import Endpoint
from ideogram_clients._errors import InvalidInputError
from ideogram_clients._models import InputModel
from ideogram_clients.emulator._replies import Problem, Refused, problems_of
from ideogram_clients.emulator._runner import Inputs, load_inputs
from ideogram_clients.emulator._state import EmulatorState

__all__ = ["accept", "read_json"]


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    too_large = declared.isdigit() and int(declared) > limit
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            too_large = True
        if too_large:
            if size > 4 * limit + (1 << 20):
                break
            continue
        chunks.append(chunk)
    if too_large:
        shown = int(declared) if declared.isdigit() else size
        raise Refused(f"Request body too large: {shown} bytes, the limit is {limit} bytes", status=413)
    return b"".join(chunks)


async def read_json(request: Request, limit: int) -> object:
    """The JSON body; raises :class:`Refused` (413, or invalid input) when there is none."""
    body = await _read_body(request, limit)
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        problem = Problem((), f"Invalid JSON body: {exc}", "json_invalid")
        raise Refused("Request body is not valid JSON", problems=[problem]) from None


async def accept(
    state: EmulatorState, endpoint: Endpoint[Any, Any], data: object, base_url: str
) -> tuple[InputModel, Inputs]:
    """The validated model and decoded images; raises :class:`Refused` listing every bad field."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "only the first reference is used": a client-side hint
            model: InputModel = endpoint.validate(cast("Mapping[str, object]", data))  # refuses non-objects itself
    except InvalidInputError as error:
        raise Refused("Invalid request parameters", problems=problems_of(error)) from None
    inputs = await anyio.to_thread.run_sync(load_inputs, endpoint, model, state.files, base_url, state.options)
    return model, inputs
