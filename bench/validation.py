"""5. Validation throughput: payloads per second through each endpoint's input model, valid and invalid.

Ours is ``ENDPOINTS[id].validate(arguments)``, the path every call takes (strict pydantic model with
the image-field checks, ``None`` refusal and the cross-field rules; an invalid payload ends in our
``InvalidInputError``). The peer is the model datamodel-code-generator 0.89.0 generated from the
same exported JSON Schema (benchmark 1), ``model_validate`` on the same dict. Valid payloads are
built from each schema: required fields, ``seed`` and every optional enum field the rules allow,
images as https URLs. The invalid payload is the valid one with ``seed: -1`` (both refuse it).
A few more invalid probes show what each side lets through.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bench._common import Config, Row, Samples, Section, profile_excerpt, profiled
from ideogram_clients import ENDPOINTS, InvalidInputError
from ideogram_clients._endpoint import Endpoint

__all__ = ["run", "valid_payload"]

IMAGE_URL = "https://example.com/image.png"
PROMPT = "a red knitted hat on a wooden table"


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = root["$defs"][name]
    return schema


def _example(schema: dict[str, Any], root: dict[str, Any]) -> Any:
    schema = _resolve(schema, root)
    if "x-image" in schema:
        return IMAGE_URL
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [option for option in schema[key] if _resolve(option, root).get("type") != "null"]
            return _example(options[0], root)
    kind = schema.get("type")
    if kind == "string":
        return PROMPT
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        return float(schema.get("minimum", 0.5))
    if kind == "boolean":
        return False
    if kind == "array":
        return [_example(schema.get("items", {}), root)] * max(1, int(schema.get("minItems", 1)))
    if kind == "object":
        return {name: _example(schema["properties"][name], root) for name in schema.get("required", [])}
    raise ValueError(f"no example for {schema}")


def _accepts(endpoint: Endpoint[Any, Any], arguments: dict[str, Any]) -> bool:
    try:
        endpoint.validate(arguments)
    except InvalidInputError:
        return False
    return True


def valid_payload(endpoint: Endpoint[Any, Any]) -> dict[str, Any]:
    """Required fields, a seed, then every optional enum field that keeps the payload valid."""
    schema = endpoint.json_schema("input")
    properties = schema["properties"]
    payload = {name: _example(properties[name], schema) for name in schema.get("required", [])}
    if "seed" in properties:
        payload["seed"] = 12345
    for name, field in properties.items():
        resolved = _resolve(field, schema)
        if name in payload or "enum" not in resolved:
            continue
        candidate = {**payload, name: resolved["enum"][min(1, len(resolved["enum"]) - 1)]}
        if _accepts(endpoint, candidate):
            payload = candidate
    if not _accepts(endpoint, payload):
        raise RuntimeError(f"the benchmark's valid payload for {endpoint.id} is refused: {payload}")
    return payload


def _probes(endpoint: Endpoint[Any, Any], payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    probes = {
        "seed -1": {**payload, "seed": -1},
        'seed "3"': {**payload, "seed": "3"},
        "seed 3.0": {**payload, "seed": 3.0},
        "seed True": {**payload, "seed": True},
        "unknown key": {**payload, "bogus": 1},
    }
    # None on a required field (fal marks seed and others nullable: there None means unset, and is valid)
    required = "prompt" if "prompt" in payload else next(iter(payload))
    probes["required field None"] = {**payload, required: None}
    image = next((name for name, value in payload.items() if value == IMAGE_URL), None)
    if image is not None:
        probes["image ftp://"] = {**payload, image: "ftp://example.com/image.png"}
        probes["image not a URL"] = {**payload, image: "image.png"}
    return probes


def _peer_models(folder: Path) -> dict[str, type[BaseModel]]:
    sys.path.insert(0, str(folder.parent))
    models: dict[str, type[BaseModel]] = {}
    for endpoint in ENDPOINTS.values():
        module = importlib.import_module(f"{folder.name}.{endpoint.module}_input")
        models[endpoint.id] = getattr(module, endpoint.json_schema("input")["title"])
    return models


def _rate(function: Callable[[], object], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        function()
    return calls / (time.perf_counter() - started)


def _ours(endpoint: Endpoint[Any, Any], arguments: dict[str, Any], valid: bool) -> Callable[[], object]:
    if valid:
        return lambda: endpoint.validate(arguments)

    def invalid() -> object:
        try:
            endpoint.validate(arguments)
        except InvalidInputError as error:
            return error
        raise AssertionError("accepted an invalid payload")

    return invalid


def _peer(model: type[BaseModel], arguments: dict[str, Any], valid: bool) -> Callable[[], object]:
    if valid:
        return lambda: model.model_validate(arguments)

    def invalid() -> object:
        try:
            model.model_validate(arguments)
        except ValidationError as error:
            return error
        raise AssertionError("accepted an invalid payload")

    return invalid


def run(config: Config, work: Path) -> Section:
    peer_models = _peer_models(work / "peer_models")
    rounds, calls = config.repeats(5, 2), config.repeats(1000, 200)
    table: list[tuple[str, dict[str, Samples]]] = []
    refused = {"ours": 0, "peer": 0}
    probe_total = 0
    probe_misses: dict[str, int] = {}
    for endpoint in ENDPOINTS.values():
        payload = valid_payload(endpoint)
        model = peer_models[endpoint.id]
        model.model_validate(payload)  # the peer accepts every valid payload
        bad = {**payload, "seed": -1}
        contenders = {
            "ours valid": _ours(endpoint, payload, True),
            "peer valid": _peer(model, payload, True),
            "ours invalid": _ours(endpoint, bad, False),
            "peer invalid": _peer(model, bad, False),
        }
        rates: dict[str, list[float]] = {name: [] for name in contenders}
        for function in contenders.values():
            _rate(function, 100)
        for index in range(rounds):
            for name in contenders if index % 2 == 0 else reversed(list(contenders)):
                rates[name].append(_rate(contenders[name], calls))
        table.append((endpoint.id, {name: Samples.of(values, "/s", 0) for name, values in rates.items()}))
        for probe, arguments in _probes(endpoint, payload).items():
            probe_total += 1
            refused["ours"] += not _accepts(endpoint, arguments)
            try:
                model.model_validate(arguments)
            except ValidationError:
                refused["peer"] += 1
            else:
                probe_misses[probe] = probe_misses.get(probe, 0) + 1

    def across(name: str) -> Samples:
        return Samples.of([samples[name].median for _, samples in table], "payloads/s", 0)

    rows = [
        Row(
            "Validation throughput, valid payloads (median of 10 endpoints)",
            across("ours valid"),
            across("peer valid"),
            better="higher",
            peer_label="datamodel-codegen models",
            note="spread = slowest–fastest endpoint",
        ),
        Row(
            "Validation throughput, invalid payloads (median of 10 endpoints)",
            across("ours invalid"),
            across("peer invalid"),
            better="higher",
            peer_label="datamodel-codegen models",
            note="spread = slowest–fastest endpoint",
        ),
        Row(
            f"Invalid probes refused (of {probe_total})",
            Samples.of([float(refused["ours"])], "", 0),
            Samples.of([float(refused["peer"])], "", 0),
            better="higher",
            peer_label="datamodel-codegen models",
        ),
    ]
    detail = (
        f"Payloads per second, median of {rounds} rounds of {calls} calls (ours / datamodel-codegen model):\n\n"
        "| endpoint | valid: ours | valid: peer | invalid: ours | invalid: peer |\n|---|---|---|---|---|\n"
    )
    for endpoint_id, samples in table:
        cells = " | ".join(
            f"{samples[name].median:,.0f}" for name in ("ours valid", "peer valid", "ours invalid", "peer invalid")
        )
        detail += f"| `{endpoint_id}` | {cells} |\n"
    missed = ", ".join(f"{probe} ({count}×)" for probe, count in sorted(probe_misses.items())) or "none"
    detail += (
        f"\nProbes the peer's models let through: {missed}. Ours refuses all {refused['ours']} of {probe_total}.\n"
    )
    for row in rows[:2]:
        if row.loses:
            row.why, row.profile = _why(row is rows[0])
    return Section("validation", "Validation throughput", rows=rows, detail=detail, method=__doc__ or "")


def _why(valid: bool) -> tuple[str, str]:
    endpoint = ENDPOINTS["fal-ai/ideogram/character/edit"]
    payload = valid_payload(endpoint)
    function = _ours(endpoint, payload if valid else {**payload, "seed": -1}, valid)
    repeat = 5000
    stats = profiled(function, repeat)
    raw = stats.stats  # type: ignore[attr-defined]

    def cumulative(file: str, name: str) -> float:
        return float(
            sum(
                entry[3]
                for (filename, _, function_name), entry in raw.items()
                if filename.endswith(file) and function_name == name
            )
            / repeat
            * 1e6
        )

    total = cumulative("_endpoint.py", "validate")
    images = cumulative("_files.py", "validate")
    rules = cumulative("_models.py", "_check_rules")
    errors = cumulative("_endpoint.py", "to_input_error")
    kind = "valid" if valid else "invalid"
    why = (
        f"Ours checks more, and those checks are Python functions that pydantic-core calls back. Profile of "
        f"{repeat:,} {kind} `{endpoint.id}` payloads (times per payload, under the profiler): "
        f"`Endpoint.validate` {total:.1f} µs, of which the image checks in `_files.py` (`ImageField.validate`: "
        f"URL scheme and host through `urlsplit`, three images here; `ImageList.validate`) "
        f"{images:.1f} µs"
        + (
            f" and the cross-field rules (`_check_rules`: same dimensions, exclusive fields) {rules:.1f} µs"
            if valid
            else f" and our readable `InvalidInputError` (`to_input_error`) {errors:.1f} µs (the rules do not "
            "run once a field failed)"
        )
        + ". The peer's models are pure pydantic-core and lax: no image, rule or `None` checks, so they let "
        "the probes above through. Ours, by cumulative time:"
    )
    return why, profile_excerpt(stats, top=12, sort="cumulative")
