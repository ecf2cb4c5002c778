"""The reference site: rendered from the specs, built with ``mkdocs build --strict``, every field listed."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.docs.site import page_name, render_site, write_site
from generator.spec.loader import load_specs
from generator.spec.model import SpecSet

ROOT = Path(__file__).resolve().parent.parent
SPECS: SpecSet = load_specs(ROOT)


class _Headings(HTMLParser):
    """``{id: text}`` of every h2/h3 heading in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3"):
            self._open = dict(attrs).get("id") or ""
            self.headings[self._open] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3"):
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.headings[self._open] += data


def headings(path: Path) -> dict[str, str]:
    parser = _Headings()
    parser.feed(path.read_text(encoding="utf-8"))
    return {key: text.replace("¶", "").strip() for key, text in parser.headings.items()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from a fresh render, with the project's mkdocs.yml and --strict."""
    tmp = tmp_path_factory.mktemp("docs")
    write_site(SPECS, tmp / "src")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"], config["site_dir"] = str(tmp / "src"), str(tmp / "site")
    config["plugins"][1]["mkdocstrings"]["handlers"]["python"]["paths"] = [str(ROOT / "generated" / "src")]
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(tmp / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""},
    )
    assert built.returncode == 0, built.stderr
    return tmp / "site"


@pytest.mark.parametrize("endpoint", [spec.endpoint for spec in SPECS.endpoints])
def test_endpoint_page_lists_every_field(site: Path, endpoint: str) -> None:
    spec = SPECS.endpoint(endpoint)
    found = headings(site / page_name(spec).removesuffix(".md") / "index.html")
    expected = {f"input-{f.name}".lower(): f.name for f in spec.input}
    expected |= {f"output-{f.name}".lower(): f.name for f in spec.output}
    assert {key: found.get(key) for key in expected} == expected
    assert {"example", "input-fields", "cross-field-rules", "output-fields", "errors"} <= found.keys()


def test_types_page_lists_every_field(site: Path) -> None:
    found = headings(site / "endpoints" / "types" / "index.html")
    for name, type_spec in SPECS.types.items():
        assert found.get(name.lower()) == name
        expected = {f"{name}-{f.name}".lower(): f.name for f in type_spec.fields}
        assert {key: found.get(key) for key in expected} == expected


def test_api_page_documents_the_clients(site: Path) -> None:
    html = (site / "api" / "index.html").read_text(encoding="utf-8")
    for name in ("FalClient", "AsyncFalClient", "MagnificClient", "InvalidInputError"):
        assert f'id="ideogram_clients.{name}"' in html


def test_page_facts_come_from_the_spec() -> None:
    page = render_site(SPECS)["endpoints/fal_ideogram_v3.md"]
    assert "one of `TURBO`, `BALANCED`, `QUALITY`" in page
    assert "range ≥ 1 and ≤ 8" in page
    assert "total size of all files at most 10 MB (10485760 bytes)" in page
    assert "`style_codes`, `style` cannot be used together" in page
    assert "> Doc: “num\\_images integerNumber of images to generate. Default value: 1”" in page
    assert "fal.v3.subscribe(" in page and "await fal.v3.subscribe(" in page


def test_render_is_deterministic() -> None:
    assert render_site(SPECS) == render_site(load_specs(ROOT))
