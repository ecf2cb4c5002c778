"""``make fuzz``: Schemathesis against the emulator (on loopback), twice.

1. With the package's own ``openapi.json``: no 5xx, answers as declared (status codes, content
   types, headers, schemas), 405 for undeclared methods, every schema-invalid request refused.
2. With fal's nine documents from ``upstream-docs/openapi/`` (a few known errors in them corrected,
   see ``refusals.CORRECTIONS``): no 5xx, every answer conforms to fal's schema, 405 for undeclared
   methods, everything fal's schema refuses refused too.

In both, a schema-valid request the emulator refuses must be refused on purpose: each refused
field is matched with a rule in ``refusals.KNOWN`` and listed with its note; anything else is a
finding (exit 1). Example counts are bounded (``FUZZ_EXAMPLES``, default 15) and the seed fixed
(``FUZZ_SEED``), so a run takes well under two minutes and repeats itself.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path

from contract_tests.fuzz.refusals import KNOWN, answer_note, correct, explain, problems
from contract_tests.fuzz.runs import Failure, RunResult, schemathesis
from ideogram_clients.emulator import Emulator

ROOT = Path(__file__).resolve().parents[2]
OURS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "unsupported_method",
    "allow_header_conformance",
]
# fal's documents declare only the 200 answers (fal's real 4xx are undeclared too), so status codes
# are not checked against them; everything else is.
FALS = [check for check in OURS if check != "status_code_conformance"]


def _sort(run: RunResult, on_purpose: Counter[str], findings: list[str]) -> None:
    for failure in run.failures:
        note = answer_note(failure.check, failure.status, failure.answer)
        if note is not None:
            on_purpose[note] += 1
            continue
        refused = problems(failure.answer) if failure.check == "positive_data_acceptance" else []
        reasons = [explain(problem) for problem in refused]
        if refused and all(reasons):
            on_purpose.update(known.name for known in reasons if known is not None)
            continue
        findings.append(_finding(run.schema, failure))
    findings.extend(f"{run.schema}: schemathesis error: {error}" for error in run.errors)


def _finding(schema: str, failure: Failure) -> str:
    request = json.dumps(failure.request)[:300] if failure.request is not None else "-"
    answer = json.dumps(failure.answer)[:300] if not isinstance(failure.answer, str) else failure.answer[:300]
    return f"{schema}: {failure.operation}: {failure.check}: sent {request} -> {failure.status} {answer}"


def main() -> int:
    examples = int(os.environ.get("FUZZ_EXAMPLES", "15"))
    seed = int(os.environ.get("FUZZ_SEED", "1"))
    on_purpose: Counter[str] = Counter()
    findings: list[str] = []
    cases = 0
    with tempfile.TemporaryDirectory(prefix="ideogram-fuzz-") as folder:
        work = Path(folder)
        ours = work / "openapi.json"
        ours.write_text(resources.files("ideogram_clients").joinpath("openapi.json").read_text(encoding="utf-8"))
        corrections: set[str] = set()
        fal: list[Path] = []
        for path in sorted((ROOT / "upstream-docs" / "openapi").glob("*.openapi.json")):
            document = json.loads(path.read_text(encoding="utf-8"))
            corrections.update(correct(document))
            fal.append(work / path.name)
            fal[-1].write_text(json.dumps(document), encoding="utf-8")
        emulator = Emulator(job_duration=0.05, seed=seed, size_divisor=16)
        with emulator.serve() as url:
            print(f"emulator on {url}; {examples} examples per operation, seed {seed}")
            for schema, checks in [(ours, OURS), *((path, FALS) for path in fal)]:
                run = schemathesis(schema, url, checks, examples=examples, seed=seed, work=work)
                cases += run.cases
                before = len(findings)
                _sort(run, on_purpose, findings)
                print(f"  {schema.name}: {run.cases} cases, {len(findings) - before} finding(s)")
    for text in sorted(corrections):
        print(f"corrected in fal's documents: {text}")
    for known in KNOWN:
        if on_purpose[known.name]:
            print(f"refused on purpose ({on_purpose[known.name]} fields): {known.name}: {known.note}")
    for note, count in sorted(on_purpose.items()):
        if note not in {known.name for known in KNOWN}:
            print(f"answered on purpose ({count}): {note}")
    for finding in findings:
        print(f"FINDING {finding}")
    print(f"fuzz: {cases} cases, {sum(on_purpose.values())} refusals on purpose, {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
