"""The runtime's protocol dataclasses, generated from the spec model's, and the registry's constructors.

The spec model (:mod:`generator.spec.model`) is the one definition of an endpoint's ``protocol:``
facts; the runtime gets the same dataclasses minus what only generation needs (the doc ``source``
and the upload ``file_encoding``, applied when rendering), so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import Field, fields

from generator.render.pytypes import literal
from generator.spec.model import EndpointSpec, FalProtocol, MagnificProtocol, Operation

#: Spec protocol fields the runtime does not need.
SPEC_ONLY = frozenset({"source", "file_encoding"})
#: Spec model class -> runtime class name and docstring.
CLASSES: dict[type, tuple[str, str]] = {
    Operation: ("MagnificOperation", "One HTTP operation of Magnific's task API (create, get or list)."),
    FalProtocol: (
        "FalProtocol",
        "fal's queue and sync protocol facts for one endpoint (from the spec's ``protocol:`` block).",
    ),
    MagnificProtocol: ("MagnificProtocol", "Magnific's task API facts for one endpoint."),
}


def runtime_fields(cls: type) -> list[Field[object]]:
    return [item for item in fields(cls) if item.name not in SPEC_ONLY]


def protocols_module() -> str:
    """``_protocols.py``: the runtime dataclasses, one per spec model class of :data:`CLASSES`."""
    names = {cls.__name__: name for cls, (name, _) in CLASSES.items()}
    out = [
        "# Generated from generator/spec/model.py by `python -m generator generate`. Do not edit.",
        '"""The protocol facts of an endpoint, as its spec\'s ``protocol:`` block states them."""',
        "",
        "from __future__ import annotations",
        "",
        "from dataclasses import dataclass",
        "",
        f"__all__ = {sorted(names.values())!r}",
    ]
    for cls, (name, doc) in CLASSES.items():
        out += ["", "", "@dataclass(frozen=True)", f"class {name}:", f'    """{doc}"""', ""]
        out += [f"    {item.name}: {names.get(str(item.type), str(item.type))}" for item in runtime_fields(cls)]
    return "\n".join(out) + "\n"


def protocol_expr(spec: EndpointSpec) -> str:
    """The ``FalProtocol(...)`` / ``MagnificProtocol(...)`` constructor for an endpoint."""
    return _construct(spec.protocol)


def _construct(value: object) -> str:
    name = CLASSES[type(value)][0]
    parts = []
    for item in runtime_fields(type(value)):
        field_value = getattr(value, item.name)
        shown = _construct(field_value) if type(field_value) in CLASSES else literal(field_value)
        parts.append(f"{item.name}={shown}")
    return f"{name}({', '.join(parts)})"
