"""``ideogram_clients.batch``: bad lines, resume (re-attach, unknown, changed lines), outputs, flow control."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ideogram_clients import ENDPOINTS, FalClient
from ideogram_clients.batch import JOURNAL_NAME, BatchLockedError, State, read_jobs, read_journal, run_batch
from ideogram_clients.batch._journal import Journal
from ideogram_clients.batch._limiter import AdaptiveLimiter
from ideogram_clients.batch._lock import folder_lock
from ideogram_clients.cli import main
from ideogram_clients.emulator import Emulator, FaultRates
from tests.conftest import ROOT

V3, V2_EDIT = "fal-ai/ideogram/v3", "fal-ai/ideogram/v2/edit"
PHOTO, MASK = ROOT / "demo" / "photo.png", ROOT / "demo" / "mask.png"


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAL_KEY", "k")
    monkeypatch.setenv("MAGNIFIC_API_KEY", "k")


def emulated(**options: Any) -> Emulator:
    return Emulator(**{"job_duration": 0.02, "workers": 32, "size_divisor": 16, "retry_after": 0, **options})


def jobs_file(folder: Path, *lines: object) -> Path:
    path = folder / "jobs.jsonl"
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    return path


def v3(prompt: str, **extra: Any) -> dict[str, Any]:
    return {"endpoint": V3, "arguments": {"prompt": prompt}, **extra}


def ledger(emulator: Emulator, prompt: str) -> int:
    return emulator.stats.submissions(V3, {"prompt": prompt})


BAD_LINES = [
    "{not json",
    {"endpoint": "fal-ai/ideogram/v9"},
    {"endpoint": V3, "arguments": {"prompt": "a", "num_images": 9}},
    {"endpoint": V2_EDIT, "arguments": {"prompt": "a"}, "files": {"image_url": "missing.png", "mask_url": str(MASK)}},
    {"endpoint": V3, "arguments": {"prompt": "a"}, "output": "../escape"},
    {"endpoint": V3, "arguments": {"prompt": "a"}, "colour": "red"},
    [1, 2],
]
EXPECTED_FIELDS = [
    (2, "(line)"),
    (3, "endpoint"),
    (4, "arguments.num_images"),
    (5, "arguments.image_url"),
    (6, "output"),
    (7, "colour"),
    (8, "(line)"),
]


def test_dry_run_reports_every_bad_line_and_sends_nothing(tmp_path: Path, keys: None) -> None:
    path = jobs_file(tmp_path, v3("fine"), *BAD_LINES, v3("dup", output="same"), v3("dup2", output="same"))
    parsed = read_jobs(path)
    found = [(error.line, error.field) for error in parsed.errors]
    assert found == [*EXPECTED_FIELDS, (10, "output")]
    assert "less than or equal to 8" in str(parsed.errors[2]) and "file not found" in str(parsed.errors[3])
    emulator = emulated()
    with emulator.serve() as url:
        summary = run_batch(path, tmp_path / "out", base_url=url, dry_run=True)
    assert summary.planned_submits == 2 and len(summary.invalid) == 8
    assert emulator.stats.snapshot()["requests"] == {} and not (tmp_path / "out").exists()


def test_a_line_that_is_not_utf8_is_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "jobs.jsonl"
    separated = json.dumps(v3("one\u2028line"), ensure_ascii=False).encode()  # U+2028 is not a newline in JSONL
    path.write_bytes(b"\xef\xbb\xbf" + separated + b"\n" + b'{"endpoint": "\xff"}\n')
    parsed = read_jobs(path)
    assert [(job.key, job.arguments["prompt"]) for job in parsed.jobs] == [("line-1", "one\u2028line")]
    assert [str(error) for error in parsed.errors] == ["line 2: (line): not valid UTF-8: invalid start byte at byte 14"]


def test_real_run_skips_bad_lines_and_runs_the_rest(tmp_path: Path, keys: None) -> None:
    path = jobs_file(tmp_path, *BAD_LINES, v3("a fox"), v3("an owl", output="owl"))
    emulator = emulated()
    with emulator.serve() as url:
        summary = run_batch(path, tmp_path / "out", base_url=url)
    assert (summary.done, len(summary.invalid), summary.ok) == (2, 7, False)
    assert sorted(p.name for p in (tmp_path / "out").glob("*.png")) == ["line-8-0.png", "owl-0.png"]
    assert emulator.stats.total_jobs == 2


def test_lost_reply_is_unknown_and_resubmitted_only_when_asked(tmp_path: Path, keys: None) -> None:
    path = jobs_file(tmp_path, v3("lost"))
    out = tmp_path / "out"
    emulator = emulated(create_faults=FaultRates(lost_reply=1.0))
    with emulator.serve() as url:
        first = run_batch(path, out, base_url=url)
        assert (first.unknown, ledger(emulator, "lost")) == (1, 1)
        assert "may have created a job" in first.errors["line-1"]
        again = run_batch(path, out, base_url=url)
        assert (again.unknown, again.submitted, ledger(emulator, "lost")) == (1, 0, 1)
    emulator2 = emulated()
    with emulator2.serve() as url:
        resubmitted = run_batch(path, out, base_url=url, resubmit_unknown=True)
    assert resubmitted.ok and ledger(emulator2, "lost") == 1
    assert read_journal(out / JOURNAL_NAME)["line-1"].attempts == 2


def _journal_row(out: Path, key: str, state: State, request_id: str | None = None) -> None:
    async def write() -> None:
        journal = Journal(out / JOURNAL_NAME)
        await journal.open()
        parsed = read_jobs(out.parent / "jobs.jsonl")
        job = next(job for job in parsed.jobs if job.key == key)
        await journal.add([(job.key, job.line, job.digest, job.endpoint.id)])
        await journal.set(key, state, request_id=request_id, sent=state is not State.PENDING)
        await journal.close()

    out.mkdir(exist_ok=True)
    asyncio.run(write())


def test_a_submitted_job_is_reattached_by_request_id_not_resubmitted(tmp_path: Path, keys: None) -> None:
    path = jobs_file(tmp_path, v3("attach me"))
    out = tmp_path / "out"
    emulator = emulated()
    with emulator.serve() as url:
        with FalClient("k", base_url=url) as fal:
            request_id = fal.submit(V3, {"prompt": "attach me"}).request_id
        _journal_row(out, "line-1", State.SUBMITTED, request_id)
        summary = run_batch(path, out, base_url=url)
    assert (summary.done, summary.reattached, summary.submitted) == (1, 1, 0)
    assert ledger(emulator, "attach me") == 1 and (out / "line-1-0.png").is_file()


def test_a_job_left_submitting_becomes_unknown(tmp_path: Path, keys: None) -> None:
    path = jobs_file(tmp_path, v3("crashed"), v3("fresh"))
    out = tmp_path / "out"
    _journal_row(out, "line-1", State.SUBMITTING)
    emulator = emulated()
    with emulator.serve() as url:
        summary = run_batch(path, out, base_url=url)
    assert (summary.done, summary.unknown) == (1, 1) and ledger(emulator, "crashed") == 0
    assert read_journal(out / JOURNAL_NAME)["line-1"].state is State.UNKNOWN


def test_changed_lines_are_reported_not_rerun(tmp_path: Path, keys: None) -> None:
    out = tmp_path / "out"
    emulator = emulated()
    with emulator.serve() as url:
        assert run_batch(jobs_file(tmp_path, v3("one"), v3("two")), out, base_url=url).done == 2
        summary = run_batch(jobs_file(tmp_path, v3("one"), v3("TWO")), out, base_url=url)
    assert (summary.done_before, summary.changed, summary.submitted, summary.orphans) == (1, 1, 0, 0)
    assert "line 2 changed" in summary.errors["line-2"] and emulator.stats.total_jobs == 2
    renamed = run_batch(jobs_file(tmp_path, v3("one", output="first")), out, base_url=url, dry_run=True)
    assert (renamed.orphans, renamed.planned_submits) == (2, 1)


def test_outputs_are_never_overwritten_silently(tmp_path: Path, keys: None) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "taken-0.png").write_bytes(b"someone else's file")
    path = jobs_file(tmp_path, v3("x", output="taken"))
    with emulated().serve() as url:
        summary = run_batch(path, out, base_url=url)
    assert summary.failed == 1 and "not replaced" in summary.errors["taken"]
    assert (out / "taken-0.png").read_bytes() == b"someone else's file"


def test_failed_jobs_are_retried_only_when_asked(tmp_path: Path, keys: None) -> None:
    path = jobs_file(tmp_path, v3("doomed"))
    out = tmp_path / "out"
    with emulated(faults=FaultRates(job_failure=1.0)).serve() as url:
        assert run_batch(path, out, base_url=url).failed == 1
    fine = emulated()
    with fine.serve() as url:
        assert run_batch(path, out, base_url=url).failed_before == 1 and fine.stats.total_jobs == 0
        assert run_batch(path, out, base_url=url, retry_failed=True).ok


def test_missing_key_stops_the_batch_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAL_KEY", raising=False)
    monkeypatch.delenv("FAL_KEY_ID", raising=False)
    path = jobs_file(tmp_path, *(v3(f"p{i}") for i in range(5)))
    with emulated().serve() as url:
        summary = run_batch(path, tmp_path / "out", base_url=url, concurrency=1)
    assert summary.stopped and "FAL_KEY" in summary.stopped and summary.left == 5
    rows = read_journal(tmp_path / "out" / JOURNAL_NAME)
    assert {row.state for row in rows.values()} == {State.PENDING}


def test_429s_halve_the_concurrency_and_the_batch_still_finishes(tmp_path: Path, keys: None) -> None:
    path = jobs_file(tmp_path, *(v3(f"busy {i}") for i in range(30)))
    emulator = emulated(faults=FaultRates(rate_limit=0.3), create_faults=FaultRates(rate_limit=0.3))
    with emulator.serve() as url:
        summary = run_batch(path, tmp_path / "out", base_url=url, concurrency=8, max_submits=20)
    assert summary.ok and summary.limit_cuts >= 1 and emulator.stats.duplicate_jobs == 0


def test_one_batch_at_a_time_per_folder(tmp_path: Path, keys: None) -> None:
    path = jobs_file(tmp_path, v3("solo"))
    out = tmp_path / "out"
    out.mkdir()
    with folder_lock(out / JOURNAL_NAME), pytest.raises(BatchLockedError, match="another batch is running"):
        run_batch(path, out, base_url="http://127.0.0.1:9")
    assert not (out / JOURNAL_NAME).exists()


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_limiter_halves_once_per_cooldown_and_grows_back() -> None:
    async def scenario() -> list[int]:
        clock = _Clock()
        limiter = AdaptiveLimiter(8, cooldown=1.0, clock=clock)
        seen = []
        await limiter.throttled()
        await limiter.throttled()  # the same overload
        seen.append(limiter.limit)
        clock.now = 2.0
        await limiter.throttled()
        seen.append(limiter.limit)
        for _ in range(2):
            await limiter.succeeded()
        seen.append(limiter.limit)
        for _ in range(100):
            await limiter.succeeded()
        seen.append(limiter.limit)
        clock.now = 10.0
        for _ in range(20):
            await limiter.throttled()
            clock.now += 2
        seen.append(limiter.limit)
        return seen

    assert asyncio.run(scenario()) == [4, 2, 3, 8, 1]


def test_limiter_admits_at_most_limit() -> None:
    async def scenario() -> int:
        limiter = AdaptiveLimiter(3)
        peak = 0

        async def work() -> None:
            nonlocal peak
            await limiter.acquire()
            peak = max(peak, limiter.active)
            await asyncio.sleep(0)
            await limiter.release()

        await asyncio.gather(*(work() for _ in range(20)))
        return peak

    assert asyncio.run(scenario()) == 3


@pytest.fixture
def served() -> Iterator[str]:
    with emulated().serve() as url:
        yield url


def test_cli_batch_exit_codes(
    tmp_path: Path, keys: None, served: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    good = jobs_file(tmp_path, v3("ok"))
    assert main(["batch", str(good), "--out", str(tmp_path / "o"), "--dry-run"]) == 0
    assert main(["batch", str(good), "--out", str(tmp_path / "o"), "--base-url", served]) == 0
    bad = jobs_file(tmp_path, v3("ok"), "nope")
    assert main(["batch", str(bad), "--out", str(tmp_path / "o"), "--dry-run"]) == 2
    assert main(["batch", str(bad), "--out", str(tmp_path / "o"), "--base-url", served]) == 1
    assert main(["batch", str(tmp_path / "absent.jsonl"), "--out", str(tmp_path / "o")]) == 2
    captured = capsys.readouterr()
    assert "line 2: (line): not valid JSON" in captured.out and "Traceback" not in captured.err
    assert ENDPOINTS[V3].id == V3


def test_a_job_past_its_timeout_stays_submitted_and_is_reattached_later(tmp_path: Path, keys: None) -> None:
    path = jobs_file(tmp_path, v3("slow"))
    out = tmp_path / "out"
    emulator = emulated(job_duration=1.0)
    with emulator.serve() as url:
        first = run_batch(path, out, base_url=url, timeout=0.1)
        assert (first.running, first.done) == (1, 0) and "run the batch again" in first.errors["line-1"]
        assert read_journal(out / JOURNAL_NAME)["line-1"].state is State.SUBMITTED
        second = run_batch(path, out, base_url=url)
    assert (second.done, second.reattached, second.submitted) == (1, 1, 0) and ledger(emulator, "slow") == 1


def test_summary_and_progress_render(tmp_path: Path, keys: None) -> None:
    from io import StringIO

    from rich.console import Console

    from ideogram_clients.batch._display import print_summary, progress_line

    path = jobs_file(tmp_path, v3("shown"), "{broken")
    with emulated().serve() as url:
        summary = run_batch(path, tmp_path / "out", base_url=url)
    assert str(progress_line(summary)).startswith("done 1/1 · failed 0 · in flight 0")
    stream = StringIO()
    print_summary(Console(file=stream, width=120), summary)
    text = stream.getvalue()
    assert "done now" in text and "line 2: (line): not valid JSON" in text


def test_emulator_cli_takes_the_lost_reply_rate() -> None:
    from ideogram_clients.emulator.__main__ import options_from, parser

    assert options_from(parser().parse_args(["--fault-lost-reply", "0.25"])).faults.lost_reply == 0.25


def test_a_500_on_submit_is_unknown_and_keeps_the_request_id_it_named(tmp_path: Path, keys: None) -> None:
    path = jobs_file(tmp_path, v3("five hundred"))
    out = tmp_path / "out"
    emulator = emulated(create_faults=FaultRates(error_500=1.0))
    with emulator.serve() as url:
        summary = run_batch(path, out, base_url=url)
    row = read_journal(out / JOURNAL_NAME)["line-1"]
    assert summary.unknown == 1 and row.state is State.UNKNOWN and row.request_id
    assert f"names request {row.request_id}" in summary.errors["line-1"] and row.attempts == 1


def test_client_options_reach_the_one_shared_client(tmp_path: Path, keys: None) -> None:
    path = jobs_file(tmp_path, v3("throttled"))
    emulator = emulated(create_faults=FaultRates(rate_limit=1.0))
    with emulator.serve() as url:
        summary = run_batch(path, tmp_path / "out", base_url=url, max_submits=1, fal_options={"max_retries": 0})
    assert summary.failed == 1 and "429" in summary.errors["line-1"]
    assert emulator.stats.snapshot()["requests"]["fal.submit"] == 1  # no client retry: the option arrived


def test_what_a_failed_submit_proves(monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx

    from ideogram_clients._errors import APIConnectionError, InvalidInputError
    from ideogram_clients._responses import status_error
    from ideogram_clients.batch import _providers

    fal, magnific = ENDPOINTS[V3], ENDPOINTS["magnific/ideogram-image-edit"]
    request = httpx.Request("POST", "https://queue.fal.run/fal-ai/ideogram/v3")

    def answer(status: int, **headers: str) -> Exception:
        return status_error(httpx.Response(status, json={"detail": "x"}, headers=headers, request=request))

    def transport(error: httpx.TransportError) -> Exception:
        try:
            raise APIConnectionError("failed", request=request) from error
        except APIConnectionError as raised:
            return raised

    outcome = _providers.submit_outcome
    assert outcome(fal, answer(429)) == outcome(fal, answer(503)) == "unsent"  # edge: no x-fal-request-id
    assert outcome(fal, answer(503, **{"x-fal-request-id": "r"})) == outcome(fal, answer(500)) == "maybe"
    assert outcome(fal, answer(422)) == outcome(fal, InvalidInputError(V3, [])) == "refused"
    assert outcome(magnific, answer(503)) == "unsent" and outcome(magnific, answer(500)) == "maybe"
    assert outcome(fal, transport(httpx.ConnectError("refused", request=request))) == "unsent"
    assert outcome(fal, transport(httpx.RemoteProtocolError("cut", request=request))) == "maybe"

    class EarlyError(Exception):
        pass

    monkeypatch.setattr(_providers, "_BEFORE_SUBMIT", (EarlyError,))
    assert outcome(fal, EarlyError()) == "unsent"  # e.g. an upload that failed before the submit


def test_files_upload_sends_a_shared_reference_once_for_the_whole_batch(tmp_path: Path, keys: None) -> None:
    edits = [
        {
            "endpoint": V2_EDIT,
            "arguments": {"prompt": f"edit {index}"},
            "files": {"image_url": str(PHOTO), "mask_url": str(MASK)},
        }
        for index in range(12)
    ]
    emulator = emulated()
    with emulator.serve() as url:
        code = main(["batch", str(jobs_file(tmp_path, *edits)), "--out", str(tmp_path / "out"), "--base-url", url,
                     "--files", "upload", "--concurrency", "6"])  # fmt: skip
        stats = emulator.stats.snapshot()
    assert code == 0
    assert stats["total_jobs"] == 12 and stats["duplicate_jobs"] == 0
    assert stats["files_uploaded"] == 2  # photo and mask, each once, for twelve jobs
    assert stats["requests"]["storage.token"] == 1
