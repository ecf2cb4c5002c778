"""Schema-valid requests the emulator refuses on purpose, each with the rule it enforces, and the
corrections applied to fal's documents where they contradict fal's own answers.

An OpenAPI schema cannot say everything a spec does (a string that must be a decodable image, a
curated bound fal's schema lacks, a rule between fields), so Schemathesis' ``positive_data_acceptance``
check sends requests the schema allows and the emulator refuses. Each refusal is matched, problem
by problem, against :data:`KNOWN`; a problem no entry explains is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["ANSWERS", "CORRECTIONS", "KNOWN", "Known", "Problem", "answer_note", "correct", "explain", "problems"]


@dataclass(frozen=True)
class Problem:
    """One refused field as the emulator reports it (fal ``detail[]`` or Magnific ``invalid_params``)."""

    field: str
    kind: str
    message: str


@dataclass(frozen=True)
class Known:
    name: str
    note: str
    matches: Callable[[Problem], bool]


def _kind(*kinds: str) -> Callable[[Problem], bool]:
    return lambda problem: problem.kind in kinds


def _says(pattern: str) -> Callable[[Problem], bool]:
    found = re.compile(pattern)
    return lambda problem: bool(found.search(problem.message))


_IMAGE_KINDS = ("image", "url", "image_type", "image_decode_error", "file_download_error", "image_format", "data_uri",
                "base64", "scheme", "declared_type", "readable_header", "image_too_large")  # fmt: skip

KNOWN: tuple[Known, ...] = (
    Known(
        "image",
        "An image field takes an http(s) URL or data: URI (Magnific: an HTTPS URL or base64) holding a JPEG, PNG or "
        "WebP image (spec keys type: image, formats, schemes); the schemas can only say string. The emulator renders "
        "from the bytes, so it also refuses URLs it does not serve.",
        lambda p: p.kind in _IMAGE_KINDS or (not p.kind and bool(re.search(r"image|base64|URL", p.message))),
    ),
    Known(
        "strict integer",
        "Strict types: 3.0 is not the integer 3 (DESIGN section 4, no silent coercion), although JSON Schema counts "
        "a number with no fraction as an integer.",
        lambda p: p.kind == "int_type" or "valid integer" in p.message,
    ),
    Known(
        "extra key",
        "Extra keys are refused (README, the rules every model follows); fal's schemas do not forbid them.",
        _kind("extra_forbidden"),
    ),
    Known(
        "curated bound",
        "Bounds the specs curate where fal's schema has none (seed 0..2147483647, ImageSize sides at least 1, "
        "strength 0.01..1): each is a curation note in specs/.",
        _kind("less_than_equal", "greater_than_equal", "less_than", "greater_than"),
    ),
    Known(
        "curated format",
        "Formats the specs curate (fal style codes are 8 hexadecimal characters; lists that must not be empty): "
        "curation notes on style_codes and the palette in specs/.",
        _kind("string_pattern_mismatch", "too_short"),
    ),
    Known(
        "rule",
        "Cross-field rules (mutually_exclusive, exactly_one, requires, same_dimensions) from the pages' sentences; "
        "the exported schemas carry what JSON Schema can, fal's carry none.",
        _kind("rule", "same_dimensions"),
    ),
    Known(
        "text",
        "Text must be encodable as UTF-8 (a lone surrogate is refused naming the field).",
        _kind("unicode", "string_unicode"),
    ),
    Known(
        "emulator limit",
        "Emulator-only limits, documented in its --help: output sides up to --max-image-side, webhooks to loopback "
        "hosts only (start it with --allow-remote-webhooks).",
        lambda p: p.kind == "image_size" or "loopback" in p.message,
    ),
    Known(
        "magnific reason",
        "Magnific reports reasons without a type: bounds, patterns, enums, rules and extra keys as above.",
        _says(
            r"(?i)less than|greater than|pattern|at least|cannot be used|give exactly|Extra inputs|requires|same"
            r"|valid integer|surrogate"
        ),
    ),
)


#: (check, status, answer) of a whole answer that is right although the check expected another:
#: fal's protocol answers, documented in PROTOCOLS.md and the emulator's docstring.
ANSWERS: tuple[tuple[str, Callable[[str, int | None, Any], bool]], ...] = (
    (
        "fal's cancel answers 400 ALREADY_COMPLETED for a request that has finished (PROTOCOLS.md, fal queue).",
        lambda check, status, answer: status == 400 and answer == {"status": "ALREADY_COMPLETED"},
    ),
    (
        "fal's result route answers 400 'Request is still in progress' until the request completes.",
        lambda check, status, answer: status == 400 and answer == {"detail": "Request is still in progress"},
    ),
    (
        "The status route's logs flag: 1/true/yes turn logs on and anything else leaves them off (fal's document "
        "types it as a number; the emulator does not refuse other values).",
        lambda check, status, answer: (
            check == "negative_data_rejection"
            and status == 200
            and isinstance(answer, dict)
            and answer.get("status") in ("IN_QUEUE", "IN_PROGRESS", "COMPLETED")
        ),
    ),
)


def answer_note(check: str, status: int | None, answer: Any) -> str | None:
    """The note of :data:`ANSWERS` that explains this answer, if any."""
    return next((note for note, matches in ANSWERS if matches(check, status, answer)), None)


def problems(body: Any) -> list[Problem]:
    """The refused fields in an error answer of either provider (empty if it lists none)."""
    if not isinstance(body, dict):
        return []
    found: list[Problem] = []
    detail = body.get("detail")
    for item in detail if isinstance(detail, list) else []:
        if isinstance(item, dict):
            loc = [str(part) for part in item.get("loc", [])[1:]]
            found.append(Problem(".".join(loc), str(item.get("type", "")), str(item.get("msg", ""))))
    for item in body.get("invalid_params") or []:
        if isinstance(item, dict):
            found.append(Problem(str(item.get("name", "")), "", str(item.get("reason", ""))))
    return found


def explain(problem: Problem) -> Known | None:
    return next((known for known in KNOWN if known.matches(problem)), None)


#: (schema, JSON pointer inside it, replacement, why): where fal's document contradicts fal's answers.
CORRECTIONS: tuple[tuple[str, tuple[str, ...], Any, str], ...] = (
    (
        "QueueStatus",
        ("properties", "logs"),
        {"anyOf": [{"type": "array", "items": {"type": "object"}}, {"type": "null"}]},
        "fal's document types logs as an object; fal's queue docs (PROTOCOLS.md) and every status answer with "
        "logs=1 carry a list of log entries, which is what the clients parse, and null without logs=1 (fal-client "
        "reads data['logs'] of every IN_PROGRESS and COMPLETED status, so the key is always there).",
    ),
)


def correct(document: dict[str, Any]) -> list[str]:
    """Apply :data:`CORRECTIONS` to one of fal's documents in place; the reasons of those applied."""
    applied: list[str] = []
    for schema, path, replacement, why in CORRECTIONS:
        node = document.get("components", {}).get("schemas", {}).get(schema)
        for part in path[:-1]:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict) and path[-1] in node:
            node[path[-1]] = replacement
            applied.append(f"{schema}.{'.'.join(path)}: {why}")
    return applied
