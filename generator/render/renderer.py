"""Render a :class:`SpecSet` into the files of the generated package.

Output is a ``{relative path: bytes}`` map, byte-identical for identical inputs: templates are
rendered with ``StrictUndefined``, spec values pass only through the ``py`` (``repr``) filter, Python
modules are formatted by ruff with fixed settings, JSON is dumped with fixed indentation, and the
static runtime is copied verbatim.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import jinja2

from generator.render import jsonschema
from generator.render.pytypes import literal
from generator.render.views import EndpointModuleView, RegistryView, TypesModuleView
from generator.spec.model import EndpointSpec, SpecSet

GENERATOR_DIR = Path(__file__).resolve().parent.parent
TEMPLATES = GENERATOR_DIR / "templates"
STATIC = GENERATOR_DIR / "static"
PACKAGE = "src/ideogram_clients"
LINE_LENGTH = 120

ERROR_NAMES = (
    "APIConnectionError", "APIError", "APIResponseValidationError", "APIStatusError", "APITimeoutError",
    "AuthenticationError", "BadRequestError", "ConflictError", "IdeogramClientsError", "InputErrorDetail",
    "InternalServerError", "InvalidInputError", "JobFailedError", "MissingAPIKeyError", "NotFoundError",
    "PermissionDeniedError", "RateLimitError", "UnprocessableEntityError", "WaitTimeoutError",
)  # fmt: skip


class RenderError(Exception):
    """Formatting or templating failed (a generator bug, never a spec mistake)."""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - output is Python; spec values go through the repr-based `py` filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["py"] = literal
    return env


class PackageView:
    """Context of the package ``__init__``."""

    def __init__(self, registry: RegistryView) -> None:
        self.model_names = registry.model_names
        self.error_names = ERROR_NAMES

    @property
    def public_names(self) -> list[str]:
        return sorted(
            {
                "ENDPOINTS",
                "Endpoint",
                "IgnoredItemsWarning",
                "ImageInput",
                "__version__",
                *self.error_names,
                *self.model_names,
            }
        )


def render(specs: SpecSet) -> dict[str, bytes]:
    """Every file of ``generated/``, keyed by its path relative to that folder."""
    env = _environment()
    python: dict[str, str] = {}
    registry = RegistryView(specs)
    for spec in specs.endpoints:
        python[f"{PACKAGE}/models/{spec.module}.py"] = env.get_template("model_module.py.jinja").render(
            view=EndpointModuleView(spec, specs)
        )
    python[f"{PACKAGE}/models/types.py"] = env.get_template("types_module.py.jinja").render(view=TypesModuleView(specs))
    python[f"{PACKAGE}/models/__init__.py"] = env.get_template("models_init.py.jinja").render(view=registry)
    python[f"{PACKAGE}/_endpoints.py"] = env.get_template("endpoints.py.jinja").render(view=registry)
    python[f"{PACKAGE}/__init__.py"] = env.get_template("package_init.py.jinja").render(view=PackageView(registry))

    files = {path: text.encode("utf-8") for path, text in format_python(python).items()}
    for spec in specs.endpoints:
        for which in ("input", "output"):
            schema = jsonschema.endpoint_schema(spec, which, specs.types)
            files[f"{PACKAGE}/schemas/{spec.module}.{which}.json"] = jsonschema.dumps(schema).encode("utf-8")
        files[f"{PACKAGE}/specs/{spec.module}.json"] = spec_json(spec, specs).encode("utf-8")
    files.update(static_files())
    return dict(sorted(files.items()))


def spec_json(spec: EndpointSpec, specs: SpecSet) -> str:
    """The checked spec, with the shared types it uses, as shipped for runtime readers."""
    from generator.render.pytypes import refs_of, type_closure

    used = sorted(type_closure(refs_of((*spec.input, *spec.output)), specs.types))
    data: dict[str, Any] = {"endpoint": asdict(spec), "types": {name: asdict(specs.types[name]) for name in used}}
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def static_files() -> dict[str, bytes]:
    """The hand-written runtime, copied byte for byte."""
    found: dict[str, bytes] = {}
    for path in sorted(STATIC.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc",):
            found[path.relative_to(STATIC).as_posix()] = path.read_bytes()
    return found


def format_python(sources: dict[str, str]) -> dict[str, str]:
    """Format every module with ruff in one call, with settings fixed here (not the user's config)."""
    with tempfile.TemporaryDirectory(prefix="ideogram-gen-") as tmp:
        root = Path(tmp)
        for relative, text in sources.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        settings = ["--isolated", "--no-cache", f"--line-length={LINE_LENGTH}", "--target-version=py311", "--quiet"]
        sort_imports = ["check", *settings, "--select=I", "--fix", "--exit-zero",
                        "--config=lint.isort.known-first-party=['ideogram_clients']", "."]  # fmt: skip
        for arguments in (sort_imports, ["format", *settings, "."]):
            result = subprocess.run(  # noqa: S603
                [sys.executable, "-m", "ruff", *arguments], cwd=root, capture_output=True, text=True, check=False
            )
            if result.returncode != 0:
                raise RenderError(f"ruff could not format the generated code:\n{result.stderr.strip()}")
        return {relative: (root / relative).read_text(encoding="utf-8") for relative in sources}
