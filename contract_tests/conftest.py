"""Fixtures of the contract suite and the constraint-matrix hooks (xdist-aware).

Each process tallies the constraint ids its tests exercised (:mod:`contract_tests.matrix`). Under
pytest-xdist every worker ships its tally in ``workeroutput`` and the controller merges them in
``pytest_testnodedown``; without xdist the process's own tally is used. At the end of a full run
(the whole ``contract_tests`` directory, no ``-k``/``-m``, no ``CONTRACT_ENDPOINTS``) the table is
written to ``build/constraint-matrix.md`` and the session fails if a constraint lacks a test on a
side it needs. Set ``CONTRACT_MATRIX=0`` to skip the check.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract_tests import matrix
from contract_tests.constraints import all_constraints
from contract_tests.harness import Harness
from contract_tests.specdata import ROOT, groups_limited

REPORT_DIR = ROOT / "build"
_WORKER_KEY = "contract_matrix"
_TALLY = pytest.StashKey[matrix.Tally]()
_PROBLEM = pytest.StashKey[str]()
_HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def harness() -> Iterator[Harness]:
    made = Harness()
    yield made
    made.close()


@pytest.fixture(autouse=True)
def _mocked(harness: Harness) -> Iterator[None]:
    """respx started once per test rather than once per case (see :meth:`Harness.mocked`)."""
    with harness.mocked():
        yield


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where image markers in the ``path`` form are written (content-addressed)."""
    return tmp_path_factory.mktemp("contract-images")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_TALLY] = {}


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _full_run(config: pytest.Config) -> bool:
    """Whether this session ran the whole contract suite, so every constraint should have been hit."""
    if os.environ.get("CONTRACT_MATRIX", "1") == "0" or groups_limited() or os.environ.get("CONTRACT_ENDPOINTS"):
        return False
    option = config.option
    if getattr(option, "keyword", "") or getattr(option, "markexpr", "") or getattr(option, "lf", False):
        return False
    if getattr(option, "collectonly", False) or getattr(option, "deselect", None):
        return False  # nothing ran, or not everything
    bases = {config.invocation_params.dir, config.rootpath}
    for arg in config.args:
        if "::" in arg:
            continue
        for base in bases:
            path = (base / arg).resolve()
            if path.exists() and (path == _HERE or path in _HERE.parents):
                return True
    return False


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    output = getattr(node, "workeroutput", {}) or {}
    data = output.get(_WORKER_KEY)
    config: pytest.Config = node.config  # type: ignore[attr-defined]
    if data:
        matrix.merge(config.stash[_TALLY], json.loads(data))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if _is_worker(config):
        config.workeroutput[_WORKER_KEY] = json.dumps(matrix.export())  # type: ignore[attr-defined]
        return
    tally = config.stash[_TALLY]
    matrix.merge(tally, matrix.export())
    if not _full_run(config):
        return
    constraints = all_constraints()
    target = matrix.write_report(REPORT_DIR, constraints, tally)
    missing = matrix.gaps(constraints, tally)
    summary = f"constraint matrix: {len(constraints)} constraints, written to {target.relative_to(ROOT)}"
    if missing:
        listing = "\n".join(f"  - {item}" for item in missing)
        config.stash[_PROBLEM] = f"{summary}\nFAILED: {len(missing)} constraint side(s) have no test:\n{listing}"
        if session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
    else:
        config.stash[_PROBLEM] = f"{summary}; every constraint is tested on each side it needs"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    message = terminalreporter.config.stash.get(_PROBLEM, None)
    if message:
        terminalreporter.write_sep("-", "contract constraint matrix")
        terminalreporter.write_line(message)
