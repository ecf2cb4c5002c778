"""``--suggest`` for differences with fal's OpenAPI: the spec edit that follows the document, or
the ``fal's OpenAPI`` note that would explain keeping the spec as it is."""

from __future__ import annotations

from typing import Any

import yaml

from generator.drift.openapi_compare import SchemaDiff

__all__ = ["for_schema_diff", "for_schema_stale"]

_KEYS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusive_minimum": "exclusive_minimum",
    "exclusive_maximum": "exclusive_maximum",
    "default": "default",
    "enum": "enum",
    "nullable": "nullable",
    "required": "required",
}


def _nest(path: str, leaf: Any) -> dict[str, Any]:
    tree: Any = leaf
    for part in reversed(path.split(".")):
        tree = {part: tree}
    return dict(tree)


def _dump(tree: dict[str, Any]) -> str:
    return yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, default_flow_style=None, width=110).rstrip()


def _prefix(diff: SchemaDiff) -> str:
    return f"types.{diff.owner.label}.fields" if diff.owner.kind == "type" else "input"


def for_schema_diff(diff: SchemaDiff) -> str:
    """A YAML fragment to merge into the spec, headed by the file and what to do."""
    file = diff.owner.file
    if diff.aspect == "extra":
        block: dict[str, Any] = {"type": str(diff.doc_value), "curation": "Listed by fal's OpenAPI (…); …"}
        return f"# {file} — add the field fal's OpenAPI lists (check its type and limits at {diff.where})\n" + _dump(
            _nest(f"{_prefix(diff)}.{diff.subject}", block)
        )
    spec = diff.spec_field
    if spec is None:
        return f"# {file} — see {diff.where}"
    keep = f"fal's OpenAPI … ({diff.where}); kept because …"
    explain = _dump(_nest(spec.path, {"curation": keep}))
    if diff.aspect == "presence":
        return f"# {file} — delete {spec.path}, or explain it:\n{explain}"
    if diff.aspect == "type":
        return f"# {file} — retype {spec.path} as {diff.doc_value}, or explain it:\n{explain}"
    key = _KEYS[diff.aspect]
    if diff.doc_value is None and diff.aspect not in ("nullable", "required"):
        return f"# {file} — delete {spec.path}.{key}, or explain it:\n{explain}"
    value = diff.doc_value
    if diff.aspect == "required":
        value = bool(value)
    return f"# {file} — follow fal's OpenAPI, or explain it:\n" + _dump(_nest(spec.path, {key: value})) + "\n" + explain


def for_schema_stale(file: str, path: str) -> str:
    return f"# {file} — delete {path} (or rewrite it for what fal's OpenAPI says now)"
