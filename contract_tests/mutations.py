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
from pathlib import Path
from typing import Any

from contract_tests.mutant import Edit, Mutant, Source
from contract_tests.mutation_targets import Target, class_target, covering_endpoints, unbounded_numbers

__all__ = ["Edit", "Mutant", "find_mutants"]

_FLIPS = {"ge": "gt", "gt": "ge", "le": "lt", "lt": "le"}
_WRAP = "_mutant_typing.Annotated[{}, _mutant_pydantic.Field({})]"
_SCALARS = ("int", "float", "bool", "str")
_COMPARE_FLIPS = {ast.Gt: ">=", ast.GtE: ">", ast.Lt: "<=", ast.LtE: "<"}
#: Runtime checks worth mutating: (file, function names whose comparisons are flipped).
_RUNTIME_CHECKS = {
    "_files.py": ("validate",),
    "_rules.py": ("violation",),
}


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


def _field_mutants(source: Source, file: str, owner: str, stmt: ast.AnnAssign, target: Target) -> Iterator[Mutant]:
    assert isinstance(stmt.target, ast.Name)
    name = stmt.target.id
    where = f"{owner}.{name}"
    groups = target.groups(name)

    def mutant(kind: str, description: str, *edits: Edit) -> Mutant:
        # a default shows where the field is left unset: the minimal input's group
        seen_from = target.groups("(model)") if kind == "default" and target.fields is not None else groups
        return Mutant(
            file, kind, f"{where}: {description}", edits, target.endpoints, seen_from, target.constraints(name)
        )

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


def _annotation_mutants(source: Source, annotation: ast.expr, mutant: Any) -> Iterator[Mutant]:
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


def _field_call_mutants(source: Source, node: ast.Call, mutant: Any) -> Iterator[Mutant]:
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


def _image_mutants(source: Source, node: ast.Call, mutant: Any) -> Iterator[Mutant]:
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


def _subscript_mutants(source: Source, node: ast.Subscript, mutant: Any) -> Iterator[Mutant]:
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


def _rules_mutants(source: Source, file: str, owner: str, stmt: ast.AnnAssign, target: Target) -> Iterator[Mutant]:
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
            target.constraints("(rules)"),
        )


def _model_file_mutants(root: Path, file: str) -> Iterator[Mutant]:
    source = Source(root / file)
    for node in source.tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        target = class_target(file, node.name)
        if target is None:
            continue
        for stmt in node.body:
            if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
                continue
            if stmt.target.id == "__rules__":
                yield from _rules_mutants(source, file, node.name, stmt, target)
            elif not stmt.target.id.startswith("_"):
                yield from _field_mutants(source, file, node.name, stmt, target)


def _runtime_mutants(root: Path, endpoints: tuple[str, ...]) -> Iterator[Mutant]:
    models = Source(root / "_models.py")
    flips = {("exclude_unset", True): "False", ("strict", True): "False", ("extra", "forbid"): "'ignore'"}
    if unbounded_numbers():  # with every number bounded, NaN and inf fail the bounds anyway (equivalent)
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
        source = Source(root / file)
        for function in ast.walk(source.tree):
            if not isinstance(function, ast.FunctionDef) or function.name not in functions:
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE_FLIPS:
                    flipped = _COMPARE_FLIPS[type(node.ops[0])]
                    text = f"{source.text(node.left).decode()} {flipped} {source.text(node.comparators[0]).decode()}"
                    description = f"{file}:{node.lineno}: {source.text(node).decode()} -> {text}"
                    edit = source.replace(node, text)
                    yield Mutant(file, "runtime", description, (edit,), endpoints, line=node.lineno)


def find_mutants(root: Path) -> list[Mutant]:
    """Every mutant of the package at ``root`` (the ``ideogram_clients`` directory)."""
    found: list[Mutant] = []
    for path in sorted((root / "models").glob("*.py")):
        if path.name != "__init__.py":
            found.extend(_model_file_mutants(root, f"models/{path.name}"))
    found.extend(_runtime_mutants(root, covering_endpoints()))
    return found
