"""Specs → one OpenAPI 3.1 document of all ten endpoints, as the clients see them.

fal: the queue routes the clients call (submit per endpoint; status, status stream, cancel and
result per app, as ``protocol.app`` names them) with fal's answer and error shapes; Magnific: the
task routes of its ``protocol`` block with the ``data`` envelope. Request and response bodies are
the exported JSON Schemas (``jsonschema.py``) with ``$defs`` moved under ``components/schemas``, so
every constraint JSON Schema can carry is there and the rest travels as ``x-`` keywords.
"""

from __future__ import annotations

from typing import Any

from generator.render.jsonschema import object_schema
from generator.render.pytypes import refs_of, type_closure
from generator.spec.model import EndpointSpec, FalProtocol, MagnificProtocol, SpecSet

__all__ = ["openapi_document"]

_JSON = "application/json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _moved(node: Any) -> Any:
    """``#/$defs/X`` references rewritten to ``#/components/schemas/X``."""
    if isinstance(node, dict):
        return {
            key: (value.replace("#/$defs/", "#/components/schemas/") if key == "$ref" else _moved(value))
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_moved(item) for item in node]
    return node


def _body(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {_JSON: {"schema": schema}}}


_FAL_ERROR = {
    "type": "object",
    "description": "fal's error answer: a message, or FastAPI's list of problems for invalid input (422).",
    "properties": {
        "detail": {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"loc": {"type": "array"}, "msg": {"type": "string"}, "type": {"type": "string"}},
                        "required": ["loc", "msg"],
                    },
                },
            ]
        },
        "error_type": {"type": "string"},
    },
    "required": ["detail"],
}
_STATUS = {"type": "string", "enum": ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]}
_FAL_STATUS = {
    "type": "object",
    "description": "A queued request's status (fal's QueueStatus).",
    "properties": {
        "status": _STATUS,
        "request_id": {"type": "string"},
        "queue_position": {"type": "integer", "minimum": 0},
        "response_url": {"type": "string"},
        "status_url": {"type": "string"},
        "cancel_url": {"type": "string"},
        "gateway_request_id": {"type": "string"},
        "logs": {
            "type": ["array", "null"],
            "items": {"type": "object"},
            "description": "The log entries with logs=1; null without (fal-client reads the key unconditionally).",
        },
        "metrics": {"type": "object"},
        "error": {"type": "string"},
        "error_type": {"type": "string"},
    },
    "required": ["status", "request_id"],
}
_FAL_CANCEL = {
    "type": "object",
    "properties": {
        "status": {"type": "string", "enum": ["OK", "CANCELLATION_REQUESTED", "ALREADY_COMPLETED", "NOT_FOUND"]}
    },
    "required": ["status"],
}
_MAGNIFIC_ERROR = {
    "type": "object",
    "description": "Magnific's error answer; invalid input lists each problem.",
    "properties": {
        "message": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "items": {"type": "object", "properties": {"name": {"type": "string"}, "reason": {"type": "string"}}},
        },
    },
    "required": ["message"],
}


def _errors(codes: dict[str, str], schema: str) -> dict[str, Any]:
    return {code: _body(_ref(schema), text) for code, text in codes.items()}


def _request_id() -> dict[str, Any]:
    return {"name": "request_id", "in": "path", "required": True, "schema": {"type": "string"}}


def _fal_paths(specs: list[EndpointSpec]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    apps: dict[str, list[EndpointSpec]] = {}
    auth = {"401": _body(_ref("FalError"), "No or unknown key.")}
    for spec in specs:
        assert isinstance(spec.protocol, FalProtocol)
        apps.setdefault(spec.protocol.app, []).append(spec)
        webhook = {
            "name": "fal_webhook",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "format": "uri"},
        }
        paths[f"/{spec.endpoint}"] = {
            "post": {
                "operationId": f"fal_submit_{spec.attr}",
                "summary": spec.summary,
                "tags": ["fal"],
                "security": [{"falKey": []}],
                "parameters": [webhook],
                "requestBody": {"required": True, "content": {_JSON: {"schema": _ref(f"{spec.name}Input")}}},
                "responses": {
                    "200": _body(_ref("FalQueueStatus"), "Queued: the request's id and URLs."),
                    **auth,
                    **_errors(
                        {"404": "Unknown endpoint.", "413": "Body too large.", "422": "Invalid input."}, "FalError"
                    ),
                },
            }
        }
    for app, members in sorted(apps.items()):
        base = f"/{app}/requests/{{request_id}}"
        tail = app.replace("/", "_").replace("-", "_")
        found = {"404": _body(_ref("FalError"), "No such request.")}
        outputs = {"anyOf": [_ref(f"{spec.name}Output") for spec in members]}
        logs = {
            "name": "logs",
            "in": "query",
            "required": False,
            "description": "1 (or true/yes) adds the job's log lines; anything else leaves them out.",
            "schema": {"type": "string"},
        }
        paths[f"{base}/status"] = {
            "get": {
                "operationId": f"fal_status_{tail}",
                "tags": ["fal"],
                "security": [{"falKey": []}],
                "parameters": [_request_id(), logs],
                "responses": {"200": _body(_ref("FalQueueStatus"), "The status."), **auth, **found},
            }
        }
        event = {"type": "object", "properties": {"data": {"type": "string"}}, "required": ["data"]}
        stream = {"text/event-stream": {"schema": event}}
        paths[f"{base}/status/stream"] = {
            "get": {
                "operationId": f"fal_status_stream_{tail}",
                "tags": ["fal"],
                "security": [{"falKey": []}],
                "parameters": [_request_id(), logs],
                "responses": {
                    "200": {
                        "description": "Server-sent events, one FalQueueStatus each, until COMPLETED.",
                        "content": stream,
                    },
                    **auth,
                    **found,
                },
            }
        }
        cancel = {code: _body(_ref("FalCancel"), text) for code, text in (
            ("200", "Removed from the queue."), ("202", "Running: cancellation requested."),
            ("400", "Already completed."), ("404", "No such request."))}  # fmt: skip
        paths[f"{base}/cancel"] = {
            "put": {
                "operationId": f"fal_cancel_{tail}",
                "tags": ["fal"],
                "security": [{"falKey": []}],
                "parameters": [_request_id()],
                "responses": {**cancel, **auth},
            }
        }
        paths[base] = {
            "get": {
                "operationId": f"fal_result_{tail}",
                "tags": ["fal"],
                "security": [{"falKey": []}],
                "parameters": [_request_id()],
                "responses": {
                    "200": _body(outputs, "The output of the endpoint the request was submitted to."),
                    **_errors({"400": "Still in progress, or cancelled.", "500": "The job failed."}, "FalError"),
                    **auth,
                    **found,
                },
            }
        }
    return paths


def _magnific_paths(spec: EndpointSpec) -> dict[str, Any]:
    protocol = spec.protocol
    assert isinstance(protocol, MagnificProtocol)
    envelope = protocol.envelope
    task = {"type": "object", "properties": {envelope: _ref(f"{spec.name}Output")}, "required": [envelope]}
    tasks = {"type": "object", "properties": {envelope: {"type": "array", "items": _ref(f"{spec.name}Output")}}}
    auth = {"401": _body(_ref("MagnificError"), "No or unknown key.")}
    security: list[dict[str, list[str]]] = [{"magnificKey": []}]
    operations: dict[str, Any] = {
        "create": {
            "operationId": f"magnific_create_{spec.attr}",
            "summary": spec.summary,
            "requestBody": {"required": True, "content": {_JSON: {"schema": _ref(f"{spec.name}Input")}}},
            "responses": {
                "200": _body(task, "The task, CREATED."),
                **_errors({"400": "Invalid input.", "413": "Body too large."}, "MagnificError"),
                **auth,
            },
        },
        "list": {
            "operationId": f"magnific_list_{spec.attr}",
            "responses": {"200": _body(tasks, "Every task."), **auth},
        },
        "get": {
            "operationId": f"magnific_get_{spec.attr}",
            "parameters": [{"name": "task_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {
                "200": _body(task, "The task."),
                "404": _body(_ref("MagnificError"), "No such task."),
                **auth,
            },
        },
    }
    paths: dict[str, Any] = {}
    for name, operation in operations.items():
        where: Any = getattr(protocol, name)
        paths.setdefault(where.path, {})[where.method.lower()] = {
            "tags": ["magnific"],
            "security": security,
            **operation,
        }
    return paths


def openapi_document(specs: SpecSet, version: str) -> dict[str, Any]:
    """The document (a plain dict, ready for ``json.dumps``)."""
    schemas: dict[str, Any] = {
        "FalError": _FAL_ERROR,
        "FalQueueStatus": _FAL_STATUS,
        "FalCancel": _FAL_CANCEL,
        "MagnificError": _MAGNIFIC_ERROR,
    }
    inputs: set[str] = set()
    outputs: set[str] = set()
    for spec in specs.endpoints:
        schemas[f"{spec.name}Input"] = object_schema(
            f"{spec.name}Input", spec.input, spec.rules, strict=True, description=spec.summary
        )
        schemas[f"{spec.name}Output"] = object_schema(f"{spec.name}Output", spec.output, (), strict=False)
        inputs |= type_closure(refs_of(spec.input), specs.types)
        outputs |= type_closure(refs_of(spec.output), specs.types)
    for name in sorted(inputs | outputs):
        shared = specs.types[name]
        schemas[name] = object_schema(
            name, shared.fields, shared.rules, strict=name in inputs, description=shared.description
        )
    fal = [spec for spec in specs.endpoints if spec.provider == "fal"]
    paths = _fal_paths(fal)
    for spec in specs.endpoints:
        if spec.provider == "magnific":
            paths.update(_magnific_paths(spec))
    hosts = sorted({(s.protocol.queue_url, "fal queue") for s in fal if isinstance(s.protocol, FalProtocol)})
    hosts += sorted(
        {(s.protocol.base_url, "Magnific") for s in specs.endpoints if isinstance(s.protocol, MagnificProtocol)}
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Ideogram image endpoints (fal and Magnific), as ideogram-clients sees them",
            "version": version,
            "description": (
                "Generated from specs/ by `python -m generator generate`. fal routes live on fal's queue host, "
                "Magnific's on its API host; the package's emulator serves both on one base URL."
            ),
        },
        "servers": [{"url": url, "description": description} for url, description in hosts],
        "tags": [{"name": "fal"}, {"name": "magnific"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": _moved(dict(sorted(schemas.items()))),
            "securitySchemes": {
                "falKey": {"type": "apiKey", "in": "header", "name": "Authorization", "description": "Key <FAL_KEY>"},
                "magnificKey": {"type": "apiKey", "in": "header", "name": "x-magnific-api-key"},
            },
        },
    }
