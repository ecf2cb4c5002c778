"""One Schemathesis run (its CLI, as a new user would run it) and the failed checks it reported.

The run writes its events as NDJSON; every failed check is read back with the request body and
the answer, so refusals can be sorted into "on purpose" and "a finding".
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Failure", "RunResult", "schemathesis"]


@dataclass(frozen=True)
class Failure:
    operation: str
    check: str
    request: object
    status: int | None
    answer: object


@dataclass(frozen=True)
class RunResult:
    schema: str
    cases: int
    failures: list[Failure]
    errors: list[str]
    exit_code: int


def _decode(content: Any) -> object:
    if not isinstance(content, dict) or "$base64" not in content:
        return content
    raw = base64.b64decode(content["$base64"])
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return raw.decode("utf-8", "replace")[:200]


def _read(report: Path) -> tuple[int, list[Failure], list[str]]:
    cases = 0
    failures: list[Failure] = []
    errors: list[str] = []
    for line in report.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        if "NonFatalError" in event:
            errors.append(str(event["NonFatalError"].get("info", event["NonFatalError"]))[:300])
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        recorder = finished.get("recorder", {})
        cases += len(recorder.get("cases", {}))
        for case_id, checks in recorder.get("checks", {}).items():
            for check in checks:
                if check.get("status") != "failure":
                    continue
                case = recorder.get("cases", {}).get(case_id, {}).get("value", {})
                response = (recorder.get("interactions", {}).get(case_id) or {}).get("response") or {}
                failures.append(
                    Failure(
                        recorder.get("label", "?"),
                        check.get("name", "?"),
                        case.get("body"),
                        response.get("status_code"),
                        _decode(response.get("content")),
                    )
                )
    return cases, failures, errors


def schemathesis(schema: Path, url: str, checks: list[str], *, examples: int, seed: int, work: Path) -> RunResult:
    """``schemathesis run`` of ``schema`` against ``url`` with both providers' keys, bounded and seeded."""
    report = work / f"{schema.stem}.ndjson"
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        str(schema),
        "--url",
        url,
        "--header",
        "Authorization: Key fuzz",
        "--header",
        "x-magnific-api-key: fuzz",
        "--checks",
        ",".join(checks),
        "--max-examples",
        str(examples),
        "--seed",
        str(seed),
        "--no-shrink",
        "--continue-on-failure",
        "--workers",
        "1",
        "--request-timeout",
        "10",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
    ]
    # run in the work folder: Schemathesis keeps a .schemathesis/ cache in its working directory
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600, cwd=work)
    if not report.is_file():
        raise RuntimeError(f"schemathesis wrote no report for {schema}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    cases, failures, errors = _read(report)
    return RunResult(schema.name, cases, failures, errors, done.returncode)
