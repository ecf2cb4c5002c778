"""Render the reference site's Markdown sources (``{relative path: text}``) from a :class:`SpecSet`."""

from __future__ import annotations

import inspect
from pathlib import Path

import jinja2

from generator.docs.examples import examples
from generator.docs.facts import field_facts, md, rule_text
from generator.spec.model import EndpointSpec, SpecSet

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Errors every call can raise, in the order a caller meets them (names from DESIGN.md section 4).
_CALL_ERRORS = ("InvalidInputError", "MissingAPIKeyError", "AuthenticationError", "UnprocessableEntityError",
                "RateLimitError", "InternalServerError", "APIStatusError", "APITimeoutError", "APIConnectionError",
                "APIResponseValidationError")  # fmt: skip
_JOB_ERRORS = ("JobFailedError", "WaitTimeoutError")


def _error_docs() -> dict[str, str]:
    """First docstring line of each error class, read from the package so the wording lives once."""
    import ideogram_clients

    names = (*_CALL_ERRORS, *_JOB_ERRORS)
    return {name: md((inspect.getdoc(getattr(ideogram_clients, name)) or "").splitlines()[0]) for name in names}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - output is Markdown; prose passes through facts.md
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page_name(spec: EndpointSpec) -> str:
    return f"endpoints/{spec.module}.md"


def _endpoint_page(env: jinja2.Environment, spec: EndpointSpec, errors: dict[str, str]) -> str:
    sync, asynchronous = examples(spec)
    return env.get_template("endpoint.md.jinja").render(
        spec=spec,
        summary=md(spec.summary),
        pages=[str(page) for page in spec.pages],
        curation=[md(note) for note in spec.curation],
        inputs=[field_facts(field, "input") for field in spec.input],
        outputs=[field_facts(field, "output") for field in spec.output],
        rules=[(rule_text(rule), [md(q) for q in rule.source], [md(n) for n in rule.curation]) for rule in spec.rules],
        sync_example=sync,
        async_example=asynchronous,
        errors=list(errors.items()),
    )


def render_site(specs: SpecSet) -> dict[str, str]:
    env = _environment()
    errors = _error_docs()
    files = {page_name(spec): _endpoint_page(env, spec, errors) for spec in specs.endpoints}
    types = [
        (
            name,
            md(type_spec.description),
            [field_facts(field, name) for field in type_spec.fields],
            [rule_text(rule) for rule in type_spec.rules],
        )
        for name, type_spec in sorted(specs.types.items())
    ]
    files["endpoints/types.md"] = env.get_template("types.md.jinja").render(types=types)
    files["index.md"] = env.get_template("index.md.jinja").render(
        endpoints=[(spec, page_name(spec), md(spec.summary)) for spec in specs.endpoints]
    )
    files["api.md"] = env.get_template("api.md.jinja").render()
    return files


def write_site(specs: SpecSet, out: Path) -> int:
    """Replace ``out`` with the rendered sources; returns the number of pages."""
    files = render_site(specs)
    for stale in sorted(out.rglob("*.md")) if out.exists() else []:
        if stale.relative_to(out).as_posix() not in files:
            stale.unlink()
    for path, text in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return len(files)
