"""The scheduled upstream watch (.github/workflows/upstream.yml) runs what this project provides.

`make check` validates the file against GitHub's workflow schema; this test checks what a schema
cannot: the triggers, that every command it runs exists here, and that the pull request's body is
the drift report."""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.cli import _parser
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "upstream.yml"


def _load() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def _runs() -> str:
    steps = _load()["jobs"]["watch"]["steps"]
    return "\n".join(step.get("run", "") for step in steps)


def test_runs_daily_and_on_demand() -> None:
    triggers = _load()[True]  # YAML 1.1 reads the bare key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert re.fullmatch(r"\d+ \d+ \* \* \*", triggers["schedule"][0]["cron"])


def test_every_make_target_and_generator_command_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    runs = _runs()
    used = set(re.findall(r"\bmake (\w+)", runs))
    assert {"setup", "generate", "test"} <= used <= targets
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(re.findall(r"-m generator (\w+)", runs)) == {"fetch", "drift"} <= set(commands)


def test_the_pull_request_body_is_the_drift_report() -> None:
    runs = _runs()
    assert "generator drift --suggest > build/drift.txt" in runs
    assert "cat build/drift.txt" in runs and "--body-file build/pr-body.md" in runs
    assert "git add upstream-docs generated" in runs
