"""What the CLI's commands share: the consoles, the endpoint argument, failing, saving outputs."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn

import httpx
import typer
from rich.console import Console
from rich.markup import escape

from ideogram_clients._endpoint import Endpoint
from ideogram_clients._endpoints import ENDPOINTS
from ideogram_clients._errors import (
    APIError,
    IdeogramClientsError,
    InvalidInputError,
    JobFailedError,
    MissingAPIKeyError,
    WaitTimeoutError,
)
from ideogram_clients._models import OutputFile
from ideogram_clients._outputs import write_output

__all__ = [
    "ApiKey",
    "BaseUrl",
    "EndpointArg",
    "err",
    "fail",
    "find_endpoint",
    "out",
    "prepare_out",
    "report_invalid",
    "reported",
    "save_outputs",
]

out = Console()
err = Console(stderr=True, soft_wrap=True)


EndpointArg = Annotated[str, typer.Argument(help="An endpoint id, e.g. fal-ai/ideogram/v2/edit (see `endpoints`).")]
BaseUrl = Annotated[
    str | None, typer.Option(envvar="IDEOGRAM_CLIENTS_BASE_URL", help="Another host, e.g. the emulator's URL.")
]
ApiKey = Annotated[str | None, typer.Option(help="The API key (default: FAL_KEY / MAGNIFIC_API_KEY).")]


def fail(message: str, code: int = 2) -> NoReturn:
    # user and server text is never markup: "[/]" in a path or an error body prints as itself
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, markup=True)
    raise typer.Exit(code)


def find_endpoint(endpoint_id: str) -> Endpoint[Any, Any]:
    endpoint = ENDPOINTS.get(endpoint_id)
    if endpoint is None:
        fail(f"unknown endpoint {endpoint_id!r}; run `ideogram-clients endpoints` for the list")
    return endpoint


def prepare_out(out_dir: Path) -> None:
    """Make sure outputs can be saved before the job is sent: a paid run must not fail at the end."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        fail(f"cannot save outputs in {out_dir}: {error.strerror or error}")
    if not out_dir.is_dir():
        fail(f"cannot save outputs in {out_dir}: not a directory")


def save_outputs(urls: list[str], out_dir: Path, stem: str) -> list[Path]:
    """Save each output as ``STEM-N.EXT``; an earlier run's file keeps its name (``STEM-N-1.EXT`` is used)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for index, url in enumerate(urls):
        file = OutputFile(url=url)
        suffix = Path(file.suggested_name).suffix or ".png"
        target = out_dir / f"{stem}-{index}{suffix}"
        saved.append(write_output(target, file.read(), overwrite=False, new_name=True))
    return saved


def report_invalid(error: InvalidInputError) -> NoReturn:
    err.print(f"[bold red]invalid input[/] for {escape(error.target)} ({len(error.errors)} error(s)):", highlight=False)
    for detail in error.errors:
        err.print(f"  {detail}", highlight=False, markup=False)
    raise typer.Exit(2)


@contextlib.contextmanager
def reported() -> Iterator[None]:
    """The package's errors as one message and an exit status: 2 for what the caller can fix before
    sending (input, key, files), 1 for what the provider or the wait said."""
    try:
        yield
    except InvalidInputError as error:
        report_invalid(error)
    except (JobFailedError, WaitTimeoutError, APIError, httpx.HTTPError) as error:
        fail(str(error), 1)
    except MissingAPIKeyError as error:
        fail(str(error).replace("pass api_key=", "pass --api-key"))
    except (IdeogramClientsError, ValueError, OSError) as error:
        fail(str(error))
