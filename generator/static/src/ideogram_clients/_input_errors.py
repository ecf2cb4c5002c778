"""pydantic's validation errors in user terms: one line per field, no validator internals.

A union field (an image: ``str | bytes | Path``; ``image_size``: a preset name or an object) makes
pydantic report one error per branch, each under a location segment that names the branch
(``str``, ``lax-or-strict[…]``, ``function-after[_check_rules(), ImageSize]``). Those segments are
dropped; when a value fits no branch, the branch errors become one line saying what the field
accepts; when it went into one branch (an object with a bad member), only that branch's errors
stay, since that is the form the caller meant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from ideogram_clients._errors import InputErrorDetail, InvalidInputError

__all__ = ["to_input_error"]

#: A location segment that names a union branch or a validator rather than a field.
_BRANCH = re.compile(r"[\[\](),=]|^(?:str|bytes|int|float|bool|list|dict|none)$|^[A-Z]")
_LITERAL = re.compile(r"^literal\[(.*)\]$")
_INSTANCE = re.compile(r"is-instance\[(\w+)\]")
_KINDS = {"str": "a string", "bytes": "bytes", "int": "an integer", "float": "a number", "bool": "a boolean"}


def to_input_error(target: str, exc: ValidationError) -> InvalidInputError:
    """Turn pydantic's error into ours: one line per field, value and broken rule."""
    groups: dict[tuple[Any, ...], list[tuple[tuple[Any, ...], str | None, dict[str, Any]]]] = {}
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if error["type"] == "rule" and not loc:
            loc = tuple((error.get("ctx") or {}).get("fields", ()))[:1]
        if error["type"] == "extra_forbidden" and loc:  # the last segment is the caller's key, never a branch
            root, branch, rest = _split(loc[:-1])
            rest += loc[-1:]
        else:
            root, branch, rest = _split(loc)
        groups.setdefault(root, []).append((rest, branch, dict(error)))
    details: list[InputErrorDetail] = []
    for root, errors in groups.items():
        deeper = [item for item in errors if item[0]]
        if any(branch for _, branch, _ in errors) and len(errors) > 1 and not deeper:
            first = errors[0][2]
            accepted = _accepted([branch for _, branch, _ in errors])
            details.append(InputErrorDetail(root, first.get("input"), f"expected {accepted}", "union"))
            continue
        for rest, _, found in deeper or errors:
            details.append(InputErrorDetail(root + rest, found.get("input"), found["msg"], found["type"]))
    return InvalidInputError(target, details)


def _split(loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], str | None, tuple[Any, ...]]:
    """``(field location, first branch segment or None, location inside the branch)``."""
    for index, part in enumerate(loc):
        if isinstance(part, str) and _BRANCH.search(part):
            rest = tuple(p for p in loc[index + 1 :] if not (isinstance(p, str) and _BRANCH.search(p)))
            return loc[:index], part, rest
    return loc, None, ()


def _accepted(branches: Sequence[str | None]) -> str:
    """What the branches accept, in words: ``a string, bytes or a pathlib.Path``."""
    words: list[str] = []
    for branch in branches:
        if branch is None:
            continue
        literal = _LITERAL.match(branch)
        instance = _INSTANCE.search(branch)
        if literal:
            word = "one of " + literal.group(1).replace(",", ", ")
        elif branch in _KINDS:
            word = _KINDS[branch]
        elif instance:
            word = "a pathlib.Path" if instance.group(1) == "Path" else f"a {instance.group(1)}"
        else:
            model = re.search(r"(\w+)\]?$", branch)
            name = model.group(1) if model else "other"
            word = f"{'an' if name[0] in 'AEIOU' else 'a'} {name} object"
        if word not in words:
            words.append(word)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
