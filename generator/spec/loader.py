"""Load ``specs/`` and check it: every mistake becomes one ``file:key.path: message`` error.

The checker is deliberately strict: unknown keys, wrong value types, dangling refs, contradictory
bounds, defaults outside their range or enum, rules naming missing fields and ``source:`` quotes
that do not occur in the cited page are all refused. Whatever reaches the renderers is consistent.
"""

from __future__ import annotations

import keyword
from pathlib import Path
from typing import Any, cast

import yaml

from generator.spec.context import (
    CLASS_NAME,
    ENDPOINT_ID,
    ENDPOINT_KEYS,
    ENDPOINT_REQUIRED,
    IDENTIFIER,
    TYPE_KEYS,
    Context,
    join_path,
    read_pages,
)
from generator.spec.docs import DocLibrary
from generator.spec.errors import SpecError
from generator.spec.fields import FieldReader, field_map, python_name
from generator.spec.model import (
    EndpointSpec,
    FieldSpec,
    SpecSet,
    TypeSpec,
)
from generator.spec.rules import read_protocol, read_rules
from generator.spec.yaml_io import load_yaml

__all__ = ["load_specs", "python_name"]

# ------------------------------------------------------------------------------------------- entries


def _read_file(root: Path, path: Path) -> tuple[str, Any]:
    relative = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(relative, "", f"cannot read: {exc}") from None
    try:
        return relative, load_yaml(text)
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        raise SpecError(relative, "", f"invalid YAML: {message}") from None
    except RecursionError:
        raise SpecError(relative, "", "invalid YAML: nested too deeply") from None


def _load_types(root: Path, docs: DocLibrary) -> dict[str, TypeSpec]:
    path = root / "specs" / "types.yaml"
    if not path.exists():
        return {}
    file, raw = _read_file(root, path)
    ctx = Context(file, docs)
    data = ctx.mapping(raw, "")
    ctx.only_keys(data, {"types"}, "")
    entries = ctx.mapping(data.get("types", {}), "types")
    names = set(entries)
    types: dict[str, TypeSpec] = {}
    for name in sorted(entries):
        where = f"types.{name}"
        if not CLASS_NAME.match(name):
            raise ctx.fail(where, "type names are CamelCase identifiers")
        entry = ctx.mapping(entries[name], where)
        ctx.only_keys(entry, TYPE_KEYS, where)
        if "source" not in entry:
            raise ctx.fail(where, "missing key 'source'")
        pages = read_pages(ctx, entry["source"], join_path(where, "source"))
        reader = FieldReader(ctx, pages, names)
        fields = field_map(reader, entry.get("fields"), join_path(where, "fields"))
        rules = read_rules(ctx, entry["rules"], join_path(where, "rules"), fields, pages) if "rules" in entry else ()
        kind = ctx.choice(entry.get("kind", "model"), ("model", "file"), join_path(where, "kind"))
        if kind == "file" and not any(
            spec.name == "url" and spec.type == "string" and spec.required for spec in fields
        ):
            raise ctx.fail(join_path(where, "fields"), "a file type needs a required string field 'url'")
        types[name] = TypeSpec(
            name=name,
            description=ctx.text(entry.get("description", ""), join_path(where, "description")),
            fields=fields,
            rules=rules,
            pages=pages,
            curation=ctx.texts(entry["curation"], join_path(where, "curation")) if "curation" in entry else (),
            kind=cast(Any, kind),
        )
    _check_type_cycles(ctx, types)
    return types


def _check_type_cycles(ctx: Context, types: dict[str, TypeSpec]) -> None:
    def refs(spec: FieldSpec) -> set[str]:
        found = {spec.ref} if spec.ref else set()
        for child in (*spec.one_of, *((spec.items,) if spec.items else ())):
            found |= refs(child)
        return found

    graph = {name: set().union(*(refs(spec) for spec in entry.fields)) for name, entry in types.items()}

    def visit(name: str, trail: tuple[str, ...]) -> None:
        for target in sorted(graph[name]):
            if target in trail:
                raise ctx.fail(f"types.{name}", f"types refer to each other in a cycle: {' → '.join((*trail, target))}")
            visit(target, (*trail, target))

    for name in sorted(graph):
        visit(name, (name,))


def _load_endpoint(root: Path, path: Path, docs: DocLibrary, types: dict[str, TypeSpec]) -> EndpointSpec:
    file, raw = _read_file(root, path)
    ctx = Context(file, docs)
    data = ctx.mapping(raw, "")
    ctx.only_keys(data, ENDPOINT_KEYS, "")
    for key in ENDPOINT_REQUIRED:
        if key not in data:
            raise ctx.fail(key, "missing required key")
    endpoint = ctx.text(data["endpoint"], "endpoint")
    if not ENDPOINT_ID.match(endpoint):
        raise ctx.fail("endpoint", f"expected an id like owner/alias/path, got {endpoint!r}")
    provider = ctx.choice(data["provider"], ("fal", "magnific"), "provider")
    name = ctx.text(data["name"], "name")
    if not CLASS_NAME.match(name):
        raise ctx.fail("name", f"expected a CamelCase class stem, got {name!r}")
    attr = ctx.text(data["attr"], "attr")
    if not IDENTIFIER.match(attr) or keyword.iskeyword(attr) or attr.startswith("_"):
        raise ctx.fail("attr", f"expected a public Python identifier, got {attr!r}")
    pages = read_pages(ctx, data["source"], "source")
    reader = FieldReader(ctx, pages, set(types))
    inputs = field_map(reader, data["input"], "input")
    outputs = field_map(reader, data["output"], "output")
    return EndpointSpec(
        endpoint=endpoint,
        provider=cast(Any, provider),
        name=name,
        attr=attr,
        summary=ctx.text(data["summary"], "summary"),
        file=file,
        pages=pages,
        protocol=read_protocol(ctx, endpoint, provider, data["protocol"], "protocol", pages),
        input=inputs,
        output=outputs,
        rules=read_rules(ctx, data["rules"], "rules", inputs, pages) if "rules" in data else (),
        curation=ctx.texts(data["curation"], "curation") if "curation" in data else (),
    )


def load_specs(root: Path, *, docs: DocLibrary | None = None) -> SpecSet:
    """Load and check ``root/specs`` against the pages in ``root/upstream-docs`` (or ``docs``).

    ``docs`` lets the drift check serve other pages, and tolerate quotes that vanished from them.
    Raises :class:`SpecError` for the first problem found, with its ``file:key.path``.
    """
    docs = DocLibrary(root) if docs is None else docs
    specs_dir = root / "specs"
    if not specs_dir.is_dir():
        raise SpecError("specs", "", f"no specs directory at {specs_dir}")
    types = _load_types(root, docs)
    endpoints: list[EndpointSpec] = []
    for path in sorted(specs_dir.glob("*/*.yaml")):
        endpoints.append(_load_endpoint(root, path, docs, types))
    if not endpoints:
        raise SpecError("specs", "", "no endpoint specs found (specs/<provider>/*.yaml)")
    _check_unique(endpoints)
    return SpecSet(endpoints=tuple(sorted(endpoints, key=lambda spec: spec.endpoint)), types=types)


def _check_unique(endpoints: list[EndpointSpec]) -> None:
    for attribute in ("endpoint", "name", "attr"):
        seen: dict[str, str] = {}
        for spec in endpoints:
            value = getattr(spec, attribute)
            if value in seen:
                raise SpecError(spec.file, attribute, f"{value!r} is already used by {seen[value]}")
            seen[value] = spec.file
