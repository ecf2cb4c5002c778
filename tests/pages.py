"""Examples printed on the doc pages, extracted as JSON objects, keyed by endpoint."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import ROOT

#: Which endpoint each page documents (the "Other types" sections print no examples).
PAGE_ENDPOINTS = {
    "fal-ideogram-v2-edit": "fal-ai/ideogram/v2/edit",
    "fal-ideogram-character": "fal-ai/ideogram/character",
    "magnific-ideogram-image-edit": "magnific/ideogram-image-edit",
}


def json_objects(text: str) -> list[dict[str, Any]]:
    """Every complete top-level JSON object embedded in ``text``."""
    decoder = json.JSONDecoder()
    found: list[dict[str, Any]] = []
    index = text.find("{")
    while index != -1:
        try:
            value, end = decoder.raw_decode(text, index)
        except ValueError:
            index = text.find("{", index + 1)
            continue
        if isinstance(value, dict):
            found.append(value)
        index = text.find("{", end)
    return found


def examples(kind: str) -> list[tuple[str, str, dict[str, Any]]]:
    """``(page, endpoint, example)`` for every input (``kind='input'``) or output example."""
    result = []
    for path in sorted((ROOT / "upstream-docs").glob("*.txt")):
        endpoint = next(ep for prefix, ep in PAGE_ENDPOINTS.items() if path.name.startswith(prefix))
        for obj in json_objects(path.read_text(encoding="utf-8")):
            is_output = "images" in obj or "task_id" in obj
            if (kind == "output") == is_output and (is_output or "prompt" in obj):
                result.append((path.name, endpoint, obj))
    return result
