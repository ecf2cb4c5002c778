"""Spec patterns are JSON Schema (ECMA-262) regexes; the generated models check them with Python's ``re``.

The two disagree on one thing that matters here: ECMA's ``$`` (without the multiline flag) matches
only at the end of the input, Python's ``$`` also before a final newline, so ``"0123abcd\\n"`` would
pass ``^[0-9a-fA-F]{8}$`` in Python while every JSON Schema validator refuses it. The Python form of
a pattern therefore turns each ``$`` anchor into ``\\Z`` (end of input only).
"""

from __future__ import annotations

import re

__all__ = ["python_pattern", "search"]


def python_pattern(pattern: str) -> str:
    """``pattern`` with every ``$`` anchor (outside classes, unescaped) written as ``\\Z``."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            out.append(r"\Z")
            continue
        out.append(char)
    return "".join(out)


def search(pattern: str, value: str) -> bool:
    """JSON Schema's pattern semantics: an unanchored search, ``$`` meaning the end of the input."""
    return re.search(python_pattern(pattern), value) is not None
