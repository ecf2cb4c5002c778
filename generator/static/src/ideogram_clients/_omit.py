"""The ``omit`` sentinel: "not given" for keyword arguments whose ``None`` would mean something else.

Typed resource methods default every optional field to ``omit``, so only the fields a caller passes
reach the model (and the wire); the provider's own default applies to the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, final

__all__ = ["Omit", "given", "omit"]


@final
class Omit:
    """The type of :data:`omit`; falsy, and never equal to a real value."""

    _instance: Omit | None = None

    def __new__(cls) -> Omit:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "omit"


omit: Final = Omit()


def given(arguments: Mapping[str, object]) -> dict[str, object]:
    """The arguments that were actually passed (everything but ``omit``)."""
    return {key: value for key, value in arguments.items() if not isinstance(value, Omit)}
