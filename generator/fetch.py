"""``python -m generator fetch``: refresh fal's OpenAPI documents in ``upstream-docs/openapi/``.

One ``GET <base>/api/openapi/queue/openapi.json?endpoint_id=<id>`` per fal endpoint in ``specs/``
(PROTOCOLS.md, "fal's machine-readable schemas"; public models need no key). Each answer is
normalised (sorted keys, indent 2, trailing newline) so a git diff shows what changed, and written
only when its content changed, through a temporary file and an atomic rename, so a reader never
sees half a document. A network error, a non-200 or a body that is not the endpoint's OpenAPI
document prints one line for that endpoint and leaves its old file as it was.

Exit status: 0 every document fetched (changed or not), 1 at least one endpoint failed, 2 a spec
error.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import httpx

from generator.drift.openapi import document_name

__all__ = ["DEFAULT_BASE_URL", "Outcome", "fetch_all", "normalise", "run"]

DEFAULT_BASE_URL = "https://fal.ai"
ROUTE = "/api/openapi/queue/openapi.json"


@dataclass(frozen=True)
class Outcome:
    endpoint: str
    state: str  # "changed", "unchanged" or "failed"
    detail: str = ""

    @property
    def line(self) -> str:
        return f"{self.endpoint}: {self.state}" + (f" ({self.detail})" if self.detail else "")


def normalise(document: object) -> str:
    """The stored form: stable key order, so the same document is always the same bytes."""
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _problem(endpoint: str, response: httpx.Response) -> tuple[object, str | None]:
    """(document, None) when the answer is this endpoint's document, else (None, why not)."""
    if response.status_code != 200:
        return None, f"HTTP {response.status_code} from {response.request.url}"
    try:
        document = json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, f"not JSON: {exc}"
    try:
        said = document["info"]["x-fal-metadata"]["endpointId"]
        document["components"]["schemas"]
        document["paths"]
    except (KeyError, TypeError):
        return None, "not a fal OpenAPI document (no info.x-fal-metadata.endpointId, components or paths)"
    if said != endpoint:
        return None, f"the document is for {said!r}"
    return document, None


def fetch_one(client: httpx.Client, base_url: str, endpoint: str, folder: Path) -> Outcome:
    url = base_url.rstrip("/") + ROUTE
    try:
        response = client.get(url, params={"endpoint_id": endpoint})
    except httpx.HTTPError as exc:
        return Outcome(endpoint, "failed", f"{type(exc).__name__}: {exc or 'no detail'} ({url})")
    document, problem = _problem(endpoint, response)
    if problem is not None:
        return Outcome(endpoint, "failed", problem)
    path = folder / document_name(endpoint)
    text = normalise(document)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return Outcome(endpoint, "unchanged")
    _write_atomically(path, text)
    return Outcome(endpoint, "changed", str(path.name))


def fetch_all(
    endpoints: list[str],
    folder: Path,
    base_url: str = DEFAULT_BASE_URL,
    *,
    timeout: float = 30.0,
    client_factory: Callable[[], httpx.Client] | None = None,
) -> list[Outcome]:
    """Fetch every endpoint's document into ``folder``; one outcome per endpoint, in order."""
    client = client_factory() if client_factory else httpx.Client(timeout=timeout, follow_redirects=True)
    with client:
        return [fetch_one(client, base_url, endpoint, folder) for endpoint in endpoints]


def run(root: Path, base_url: str, *, timeout: float = 30.0, out: TextIO, err: TextIO) -> int:
    from generator.spec.errors import SpecError
    from generator.spec.loader import load_specs

    try:
        specs = load_specs(root)
    except SpecError as exc:
        print(f"error: {exc}", file=err)
        return 2
    endpoints = [spec.endpoint for spec in specs.endpoints if spec.provider == "fal"]
    outcomes = fetch_all(endpoints, root / "upstream-docs" / "openapi", base_url, timeout=timeout)
    for outcome in outcomes:
        print(outcome.line, file=err if outcome.state == "failed" else out)
    counts = {state: sum(o.state == state for o in outcomes) for state in ("changed", "unchanged", "failed")}
    print(
        f"fetch: {counts['changed']} changed, {counts['unchanged']} unchanged, {counts['failed']} failed "
        f"of {len(outcomes)} fal endpoints",
        file=out,
    )
    return 1 if counts["failed"] else 0
