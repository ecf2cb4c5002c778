"""Swap a mutant into the loaded package and back, in one process (the fast runner's core).

A fresh interpreter per mutant costs more than the tests that kill it, so the fast runner keeps
one pytest session and changes the package under it. :func:`apply` re-executes the mutated module
in its own module object (namespace cleared first, as a fresh import would see it), plus the
modules whose classes are built from it: pydantic models capture field types, ``ImageField``
instances and rule objects when the class is created, so a mutant of ``_files``/``_rules``/
``_models`` re-executes the whole model layer after it, and one of ``models/types`` the endpoint
models. Every other module keeps its objects; names they bound with ``from x import y`` (and the
``Endpoint`` records in ``ENDPOINTS``) are re-pointed at the new objects. :meth:`Patch.undo`
restores the saved namespaces and every re-pointed reference, so the next mutant starts from the
pristine package.
"""

from __future__ import annotations

import dataclasses
import linecache
import sys
from collections.abc import Mapping
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

from contract_tests.mutant import Mutant

__all__ = ["PACKAGE", "Patch", "apply", "module_name"]

PACKAGE = "ideogram_clients"
#: Namespaces that may hold references into the package (and are re-pointed).
_SCANNED = (PACKAGE, "contract_tests")
#: Runtime modules model classes are built from, in import order.
_RUNTIME_LAYER = ("_files", "_rules", "_models")
_KEPT = frozenset(
    {
        "__name__",
        "__doc__",
        "__package__",
        "__loader__",
        "__spec__",
        "__file__",
        "__cached__",
        "__builtins__",
        "__path__",
    }
)
_VALUES = (str, bytes, int, float, complex, bool, tuple, frozenset, type(None), ModuleType)
_CODE: dict[str, CodeType] = {}


def module_name(file: str) -> str:
    """``models/types.py`` -> ``ideogram_clients.models.types``."""
    return f"{PACKAGE}." + file.removesuffix(".py").replace("/", ".")


def _model_layer() -> list[str]:
    """Modules whose classes are built from the runtime layer, in dependency order."""
    from pydantic import BaseModel

    defining = []
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(PACKAGE + "."):
            continue
        if any(
            isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == name
            for value in vars(module).values()
        ):
            defining.append(name)
    models = f"{PACKAGE}.models."
    runtime = [f"{PACKAGE}.{name}" for name in _RUNTIME_LAYER]
    others = sorted(name for name in defining if not name.startswith(models) and name not in runtime)
    endpoints = sorted(name for name in defining if name.startswith(models) and name != models + "types")
    return [*runtime, *others, models + "types", *endpoints]


def _reexecuted(target: str) -> list[str]:
    layer = _model_layer()
    if target == f"{PACKAGE}.models.types":
        return layer[layer.index(target) :]
    if target in layer and not target.startswith(f"{PACKAGE}.models."):
        return layer[layer.index(target) :]
    return [target]


def _pristine(module: ModuleType) -> CodeType:
    name = module.__name__
    if name not in _CODE:
        path = Path(str(module.__file__))
        _CODE[name] = compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
    return _CODE[name]


def _execute(module: ModuleType, code: CodeType) -> None:
    namespace = module.__dict__
    for key in [key for key in namespace if key not in _KEPT]:
        del namespace[key]
    exec(code, namespace)  # the package's own (mutated) source


@dataclasses.dataclass
class Patch:
    """What :func:`apply` changed, to put back."""

    saved: dict[str, dict[str, Any]]
    rebound: list[tuple[Any, str, Any]]  # (namespace dict or object, key, original value)
    source: str = ""  # the mutated file, whose lines linecache serves while patched

    def undo(self) -> None:
        linecache.cache.pop(self.source, None)
        for holder, key, original in reversed(self.rebound):
            if isinstance(holder, dict):
                holder[key] = original
            else:
                object.__setattr__(holder, key, original)
        for name, namespace in self.saved.items():
            module = sys.modules[name]
            module.__dict__.clear()
            module.__dict__.update(namespace)


def _renamed(saved: Mapping[str, Mapping[str, Any]]) -> dict[int, tuple[Any, Any]]:
    """id(old object) -> (old, new) for every top-level object a re-execution replaced."""
    mapping: dict[int, tuple[Any, Any]] = {}
    for name, namespace in saved.items():
        current = sys.modules[name].__dict__
        for key, old in namespace.items():
            new = current.get(key, old)
            if new is not old and not isinstance(old, _VALUES):
                mapping[id(old)] = (old, new)
    return mapping


def _repoint(mapping: dict[int, tuple[Any, Any]], skip: set[str]) -> list[tuple[Any, str, Any]]:
    """Re-point module globals (and dataclass records held in module-level mappings) at the new objects."""
    rebound: list[tuple[Any, str, Any]] = []

    def swap(value: Any) -> Any:
        hit = mapping.get(id(value))
        return hit[1] if hit is not None and hit[0] is value else None

    for name, module in list(sys.modules.items()):
        if module is None or name in skip or not name.startswith(_SCANNED):
            continue
        namespace = module.__dict__
        for key, value in list(namespace.items()):
            new = swap(value)
            if new is not None:
                rebound.append((namespace, key, value))
                namespace[key] = new
            elif isinstance(value, Mapping) and not isinstance(value, type):
                for record in list(value.values()):
                    if dataclasses.is_dataclass(record) and not isinstance(record, type):
                        # the instance dict: its fields and what its cached properties (an Endpoint's
                        # model classes, resolved on first use) hold, without resolving any
                        for attribute, old in list(vars(record).items()):
                            replacement = swap(old)
                            if replacement is not None:
                                rebound.append((record, attribute, old))
                                object.__setattr__(record, attribute, replacement)
    return rebound


def apply(mutant: Mutant) -> Patch:
    """Execute ``mutant`` in the loaded package; the returned patch undoes it."""
    target = module_name(mutant.file)
    module = sys.modules.get(target)
    if module is None:
        raise LookupError(f"{target} is not loaded: nothing imports it in the contract suite")
    names = _reexecuted(target)
    patch = Patch({name: dict(sys.modules[name].__dict__) for name in names}, [])
    try:
        for name in names:
            loaded = sys.modules[name]
            if name == target:
                path = Path(str(loaded.__file__))
                source = mutant.apply(path.read_bytes())
                # pydantic reads field docstrings from the source (inspect): serve it the mutated lines
                lines = source.decode().splitlines(keepends=True)
                linecache.cache[str(path)] = (len(source), None, lines, str(path))
                patch.source = str(path)
                code = compile(source, str(path), "exec", dont_inherit=True)
            else:
                code = _pristine(loaded)
            _execute(loaded, code)
        patch.rebound = _repoint(_renamed(patch.saved), set(names))
    except BaseException:
        patch.undo()
        raise
    return patch
