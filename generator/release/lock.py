"""The spec lock: the normalised, loaded spec model of the last release, as canonical JSON.

Locking the loaded model (not the YAML text) means reformatting, reordering keys or moving a field
in the file is no change at all; only what the generator would render differently counts.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from generator.spec.model import FieldSpec, SpecSet

LOCK_FORMAT = 1
Model = dict[str, Any]


def _fields(fields: tuple[FieldSpec, ...]) -> dict[str, Any]:
    return {field.name: asdict(field) for field in fields}


def spec_model(specs: SpecSet) -> Model:
    """Endpoints keyed by id and types keyed by name, fields keyed by name; JSON-round-tripped."""
    endpoints: dict[str, Any] = {}
    for spec in specs.endpoints:
        entry = asdict(spec)
        entry["input"] = _fields(spec.input)
        entry["output"] = _fields(spec.output)
        entry["module"] = spec.module
        endpoints[spec.endpoint] = entry
    types: dict[str, Any] = {}
    for name, type_spec in specs.types.items():
        entry = asdict(type_spec)
        entry["fields"] = _fields(type_spec.fields)
        types[name] = entry
    normalised: Model = json.loads(json.dumps({"endpoints": endpoints, "types": types}))
    return normalised


def dump_lock(version: str, model: Model) -> str:
    """Deterministic text: sorted keys, fixed indentation, trailing newline."""
    document = {"format": LOCK_FORMAT, "version": version, "specs": model}
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def read_lock(path: Path) -> tuple[str, Model] | None:
    """``(version, model)`` of the last release, or ``None`` when nothing was released yet."""
    if not path.is_file():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or document.get("format") != LOCK_FORMAT:
        raise ValueError(f"{path}: not a spec lock of format {LOCK_FORMAT}")
    return str(document["version"]), document["specs"]
