"""Deterministic strings matching a spec pattern, for explicit cases (Hypothesis does the random ones).

Walks the parsed regular expression: ``shortest`` takes every repeat at its minimum and the first
character of each class; ``longest`` takes repeats at their maximum (capped) and cycles through
the class's ranges from the top, so letters of both cases appear. Constructs it does not know
(lookarounds, backreferences) make it return None, and the caller falls back to Hypothesis.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

#: The regular-expression parser (``re._parser`` since Python 3.11; it has no public name).
sre_parse: Any = importlib.import_module("re._parser")

__all__ = ["examples"]

_CAP = 4  # extra repeats past the minimum when the maximum is unbounded


class _UnsupportedError(Exception):
    pass


def _class_chars(items: list[tuple[Any, Any]], longest: bool) -> list[str]:
    chars: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            chars.append(chr(arg))
        elif name == "RANGE":
            low, high = arg
            chars.append(chr(high) if longest else chr(low))
        elif name == "CATEGORY":
            chars.append({"CATEGORY_DIGIT": "7", "CATEGORY_WORD": "w", "CATEGORY_SPACE": " "}.get(str(arg), "x"))
        elif name == "NEGATE":
            raise _UnsupportedError(name)
        else:
            raise _UnsupportedError(name)
    if not chars:
        raise _UnsupportedError("empty class")
    return chars


class _Walker:
    def __init__(self, longest: bool) -> None:
        self.longest = longest
        self.turn = 0

    def pick(self, chars: list[str]) -> str:
        if not self.longest:
            return chars[0]
        self.turn += 1
        return chars[self.turn % len(chars)]

    def walk(self, parsed: Any) -> str:
        out: list[str] = []
        for op, arg in parsed:
            name = str(op)
            if name == "LITERAL":
                out.append(chr(arg))
            elif name == "AT":
                continue
            elif name == "ANY":
                out.append(self.pick(["x", "Y", "7"]))
            elif name == "IN":
                out.append(self.pick(_class_chars(arg, self.longest)))
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                low, high, body = arg
                count = low
                if self.longest:
                    count = high if high != sre_parse.MAXREPEAT and high - low <= _CAP else low + _CAP
                out.extend(self.walk(body) for _ in range(count))
            elif name == "SUBPATTERN":
                out.append(self.walk(arg[-1]))
            elif name == "BRANCH":
                branches = arg[1]
                out.append(self.walk(branches[-1] if self.longest else branches[0]))
            else:
                raise _UnsupportedError(name)
        return "".join(out)


def examples(pattern: str) -> list[str] | None:
    """A shortest and a longest matching string, or None if the pattern is beyond this walker."""
    try:
        parsed = sre_parse.parse(pattern)
        found = [_Walker(longest).walk(parsed) for longest in (False, True)]
    except (_UnsupportedError, re.error, TypeError, ValueError):
        return None
    if not all(re.fullmatch(pattern, value) for value in found):
        return None
    return list(dict.fromkeys(found))
