"""Cross-field rules from the specs' ``rules:`` lists, checked after field validation.

Each rule knows the fields it involves and the doc sentence it comes from, so a violation reads
``style_codes and style cannot be used together (docs: "Cannot be used with style_codes.")``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pydantic import BaseModel

from ideogram_clients._errors import short_repr
from ideogram_clients._files import image_info

__all__ = ["ExactlyOne", "MutuallyExclusive", "Requires", "Rule", "SameDimensions"]


class Rule(Protocol):
    """A check over a whole validated model."""

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields the rule involves, by Python name."""
        ...

    @property
    def doc(self) -> str:
        """The doc sentence the rule comes from."""
        ...

    def violation(self, model: BaseModel) -> str | None:
        """Why ``model`` breaks the rule, or None."""
        ...


def _cite(doc: str) -> str:
    return f' (docs: "{doc}")' if doc else ""


def _wire(model: BaseModel, name: str) -> str:
    info = type(model).model_fields[name]
    return info.alias or name


def _set(model: BaseModel, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if name in model.model_fields_set]


@dataclass(frozen=True)
class MutuallyExclusive:
    """At most one of ``fields`` may be set."""

    fields: tuple[str, ...]
    doc: str = ""

    def violation(self, model: BaseModel) -> str | None:
        given = _set(model, self.fields)
        if len(given) < 2:
            return None
        shown = " and ".join(f"{_wire(model, name)}={short_repr(getattr(model, name))}" for name in given)
        return f"{shown} cannot be used together{_cite(self.doc)}"


@dataclass(frozen=True)
class ExactlyOne:
    """Exactly one of ``fields`` must be set."""

    fields: tuple[str, ...]
    doc: str = ""

    def violation(self, model: BaseModel) -> str | None:
        given = _set(model, self.fields)
        if len(given) == 1:
            return None
        names = " or ".join(_wire(model, name) for name in self.fields)
        state = "none was given" if not given else "both were given" if len(given) == 2 else f"{len(given)} were given"
        return f"give exactly one of {names}, {state}{_cite(self.doc)}"


@dataclass(frozen=True)
class Requires:
    """When ``fields[0]`` is set, ``fields[1]`` must be set too."""

    fields: tuple[str, ...]
    doc: str = ""

    def violation(self, model: BaseModel) -> str | None:
        trigger, needed = self.fields
        if trigger in model.model_fields_set and needed not in model.model_fields_set:
            return f"{_wire(model, needed)} is required when {_wire(model, trigger)} is given{_cite(self.doc)}"
        return None


@dataclass(frozen=True)
class SameDimensions:
    """Local images in ``fields`` must share width and height.

    Checked from the image headers when the caller passes bytes, a path or a data URI; remote URLs
    are not downloaded, so the provider checks those.
    """

    fields: tuple[str, ...]
    doc: str = ""

    def violation(self, model: BaseModel) -> str | None:
        sizes: list[tuple[str, tuple[int, int]]] = []
        for name in _set(model, self.fields):
            info = image_info(getattr(model, name))
            if info is not None and info.size is not None:
                sizes.append((name, info.size))
        if len({size for _, size in sizes}) <= 1:
            return None
        shown = ", ".join(f"{_wire(model, name)} is {w}x{h}" for name, (w, h) in sizes)
        return f"images must have the exact same dimensions: {shown}{_cite(self.doc)}"
