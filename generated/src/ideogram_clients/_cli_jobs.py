"""CLI commands for a job that already exists: ``status``, ``result`` and ``cancel`` by its id.

A run that was interrupted, or a job submitted elsewhere, is reached again by endpoint id and
request id (fal) or task id (Magnific) — the id ``run`` prints as soon as it is known. For a job
``run`` started on this machine the id alone is enough: its endpoint is remembered.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ideogram_clients._cli_common import ApiKey, BaseUrl, err, fail, find_endpoint, prepare_out, reported, save_outputs
from ideogram_clients._cli_recent import recall
from ideogram_clients._clients import FalClient, MagnificClient
from ideogram_clients._endpoint import Endpoint

__all__ = ["register"]

First = Annotated[
    str,
    typer.Argument(
        help="The endpoint id (see `endpoints`); alone, the id of a job `run` started on this machine.",
        metavar="ENDPOINT_OR_JOB_ID",
        show_default=False,
    ),
]
JobId = Annotated[
    str | None,
    typer.Argument(
        help="The fal request id or Magnific task id that `run` printed.", metavar="JOB_ID", show_default=False
    ),
]


def _job(first: str, second: str | None) -> tuple[Endpoint[Any, Any], str]:
    """``(endpoint, job id)`` from ``ENDPOINT_ID JOB_ID``, or from ``JOB_ID`` alone if ``run`` recorded it."""
    if second is not None:
        return find_endpoint(first), second
    remembered = recall(first)
    if remembered is None:
        fail(f"no job {first!r} was started by `run` on this machine: pass the endpoint id first (ENDPOINT_ID JOB_ID)")
    return find_endpoint(remembered), first


def status(first: First, job_id: JobId = None, base_url: BaseUrl = None, api_key: ApiKey = None) -> None:
    """Print a job's current status as one JSON line."""
    endpoint, job_id = _job(first, job_id)
    with reported():
        if endpoint.provider == "fal":
            with FalClient(api_key, base_url=base_url) as fal:
                found: Any = fal.get_handle(endpoint.id, job_id).status(logs=True)
        else:
            with MagnificClient(api_key, base_url=base_url) as magnific:
                found = magnific.get(endpoint, job_id)
    print(json.dumps(found.model_dump(mode="json", exclude_none=True)))


def result(
    first: First,
    job_id: JobId = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Where outputs are saved.")] = Path("out"),
    base_url: BaseUrl = None,
    api_key: ApiKey = None,
) -> None:
    """Fetch a finished job's outputs and save them (one path per line)."""
    endpoint, job_id = _job(first, job_id)
    prepare_out(out_dir)
    with reported():
        if endpoint.provider == "fal":
            with FalClient(api_key, base_url=base_url) as fal:
                output = fal.get_handle(endpoint.id, job_id).result()
            urls = [image.url for image in getattr(output, "images", [])]
        else:
            with MagnificClient(api_key, base_url=base_url) as magnific:
                task = magnific.get(endpoint, job_id)
            if task.status != "COMPLETED":
                fail(f"task {job_id} is {task.status}, not COMPLETED: nothing to save yet", 1)
            urls = list(task.generated)
        saved = save_outputs(urls, out_dir, endpoint.attr)
    for path in saved:
        print(path)


def cancel(first: First, job_id: JobId = None, base_url: BaseUrl = None, api_key: ApiKey = None) -> None:
    """Ask fal to cancel a queued or running request (Magnific's API has no cancel)."""
    endpoint, job_id = _job(first, job_id)
    if endpoint.provider != "fal":
        fail("Magnific's task API has no cancel operation")
    with reported(), FalClient(api_key, base_url=base_url) as fal:
        answer = fal.get_handle(endpoint.id, job_id).cancel()
    err.print(f"cancel {job_id}: {answer}", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add the job commands to the ``ideogram-clients`` app."""
    for command in (status, result, cancel):
        app.command()(command)
