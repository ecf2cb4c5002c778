"""``ideogram-clients``: the endpoints, their schemas, offline validation and runs, from a terminal.

Commands: ``endpoints`` (table), ``schema ID``, ``validate ID payload.json`` (offline, every error at
once), ``run ID --set k=v --file field=PATH --out DIR`` (live progress, outputs saved) and
``emulator`` (the local server). Bad input is one clear message and exit status 2, never a
traceback; a provider error is exit status 1. Works against the real hosts or, with ``--base-url``
(or ``IDEOGRAM_CLIENTS_BASE_URL``), the emulator.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

try:
    import typer
    from rich.console import Console
    from rich.table import Table
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise SystemExit(f"the CLI needs its extra: pip install 'ideogram-clients[cli]' ({exc.name} is missing)") from None

import httpx

from ideogram_clients._clients import FalClient, MagnificClient
from ideogram_clients._endpoint import Endpoint
from ideogram_clients._endpoints import ENDPOINTS
from ideogram_clients._errors import APIError, IdeogramClientsError, InvalidInputError, JobFailedError
from ideogram_clients._fal_status import Completed, InProgress, Queued
from ideogram_clients._models import OutputFile

__all__ = ["app", "main"]

app = typer.Typer(
    name="ideogram-clients",
    help="Typed, validating clients for the Ideogram APIs on fal.ai and Magnific.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)

EndpointArg = Annotated[str, typer.Argument(help="An endpoint id, e.g. fal-ai/ideogram/v2/edit (see `endpoints`).")]


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    raise typer.Exit(code)


def _endpoint(endpoint_id: str) -> Endpoint[Any, Any]:
    endpoint = ENDPOINTS.get(endpoint_id)
    if endpoint is None:
        _fail(f"unknown endpoint {endpoint_id!r}; run `ideogram-clients endpoints` for the list")
    return endpoint


@app.command()
def endpoints() -> None:
    """List every endpoint with its provider and client attribute."""
    table = Table("endpoint", "provider", "client attribute", "summary")
    for endpoint in ENDPOINTS.values():
        table.add_row(endpoint.id, endpoint.provider, endpoint.attr, endpoint.summary)
    out.print(table)


@app.command()
def schema(
    endpoint_id: EndpointArg,
    output: Annotated[bool, typer.Option("--output", help="The output schema instead of the input one.")] = False,
) -> None:
    """Print an endpoint's JSON Schema (draft 2020-12)."""
    endpoint = _endpoint(endpoint_id)
    print(json.dumps(endpoint.json_schema("output" if output else "input"), indent=2, ensure_ascii=False))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        _fail(f"cannot read {path}: {exc.strerror or exc}")
    except (ValueError, UnicodeDecodeError) as exc:
        _fail(f"{path} is not valid JSON: {exc}")
    if not isinstance(data, dict):
        _fail(f"{path} must hold a JSON object of field names to values, got {type(data).__name__}")
    return data


def _report_invalid(error: InvalidInputError) -> NoReturn:
    err.print(f"[bold red]invalid input[/] for {error.target} ({len(error.errors)} error(s)):", highlight=False)
    for detail in error.errors:
        err.print(f"  {detail}", highlight=False, markup=False)
    raise typer.Exit(2)


@app.command()
def validate(
    endpoint_id: EndpointArg,
    payload: Annotated[Path, typer.Argument(help="A JSON file with the arguments.")],
) -> None:
    """Validate a payload offline against the documented constraints (all errors at once)."""
    endpoint = _endpoint(endpoint_id)
    try:
        endpoint.build_payload(_read_json(payload))
    except InvalidInputError as error:
        _report_invalid(error)
    out.print(f"[green]valid[/] input for {endpoint.id}")


def _assignments(endpoint: Endpoint[Any, Any], sets: list[str], files: list[str]) -> dict[str, Any]:
    """``--set k=v`` (JSON value, else a string) and ``--file field=PATH`` (lists collect repeats)."""
    arguments: dict[str, Any] = {}
    for item in sets:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            _fail(f"--set expects key=value, got {item!r}")
        try:
            arguments[key] = json.loads(raw)
        except ValueError:
            arguments[key] = raw
    list_fields = {name for name, info in endpoint.input_model.model_fields.items() if _is_list(info.annotation)}
    for item in files:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            _fail(f"--file expects field=PATH, got {item!r}")
        path = Path(raw)
        if key in list_fields:
            arguments.setdefault(key, []).append(path)
        else:
            arguments[key] = path
    return arguments


def _is_list(annotation: object) -> bool:
    return "list[" in str(annotation)


def _save(urls: list[str], out_dir: Path, stem: str) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for index, url in enumerate(urls):
        target = out_dir / f"{stem}-{index}.png"
        saved.append(OutputFile(url=url).save(target))
    return saved


@app.command()
def run(
    endpoint_id: EndpointArg,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="key=value (value parsed as JSON if it can be).")
    ] = None,
    file: Annotated[
        list[str] | None, typer.Option("--file", help="An image field from a local file: field=PATH.")
    ] = None,
    payload: Annotated[Path | None, typer.Option("--json", help="A JSON file with (more) arguments.")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Where outputs are saved.")] = Path("out"),
    base_url: Annotated[
        str | None, typer.Option(envvar="IDEOGRAM_CLIENTS_BASE_URL", help="Another host, e.g. the emulator's URL.")
    ] = None,
    api_key: Annotated[str | None, typer.Option(help="The API key (default: FAL_KEY / MAGNIFIC_API_KEY).")] = None,
    sync: Annotated[bool, typer.Option("--sync", help="fal: use the sync host instead of the queue.")] = False,
    timeout: Annotated[float | None, typer.Option(help="Give up waiting after this many seconds.")] = None,
) -> None:
    """Run a job with live progress and save its outputs."""
    endpoint = _endpoint(endpoint_id)
    arguments = _read_json(payload) if payload is not None else {}
    arguments.update(_assignments(endpoint, set_ or [], file or []))
    stem = endpoint.attr
    try:
        endpoint.validate(arguments)
        if endpoint.provider == "fal":
            urls = _run_fal(endpoint, arguments, base_url, api_key, sync=sync, timeout=timeout)
        else:
            urls = _run_magnific(endpoint, arguments, base_url, api_key, timeout=timeout)
        saved = _save(urls, out_dir, stem)
    except InvalidInputError as error:
        _report_invalid(error)
    except JobFailedError as error:
        _fail(str(error), 1)
    except (APIError, httpx.HTTPError) as error:
        _fail(str(error), 1)
    except IdeogramClientsError as error:
        _fail(str(error))
    except (ValueError, OSError) as error:
        _fail(str(error))
    for path in saved:
        print(path)


def _run_fal(
    endpoint: Endpoint[Any, Any],
    arguments: dict[str, Any],
    base_url: str | None,
    api_key: str | None,
    *,
    sync: bool,
    timeout: float | None,
) -> list[str]:
    run_url = f"{base_url.rstrip('/')}/fal-run" if base_url else None
    with FalClient(api_key, queue_url=base_url, run_url=run_url) as fal:
        if sync:
            with err.status(f"running {endpoint.id} on the sync host"):
                output = fal.run(endpoint, arguments)
        else:
            with err.status(f"submitting {endpoint.id}") as spinner:

                def show(status: Queued | InProgress | Completed) -> None:
                    if isinstance(status, Queued):
                        spinner.update(f"{endpoint.id}: in queue, position {status.queue_position}")
                    elif isinstance(status, InProgress):
                        spinner.update(f"{endpoint.id}: in progress")
                        for entry in status.logs or ():
                            err.print(f"  [dim]{entry.message}[/]", highlight=False)
                    else:
                        spinner.update(f"{endpoint.id}: completed, fetching the result")

                output = fal.subscribe(endpoint, arguments, on_update=show, timeout=timeout, logs=True)
    return [image.url for image in getattr(output, "images", [])]


def _run_magnific(
    endpoint: Endpoint[Any, Any],
    arguments: dict[str, Any],
    base_url: str | None,
    api_key: str | None,
    *,
    timeout: float | None,
) -> list[str]:
    with (
        MagnificClient(api_key, base_url=base_url) as magnific,
        err.status(f"creating a {endpoint.id} task") as spinner,
    ):

        def show(task: Any) -> None:
            spinner.update(f"{endpoint.id}: task {task.task_id} {task.status}")

        task = magnific.run(endpoint, arguments, timeout=timeout, on_update=show)
    return list(task.generated)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def emulator(ctx: typer.Context) -> None:
    """Start the local emulator (options as `python -m ideogram_clients.emulator --help`)."""
    try:
        from ideogram_clients.emulator.__main__ import main as emulator_main  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        _fail(f"the emulator needs its extra: pip install 'ideogram-clients[emulator]' ({exc.name} is missing)")
    raise typer.Exit(emulator_main(list(ctx.args)))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ideogram-clients`` script."""
    try:
        result = app(args=argv, prog_name="ideogram-clients", standalone_mode=False)
    except typer.Exit as exit_:
        return exit_.exit_code
    except typer.Abort:
        err.print("aborted")
        return 130
    except Exception as exc:  # usage errors and anything unexpected: one line, no traceback
        show = getattr(exc, "show", None)
        if callable(show) and isinstance(getattr(exc, "exit_code", None), int):  # click's UsageError & co
            show()
            return 2
        err.print(f"[bold red]error:[/] {type(exc).__name__}: {exc}", highlight=False)
        return 1
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
