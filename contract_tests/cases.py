"""Whole endpoint inputs to test: explicit boundary cases, and how one case is run and checked."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import note
from hypothesis.errors import InvalidArgument

from contract_tests.constraints import default_id, output_id, valid_hits
from contract_tests.harness import Call, Harness, check_refusal
from contract_tests.images import DEFAULT_SIZE, materialize
from contract_tests.objects import Loc, Outcome, base, build, changes, expects_warning
from contract_tests.specdata import Owner, encoding_of, endpoint_owner, type_owner
from contract_tests.wire import expected_body
from generator.spec.loader import python_name
from generator.spec.model import EndpointSpec
from ideogram_clients import ENDPOINTS, IgnoredItemsWarning

__all__ = ["Case", "explicit_cases", "run_refused", "run_valid"]


@dataclass(frozen=True)
class Case:
    """One endpoint input (images as markers), what must happen to it, and what it exercises."""

    endpoint: str
    label: str
    args: Mapping[str, Any]
    outcome: Outcome
    hits: frozenset[str] = frozenset()  # refused/warned side; the valid side is read off the args
    locs: tuple[Loc, ...] = ()
    size: tuple[int, int] = DEFAULT_SIZE
    group: str = ""

    def __repr__(self) -> str:
        return f"Case({self.endpoint} {self.label}: {dict(self.args)!r})"


def explicit_cases(spec: EndpointSpec) -> list[Case]:
    """The endpoint's boundary cases: its minimal input, every accepted and refused change of it."""
    owner = endpoint_owner(spec)
    goods, bads = changes(owner, encoding_of(spec))
    cases = [Case(spec.endpoint, "minimal", base(owner), "valid", group="(model)")]
    seen = {repr((cases[0].group, "valid", cases[0].args))}
    for change in (*goods, *bads):
        args = build(owner, change, base(owner))
        assert args is not None, f"{spec.endpoint}: cannot build the case {change.label!r}"
        key = repr((change.group, change.outcome, args))
        if change.outcome == "valid" and key in seen:
            continue
        seen.add(key)
        cases.append(
            Case(spec.endpoint, change.label, args, change.outcome, change.hits, change.locs, group=change.group)
        )
    return cases


def _default_hits(owner: Owner, given: Mapping[str, Any], model: Any) -> set[str]:
    """Check documented defaults on the validated model (unset fields), recursing into given objects."""
    hits: set[str] = set()
    for spec in owner.fields:
        attr = python_name(spec.name)
        if spec.json_name not in given:
            assert attr not in model.model_fields_set, f"{owner.id}.{spec.name} marked as set but was not given"
            if spec.has_default:
                actual = getattr(model, attr)
                assert actual == spec.default and type(actual) is type(spec.default), (
                    f"{owner.id}.{spec.name}: default is {actual!r}, the spec documents {spec.default!r}"
                )
                hits.add(default_id(owner, spec))
            continue
        value, inner = given[spec.json_name], getattr(model, attr)
        if isinstance(value, list) and spec.items is not None and spec.items.ref is not None:
            for item, item_model in zip(value, inner, strict=True):
                if isinstance(item, Mapping):
                    hits |= _default_hits(type_owner(spec.items.ref), item, item_model)
        elif isinstance(value, Mapping):
            ref = spec.ref or next((option.ref for option in spec.one_of if option.ref is not None), None)
            if ref is not None:
                hits |= _default_hits(type_owner(ref), value, inner)
    return hits


def _python_kwargs(spec: EndpointSpec, arguments: Mapping[str, Any]) -> dict[str, Any]:
    names = {field.json_name: python_name(field.name) for field in spec.input}
    return {names[key]: value for key, value in arguments.items()}


@contextmanager
def _shown(case: Case) -> Iterator[None]:
    """Put the offending input in Hypothesis's report and in every assertion message."""
    with suppress(InvalidArgument):  # outside a Hypothesis test there is nothing to note into
        note(f"input: {case!r}")
    try:
        yield
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n  input: {case!r}") from None


def run_valid(
    harness: Harness,
    spec: EndpointSpec,
    case: Case,
    folder: Path,
    answer: Mapping[str, Any],
    calls: list[Call],
) -> set[str]:
    """Send an accepted case through every call and check it; the valid-side constraint ids it exercised."""
    owner = endpoint_owner(spec)
    arguments = materialize(dict(case.args), case.size, folder)
    bodies = {files: expected_body(owner, arguments, encoding_of(spec) if files == "inline" else files)
              for files in {call.files for call in calls}}  # fmt: skip
    warns = expects_warning(owner, case.args)
    with _shown(case), harness.mocked():
        for call in calls:
            sent = _python_kwargs(spec, arguments) if call.typed else arguments
            harness.send_valid(spec, call, sent, bodies[call.files], answer, warns=warns)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", IgnoredItemsWarning)
            model = ENDPOINTS[spec.endpoint].validate(arguments)
        # the URL-only fast path sends ``to_json()``: the same body as ``to_payload()``, for every model
        assert json.loads(model.to_json()) == model.to_payload(), "to_json() and to_payload() disagree"
        hits = valid_hits(owner, case.args) | _default_hits(owner, case.args, model)
    hits |= {output_id(spec.endpoint, field.name, "required") for field in spec.output if field.required}
    return hits


def run_refused(harness: Harness, spec: EndpointSpec, case: Case, folder: Path, calls: list[Call]) -> None:
    """Send a refused case through every call: InvalidInputError naming the field, nothing sent."""
    arguments = materialize(dict(case.args), case.size, folder)
    with _shown(case), harness.mocked():
        for call in calls:
            error = harness.send_invalid(spec, call, arguments)
            check_refusal(error, case.locs)
