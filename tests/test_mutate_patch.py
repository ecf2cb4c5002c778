"""The fast mutation runner's in-place patching and test selection.

A mutant patched into the loaded package must change what the public API does (also where the
mutated object reaches callers through ``from x import y``, a shared type or the model base), and
undoing it must give back the very same objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from contract_tests.mutant import Edit, Mutant
from contract_tests.mutate_patch import apply
from contract_tests.mutate_select import passes
from contract_tests.mutate_worker import BaselineTest
from contract_tests.mutations import find_mutants
from contract_tests.specdata import ROOT
from ideogram_clients import ENDPOINTS, InvalidInputError

PACKAGE = ROOT / "generated" / "src" / "ideogram_clients"
V3 = "fal-ai/ideogram/v3"


def _mutant(part: str) -> Mutant:
    [found] = [mutant for mutant in find_mutants(PACKAGE) if part in f"{mutant.file} {mutant.description}"]
    return found


@contextmanager
def _patched(mutant: Mutant) -> Iterator[None]:
    patch = apply(mutant)
    try:
        yield
    finally:
        patch.undo()


def _accepts(arguments: dict[str, Any]) -> bool:
    try:
        ENDPOINTS[V3].build_payload(arguments)
    except InvalidInputError:
        return False
    return True


def test_an_endpoint_mutant_changes_validation_and_undo_restores_the_same_class() -> None:
    original = ENDPOINTS[V3].input_model
    with _patched(_mutant("IdeogramV3Input.num_images: le=8 -> 7")):
        assert ENDPOINTS[V3].input_model is not original
        assert not _accepts({"prompt": "a", "num_images": 8})
        assert _accepts({"prompt": "a", "num_images": 7})
    assert ENDPOINTS[V3].input_model is original
    assert _accepts({"prompt": "a", "num_images": 8})


def test_a_shared_type_mutant_reaches_the_endpoint_models() -> None:
    palette = {"prompt": "a", "color_palette": {"members": [{"rgb": {"r": 255, "g": 0, "b": 0}}]}}
    assert _accepts(palette)
    with _patched(_mutant("RGBColor.r: le=255 -> 254")):
        assert not _accepts(palette)
    assert _accepts(palette)


def test_a_model_base_mutant_reaches_every_model() -> None:
    with _patched(_mutant("_models.py: extra='forbid' -> 'ignore'")):
        assert _accepts({"prompt": "a", "not_a_field": 1})
    assert not _accepts({"prompt": "a", "not_a_field": 1})


def test_names_bound_by_from_import_are_re_pointed_and_restored() -> None:
    from ideogram_clients import _endpoint, _input_errors

    source = (PACKAGE / "_input_errors.py").read_bytes()
    text = b"\ndef to_input_error(*args, **kwargs):\n    raise RuntimeError('patched')\n"
    broken = Mutant(
        "_input_errors.py", "sanity", "to_input_error replaced", (Edit(len(source), len(source), text),), ()
    )
    original = _input_errors.to_input_error
    with _patched(broken):
        assert _endpoint.to_input_error is _input_errors.to_input_error is not original
        with pytest.raises(RuntimeError, match="patched"):
            ENDPOINTS[V3].build_payload({"prompt": 3})
    assert _endpoint.to_input_error is original
    assert not _accepts({"prompt": 3})


def test_a_mutant_that_does_not_load_is_undone() -> None:
    original = ENDPOINTS[V3].input_model
    source = (PACKAGE / "models" / "fal_ideogram_v3.py").read_bytes()
    broken = Mutant("models/fal_ideogram_v3.py", "sanity", "syntax", (Edit(len(source), len(source), b"\n)\n"),), ())
    with pytest.raises(SyntaxError):
        apply(broken)
    assert ENDPOINTS[V3].input_model is original
    assert _accepts({"prompt": "a"})


def test_passes_run_the_field_tests_first_explicit_before_random_then_the_endpoint_then_the_rest() -> None:
    mutant = Mutant("models/x.py", "bound", "X.n: le=8 -> 7", (), ("ep",), None, ("ep:n",))
    tests = {
        "test_properties.py::random[ep]": BaselineTest(0.1, "ep", frozenset({"ep:n:range-max"})),
        "test_boundaries.py::refused[ep|n]": BaselineTest(0.5, "ep", frozenset({"ep:n:range-max"})),
        "test_boundaries.py::accepted[ep|n]": BaselineTest(0.2, "ep", frozenset({"ep:n:type"})),
        "test_boundaries.py::accepted[ep|nn]": BaselineTest(0.1, "ep", frozenset({"ep:nn:range-max"})),
        "test_boundaries.py::accepted[other|n]": BaselineTest(0.1, "other", frozenset({"other:n:range-max"})),
    }
    assert passes(mutant, tests) == (
        (
            "test_boundaries.py::accepted[ep|n]",
            "test_boundaries.py::refused[ep|n]",
            "test_properties.py::random[ep]",
        ),
        ("test_boundaries.py::accepted[ep|nn]",),
        ("test_boundaries.py::accepted[other|n]",),
    )


def test_a_runtime_mutant_is_mapped_by_the_tests_that_ran_its_line_own_endpoints_first() -> None:
    mutant = Mutant("_files.py", "runtime", "_files.py:243: > -> >=", (), ("ep",), line=243)
    tests = {
        "test_boundaries.py::accepted[other|image]": BaselineTest(0.1, "other", lines=frozenset({"_files.py:243"})),
        "test_boundaries.py::accepted[ep|image]": BaselineTest(0.3, "ep", lines=frozenset({"_files.py:243"})),
        "test_boundaries.py::accepted[ep|prompt]": BaselineTest(0.1, "ep", lines=frozenset({"_files.py:240"})),
    }
    assert passes(mutant, tests) == (
        ("test_boundaries.py::accepted[ep|image]", "test_boundaries.py::accepted[other|image]"),
        ("test_boundaries.py::accepted[ep|prompt]",),
    )
