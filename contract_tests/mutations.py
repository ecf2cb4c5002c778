"""Mutants of the generated package: one small, plausible generator or runtime bug each.

Sites are found with :mod:`ast` in the generated sources and changed by byte-offset edits, so the
rest of the file stays as generated. Kinds (what a generator bug would look like):

* ``bound``: a ``ge/gt/le/lt`` bound one step off (integers ±1, floats to the next float);
  ``min_length``/``max_length`` of a list ±1.
* ``inclusive``: ``ge``↔``gt``, ``le``↔``lt``.
* ``enum``: one ``Literal`` member dropped.
* ``pattern``: a pattern loosened (the end anchor dropped or made Python's lenient ``$``; the whole
  pattern made ``.*``).
* ``required``: a required field given a default (``= None``).
* ``alias``: a field sent under another wire name (``Field(alias=...)``).
* ``strict``: one field allowed to coerce (``Field(strict=False)``).
* ``default``: a documented default changed.
* ``nullable``: a field's ``NOT_NULL`` marker (or the ``HTTP_URL`` check) removed.
* ``image``: ``max_bytes``/``total_max_bytes``/``used_items`` ±1, an accepted format or URL scheme
  dropped, ``http`` added to an https-only field.
* ``rule``: one entry removed from ``__rules__``.
* ``runtime``: ``exclude_unset``/``strict``/``extra``/``allow_inf_nan`` flipped in ``_models.py``;
  a comparison flipped (``>``↔``>=``, ``<``↔``<=``) in the image and rule checks.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contract_tests.specdata import SPECS, referenced_types
from generator.spec.loader import python_name
from generator.spec.model import EndpointSpec, FieldSpec

__all__ = ["Edit", "Mutant", "find_mutants"]

_PRELUDE = b"import typing as _mutant_typing\nimport pydantic as _mutant_pydantic\n"
_FLIPS = {"ge": "gt", "gt": "ge", "le": "lt", "lt": "le"}
_WRAP = "_mutant_typing.Annotated[{}, _mutant_pydantic.Field({})]"
_SCALARS = ("int", "float", "bool", "str")
_COMPARE_FLIPS = {ast.Gt: ">=", ast.GtE: ">", ast.Lt: "<=", ast.LtE: "<"}
#: Runtime checks worth mutating: (file, function names whose comparisons are flipped).
_RUNTIME_CHECKS = {
    "_files.py": ("validate",),
    "_rules.py": ("violation",),
}


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: bytes


@dataclass(frozen=True)
class Mutant:
    """One mutation: edits to one file, and which endpoints/test groups can see it."""

    file: str
    kind: str
    description: str
    edits: tuple[Edit, ...]
    endpoints: tuple[str, ...]
    groups: tuple[str, ...] | None = None  # None: every test of those endpoints

    def apply(self, source: bytes) -> bytes:
        for edit in sorted(self.edits, key=lambda edit: edit.start, reverse=True):
            source = source[: edit.start] + edit.text + source[edit.end :]
        return source


class _Source:
    """A parsed file with byte offsets for AST nodes (col_offset counts UTF-8 bytes)."""

    def __init__(self, path: Path) -> None:
        self.data = path.read_bytes()
        self.tree = ast.parse(self.data)
        self.starts = [0]
        for line in self.data.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
        end = self.starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[attr-defined]
        return start, end

    def text(self, node: ast.AST) -> bytes:
        start, end = self.span(node)
        return self.data[start:end]

    def replace(self, node: ast.AST, text: str | bytes) -> Edit:
        start, end = self.span(node)
        return Edit(start, end, text.encode() if isinstance(text, str) else text)

    def prelude(self) -> Edit:
        """Imports the alias/strict mutants need, right after ``from __future__ import annotations``."""
        for node in self.tree.body:
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                end = self.span(node)[1]
                return Edit(end, end, b"\n" + _PRELUDE.rstrip(b"\n"))
        return Edit(0, 0, _PRELUDE)


def _number(node: ast.expr) -> int | float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return None if inner is None else -inner
    return None


def _steps(value: int | float) -> list[int | float]:
    if isinstance(value, int):
        return [value - 1, value + 1]
    return [math.nextafter(value, -math.inf), math.nextafter(value, math.inf)]


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id
    return None


class _Target:
    """Which endpoints and boundary groups a mutation of one class can be seen from."""

    def __init__(self, endpoints: tuple[str, ...], fields: dict[str, tuple[str, ...]] | None) -> None:
        self.endpoints = endpoints
        self.fields = fields  # python name -> boundary groups; None: every group

    def groups(self, field: str | None) -> tuple[str, ...] | None:
        if self.fields is None or field is None:
            return None
        return self.fields.get(field, (field,))


def _reaches(spec: FieldSpec, type_name: str) -> bool:
    refs = {option.ref for option in (spec, *spec.one_of, *([spec.items] if spec.items else [])) if option.ref}
    return any(ref == type_name or type_name in referenced_types(SPECS.types[ref].fields) for ref in refs)


def _home(type_name: str) -> tuple[EndpointSpec, tuple[str, ...]]:
    """The first endpoint using a shared type (where its full cases live) and its fields reaching it."""
    for spec in SPECS.endpoints:
        fields = tuple(field.name for field in spec.input if _reaches(field, type_name))
        if fields:
            return spec, fields
    raise LookupError(type_name)


def _class_target(file: str, class_name: str) -> _Target | None:
    stem = file.removeprefix("models/").removesuffix(".py")
    if stem == "types":
        type_name = next((name for name in SPECS.types if name == class_name), None)
        if type_name is None:
            return None
        try:
            home, fields = _home(type_name)
        except LookupError:
            return None  # output-only type
        groups = dict.fromkeys((python_name(field.name) for field in SPECS.types[type_name].fields), fields)
        return _Target((home.endpoint,), {**groups, "(rules)": fields, "(model)": fields})
    spec = next((spec for spec in SPECS.endpoints if spec.module == stem), None)
    if spec is None or not class_name.endswith("Input"):
        return None
    return _Target((spec.endpoint,), {python_name(field.name): (field.name,) for field in spec.input})


def _covering_endpoints() -> tuple[str, ...]:
    """A few endpoints that together have every kind of constraint (for runtime mutants)."""
    from contract_tests.constraints import all_constraints

    kinds: dict[str, set[str]] = {}
    for spec in SPECS.endpoints:
        found = all_constraints((spec,))
        kinds[spec.endpoint] = {item.kind.split("(", 1)[0] for item in found}
    wanted = set().union(*kinds.values())
    chosen: list[str] = []
    while wanted:
        best = max(kinds, key=lambda endpoint: (len(kinds[endpoint] & wanted), endpoint))
        chosen.append(best)
        wanted -= kinds[best]
    return tuple(sorted(chosen))


def _field_mutants(source: _Source, file: str, owner: str, stmt: ast.AnnAssign, target: _Target) -> Iterator[Mutant]:
    assert isinstance(stmt.target, ast.Name)
    name = stmt.target.id
    where = f"{owner}.{name}"
    groups = target.groups(name)

    def mutant(kind: str, description: str, *edits: Edit) -> Mutant:
        # a default shows where the field is left unset: the minimal input's group
        seen_from = target.groups("(model)") if kind == "default" and target.fields is not None else groups
        return Mutant(file, kind, f"{where}: {description}", edits, target.endpoints, seen_from)

    annotation = source.text(stmt.annotation).decode()
    alias = _WRAP.format(annotation, f"alias={name + '_x'!r}")
    yield mutant("alias", f"sent as {name}_x", source.replace(stmt.annotation, alias), source.prelude())
    loose = _loosenable(stmt.annotation)
    if loose is not None:
        lax = _WRAP.format(source.text(loose).decode(), "strict=False")
        described = ast.unparse(loose)[:40]
        yield mutant("strict", f"{described} made lax (coercion)", source.replace(loose, lax), source.prelude())
    if stmt.value is None:
        end = source.span(stmt)[1]
        yield mutant("required", "made optional (= None)", Edit(end, end, b" = None"))
    elif (
        isinstance(stmt.value, ast.Constant) and not isinstance(stmt.value.value, bool) and stmt.value.value is not None
    ):
        value = stmt.value.value
        changed: object = (
            value + "_x" if isinstance(value, str) else value + 1 if isinstance(value, int | float) else None
        )
        if changed is not None:
            yield mutant("default", f"default {value!r} -> {changed!r}", source.replace(stmt.value, repr(changed)))
    elif isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, bool):
        flipped = not stmt.value.value
        yield mutant("default", f"default {stmt.value.value} -> {flipped}", source.replace(stmt.value, repr(flipped)))
    yield from _annotation_mutants(source, stmt.annotation, mutant)


def _loosenable(annotation: ast.expr) -> ast.expr | None:
    """The outermost plain type (``int``, ``float``, ``bool``, ``str``, ``list[...]``) in an annotation."""
    todo: list[ast.AST] = [annotation]
    while todo:
        node = todo.pop(0)
        if isinstance(node, ast.Name) and node.id in _SCALARS:
            return node
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            if node.value.id == "list":
                return node
            if node.value.id == "Literal":
                continue
        todo.extend(ast.iter_child_nodes(node))
    return None


def _annotation_mutants(source: _Source, annotation: ast.expr, mutant: Any) -> Iterator[Mutant]:
    for node in ast.walk(annotation):
        called = _call_name(node)
        if called == "Field":
            assert isinstance(node, ast.Call)
            yield from _field_call_mutants(source, node, mutant)
        elif called in ("ImageField", "ImageList"):
            assert isinstance(node, ast.Call)
            yield from _image_mutants(source, node, mutant)
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            yield from _subscript_mutants(source, node, mutant)


def _field_call_mutants(source: _Source, node: ast.Call, mutant: Any) -> Iterator[Mutant]:
    for keyword in node.keywords:
        value = _number(keyword.value)
        if keyword.arg in _FLIPS and value is not None:
            for stepped in _steps(value):
                yield mutant(
                    "bound", f"{keyword.arg}={value!r} -> {stepped!r}", source.replace(keyword.value, repr(stepped))
                )
            flipped = _FLIPS[keyword.arg]
            yield mutant("inclusive", f"{keyword.arg} -> {flipped}", source.replace(keyword, f"{flipped}={value!r}"))
        elif keyword.arg in ("min_length", "max_length") and isinstance(value, int):
            for stepped in (value - 1, value + 1):
                if stepped >= 0:
                    yield mutant(
                        "bound", f"{keyword.arg}={value} -> {stepped}", source.replace(keyword.value, repr(stepped))
                    )
        elif keyword.arg == "pattern" and isinstance(keyword.value, ast.Constant):
            pattern = str(keyword.value.value)
            if pattern.endswith("\\Z"):
                yield mutant("pattern", "end anchor dropped", source.replace(keyword.value, repr(pattern[:-2])))
                lenient = pattern[:-2] + "$"  # Python's $ also matches before a final newline
                yield mutant("pattern", "end anchor '\\Z' -> '$'", source.replace(keyword.value, repr(lenient)))
            yield mutant("pattern", f"{pattern!r} -> '.*'", source.replace(keyword.value, repr(".*")))


def _image_mutants(source: _Source, node: ast.Call, mutant: Any) -> Iterator[Mutant]:
    for keyword in node.keywords:
        value = _number(keyword.value)
        if keyword.arg in ("max_bytes", "total_max_bytes", "used_items") and isinstance(value, int):
            for stepped in (value - 1, value + 1):
                if stepped >= 1:
                    yield mutant(
                        "image", f"{keyword.arg}={value} -> {stepped}", source.replace(keyword.value, repr(stepped))
                    )
        elif keyword.arg in ("formats", "schemes") and isinstance(keyword.value, ast.Tuple):
            members = [element.value for element in keyword.value.elts if isinstance(element, ast.Constant)]
            if len(members) > 1:
                for member in members:
                    kept = tuple(other for other in members if other != member)
                    yield mutant(
                        "image", f"{keyword.arg} without {member!r}", source.replace(keyword.value, repr(kept))
                    )
            if keyword.arg == "schemes" and "http" not in members:
                widened = (*members, "http")
                yield mutant(
                    "image", f"schemes {tuple(members)} -> {widened}", source.replace(keyword.value, repr(widened))
                )


def _subscript_mutants(source: _Source, node: ast.Subscript, mutant: Any) -> Iterator[Mutant]:
    assert isinstance(node.value, ast.Name)
    elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    if node.value.id == "Literal" and len(elements) > 1:
        for index, element in enumerate(elements):
            kept = b", ".join(source.text(other) for number, other in enumerate(elements) if number != index)
            label = source.text(element).decode()
            yield mutant("enum", f"Literal member {label} dropped", source.replace(node.slice, kept))
    if node.value.id == "Annotated":
        for index, element in enumerate(elements):
            if index and isinstance(element, ast.Name) and element.id in ("NOT_NULL", "HTTP_URL"):
                if len(elements) == 2:  # Annotated[X, NOT_NULL] -> X
                    yield mutant(
                        "nullable",
                        f"{element.id} removed",
                        source.replace(node, b"(" + source.text(elements[0]) + b")"),
                    )
                    continue
                start = source.span(elements[index - 1])[1]
                end = source.span(element)[1]
                yield mutant("nullable", f"{element.id} removed", Edit(start, end, b""))


def _rules_mutants(source: _Source, file: str, owner: str, stmt: ast.AnnAssign, target: _Target) -> Iterator[Mutant]:
    if not isinstance(stmt.value, ast.Tuple):
        return
    entries = stmt.value.elts
    for index, entry in enumerate(entries):
        kept = [source.text(other) for number, other in enumerate(entries) if number != index]
        text = b"(" + b", ".join(kept) + (b",)" if len(kept) == 1 else b")")
        summary = (
            ast.unparse(entry.func) + "(" + ast.unparse(entry.args[0]) + ")"
            if isinstance(entry, ast.Call) and entry.args
            else ast.unparse(entry)[:60]
        )
        yield Mutant(
            file,
            "rule",
            f"{owner}.__rules__: {summary} removed",
            (source.replace(stmt.value, text),),
            target.endpoints,
            target.groups("(rules)"),
        )


def _model_file_mutants(root: Path, file: str) -> Iterator[Mutant]:
    source = _Source(root / file)
    for node in source.tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        target = _class_target(file, node.name)
        if target is None:
            continue
        for stmt in node.body:
            if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
                continue
            if stmt.target.id == "__rules__":
                yield from _rules_mutants(source, file, node.name, stmt, target)
            elif not stmt.target.id.startswith("_"):
                yield from _field_mutants(source, file, node.name, stmt, target)


def _unbounded_numbers() -> bool:
    def open_ended(spec: FieldSpec) -> bool:
        if spec.type == "number":
            low = spec.minimum is None and spec.exclusive_minimum is None
            high = spec.maximum is None and spec.exclusive_maximum is None
            if low or high:
                return True
        return any(open_ended(child) for child in (*spec.one_of, *([spec.items] if spec.items else [])))

    fields = [field for spec in SPECS.endpoints for field in spec.input]
    fields += [field for spec in SPECS.types.values() for field in spec.fields]
    return any(open_ended(field) for field in fields)


def _runtime_mutants(root: Path, endpoints: tuple[str, ...]) -> Iterator[Mutant]:
    models = _Source(root / "_models.py")
    flips = {("exclude_unset", True): "False", ("strict", True): "False", ("extra", "forbid"): "'ignore'"}
    if _unbounded_numbers():  # with every number bounded, NaN and inf fail the bounds anyway (equivalent)
        flips[("allow_inf_nan", False)] = "True"
    for node in ast.walk(models.tree):
        if isinstance(node, ast.keyword) and isinstance(node.value, ast.Constant):
            replacement = flips.get((node.arg or "", node.value.value))
            if replacement is not None:
                description = f"_models.py: {node.arg}={node.value.value!r} -> {replacement}"
                yield Mutant(
                    "_models.py", "runtime", description, (models.replace(node.value, replacement),), endpoints
                )
    for file, functions in _RUNTIME_CHECKS.items():
        source = _Source(root / file)
        for function in ast.walk(source.tree):
            if not isinstance(function, ast.FunctionDef) or function.name not in functions:
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE_FLIPS:
                    flipped = _COMPARE_FLIPS[type(node.ops[0])]
                    text = f"{source.text(node.left).decode()} {flipped} {source.text(node.comparators[0]).decode()}"
                    description = f"{file}:{node.lineno}: {source.text(node).decode()} -> {text}"
                    yield Mutant(file, "runtime", description, (source.replace(node, text),), endpoints)


def find_mutants(root: Path) -> list[Mutant]:
    """Every mutant of the package at ``root`` (the ``ideogram_clients`` directory)."""
    found: list[Mutant] = []
    for path in sorted((root / "models").glob("*.py")):
        if path.name != "__init__.py":
            found.extend(_model_file_mutants(root, f"models/{path.name}"))
    found.extend(_runtime_mutants(root, _covering_endpoints()))
    return found
